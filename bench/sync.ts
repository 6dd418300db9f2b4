/**
 * `npm run bench -- sync [--objects 100000] [--samples 50]` (issue 5, Performance)
 *
 * Nodes in fresh data directories under .bench-tmp/, UK and AU, set up as
 * partners both ways with the CLI in-process (AU's init, user add, grant,
 * identity show, partner add, agreement set outbound and inbound:
 * CLEAR/GREEN/AMBER, all types), as test/federation-sync.test.ts does. UK's default collection is
 * filled by importing the synthetic bundle (bench/synthetic-bundle.ts: TLP 1.0
 * GREEN/AMBER and unmarked SCOs, which take the default TLP:AMBER — every one
 * may go to AU). AU runs as a real `accord serve` child process; this process
 * runs the UK side in-process:
 *
 *   (a) replication: `pushTo(nodeSync(uk), 'au')` timed until done, then AU's
 *       store is read: it must hold exactly the versions the push sent;
 *   (b) latency: SAMPLES times, one new object ingested at UK, one push, then
 *       TAXII Get An Object at AU (as a reader account of AU's) until it is there;
 *   (c) pull: a third node made like AU pulls everything from UK, now served
 *       by `accord serve` too; its store must then hold UK's collection.
 *
 * Floors in the same run: the same bundle imported directly (no HTTP, no policy,
 * no signatures) into a fresh store, and into a store closed and re-opened after
 * `initNode`, as AU's is. UK is initialised and filled in one opening (set-up only).
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { processContext, type CliContext } from '../src/cli/context.ts';
import { runCli } from '../src/cli/main.ts';
import { nodeSync } from '../src/cli/commands/sync.ts';
import { pullFrom, pushTo } from '../src/federation/sync/sync.ts';
import { initNode } from '../src/server/node.ts';
import { TLP2_GREEN } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openNode } from '../src/store/data-dir.ts';
import { importBundle } from '../src/store/import-bundle.ts';
import type { Store } from '../src/store/store.ts';
import { TaxiiClient } from '../src/taxii/index.ts';
import { spawnServe, type ServeProcess } from '../test/support/serve-process.ts';
import { writeSyntheticBundle } from './synthetic-bundle.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const workDir = path.join(repoRoot, '.bench-tmp');
const API_ROOT = '/taxii2/accord/';
const POLL_MS = 5;

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export async function main(args: string[]): Promise<void> {
  const objects = Number(option(args, '--objects', '100000'));
  const samples = Number(option(args, '--samples', '50'));
  if (!Number.isInteger(objects) || objects < 100 || !Number.isInteger(samples) || samples < 1) {
    console.error('usage: npm run bench -- sync [--objects 100000] [--samples 50]  (objects ≥ 100)');
    process.exitCode = 64;
    return;
  }
  mkdirSync(workDir, { recursive: true });
  const bundle = path.join(workDir, `synthetic-${objects}.json`);
  if (!existsSync(bundle)) {
    console.error(`writing ${path.basename(bundle)}…`);
    await writeSyntheticBundle(bundle, objects);
  }
  const base = mkdtempSync(path.join(workDir, 'sync-'));
  const dirs = { uk: path.join(base, 'uk'), au: path.join(base, 'au'), aupull: path.join(base, 'aupull'), floor: path.join(base, 'floor'), reopened: path.join(base, 'reopened') };
  let auServer: ServeProcess | undefined;
  let ukServer: ServeProcess | undefined;
  try {
    // ---- set-up: both nodes, partner accounts, grants -------------------------------
    const collection = { uk: '', au: '' };
    const secret: Record<string, string> = {};
    // UK is initialised and filled in one opening of its store: a store re-opened after `init`
    // ingests far more slowly (see the second floor), and UK's import is only the set-up here.
    console.error(`initialising UK and importing ${count(objects)} objects…`);
    {
      const node = await openNode(dirs.uk);
      try {
        node.local.putSettings({ title: 'UK' });
        collection.uk = (await initNode(node.store, node.local)).collection.id;
        const summary = await importBundle(node.store, createReadStream(bundle, { highWaterMark: 1 << 20 }), { collections: [collection.uk] });
        if (summary.failure || summary.rejected > 0) throw new Error(`UK import: ${summary.failure?.message ?? `${summary.rejected} rejected`}`);
      } finally {
        await node.close();
      }
    }
    // AU as an operator makes it: `accord init`, then accounts, then `accord serve`.
    collection.au = (JSON.parse(await cli('--data', dirs.au, 'init', '--title', 'AU', '--json')) as { collection: { id: string } }).collection.id;
    // A second AU-like node, "aupull", made the same way, that pulls from a served UK.
    await cli('--data', dirs.aupull, 'init', '--title', 'AU (pull)', '--json');
    secret['aupull-node@uk'] = (JSON.parse(await cli('--data', dirs.uk, 'user', 'add', 'aupull-node', '--role', 'partner', '--kind', 'system', '--json')) as { secret: string }).secret;
    secret['uk-node@aupull'] = (JSON.parse(await cli('--data', dirs.aupull, 'user', 'add', 'uk-node', '--role', 'partner', '--kind', 'system', '--json')) as { secret: string }).secret;
    for (const [name, peer] of [['uk', 'au'], ['au', 'uk']] as const) {
      const dir = dirs[name];
      secret[`${peer}-node@${name}`] = (JSON.parse(await cli('--data', dir, 'user', 'add', `${peer}-node`, '--role', 'partner', '--kind', 'system', '--json')) as { secret: string }).secret;
      // AU's own reader: the latency probe reads as a local account (a partner never sees back what it sent).
      if (name === 'au') secret.reader = (JSON.parse(await cli('--data', dir, 'user', 'add', 'bench-reader', '--role', 'reader', '--kind', 'system', '--json')) as { secret: string }).secret;
      const node = await openNode(dir);
      node.local.putGrant({ ...node.local.grant(collection[name])!, readRoles: ['partner', 'reader'], writeRoles: ['partner'] });
      await node.close();
    }

    // ---- AU served; partners and agreements both ways ------------------------------
    const served = await serveNode(dirs.au);
    auServer = served;
    const identity = async (dir: string) => JSON.parse(await cli('--data', dir, 'identity', 'show', '--json')) as { id: string; publicKey: string };
    const ids = { uk: await identity(dirs.uk), au: await identity(dirs.au), aupull: await identity(dirs.aupull) };
    const ukServed = await serveNode(dirs.uk);
    ukServer = ukServed;
    // aupull is never called (it only pulls): its URL is a placeholder on the discard port.
    for (const [name, peer, url] of [['uk', 'aupull', `http://127.0.0.1:9${API_ROOT}`], ['aupull', 'uk', `${ukServed.url}${API_ROOT}`]] as const) {
      await cli('--data', dirs[name], 'partner', 'add', peer, '--url', url, '--identity', ids[peer].id, '--public-key', ids[peer].publicKey,
        '--account', `${peer}-node`, '--credentials', `${name}-node:${secret[`${name}-node@${peer}`]}`);
      for (const direction of ['outbound', 'inbound']) await cli('--data', dirs[name], 'agreement', 'set', peer, '--direction', direction, '--tlp', 'clear,green,amber');
    }
    const urls = { au: `${served.url}${API_ROOT}`, uk: `${ukServed.url}${API_ROOT}` };
    for (const [name, peer] of [['uk', 'au'], ['au', 'uk']] as const) {
      await cli('--data', dirs[name], 'partner', 'add', peer, '--url', urls[peer], '--identity', ids[peer].id, '--public-key', ids[peer].publicKey,
        '--account', `${peer}-node`, '--credentials', `${name}-node:${secret[`${name}-node@${peer}`]}`);
      for (const direction of ['outbound', 'inbound']) await cli('--data', dirs[name], 'agreement', 'set', peer, '--direction', direction, '--tlp', 'clear,green,amber');
    }

    const uk = await openNode(dirs.uk);
    const au = await openNode(dirs.au);
    try {
      const ukVersions = await collectionVersions(uk.store, collection.uk);
      const auBefore = await collectionVersions(au.store, collection.au);

      // ---- (a) replication ---------------------------------------------------------
      console.error(`(a) push UK → AU of ${count(ukVersions)} versions…`);
      const sync = nodeSync(uk);
      const started = performance.now();
      const report = await pushTo(sync, 'au');
      const pushSeconds = (performance.now() - started) / 1000;
      if (report.errors.length > 0) throw new Error(`push: ${report.errors.map((error) => error.message).join('; ')}`);
      const landed = await collectionVersions(au.store, collection.au) - auBefore;
      const converged = landed === report.objects && report.refused === 0 && report.objects + report.withheld === ukVersions;
      if (!converged) throw new Error(`AU holds ${landed} new versions; the push sent ${report.objects} (accepted ${report.accepted}, refused ${report.refused}, withheld ${report.withheld}) of UK's ${ukVersions}`);

      // ---- (b) latency ---------------------------------------------------------------
      console.error(`(b) latency, ${samples} samples…`);
      const reader = new TaxiiClient({ url: served.url, retries: 0, credentials: { scheme: 'basic', username: 'bench-reader', password: secret.reader! } });
      await reader.getObjects(API_ROOT, collection.au, { limit: 1 }); // warm-up: the credential check, connections
      const latency: number[] = [];
      const pushPart: number[] = [];
      const polls: number[] = [];
      for (let i = 0; i < samples; i++) {
        const object = freshObject(i);
        const t0 = performance.now();
        await uk.store.ingest([object], { collections: [collection.uk] });
        const one = await pushTo(sync, 'au');
        if (one.errors.length > 0 || one.accepted !== 1) throw new Error(`latency push ${i}: ${JSON.stringify(one)}`);
        pushPart.push(performance.now() - t0);
        let tries = 0;
        for (;;) {
          tries++;
          const page = await reader.getObject(API_ROOT, collection.au, object.id).catch((error: { httpStatus?: number }) => {
            if (error.httpStatus === 404) return undefined;
            throw error;
          });
          if (page?.resource.objects?.[0]?.id === object.id) break;
          if (performance.now() - t0 > 30_000) throw new Error(`${object.id} not at AU after 30 s`);
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
        latency.push(performance.now() - t0);
        polls.push(tries);
      }

      // ---- (c) pull: aupull ← UK (served) ------------------------------------------------
      const ukNow = await collectionVersions(uk.store, collection.uk);
      console.error(`(c) pull aupull ← UK of ${count(ukNow)} versions…`);
      const aupull = await openNode(dirs.aupull);
      let pull: { report: Awaited<ReturnType<typeof pullFrom>>; seconds: number; landed: number };
      try {
        const pullCollection = (await aupull.store.listCollections())[0]!.id;
        const before = await collectionVersions(aupull.store, pullCollection);
        const t0 = performance.now();
        const pulled = await pullFrom(nodeSync(aupull), 'uk');
        const seconds = (performance.now() - t0) / 1000;
        if (pulled.errors.length > 0) throw new Error(`pull: ${pulled.errors.map((error) => error.message).join('; ')}`);
        const landed = await collectionVersions(aupull.store, pullCollection) - before;
        if (landed !== ukNow || pulled.refused !== 0) throw new Error(`aupull holds ${landed} new versions; UK's collection holds ${ukNow} (pull: ${JSON.stringify(pulled)})`);
        pull = { report: pulled, seconds, landed };
      } finally {
        await aupull.close();
      }

      // ---- floors ------------------------------------------------------------------
      console.error('floors: the same bundle imported directly into a fresh store, and into a store re-opened after init…');
      const floor = await directImport(dirs.floor, bundle, false);
      const reopened = await directImport(dirs.reopened, bundle, true);

      printReport(args, objects, { report, pushSeconds, landed, ukVersions }, { latency: stats(latency), push: stats(pushPart), polls: Math.max(...polls), samples }, floor, reopened, pull);
    } finally {
      await uk.close();
      await au.close();
    }
  } finally {
    await auServer?.close();
    await ukServer?.close();
    rmSync(base, { recursive: true, force: true });
  }
}

/**
 * Imports the bundle into a new node's default collection: in the same opening as `initNode`,
 * or (`reopen`) after closing and re-opening the store, as `accord init` then `accord serve` do.
 */
