/**
 * `npm run bench -- correlate [--observables 1000000] [--indicators 100000] [--incidents 50]`
 *
 * Correlation of incidents (src/workflows/correlation/) against a SQLite store
 * of `--observables` SCOs and `--indicators` indicators, plus 1,000 intrusion
 * sets (each `uses` ~30 of 600 ATT&CK-like techniques, 2 infrastructures that
 * `consists-of` 5 observables, a malware), the `indicates` relationships, 5,000
 * reports and 500 incidents, from 5 partner identities. 2 % of indicators also
 * name a public resolver (8.8.8.8), the over-common value. Built once with the
 * store's batch ingest and kept under .bench-tmp/.
 *
 * Figures: the ingest of the build; the index build (the first `refresh`);
 * index upkeep (ingest then refresh of 10,000 more objects); then
 * `correlateIncident` for `--incidents` incidents (p50/p95/max), and the
 * floor in the same run: the same index lookups as bare better-sqlite3
 * statements (the incident's value keys, then the references to their carriers).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { scoIdentifier, uuidV5 } from '../src/stix/identifier.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { correlate } from '../src/workflows/correlation/correlate.ts';
import { correlationKeys } from '../src/workflows/correlation/keys.ts';
import { option } from './match.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const workDir = path.join(repoRoot, '.bench-tmp');
const NAMESPACE = '4d3c8a52-6e1f-4b7a-9c2d-8f0e1a3b5c79';
const T = '2025-01-01T00:00:00.000Z';
const EXTENSION = 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62';
const GROUPS = 1000;
const TECHNIQUES = 600;
const REPORTS = 5000;
const INCIDENTS = 500;
const PARTNERS = ['UK NCSC', 'AU ACSC', 'PL CERT', 'NL NCSC', 'CA CCCS'];

const idOf = (type: string, n: number): string => `${type}--${uuidV5(NAMESPACE, `${type}/${n}`)}`;
/** A well-mixed number of (n, salt): what is picked from it does not follow n. */
const mix = (n: number, salt: number): number => (Math.imul(n ^ Math.imul(salt, 0x9e3779b1), 2654435761) ^ (n >>> 7)) >>> 0;
const sdo = (type: string, n: number, props: Record<string, unknown>): StixObject =>
  ({ type, spec_version: '2.1', id: idOf(type, n), created: T, modified: T, created_by_ref: idOf('identity', n % PARTNERS.length), ...props });
const relationship = (n: number, type: string, source: string, target: string): StixObject =>
  sdo('relationship', n, { relationship_type: type, source_ref: source, target_ref: target });

/** Observable n: 40 % IPv4, 30 % domains, 10 % URLs, 20 % files (SHA-256). Its SCO and the pattern comparison naming it. */
function observable(n: number): { sco: StixObject; comparison: string } {
  const slot = n % 10;
  let sco: { type: string; [property: string]: unknown };
  let comparison: string;
  if (slot < 4) {
    const value = `${10 + (n >>> 24)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    sco = { type: 'ipv4-addr', value };
    comparison = `ipv4-addr:value = '${value}'`;
  } else if (slot < 7) {
    sco = { type: 'domain-name', value: `h${n.toString(36)}.example.net` };
    comparison = `domain-name:value = '${sco.value as string}'`;
  } else if (slot < 8) {
    sco = { type: 'url', value: `https://d${(n >>> 4).toString(36)}.example.org/p/${n}` };
    comparison = `url:value = '${sco.value as string}'`;
  } else {
    const hash = (mix(n, 1).toString(16).padStart(8, '0') + mix(n, 2).toString(16).padStart(8, '0')).repeat(4);
    sco = { type: 'file', hashes: { 'SHA-256': hash } };
    comparison = `file:hashes.'SHA-256' = '${hash}'`;
  }
  const object = { ...sco, spec_version: '2.1' };
  return { sco: { ...object, id: scoIdentifier(object) } as StixObject, comparison };
}

