/**
 * `npm run bench -- explorer [--objects 100000] [--runs 200]`
 *
 * The web explorer's queries (`Store.browse`, `facets`) against a SQLite
 * store of `--objects` objects, built once and kept under .bench-tmp/: a mix
 * of indicators, malware, intrusion sets, relationships and observables, with
 * labels, TLP 2.0 levels (and unmarked objects) and some second versions.
 * Each case runs `--runs` times (after a warm-up) with its parameters cycling;
 * a run includes the total (count of every match) and reading each item's JSON.
 * Floor, in the same run: a bare better-sqlite3 `SELECT json FROM objects …
 * LIMIT 50` of the rows of the `added` sort's first page.
 *
 * Then the same kind of queries as the web app sends them: `GET /api/objects`
 * over loopback HTTP with a signed-in administrator's session, on a copy of the
 * store served by `buildApp` (policy, summaries and JSON included), each beside
 * `Store.browse` of the same query: the API's cost over the store's.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { uuidV5, scoIdentifier } from '../src/stix/identifier.ts';
import { TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN, TLP2_RED, TLP_LEVELS } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { BrowseQuery } from '../src/store/store.ts';
import { hashSecret } from '../src/common/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { initNode } from '../src/server/node.ts';
import { openSqliteLocalStore } from '../src/store/local/sqlite-local-store.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const workDir = path.join(repoRoot, '.bench-tmp');
const NAMESPACE = '0c5d1b7e-3f8a-4d52-9b61-7a0e2f4c8d93';
const IDENTITY = 'identity--5b0a8f3e-2d71-4c9e-8f6a-1e3b7d9c0a42';
/** One marking slot in ten each: clear, 4 × green, 2 × amber, amber+strict, red, unmarked. */
const MARKINGS = [TLP2_CLEAR.id, TLP2_GREEN.id, TLP2_GREEN.id, TLP2_GREEN.id, TLP2_GREEN.id, TLP2_AMBER.id, TLP2_AMBER.id, TLP2_AMBER_STRICT.id, TLP2_RED.id, undefined];
const ADJECTIVES = ['Silent', 'Crimson', 'Hidden', 'Rapid', 'Frozen', 'Golden', 'Wicked', 'Lunar', 'Iron', 'Velvet'];
const NOUNS = ['Panda', 'Falcon', 'Viper', 'Kitten', 'Spider', 'Bear', 'Jackal', 'Chollima', 'Typhoon', 'Blizzard', 'Lynx', 'Mantis'];
const TYPES = ['indicator', 'malware', 'intrusion-set', 'relationship', 'ipv4-addr', 'domain-name'];

const idOf = (type: string, n: number): string => `${type}--${uuidV5(NAMESPACE, `${type}/${n}`)}`;
/** Spread over two years, in an order unrelated to n, so modified order is not insertion order. */
const stamp = (n: number, count: number, later = 0): string => new Date(Date.UTC(2024, 0, 1) + ((n * 7919) % count) * 600_000 + later).toISOString();
/** A well-mixed 32-bit number of n, so that what is chosen from it does not follow n % 20 (the type). */
const mix = (n: number, salt: number): number => Math.imul(n + salt * 7919, 2654435761) >>> 16;
const nameOf = (n: number): string => `${ADJECTIVES[mix(n, 1) % ADJECTIVES.length]} ${NOUNS[mix(n, 2) % NOUNS.length]} ${n}`;

