/**
 * `npm run bench -- ingest [--sizes 10000,100000,1000000] [--attack FILE]`
 *
 * Imports MITRE ATT&CK Enterprise (../shared) and synthetic bundles into fresh
 * SQLite stores with validation on, then re-imports them (all duplicates).
 * Every scenario runs in its own process so that its peak RSS is its own.
 * The floor, in the same run, is plain JSON.parse of the same decompressed file.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { importBundle, type ImportSummary } from '../src/store/import-bundle.ts';
import { openSqliteStore } from '../src/store/index.ts';
import { writeSyntheticBundle } from './synthetic-bundle.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const workDir = path.join(repoRoot, '.bench-tmp');

interface ImportRun {
  objects: number;
  stored: number;
  duplicates: number;
  rejected: number;
  seconds: number;
  objectsPerSecond: number;
  /** Objects/s over each tenth of the input, to show the rate does not fall as the store grows. */
  slices: number[];
}

interface ChildResult {
  fresh?: ImportRun;
  again?: ImportRun;
  parseSeconds?: number;
  byType?: Record<string, number>;
  peakRssMb: number;
}

type Scenario = { kind: 'floor'; file: string } | { kind: 'import'; file: string; expectedObjects?: number };

export async function main(args: string[]): Promise<void> {
  const child = args.indexOf('--child');
  if (child !== -1) {
    const result = await runScenario(JSON.parse(args[child + 1]!) as Scenario);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const sizes = option(args, '--sizes', '10000,100000,1000000').split(',').map(Number);
  const attack = option(args, '--attack', path.resolve(repoRoot, '..', 'shared', 'datasets', 'enterprise-attack.json.gz'));
  mkdirSync(workDir, { recursive: true });

  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`);
  say(`Date: ${new Date().toISOString().slice(0, 10)}; command: npm run bench -- ingest${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
  say('');

  if (existsSync(attack)) {
    const floor = spawnScenario({ kind: 'floor', file: attack });
    const run = spawnScenario({ kind: 'import', file: attack });
    const fresh = run.fresh!;
    const again = run.again!;
    say(`ATT&CK Enterprise (${path.basename(attack)}, ${fresh.objects} objects, ${(statSync(attack).size / 2 ** 20).toFixed(1)} MiB gzip):`);
    say('');
    say('| measure | wall | objects/s | peak RSS |');
    say('|---|---:|---:|---:|');
    say(`| floor: JSON.parse of the decompressed file | ${ms(floor.parseSeconds!)} | ${rate(fresh.objects / floor.parseSeconds!)} | ${floor.peakRssMb} MB |`);
    say(`| import into a fresh store, validation on | ${ms(fresh.seconds)} | ${rate(fresh.objectsPerSecond)} | ${run.peakRssMb} MB |`);
    say(`| re-import (all duplicates) | ${ms(again.seconds)} | ${rate(again.objectsPerSecond)} | |`);
    say('');
    say(`Import / floor: ${(fresh.seconds / floor.parseSeconds!).toFixed(2)}× (target ≤ 4×); stored ${fresh.stored}, rejected ${fresh.rejected}; re-import duplicates ${again.duplicates}.`);
    say(`Stored counts by type equal the bundle's: ${JSON.stringify(run.byType) === JSON.stringify(countByType(attack)) ? 'yes' : 'NO'}.`);
    say('');
  } else {
    say(`(ATT&CK not found at ${attack}; skipped)`);
  }

  say('Synthetic bundles (bench/synthetic-bundle.ts: indicators, malware, intrusion sets, observables, relationships):');
  say('');
  say('| objects | file (bytes/object) | import wall | objects/s | objects/s by tenth of the input | peak RSS | re-import objects/s |');
  say('|---:|---:|---:|---:|---|---:|---:|');
  for (const size of sizes) {
    const file = path.join(workDir, `synthetic-${size}.json`);
    if (!existsSync(file)) await writeSyntheticBundle(file, size);
    const run = spawnScenario({ kind: 'import', file, expectedObjects: size });
    const fresh = run.fresh!;
    const bytes = statSync(file).size;
    say(`| ${size.toLocaleString('en-GB')} | ${(bytes / 2 ** 20).toFixed(0)} MiB (${Math.round(bytes / size)}) | ${ms(fresh.seconds)} | ${rate(fresh.objectsPerSecond)} | ${fresh.slices.map(rate).join(' · ')} | ${run.peakRssMb} MB | ${rate(run.again!.objectsPerSecond)} |`);
  }
}

function spawnScenario(scenario: Scenario): ChildResult {
  const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'run.ts'), 'ingest', '--child', JSON.stringify(scenario)], {
    encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as ChildResult;
}

async function runScenario(scenario: Scenario): Promise<ChildResult> {
  if (scenario.kind === 'floor') {
    const raw = readFileSync(scenario.file);
    const text = (scenario.file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    const started = performance.now();
    const parsed = JSON.parse(text) as { objects: unknown[] };
    const parseSeconds = (performance.now() - started) / 1000;
    if (parsed.objects.length === 0) throw new Error('empty bundle');
    return { parseSeconds, peakRssMb: peakRssMb() };
  }
  const dir = mkdtempSync(path.join(workDir, 'store-'));
  try {
    const store = await openSqliteStore({ path: path.join(dir, 'accord.sqlite') });
    const fresh = await timedImport(store, scenario.file);
    if (scenario.expectedObjects !== undefined && fresh.stored !== scenario.expectedObjects) {
      throw new Error(`stored ${fresh.stored} of ${scenario.expectedObjects} objects`);
    }
    const again = await timedImport(store, scenario.file);
    const stats = await store.stats();
    await store.close();
    const byType = Object.fromEntries(Object.entries(stats.byType).map(([type, count]) => [type, count.objects]).sort());
    return { fresh, again, byType, peakRssMb: peakRssMb() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timedImport(store: Awaited<ReturnType<typeof openSqliteStore>>, file: string): Promise<ImportRun> {
  const total = estimateObjects(file);
  const slices: number[] = [];
  let sliceStart = performance.now();
  let sliceObjects = 0;
  const started = performance.now();
  const summary: ImportSummary = await importBundle(store, createReadStream(file, { highWaterMark: 1 << 20 }), {
    onProgress: (current) => {
      if (current.read - sliceObjects >= total / 10) {
        const now = performance.now();
        slices.push((current.read - sliceObjects) / ((now - sliceStart) / 1000));
        sliceStart = now;
        sliceObjects = current.read;
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (summary.failure) throw new Error(summary.failure.message);
  return {
    objects: summary.read, stored: summary.stored, duplicates: summary.duplicates, rejected: summary.rejected,
    seconds, objectsPerSecond: summary.read / seconds, slices,
  };
}

/** Synthetic files are named by their size; others report progress in tenths of 25,000. */
function estimateObjects(file: string): number {
  const size = /synthetic-(\d+)\.json$/.exec(file)?.[1];
  return size ? Number(size) : 25_000;
}

function countByType(file: string): Record<string, number> {
  const bundle = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { objects: { type: string }[] };
  const counts: Record<string, number> = {};
  for (const object of bundle.objects) counts[object.type] = (counts[object.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort());
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1] ?? fallback;
}

const ms = (seconds: number) => (seconds < 10 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(1)} s`);
const rate = (perSecond: number) => Math.round(perSecond).toLocaleString('en-GB');