const RESOLVER = (() => {
  const sco = { type: 'ipv4-addr', spec_version: '2.1', value: '8.8.8.8' };
  return { ...sco, id: scoIdentifier(sco) } as StixObject;
})();

/** The shape of the store: which observable indicator i names, which group it indicates, a group's techniques. */
function layout(observables: number) {
  return {
    observableOf: (indicator: number): number => mix(indicator, 3) % observables,
    groupOf: (indicator: number): number => indicator % GROUPS,
    techniquesOf: (group: number): number[] => {
      // A few very common techniques (every group picks 3 of the first 20), the rest spread.
      const picks = new Set<number>();
      for (let j = 0; picks.size < 3; j++) picks.add(mix(group, 100 + j) % 20);
      for (let j = 0; picks.size < 20 + (group % 20); j++) picks.add(mix(group, 200 + j) % TECHNIQUES);
      return [...picks];
    },
  };
}

/** Every object of the store, in batches, SDOs after what they point to. */
function* storeObjects(observables: number, indicators: number): Generator<StixObject[]> {
  const { observableOf, groupOf, techniquesOf } = layout(observables);
  const batch = 5000;
  yield [
    ...PARTNERS.map((name, n) => ({ type: 'identity', spec_version: '2.1', id: idOf('identity', n), created: T, modified: T, name, identity_class: 'organization' })),
    RESOLVER,
    ...Array.from({ length: TECHNIQUES }, (_, t) => sdo('attack-pattern', t, { name: `Technique ${t}`, external_references: [{ source_name: 'mitre-attack', external_id: `T${1000 + t}` }] })),
  ];
  for (let first = 0; first < observables; first += batch) {
    yield Array.from({ length: Math.min(batch, observables - first) }, (_, i) => observable(first + i).sco);
  }
  let rel = 0;
  for (let first = 0; first < GROUPS; first += 100) {
    const objects: StixObject[] = [];
    for (let g = first; g < first + 100; g++) {
      const group = sdo('intrusion-set', g, { name: `Group ${g}` });
      const malware = sdo('malware', g, { name: `Malware ${g}`, is_family: true });
      objects.push(group, malware, relationship(rel++, 'uses', group.id, malware.id));
      for (const t of techniquesOf(g)) objects.push(relationship(rel++, 'uses', group.id, idOf('attack-pattern', t)));
      for (let k = 0; k < 2; k++) {
        const infrastructure = sdo('infrastructure', 2 * g + k, { name: `Infrastructure ${2 * g + k}` });
        objects.push(infrastructure, relationship(rel++, 'uses', group.id, infrastructure.id));
        for (let o = 0; o < 5; o++) objects.push(relationship(rel++, 'consists-of', infrastructure.id, observable(mix(2 * g + k, 300 + o) % observables).sco.id));
      }
    }
    yield objects;
  }
  for (let first = 0; first < indicators; first += batch / 2) {
    const objects: StixObject[] = [];
    for (let i = first; i < Math.min(indicators, first + batch / 2); i++) {
      const named = observable(observableOf(i)).comparison;
      const pattern = i % 50 === 0 ? `[${named}] OR [ipv4-addr:value = '8.8.8.8']` : `[${named}]`;
      const indicator = sdo('indicator', i, { pattern, pattern_type: 'stix', valid_from: T, indicator_types: ['malicious-activity'] });
      objects.push(indicator, relationship(rel++, 'indicates', indicator.id, idOf('intrusion-set', groupOf(i))));
    }
    yield objects;
  }
  yield Array.from({ length: REPORTS }, (_, r) => sdo('report', r, { name: `Report ${r}`, published: T, report_types: ['threat-actor'],
    object_refs: [idOf('intrusion-set', r % GROUPS), ...Array.from({ length: 10 }, (_, k) => idOf('indicator', mix(r, 400 + k) % indicators))] }));
  yield Array.from({ length: INCIDENTS }, (_, n) => incident(n, observables, indicators));
}

