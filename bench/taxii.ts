/**
 * `npm run bench -- taxii [--sizes 10000,100000,1000000] [--duration 30]`
 *
 * For each size: a fresh node (temporary data directory under .bench-tmp/,
 * `initNode`, an admin account, a reader account with an API key granted the
 * default collection), filled by importing a synthetic bundle into the default
 * collection, then served by `startServer` on 127.0.0.1, port 0, in a CHILD
 * process, so the load generator (this process) does not share its thread.
 * Over real HTTP on loopback it measures:
 *
 *   (a) a full paginated read with the project's TaxiiClient (limit 1000);
 *   (b) first-page latency, and the cost of a page deep in the collection;
 *   (c) Get An Object: p50/p99 over sequential requests for random ids;
 *   (d) Add Objects: envelopes of 1,000 fresh objects, until status complete;
 *   (e) autocannon, 50 connections, Get Objects limit=100 with Bearer auth.
 *
 * Floors in the same run: JSON.parse + JSON.stringify of the same page, and a
 * bare node:http server (another child) answering the same page bytes under
 * the same autocannon load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { formatApiKey, generateKeyId, generateSecret, hashSecret } from '../src/common/secrets.ts';
import { startServer } from '../src/server/main.ts';
import { DEFAULT_API_ROOT, initNode } from '../src/server/node.ts';
import { openNode } from '../src/store/data-dir.ts';
import { importBundle } from '../src/store/import-bundle.ts';
import { TaxiiClient, TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { freshObjects } from './taxii-objects.ts';
import { writeSyntheticBundle } from './synthetic-bundle.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const workDir = path.join(repoRoot, '.bench-tmp');
const ROOT = `/taxii2/${DEFAULT_API_ROOT}/`;
const CONNECTIONS = 50;
const READ_LIMIT = 1000;
const LOAD_LIMIT = 100;
const GET_ONE_REQUESTS = 2000;
const POST_ENVELOPES = 20;
const POST_ENVELOPE_SIZE = 1000;
const LATENCY_SAMPLES = 30;

/** What a server child reports once it listens. */
interface ServerInfo {
  url: string;
  collectionId: string;
  adminName: string;
  adminSecret: string;
  readerKey: string;
  imported: number;
  importSeconds: number;
}

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