/** Object n of the store: by n % 20, 7 indicators, 2 malware, 1 intrusion set, 6 relationships, 4 observables. */
function explorerObject(n: number, count: number, version = 0): StixObject {
  const marking = MARKINGS[mix(n, 3) % MARKINGS.length];
  const common = {
    spec_version: '2.1', created: stamp(n, count), modified: stamp(n, count, version * 86_400_000), created_by_ref: IDENTITY,
    ...(marking === undefined ? {} : { object_marking_refs: [marking] }),
  };
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const slot = n % 20;
  if (slot < 7) {
    return { type: 'indicator', id: idOf('indicator', n), ...common, ...(n % 2 === 0 ? { name: `C2 of ${nameOf(n >> 4)}` } : {}),
      pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', valid_from: common.created, labels: ['malicious-activity', `campaign-${mix(n, 4) % 200}`] };
  }
  if (slot < 9) {
    return { type: 'malware', id: idOf('malware', n), ...common, name: nameOf(n), is_family: true, description: `A loader of the ${NOUNS[mix(n, 5) % NOUNS.length]} cluster.`,
      labels: n % 3 === 0 ? ['ransomware', `family-${n % 50}`] : [`family-${n % 50}`] };
  }
  if (slot < 10) {
    return { type: 'intrusion-set', id: idOf('intrusion-set', n), ...common, name: nameOf(n), aliases: [`G${n}`], labels: ['apt'] };
  }
  if (slot < 16) {
    return { type: 'relationship', id: idOf('relationship', n), ...common, relationship_type: 'indicates', source_ref: idOf('indicator', n - slot), target_ref: idOf('malware', n - slot + 7) };
  }
  const sco = slot < 18 ? { type: 'ipv4-addr', spec_version: '2.1', value: ip } : { type: 'domain-name', spec_version: '2.1', value: `host-${n}.example.net` };
  return { ...sco, id: scoIdentifier(sco) };
}

/** The store, built once per size; rebuilt when the cached one does not hold what it should. */
async function explorerStore(count: number): Promise<SqliteStore> {
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `explorer-${count}.sqlite`);
  if (existsSync(file)) {
    const store = await openSqliteStore({ path: file });
    if ((await store.stats()).objects === count) return store;
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
  const store = await openSqliteStore({ path: file });
  const started = performance.now();
  const batch = 5000;
  for (let first = 0; first < count; first += batch) {
    const objects = Array.from({ length: Math.min(batch, count - first) }, (_, i) => explorerObject(first + i, count));
    await store.ingest(objects);
  }
  // One SDO in 33 gets a second version, in a batch of its own.
  const revised = Array.from({ length: count }, (_, n) => n).filter((n) => n % 33 === 0 && n % 20 < 16).map((n) => explorerObject(n, count, 1));
  for (let first = 0; first < revised.length; first += batch) await store.ingest(revised.slice(first, first + batch));
  await store.close();
  console.log(`built ${file} (${count.toLocaleString('en-GB')} objects, ${revised.length.toLocaleString('en-GB')} second versions) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Measured on a store opened afresh, not beside the checkpoints that follow a build.
  return openSqliteStore({ path: file });
}

interface Case {
  name: string;
  query: (i: number) => BrowseQuery;
}

const SORTS = ['name', 'type', 'created', 'modified', 'added'] as const;
const CASES: Case[] = [
  { name: 'no filter, modified desc', query: () => ({}) },
  { name: 'type filter', query: (i) => ({ types: [TYPES[i % TYPES.length]!] }) },
  { name: 'TLP filter (± unmarked)', query: (i) => ({ tlp: { levels: [TLP_LEVELS[i % TLP_LEVELS.length]!], unmarked: i % 2 === 0 } }) },
  { name: 'label filter (rare / common)', query: (i) => ({ labels: [i % 4 === 0 ? 'malicious-activity' : `campaign-${i % 200}`] }) },
  { name: 'name sort asc / desc', query: (i) => ({ sort: 'name', order: i % 2 === 0 ? 'asc' : 'desc' }) },
  { name: 'each sort, both orders', query: (i) => ({ sort: SORTS[i % SORTS.length]!, order: (i >> 1) % 2 === 0 ? 'asc' : 'desc' }) },
  { name: 'offset 10,000, each sort', query: (i) => ({ sort: SORTS[i % SORTS.length]!, offset: 10_000 }) },
  { name: 'type + name sort, offset 10,000', query: (i) => ({ types: [i % 2 === 0 ? 'indicator' : 'relationship'], sort: 'name', offset: 10_000 }) },
  { name: 'text (relevance)', query: (i) => ({ text: NOUNS[i % NOUNS.length]! }) },
  { name: 'text + type', query: (i) => ({ text: NOUNS[i % NOUNS.length]!, types: ['malware'] }) },
  { name: 'text + type, modified sort', query: (i) => ({ text: ADJECTIVES[i % ADJECTIVES.length]!, types: ['intrusion-set'], sort: 'modified' }) },
  { name: 'type + TLP + label + modified range', query: (i) => ({
    types: ['indicator'], tlp: { levels: ['green', 'amber'], unmarked: true }, labels: [`campaign-${i % 200}`],
    modifiedFrom: '2024-03-01T00:00:00.000Z', modifiedTo: '2025-03-01T00:00:00.000Z' }) },
];

interface Figures {
  p50: number;
  p95: number;
  max: number;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

/** Milliseconds per call over `runs` calls, after `runs / 10` unmeasured ones. */
async function timed(runs: number, call: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  for (let i = 0; i < Math.ceil(runs / 10); i++) await call(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function main(args: string[]): Promise<void> {
  const count = Number(option(args, '--objects', '100000'));
  const runs = Number(option(args, '--runs', '200'));
  const store = await explorerStore(count);
  const file = path.join(workDir, `explorer-${count}.sqlite`);
  const ms = (value: number) => value.toFixed(2);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  console.log(`Date: ${new Date().toISOString().slice(0, 10)}; command: npm run bench -- explorer${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
  console.log(`Store: ${count.toLocaleString('en-GB')} objects; ${runs} runs a case, limit 50, each run counting the total and reading every item's JSON.\n`);
  console.log('| case | p50 ms | p95 ms | max ms | total (first run) |');
  console.log('|---|---:|---:|---:|---:|');
  const all: number[] = [];
  const caseRows: Array<[string, Figures, number]> = [];
  for (const { name, query } of CASES) {
    const total = (await store.browse(query(0))).total;
    const samples = await timed(runs, async (i) => {
      const page = await store.browse(query(i));
      let bytes = 0;
      for (const item of page.items) bytes += item.json.length;
      return bytes;
    });
    all.push(...samples);
    caseRows.push([name, figures(samples), total]);
  }
  const facets = figures(await timed(runs, () => store.facets()));
  for (const [name, { p50, p95, max }, total] of caseRows) console.log(`| ${name} | ${ms(p50)} | ${ms(p95)} | ${ms(max)} | ${total.toLocaleString('en-GB')} |`);
  const overall = figures(all);
  console.log(`| **all browse cases** | ${ms(overall.p50)} | ${ms(overall.p95)} | ${ms(overall.max)} | |`);
  console.log(`| facets() | ${ms(facets.p50)} | ${ms(facets.p95)} | ${ms(facets.max)} | |`);

  // The floor: the same 50 rows as the `added` sort's first page, read bare on a second connection.
  const bare = new BetterSqlite3(file, { readonly: true });
  const floorStatement = bare.prepare('SELECT json FROM objects WHERE is_latest = 1 ORDER BY seq DESC LIMIT 50').pluck();
  const floor = figures(await timed(runs, () => (floorStatement.all() as string[]).reduce((bytes, json) => bytes + json.length, 0)));
  const added = figures(await timed(runs, async () => (await store.browse({ sort: 'added' })).items.reduce((bytes, item) => bytes + item.json.length, 0)));
  const same = JSON.stringify((await store.browse({ sort: 'added' })).items.map((item) => item.json)) === JSON.stringify(floorStatement.all());
  bare.close();
  await store.close();
  console.log('');
  console.log(`Floor: bare better-sqlite3 \`SELECT json FROM objects WHERE is_latest = 1 ORDER BY seq DESC LIMIT 50\`: p50 ${ms(floor.p50)} ms, p95 ${ms(floor.p95)} ms (same rows as browse({ sort: 'added' }): ${same ? 'yes' : 'NO'}).`);
  console.log(`browse({ sort: 'added' }) p50 ${ms(added.p50)} ms, p95 ${ms(added.p95)} ms: ${(added.p50 / floor.p50).toFixed(1)}× the floor at p50 (the rest: the total, the sort index and the port's checks).`);
  await apiFigures(file, runs);
}

/** Explorer queries as the web app sends them, each with the `Store.browse` query it becomes. */
const API_CASES: Array<[string, BrowseQuery]> = [
  ['', {}],
  ['type=indicator', { types: ['indicator'] }],
  ['tlp=amber', { tlp: { levels: ['amber'], unmarked: true } }],
  ['label=campaign-7', { labels: ['campaign-7'] }],
  ['sort=name&order=asc', { sort: 'name', order: 'asc' }],
  ['sort=modified&offset=10000', { sort: 'modified', offset: 10_000 }],
  ['q=Panda', { text: 'Panda' }],
  ['q=Panda&type=malware', { text: 'Panda', types: ['malware'] }],
  ['type=indicator&tlp=green,amber&label=campaign-3&from=2024-03-01&to=2025-03-01', { types: ['indicator'], tlp: { levels: ['green', 'amber'], unmarked: true }, labels: ['campaign-3'], modifiedFrom: '2024-03-01T00:00:00.000Z', modifiedTo: '2025-03-01T23:59:59.999Z' }],
];

async function apiFigures(file: string, runs: number): Promise<void> {
  const dir = mkdtempSync(path.join(workDir, 'explorer-api-'));
  try {
    copyFileSync(file, path.join(dir, 'objects.sqlite'));
    const store = await openSqliteStore({ path: path.join(dir, 'objects.sqlite') });
    const local = openSqliteLocalStore({ path: path.join(dir, 'node.sqlite') });
    await initNode(store, local);
    const secret = 'bench-secret-not-for-use';
    local.createAccount({ name: 'bench', role: 'admin', kind: 'person', secretHash: await hashSecret(secret) });
    const app = await buildApp({ store, local });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', secret }) });
    if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const ms = (value: number) => value.toFixed(2);
    console.log('\n`GET /api/objects` (limit 50, default sort) over loopback HTTP, administrator session, beside `Store.browse` of the same query:\n');
    console.log('| query string | API p50 ms | API p95 ms | browse p50 ms | API / browse at p50 |');
    console.log('|---|---:|---:|---:|---:|');
    const all: number[] = [];
    for (const [search, query] of API_CASES) {
      const samples = await timed(runs, async () => {
        const response = await fetch(`${base}/api/objects?${search}`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`GET /api/objects?${search}: ${response.status} ${await response.text()}`);
        return (await response.json()) as unknown;
      });
      const browse = figures(await timed(runs, () => store.browse(query)));
      const api = figures(samples);
      all.push(...samples);
      console.log(`| \`${search || '(none)'}\` | ${ms(api.p50)} | ${ms(api.p95)} | ${ms(browse.p50)} | ${(api.p50 / browse.p50).toFixed(1)}× |`);
    }
    const overall = figures(all);
    console.log(`| **all API queries** | ${ms(overall.p50)} | ${ms(overall.p95)} | | |`);
    await app.close();
    local.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1] ?? fallback;
}