/**
 * Incident n, built from group n % GROUPS: 8 observables its indicators name, 5
 * unrelated ones, the public resolver, 12 of its techniques and one of its infrastructures.
 */
function incident(n: number, observables: number, indicators: number): StixObject {
  const { observableOf, techniquesOf } = layout(observables);
  const group = n % GROUPS;
  const own = Array.from({ length: 8 }, (_, k) => observable(observableOf((group + GROUPS * (mix(n, 500 + k) % Math.floor(indicators / GROUPS))) % indicators)).sco.id);
  const noise = Array.from({ length: 5 }, (_, k) => observable(mix(n, 600 + k) % observables).sco.id);
  const techniques = techniquesOf(group).slice(0, 12).map((t) => idOf('attack-pattern', t));
  return sdo('incident', n, { name: `Incident ${n}`, extensions: { [EXTENSION]: { extension_type: 'property-extension', category: 'espionage',
    related_refs: [...new Set([...own, ...noise, RESOLVER.id, ...techniques, idOf('infrastructure', 2 * group)])] } } });
}

interface Build {
  store: SqliteStore;
  file: string;
  ingestSeconds?: number;
  objects: number;
}

async function correlationStore(observables: number, indicators: number): Promise<Build> {
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `correlate-${observables}-${indicators}.sqlite`);
  // Written once the build completed: an interrupted build is started again.
  const done = `${file}.built`;
  if (existsSync(file) && existsSync(done)) {
    const store = await openSqliteStore({ path: file });
    return { store, file, objects: (await store.stats()).objects };
  }
  for (const suffix of ['', '-wal', '-shm', '.built']) rmSync(`${file}${suffix}`, { force: true });
  const store = await openSqliteStore({ path: file });
  const started = performance.now();
  let stored = 0;
  for (const batch of storeObjects(observables, indicators)) {
    stored += (await store.ingest(batch)).stored;
    if (stored % 100_000 < batch.length) process.stdout.write(`\ringested ${stored.toLocaleString('en-GB')}`);
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  writeFileSync(done, `${stored}\n`);
  console.log(`\nbuilt ${file}: ${stored.toLocaleString('en-GB')} objects in ${ingestSeconds.toFixed(1)} s (${Math.round(stored / ingestSeconds).toLocaleString('en-GB')} objects/s)`);
  return { store, file, ingestSeconds, objects: stored };
}