interface SizeResult {
  size: number;
  imported: number;
  importSeconds: number;
  fullRead: { objects: number; pages: number; seconds: number; pageMs: Stats };
  firstPage100: Stats;
  firstPage1000: Stats;
  deepPage1000: Stats;
  getOne: Stats & { requests: number };
  post: { objects: number; seconds: number; envelopeMs: Stats };
  load: LoadResult;
  /** One page of limit=100 as the server sent it, for the floors. */
  pageBody: string;
  /** One page of limit=1000, for the JSON floor of the full read. */
  bigPageBody: string;
}

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export async function main(args: string[]): Promise<void> {
  if (args[0] === '--server-child') return serverChild(JSON.parse(args[1]!) as { dataDir: string; bundle: string });
  if (args[0] === '--floor-child') return floorChild(args[1]!);

  const sizes = option(args, '--sizes', '10000,100000,1000000').split(',').map(Number);
  const duration = Number(option(args, '--duration', '30'));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1000) || !(duration > 0 && duration <= 600)) {
    console.error('usage: npm run bench -- taxii [--sizes 10000,100000,1000000] [--duration 30]  (sizes ≥ 1000, duration 1–600 s)');
    process.exitCode = 64;
    return;
  }
  mkdirSync(workDir, { recursive: true });

  const results: SizeResult[] = [];
  for (const size of sizes) {
    const file = path.join(workDir, `synthetic-${size}.json`);
    if (!existsSync(file)) {
      console.error(`writing ${path.basename(file)}…`);
      await writeSyntheticBundle(file, size);
    }
    const dataDir = mkdtempSync(path.join(workDir, 'taxii-node-'));
    try {
      console.error(`${size.toLocaleString('en-GB')} objects: importing and starting the server…`);
      const { child, info } = await spawnChild<ServerInfo>(['--server-child', JSON.stringify({ dataDir, bundle: file })]);
      try {
        results.push(await measure(size, info, duration));
      } finally {
        await stopChild(child);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  // Floors: the same page bytes, parsed and serialised in memory, and served by bare node:http under the same load.
  const reference = results.at(-1)!;
  const jsonFloor = jsonRoundTrip(reference.bigPageBody);
  const floorFile = path.join(workDir, `taxii-floor-page-${process.pid}.json`);
  writeFileSync(floorFile, reference.pageBody);
  let httpFloor: LoadResult;
  try {
    console.error(`floor: bare node:http serving the same ${reference.pageBody.length}-byte page, ${duration} s…`);
    const { child, info } = await spawnChild<{ url: string }>(['--floor-child', floorFile]);
    try {
      httpFloor = await load(`${info.url}/`, {}, duration);
    } finally {
      await stopChild(child);
    }
  } finally {
    rmSync(floorFile, { force: true });
  }

  report(args, results, jsonFloor, httpFloor, duration);
}

/** The measurements of one size, against a running server child. */
async function measure(size: number, info: ServerInfo, duration: number): Promise<SizeResult> {
  const reader = new TaxiiClient({ url: info.url, retries: 0, credentials: { scheme: 'bearer', token: info.readerKey } });
  const admin = new TaxiiClient({ url: info.url, retries: 0, credentials: { scheme: 'basic', username: info.adminName, password: info.adminSecret } });
  const collection = info.collectionId;

  // Warm-up: credentials checked once (scrypt), connections open, statements prepared.
  for (let i = 0; i < 20; i++) await reader.getObjects(ROOT, collection, { limit: LOAD_LIMIT });
  await admin.discovery();

  console.error('  (b) first page…');
  const firstPage100 = await sampleMs(LATENCY_SAMPLES, () => reader.getObjects(ROOT, collection, { limit: LOAD_LIMIT }));
  const firstPage1000 = await sampleMs(LATENCY_SAMPLES, () => reader.getObjects(ROOT, collection, { limit: READ_LIMIT }));

  console.error('  (a) full paginated read…');
  const sample: string[] = [];
  const pageMs: number[] = [];
  let objects = 0;
  let pages = 0;
  let deepNext: string | undefined;
  const deepAt = Math.floor(info.imported * 0.9);
  const started = performance.now();
  let pageStarted = started;
  for await (const page of reader.objectPages(ROOT, collection, { limit: READ_LIMIT })) {
    const now = performance.now();
    pageMs.push(now - pageStarted);
    pages++;
    for (const object of page.resource.objects ?? []) {
      objects++;
      // Reservoir sample of ids for (c).
      if (sample.length < GET_ONE_REQUESTS) sample.push(object.id);
      else if (Math.random() < GET_ONE_REQUESTS / objects) sample[Math.floor(Math.random() * GET_ONE_REQUESTS)] = object.id;
    }
    // The last `next` at or before 90% of the collection (the first one on a small collection).
    if (page.resource.next !== undefined && (deepNext === undefined || objects <= deepAt)) deepNext = page.resource.next;
    pageStarted = performance.now();
  }
  const seconds = (performance.now() - started) / 1000;
  if (objects !== info.imported) throw new Error(`the full read returned ${objects} objects; the collection holds ${info.imported}`);
  if (deepNext === undefined) throw new Error('the full read had a single page: no next token (sizes must exceed ' + READ_LIMIT + ')');

  const deepPage1000 = await sampleMs(LATENCY_SAMPLES, () => reader.getObjects(ROOT, collection, { limit: READ_LIMIT, next: deepNext }));
  const pageBody = JSON.stringify((await reader.getObjects(ROOT, collection, { limit: LOAD_LIMIT })).resource);
  const bigPageBody = JSON.stringify((await reader.getObjects(ROOT, collection, { limit: READ_LIMIT })).resource);

  console.error('  (c) Get An Object…');
  const getOneMs: number[] = [];
  for (let i = 0; i < GET_ONE_REQUESTS; i++) {
    const id = sample[Math.floor(Math.random() * sample.length)]!;
    const t0 = performance.now();
    const page = await reader.getObject(ROOT, collection, id);
    getOneMs.push(performance.now() - t0);
    if (page.resource.objects?.[0]?.id !== id) throw new Error(`Get An Object ${id} did not return it`);
  }

  console.error('  (d) Add Objects…');
  const envelopes = Array.from({ length: POST_ENVELOPES }, (_, i) => JSON.stringify({ objects: freshObjects(POST_ENVELOPE_SIZE, size + i) }));
  const envelopeMs: number[] = [];
  let posted = 0;
  const postStarted = performance.now();
  for (const envelope of envelopes) {
    const t0 = performance.now();
    const status = await admin.addObjectsAndWait(ROOT, collection, envelope, { pollIntervalMs: 10, timeoutMs: 60_000 });
    envelopeMs.push(performance.now() - t0);
    if (status.success_count !== POST_ENVELOPE_SIZE || status.failure_count !== 0) {
      throw new Error(`an envelope of ${POST_ENVELOPE_SIZE} landed ${status.success_count}, failed ${status.failure_count}: ${JSON.stringify(status.failures?.slice(0, 3))}`);
    }
    posted += status.success_count;
  }
  const postSeconds = (performance.now() - postStarted) / 1000;

  console.error(`  (e) autocannon, ${CONNECTIONS} connections, ${duration} s…`);
  const loadResult = await load(
    `${info.url}${ROOT}collections/${collection}/objects/?limit=${LOAD_LIMIT}`,
    { authorization: `Bearer ${info.readerKey}`, accept: TAXII_MEDIA_TYPE },
    duration,
  );

  return {
    size,
    imported: info.imported,
    importSeconds: info.importSeconds,
    fullRead: { objects, pages, seconds, pageMs: stats(pageMs) },
    firstPage100,
    firstPage1000,
    deepPage1000,
    getOne: { ...stats(getOneMs), requests: GET_ONE_REQUESTS },
    post: { objects: posted, seconds: postSeconds, envelopeMs: stats(envelopeMs) },
    load: loadResult,
    pageBody,
    bigPageBody,
  };
}

async function load(url: string, headers: Record<string, string>, duration: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers, method: 'GET' });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Milliseconds per JSON.parse + JSON.stringify of a page, best of several rounds. */
function jsonRoundTrip(body: string): { ms: number; objects: number } {
  const objects = (JSON.parse(body) as { objects?: unknown[] }).objects?.length ?? 0;
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const iterations = 50;
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) JSON.stringify(JSON.parse(body));
    best = Math.min(best, (performance.now() - t0) / iterations);
  }
  return { ms: best, objects };
}