async function directImport(dir: string, bundle: string, reopen: boolean): Promise<{ seconds: number; stored: number }> {
  let node = await openNode(dir);
  try {
    const collectionId = (await initNode(node.store, node.local)).collection.id;
    if (reopen) {
      await node.close();
      node = await openNode(dir);
    }
    const t0 = performance.now();
    const summary = await importBundle(node.store, createReadStream(bundle, { highWaterMark: 1 << 20 }), { collections: [collectionId] });
    return { seconds: (performance.now() - t0) / 1000, stored: summary.stored };
  } finally {
    await node.close();
  }
}

/** How many object versions a collection holds, read page by page. */
async function collectionVersions(store: Store, collectionId: string): Promise<number> {
  let total = 0;
  let next: string | undefined;
  for (;;) {
    const page = await store.query({ collection: collectionId, versions: ['all'] }, { limit: 10_000, ...(next !== undefined && { next }) });
    total += page.items.length;
    if (!page.more || page.next === undefined) return total;
    next = page.next;
  }
}

/** A new TLP:GREEN indicator, unique per run and sample. */
function freshObject(i: number): StixObject {
  const now = new Date().toISOString();
  const hex = (process.pid * 1000 + i).toString(16).padStart(12, '0').slice(-12);
  return {
    type: 'indicator', spec_version: '2.1', id: `indicator--7a7a7a7a-0000-4000-8000-${hex}`, created: now, modified: now,
    name: `latency probe ${i}`, pattern: `[ipv4-addr:value = '192.0.2.${i % 250}']`, pattern_type: 'stix', valid_from: now,
    object_marking_refs: [TLP2_GREEN.id],
  };
}