function figures(samples: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

export async function main(args: string[]): Promise<void> {
  const observables = Number(option(args, '--observables', '1000000'));
  const indicators = Number(option(args, '--indicators', '100000'));
  const runs = Math.min(INCIDENTS, Number(option(args, '--incidents', '50')));
  const ms = (value: number) => value.toFixed(1);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`Date: ${new Date().toISOString().slice(0, 10)}; command: npm run bench -- correlate${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
  const { store, file, ingestSeconds, objects } = await correlationStore(observables, indicators);

  let started = performance.now();
  const indexed = await store.observableIndex.refresh(correlationKeys);
  const buildSeconds = (performance.now() - started) / 1000;
  const bare = new BetterSqlite3(file, { readonly: true });
  const keyRows = bare.prepare('SELECT COUNT(*) FROM observable_keys').pluck().get() as number;

  // Upkeep: 10,000 objects more (new observables, and indicators naming them), then the refresh that
  // indexes them. New each run (numbered after what the store holds), so the cached store grows by 1 % a run.
  const base = objects;
  const extra = Array.from({ length: 5000 }, (_, i) => observable(2 * observables + base + i))
    .flatMap(({ sco, comparison }, i) => [sco, sdo('indicator', 2 * indicators + base + i, { pattern: `[${comparison}]`, pattern_type: 'stix', valid_from: T })]);
  started = performance.now();
  await store.ingest(extra);
  const extraIngest = performance.now() - started;
  started = performance.now();
  await store.observableIndex.refresh(correlationKeys);
  const extraRefresh = performance.now() - started;

  console.log(`Store: ${objects.toLocaleString('en-GB')} objects (${observables.toLocaleString('en-GB')} observables, ${indicators.toLocaleString('en-GB')} indicators, ${GROUPS} intrusion sets, ${INCIDENTS} incidents)${ingestSeconds === undefined ? ', cached' : `, ingested in ${ingestSeconds.toFixed(1)} s`}.`);
  console.log(`Index: ${keyRows.toLocaleString('en-GB')} keys; ${buildSeconds > 0.5 ? `built from ${indexed.toLocaleString('en-GB')} latest versions in ${buildSeconds.toFixed(1)} s` : 'already built (cached store)'}.`);
  console.log(`Upkeep: ingest of 10,000 new objects ${ms(extraIngest)} ms, then their refresh ${ms(extraRefresh)} ms (${(extraRefresh / 10).toFixed(1)} µs an object).\n`);

  // The floor replays every index lookup correlation made (keys and limits, prefixes), reading the same rows' JSON.
  const count = bare.prepare('SELECT COUNT(*) FROM observable_keys WHERE key = ?').pluck();
  const carriers = bare.prepare('SELECT o.json FROM observable_keys k CROSS JOIN objects o ON o.seq = k.seq WHERE k.key = ? AND o.revoked = 0 LIMIT ?').pluck();
  const prefixed = bare.prepare('SELECT DISTINCT key FROM observable_keys WHERE key >= ? AND key < ? ORDER BY key LIMIT ?').pluck();
  const lookups: Array<[keys: readonly string[], limit: number]> = [];
  const prefixes: Array<[prefix: string, limit: number]> = [];
  const index = store.observableIndex;
  const lookUp = index.carriers.bind(index);
  const lookUpPrefix = index.keysWithPrefix.bind(index);
  index.carriers = (keys, limit) => {
    lookups.push([keys, limit]);
    return lookUp(keys, limit);
  };
  index.keysWithPrefix = (prefix, limit) => {
    prefixes.push([prefix, limit]);
    return lookUpPrefix(prefix, limit);
  };
  const samples: number[] = [];
  const floors: number[] = [];
  let found = 0;
  let overCommon = 0;
  for (let n = 0; n < runs; n++) {
    const incidentId = idOf('incident', n);
    lookups.length = 0;
    prefixes.length = 0;
    started = performance.now();
    const result = await correlate(store, incidentId);
    samples.push(performance.now() - started);
    if (result.suggestions[0]?.targetId === idOf('intrusion-set', n % GROUPS)) found++;
    if (result.overCommon.includes('ipv4-addr 8.8.8.8')) overCommon++;
    started = performance.now();
    for (const [keys, limit] of lookups) for (const key of new Set(keys)) if ((count.get(key) as number) > 0) carriers.all(key, limit);
    for (const [prefix, limit] of prefixes) prefixed.all(prefix, `${prefix.slice(0, -1)};`, limit);
    floors.push(performance.now() - started);
  }
  bare.close();
  await store.close();
  const all = figures(samples);
  const bareFigures = figures(floors);
  console.log('| per incident | p50 ms | p95 ms | max ms |');
  console.log('|---|---:|---:|---:|');
  console.log(`| correlateIncident (${runs} incidents) | ${ms(all.p50)} | ${ms(all.p95)} | ${ms(all.max)} |`);
  console.log(`| floor: the same index lookups, bare SQL (count + rows' JSON) | ${ms(bareFigures.p50)} | ${ms(bareFigures.p95)} | ${ms(bareFigures.max)} |`);
  console.log(`\nThe incident's own group ranked first for ${found} of ${runs}; 8.8.8.8 reported over-common for ${overCommon} of ${runs}.`);
}