async function sampleMs(count: number, run: () => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length, max: sorted.at(-1) ?? NaN };
}

// ---- children -------------------------------------------------------------

const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

/** Spawns `bench/run.ts taxii ARGS` and waits for its first stdout line (JSON). */
async function spawnChild<T>(args: string[]): Promise<{ child: ChildProcess; info: T }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'run.ts'), 'taxii', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  liveChildren.add(child);
  child.on('exit', () => liveChildren.delete(child));
  try {
    const info = await new Promise<T>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => {
        try {
          resolve(JSON.parse(line) as T);
        } catch (error) {
          reject(new Error(`the child said ${line.slice(0, 200)}`, { cause: error }));
        }
      });
      child.once('exit', (code, signal) => reject(new Error(`the child exited (${code ?? signal}) before it was ready`)));
      child.once('error', reject);
    });
    return { child, info };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Closes the child's stdin (it stops when stdin ends), then SIGTERM, then SIGKILL after 10 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Stops `close` when the parent closes our stdin (or dies), as well as on SIGTERM/SIGINT. */
function onParentGone(close: () => unknown): void {
  process.stdin.on('end', () => void close());
  process.stdin.on('error', () => void close());
  process.stdin.resume();
}

async function serverChild(spec: { dataDir: string; bundle: string }): Promise<void> {
  const node = await openNode(spec.dataDir);
  let info: Omit<ServerInfo, 'url'>;
  try {
    const { collection } = await initNode(node.store, node.local);
    const adminName = 'bench-admin';
    const adminSecret = generateSecret();
    node.local.createAccount({ name: adminName, role: 'admin', kind: 'person', secretHash: await hashSecret(adminSecret) });
    const reader = node.local.createAccount({ name: 'bench-reader', role: 'reader', kind: 'system', secretHash: await hashSecret(generateSecret()) });
    const keyId = generateKeyId();
    const keySecret = generateSecret();
    node.local.createApiKey({ keyId, accountId: reader.id, hash: await hashSecret(keySecret), label: 'bench' });
    node.local.putGrant({ collectionId: collection.id, apiRoot: DEFAULT_API_ROOT, readRoles: ['reader'], writeRoles: [] });
    const started = performance.now();
    const summary = await importBundle(node.store, createReadStream(spec.bundle, { highWaterMark: 1 << 20 }), { collections: [collection.id] });
    const importSeconds = (performance.now() - started) / 1000;
    if (summary.failure) throw new Error(summary.failure.message);
    if (summary.rejected > 0) throw new Error(`${summary.rejected} objects rejected`);
    info = { collectionId: collection.id, adminName, adminSecret, readerKey: formatApiKey(keyId, keySecret), imported: summary.stored, importSeconds };
  } finally {
    await node.close();
  }
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir: spec.dataDir, logLevel: 'silent', handleSignals: true });
  onParentGone(() => server.close());
  process.stdout.write(`${JSON.stringify({ ...info, url: server.url })}\n`);
  await server.closed;
  process.exit(0);
}