// ---- CLI and child process ----------------------------------------------------------

/** Runs `accord ARGV` in-process; throws unless it exits 0; resolves to its stdout. */
async function cli(...argv: string[]): Promise<string> {
  const out = collector();
  const err = collector();
  const context: CliContext = { ...processContext(), stdout: out.stream, stderr: err.stream };
  const code = await runCli(argv, context);
  if (code !== 0) throw new Error(`accord ${argv.filter((arg) => !arg.includes(':')).join(' ')} exited ${code}: ${err.text()}`);
  return out.text();
}

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const liveServers = new Set<ServeProcess>();
process.on('exit', () => {
  for (const server of liveServers) server.stop();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

/** `accord serve` as test/support starts it, killed if the bench exits early. */
async function serveNode(dataDir: string): Promise<ServeProcess> {
  const served = await spawnServe(dataDir);
  liveServers.add(served);
  void served.exited.then(() => liveServers.delete(served));
  return served;
}

// ---- report ----------------------------------------------------------------------------

function printReport(
  args: string[],
  objects: number,
  push: { report: Awaited<ReturnType<typeof pushTo>>; pushSeconds: number; landed: number; ukVersions: number },
  latency: { latency: Stats; push: Stats; polls: number; samples: number },
  floor: { seconds: number; stored: number },
  reopened: { seconds: number; stored: number },
  pull: { report: Awaited<ReturnType<typeof pullFrom>>; seconds: number; landed: number },
): void {
  const say = (line = '') => console.log(line);
  const cpus = os.cpus();
  const rate = push.report.objects / push.pushSeconds;
  const floorRate = floor.stored / floor.seconds;
  const met = (ok: boolean) => (ok ? 'met' : '**NOT met**');
  say('```markdown');
  say(`Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  say(`Date: ${new Date().toISOString().slice(0, 10)}; command: npm run bench -- sync${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
  say('UK in-process (`pushTo(nodeSync(uk), \'au\')`, SQLite store), AU a real `accord serve` child process on 127.0.0.1; signed envelopes of 1,000, each until its status is complete.');
  say('');
  say('| what | figure |');
  say('|---|---:|');
  say(`| synthetic objects imported at UK (UK's default collection holds ${count(push.ukVersions)} versions) | ${count(objects)} |`);
  say(`| push UK → AU: versions sent · withheld by policy · refused by AU | ${count(push.report.objects)} · ${count(push.report.withheld)} · ${count(push.report.refused)} |`);
  say(`| new versions in AU's store after the push (must equal sent; the bench checks it) | ${count(push.landed)} |`);
  say(`| time to converge (one push, ${push.report.batches} envelopes) | ${secs(push.pushSeconds)} |`);
  say(`| push throughput | ${count(rate)} objects/s |`);
  say(`| pull aupull ← UK (UK served; aupull made like AU): versions fetched · new in aupull's store · time | ${count(pull.report.objects)} · ${count(pull.landed)} · ${secs(pull.seconds)} |`);
  say(`| pull throughput | ${count(pull.landed / pull.seconds)} objects/s |`);
  say(`| floor: the same bundle imported directly into a fresh store | ${count(floorRate)} objects/s (${secs(floor.seconds)}); the push runs at ${pct(rate / floorRate)} of it |`);
  say(`| the same import into a store closed and re-opened after \`initNode\` (as AU's, \`accord init\` then \`accord serve\`) | ${count(reopened.stored / reopened.seconds)} objects/s (${secs(reopened.seconds)}); the push runs at ${pct(rate / (reopened.stored / reopened.seconds))} of it |`);
  say(`| new object visible at AU over TAXII (ingest at UK → push → Get An Object at AU, polled every ${POLL_MS} ms; at most ${latency.polls} GET per sample), ${latency.samples} samples: p50 · p99 · max | ${ms(latency.latency.p50)} · ${ms(latency.latency.p99)} · ${ms(latency.latency.max)} |`);
  say(`| of which ingest + push until AU's status is complete: p50 · p99 | ${ms(latency.push.p50)} · ${ms(latency.push.p99)} |`);
  say('');
  say(`Targets: replication ${count(rate)} objects/s (≥ 5,000: ${met(rate >= 5000)}); push-on-demand latency p99 ${ms(latency.latency.p99)} (≤ 2 s: ${met(latency.latency.p99 <= 2000)}). ` +
    'On a schedule (`accord demo` syncs every 10 s by default, `--sync-interval`) add up to one interval to the latency.');
  say('```');
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length, max: sorted.at(-1) ?? NaN };
}

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1] ?? fallback;
}

const count = (n: number) => Math.round(n).toLocaleString('en-GB');
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const secs = (s: number) => (s < 10 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(1)} s`);
const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