async function floorChild(bodyFile: string): Promise<void> {
  const body = readFileSync(bodyFile);
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': TAXII_MEDIA_TYPE, 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  onParentGone(close);
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
}

// ---- report ---------------------------------------------------------------

function report(args: string[], results: SizeResult[], jsonFloor: { ms: number; objects: number }, httpFloor: LoadResult, duration: number): void {
  const say = (line = '') => console.log(line);
  const cpus = os.cpus();
  say('```markdown');
  say(`Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  say(`Date: ${new Date().toISOString().slice(0, 10)}; command: npm run bench -- taxii${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
  say('Server: `startServer` in a child process on 127.0.0.1 (SQLite store, logs off); client and load generator in the parent, over loopback HTTP.');
  say('');
  say(`Reads (TaxiiClient, Bearer API key of a reader account; latencies are p50 of ${LATENCY_SAMPLES} sequential requests, full-read pages are limit=${READ_LIMIT}):`);
  say('');
  say(`| objects | import (objects/s) | full read | full read objects/s | ms/page in full read (p50 · p99) | first page limit=${LOAD_LIMIT} | first page limit=${READ_LIMIT} | page at 90% limit=${READ_LIMIT} | Get An Object p50 · p99 (${GET_ONE_REQUESTS} random ids) |`);
  say('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    say(`| ${count(r.size)} | ${count(r.imported / r.importSeconds)} | ${secs(r.fullRead.seconds)} (${r.fullRead.pages} pages) | ${count(r.fullRead.objects / r.fullRead.seconds)} | ${ms(r.fullRead.pageMs.p50)} · ${ms(r.fullRead.pageMs.p99)} | ${ms(r.firstPage100.p50)} | ${ms(r.firstPage1000.p50)} | ${ms(r.deepPage1000.p50)} | ${ms(r.getOne.p50)} · ${ms(r.getOne.p99)} |`);
  }
  say('');
  say(`Writes and load (Add Objects: ${POST_ENVELOPES} envelopes of ${POST_ENVELOPE_SIZE} fresh objects, sequential, HTTP Basic admin, each until its status is complete; autocannon: ${CONNECTIONS} connections, ${duration} s, Get Objects limit=${LOAD_LIMIT}, Bearer):`);
  say('');
  say('| objects | Add Objects objects/s | ms per envelope (p50 · max) | autocannon req/s | p50 · p99 latency | requests | errors · timeouts · non-2xx | req/s vs bare node:http floor |');
  say('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const l = r.load;
    say(`| ${count(r.size)} | ${count(r.post.objects / r.post.seconds)} | ${ms(r.post.envelopeMs.p50)} · ${ms(r.post.envelopeMs.max)} | ${count(l.requestsPerSecond)} | ${l.p50} · ${l.p99} ms | ${count(l.requests)} | ${l.errors} · ${l.timeouts} · ${l.non2xx} | ${pct(l.requestsPerSecond / httpFloor.requestsPerSecond)} |`);
  }
  say('');
  const reference = results.at(-1)!;
  say(`Floors (same run): JSON.parse + JSON.stringify of a ${jsonFloor.objects}-object page: ${ms(jsonFloor.ms)} (${count(jsonFloor.objects / (jsonFloor.ms / 1000))} objects/s; the full read at ${count(reference.size)} runs at ${pct(reference.fullRead.objects / reference.fullRead.seconds / (jsonFloor.objects / (jsonFloor.ms / 1000)))} of it). ` +
    `Bare node:http answering the same ${count(reference.pageBody.length)}-byte limit=${LOAD_LIMIT} page under the same autocannon load: ${count(httpFloor.requestsPerSecond)} req/s, p99 ${httpFloor.p99} ms, errors ${httpFloor.errors}, non-2xx ${httpFloor.non2xx}.`);
  say('');
  const at100k = results.find((r) => r.size === 100_000);
  if (at100k) {
    const met = (ok: boolean) => (ok ? 'met' : '**not met**');
    const read = at100k.fullRead.objects / at100k.fullRead.seconds;
    const post = at100k.post.objects / at100k.post.seconds;
    const errors = at100k.load.errors + at100k.load.timeouts + at100k.load.non2xx;
    say(`Targets at 100,000 objects: full read ${count(read)} objects/s (≥ 30,000: ${met(read >= 30_000)}); Get An Object p99 ${ms(at100k.getOne.p99)} (≤ 10 ms: ${met(at100k.getOne.p99 <= 10)}); ` +
      `Add Objects ${count(post)} objects/s (≥ 10,000: ${met(post >= 10_000)}); ${CONNECTIONS} clients × ${duration} s: ${errors} errors/non-2xx (zero: ${met(errors === 0)}).`);
  }
  if (results.length > 1) {
    const first = results[0]!;
    const last = results.at(-1)!;
    say(`Cost per page from ${count(first.size)} to ${count(last.size)} objects: first page limit=${LOAD_LIMIT} ${ms(first.firstPage100.p50)} → ${ms(last.firstPage100.p50)}; ` +
      `page at 90% limit=${READ_LIMIT} ${ms(first.deepPage1000.p50)} → ${ms(last.deepPage1000.p50)}; full-read page p50 ${ms(first.fullRead.pageMs.p50)} → ${ms(last.fullRead.pageMs.p50)}.`);
  }
  say('```');
}

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1] ?? fallback;
}

const count = (n: number) => Math.round(n).toLocaleString('en-GB');
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const secs = (s: number) => (s < 10 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(1)} s`);
const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
