/**
 * `npm run bench -- match [--indicators 100000] [--observations 1000000] [--seed 1] [--dist]`
 *
 * The compiled match index (issue 4) over many indicators, in two scenarios, each in
 * its own process (peak RSS is its own):
 *
 * - `equality`: every indicator an equality on an IPv4 address, a domain, a file
 *   hash or a URL; the target is ≥ 500,000 observations/s on one core;
 * - `full`: 80% equality, 10% CIDR (ISSUBSET), 5% LIKE/MATCHES, 5% patterns over
 *   several observations with qualifiers (FOLLOWEDBY/AND … WITHIN, REPEATS);
 *   the target is ≥ 100,000 observations/s.
 *
 * Observations are STIX 2.1 observed-data with one SCO by `object_refs`, generated in
 * chunks while the clock is stopped. The generator plants every hit: it knows which
 * observation must hit which indicator, and the run fails loudly unless the sightings
 * found are exactly those. Index build (parse + compile, target ≤ 2 s) is timed apart.
 * The floor, in the same run on the same chunks: one Map lookup of each observation's
 * value in a Map of every equality value (what a hash join costs, and nothing else).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IndicatorInput, ObservationInput } from '../src/pattern/match-index/index.ts';
import { prng } from '../test/support/prng.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const distDir = path.join(repoRoot, '.bench-tmp', 'dist');

type PatternLibrary = typeof import('../src/pattern/index.ts');

/**
 * The library measured: the TypeScript sources run through tsx (as every bench here), or
 * with `--dist` the compiled package — what the installed `accord` command runs — built by
 * `tsc -p tsconfig.build.json` into .bench-tmp/dist (tsx wraps every named closure in a
 * `__name` call, which costs closure-heavy code such as the lexer about half its time).
 */
export async function library(dist: boolean, build = false): Promise<PatternLibrary> {
  if (!dist) return import('../src/pattern/index.ts');
  if (build) execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', distDir], { stdio: 'inherit' });
  return (await import(pathToFileURL(path.join(distDir, 'pattern', 'index.js')).href)) as PatternLibrary;
}

// The seeded generator (mulberry32) is test/support/prng.ts: the same run every time.

// ---- value spaces, disjoint so that every hit is planted ----
const dotted = (base: number, n: number): string => {
  const v = base + n;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
};
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export type Kind = 'ipv4' | 'domain' | 'sha256' | 'md5' | 'url';
export const KINDS: readonly Kind[] = ['ipv4', 'domain', 'sha256', 'url', 'ipv4', 'domain', 'sha256', 'md5'];

/** Indicator values: 10.0.0.0/8, *.example.net, hashes of "ind/n", https://u… .example.org. */
export function indicatorValue(kind: Kind, n: number): string {
  switch (kind) {
    case 'ipv4': return dotted(0x0a000000, n);
    case 'domain': return `e${n}.example.net`;
    case 'sha256': return sha256(`ind/${n}`);
    case 'md5': return md5(`ind/${n}`);
    case 'url': return `https://u${n}.example.org/download/${n}.bin`;
  }
}

/** Background values: 198.18.0.0/15, *.example.com, hashes of "bg/n": no pattern names them. */
export function backgroundValue(kind: Kind, n: number): string {
  switch (kind) {
    case 'ipv4': return dotted(0xc6120000, n % 131072);
    case 'domain': return `bg${n}.example.com`;
    case 'sha256': return sha256(`bg/${n}`);
    case 'md5': return md5(`bg/${n}`);
    case 'url': return `https://bg${n}.example.com/index.html`;
  }
}

export function equalityPattern(kind: Kind, value: string): string {
  switch (kind) {
    case 'ipv4': return `[ipv4-addr:value = '${value}']`;
    case 'domain': return `[domain-name:value = '${value}']`;
    case 'sha256': return `[file:hashes.'SHA-256' = '${value}']`;
    case 'md5': return `[file:hashes.MD5 = '${value}']`;
    case 'url': return `[url:value = '${value}']`;
  }
}

/** One SCO carrying `value` as `kind`. */
export function sco(kind: Kind, value: string, n: number): Record<string, unknown> {
  switch (kind) {
    case 'ipv4': return { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${n}`, value };
    case 'domain': return { type: 'domain-name', spec_version: '2.1', id: `domain-name--${n}`, value };
    case 'sha256': return { type: 'file', spec_version: '2.1', id: `file--${n}`, name: `f${n}.exe`, hashes: { 'SHA-256': value } };
    case 'md5': return { type: 'file', spec_version: '2.1', id: `file--${n}`, name: `f${n}.exe`, hashes: { MD5: value } };
    case 'url': return { type: 'url', spec_version: '2.1', id: `url--${n}`, value };
  }
}

const BASE_TIME = Date.UTC(2026, 0, 1);
/** About twelve observations a second, as a busy sensor feed. */
const PER_SECOND = 12;
const stamps = new Map<number, string>();
function stamp(n: number): string {
  const second = Math.floor(n / PER_SECOND);
  let text = stamps.get(second);
  if (text === undefined) {
    if (stamps.size > 4096) stamps.clear();
    stamps.set(second, (text = new Date(BASE_TIME + second * 1000).toISOString().replace('.000Z', 'Z')));
  }
  return text;
}

export function observation(n: number, object: Record<string, unknown>): ObservationInput {
  const t = stamp(n);
  return {
    observedData: {
      type: 'observed-data', spec_version: '2.1', id: `observed-data--${n}`, created: t, modified: t,
      first_observed: t, last_observed: t, number_observed: 1, object_refs: [object.id],
    },
    objects: [object],
  };
}

// ---- the indicator mix and the planted hits ----

interface Plan {
  readonly indicators: IndicatorInput[];
  /** Equality indicators: kind and value, by indicator index. */
  readonly equality: { index: number; kind: Kind; value: string }[];
  readonly cidr: { index: number; base: number; prefix: number }[];
  readonly text: { index: number; kind: 'domain' | 'url'; sample: string }[];
  readonly multi: { index: number; steps: { kind: Kind; value: string }[] }[];
}

const CIDR_BASE = 0x64400000; // 100.64.0.0/10, one /24 slot per CIDR indicator
const MULTI_BASE = 0xac100000; // 172.16.0.0/12

export function plan(count: number, mix: 'equality' | 'full', random: () => number): Plan {
  const p: Plan = { indicators: [], equality: [], cidr: [], text: [], multi: [] };
  const add = (pattern: string): number => p.indicators.push({ id: `indicator--${p.indicators.length}`, pattern }) - 1;
  for (let i = 0; i < count; i++) {
    const r = mix === 'equality' ? 0 : random();
    if (r < 0.8) {
      const kind = KINDS[i % KINDS.length]!;
      const value = indicatorValue(kind, i);
      p.equality.push({ index: add(equalityPattern(kind, value)), kind, value });
    } else if (r < 0.9) {
      const slot = p.cidr.length;
      const prefix = [24, 26, 28, 30, 32][slot % 5]!;
      const base = CIDR_BASE + slot * 256;
      p.cidr.push({ index: add(`[ipv4-addr:value ISSUBSET '${dotted(base, 0)}/${prefix}']`), base, prefix });
    } else if (r < 0.95) {
      const k = p.text.length;
      const [pattern, kind, sample] = [
        [`[domain-name:value LIKE '%.zz${k}q.example']`, 'domain', `www.zz${k}q.example`],
        [`[url:value MATCHES '^https?://[a-z0-9.]+/zq${k}x/']`, 'url', `https://cdn.example.org/zq${k}x/a.js`],
        [`[domain-name:value MATCHES '^(mail|www)\\\\.yy${k}y\\\\.example$']`, 'domain', `mail.yy${k}y.example`],
        [`[url:value LIKE 'http%://%/ww${k}w/%']`, 'url', `http://files.example.org/ww${k}w/x`],
      ][k % 4] as [string, 'domain' | 'url', string];
      p.text.push({ index: add(pattern), kind, sample });
    } else {
      const k = p.multi.length;
      const ip = dotted(MULTI_BASE, k);
      const domain = `m${k}.multi.example`;
      const hash = sha256(`multi/${k}`);
      const [pattern, steps] = [
        [`[ipv4-addr:value = '${ip}'] FOLLOWEDBY [domain-name:value = '${domain}'] WITHIN 300 SECONDS`, [{ kind: 'ipv4', value: ip }, { kind: 'domain', value: domain }]],
        [`[file:hashes.'SHA-256' = '${hash}'] REPEATS 2 TIMES WITHIN 600 SECONDS`, [{ kind: 'sha256', value: hash }, { kind: 'sha256', value: hash }]],
        [`([domain-name:value = '${domain}'] AND [ipv4-addr:value = '${ip}']) WITHIN 60 SECONDS`, [{ kind: 'ipv4', value: ip }, { kind: 'domain', value: domain }]],
        [`[ipv4-addr:value = '${ip}'] AND [file:hashes.'SHA-256' = '${hash}']`, [{ kind: 'sha256', value: hash }, { kind: 'ipv4', value: ip }]],
      ][k % 4] as [string, { kind: Kind; value: string }[]];
      p.multi.push({ index: add(pattern), steps });
    }
  }
  return p;
}

/**
 * The observation stream: mostly background, with planted hits — 2% an equality value,
 * 0.5% an address in a CIDR block, 0.5% a LIKE/MATCHES value, and, in the full mix,
 * each pattern over several observations completed once (its first step, then its
 * second a few dozen observations later, within every window). Yields chunks.
 */
function* stream(p: Plan, count: number, random: () => number, chunk: number): Generator<{ observations: ObservationInput[]; values: string[]; expected: Map<number, number> }> {
  const pending = new Map<number, { kind: Kind; value: string; index: number }>();
  let nextMulti = 0;
  for (let start = 0; start < count; start += chunk) {
    const observations: ObservationInput[] = [];
    const values: string[] = [];
    const expected = new Map<number, number>(); // observation → indicator it must hit
    for (let n = start; n < Math.min(count, start + chunk); n++) {
      let kind: Kind = KINDS[n % KINDS.length]!;
      let value: string;
      const planted = pending.get(n);
      const r = random();
      if (planted) {
        pending.delete(n);
        ({ kind, value } = planted);
        if (planted.index >= 0) expected.set(n, planted.index);
      } else if (r < 0.02 && p.equality.length > 0) {
        const e = p.equality[Math.floor(random() * p.equality.length)]!;
        ({ kind, value } = e);
        expected.set(n, e.index);
      } else if (r < 0.025 && p.cidr.length > 0) {
        const c = p.cidr[Math.floor(random() * p.cidr.length)]!;
        kind = 'ipv4';
        value = dotted(c.base, Math.floor(random() * 2 ** (32 - c.prefix)));
        expected.set(n, c.index);
      } else if (r < 0.03 && p.text.length > 0) {
        const t = p.text[Math.floor(random() * p.text.length)]!;
        ({ kind, sample: value } = t);
        expected.set(n, t.index);
      } else if (r < 0.032 && nextMulti < p.multi.length && n + 40 < count) {
        // A pattern over two observations: its first step now, its second 40 observations on (≈ 3 s).
        const m = p.multi[nextMulti++]!;
        ({ kind, value } = m.steps[0]!);
        pending.set(n + 40, { ...m.steps[1]!, index: m.index });
      } else value = backgroundValue(kind, n);
      const object = sco(kind, value, n);
      observations.push(observation(n, object));
      values.push(value);
    }
    yield { observations, values, expected };
  }
}

interface ScenarioResult {
  mix: 'equality' | 'full';
  indicators: number;
  observations: number;
  rejected: number;
  parseSeconds: number;
  buildSeconds: number;
  stats: Record<string, number>;
  pushSeconds: number;
  floorSeconds: number;
  found: number;
  expected: number;
  wrong: number;
  missed: number;
  indexHeapMb: number;
  peakRssMb: number;
}

function runScenario({ compileMatchIndex, parsePattern }: PatternLibrary, mix: 'equality' | 'full', indicators: number, observations: number, seed: number): ScenarioResult {
  const random = prng(seed);
  const p = plan(indicators, mix, random);
  // Parsing alone, for the breakdown of the build (the build parses again).
  let started = performance.now();
  for (const { pattern } of p.indicators) parsePattern(pattern as string);
  const parseSeconds = (performance.now() - started) / 1000;
  const heapBefore = settledHeap();
  started = performance.now();
  const { index, rejected, stats } = compileMatchIndex(p.indicators);
  const buildSeconds = (performance.now() - started) / 1000;
  const indexHeapMb = Math.round((settledHeap() - heapBefore) / 2 ** 20);
  const floorMap = new Map(p.equality.map((e) => [e.value, e.index]));
  const session = index.session();
  const t = { pushSeconds: 0, floorSeconds: 0, found: 0, expected: 0, wrong: 0, missed: 0, floorHits: 0 };
  for (const { observations: chunk, expected } of stream(p, observations, random, 1_000)) {
    const hits: (readonly { indicatorId: string }[])[] = new Array(chunk.length);
    started = performance.now();
    for (let i = 0; i < chunk.length; i++) hits[i] = session.push(chunk[i]!);
    t.pushSeconds += (performance.now() - started) / 1000;
    // The floor: read each observation's value where the index reads it, one Map lookup.
    started = performance.now();
    for (const o of chunk) {
      const object = o.objects![0]! as { value?: string; hashes?: Record<string, string> };
      const value = object.value ?? object.hashes!['SHA-256'] ?? object.hashes!.MD5!;
      if (floorMap.get(value) !== undefined) t.floorHits++;
    }
    t.floorSeconds += (performance.now() - started) / 1000;
    const first = Number((chunk[0]!.observedData.id as string).split('--')[1]);
    hits.forEach((list, i) => {
      const want = expected.get(first + i);
      if (want !== undefined) t.expected++;
      for (const hit of list) {
        t.found++;
        if (hit.indicatorId !== `indicator--${want}`) t.wrong++;
      }
      if (want !== undefined && !list.some((h) => h.indicatorId === `indicator--${want}`)) t.missed++;
    });
  }
  return {
    mix, indicators, observations, rejected: rejected.length, parseSeconds, buildSeconds, stats: { ...stats }, pushSeconds: t.pushSeconds, floorSeconds: t.floorSeconds,
    found: t.found, expected: t.expected, wrong: t.wrong, missed: t.missed, indexHeapMb, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Heap in use after a full collection (the child runs with --expose-gc). */
function settledHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function main(args: string[]): Promise<void> {
  const child = args.indexOf('--child');
  if (child !== -1) {
    const { mix, indicators, observations, seed, dist } = JSON.parse(args[child + 1]!) as { mix: 'equality' | 'full'; indicators: number; observations: number; seed: number; dist: boolean };
    process.stdout.write(`${JSON.stringify(runScenario(await library(dist), mix, indicators, observations, seed))}\n`);
    return;
  }
  const dist = args.includes('--dist');
  if (dist) await library(true, true);
  const indicators = Number(option(args, '--indicators', '100000'));
  const observations = Number(option(args, '--observations', '1000000'));
  const seed = Number(option(args, '--seed', '1'));
  const lines: string[] = [];
  const say = (line: string): void => {
    console.log(line);
    lines.push(line);
  };
  say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  say(`Date: ${new Date().toISOString().slice(0, 10)}; command: npm run bench -- match${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
  say('');
  const results = (['equality', 'full'] as const).map((mix) => spawnScenario({ mix, indicators, observations, seed, dist }));
  say(`${indicators.toLocaleString('en-GB')} indicators, ${observations.toLocaleString('en-GB')} observations (STIX 2.1 observed-data + one SCO), each scenario in its own process, ${dist ? 'compiled package (.bench-tmp/dist)' : 'sources through tsx'}:`);
  say('');
  say('| mix | index build (of which parsing) | leaves: hash keys · prefixes · regexes · fallbacks · multi-observation | index heap | observations/s | floor (Map lookup) obs/s | index / floor | sightings found / expected | peak RSS |');
  say('|---|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const s = r.stats;
    say(`| ${r.mix} | ${ms(r.buildSeconds)} (${ms(r.parseSeconds)}) | ${s.hashKeys} · ${s.prefixes} · ${s.regexes} · ${s.fallbacks} · ${s.multiObservation} | ${r.indexHeapMb} MB | ${rate(r.observations / r.pushSeconds)} | ${rate(r.observations / r.floorSeconds)} | ${(100 * r.floorSeconds / r.pushSeconds).toFixed(0)}% | ${r.found.toLocaleString('en-GB')} / ${r.expected.toLocaleString('en-GB')} | ${r.peakRssMb} MB |`);
  }
  say('');
  const eq = results[0]!;
  const full = results[1]!;
  const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');
  say(`Targets: build ≤ 2 s — equality ${ms(eq.buildSeconds)}, full ${ms(full.buildSeconds)} (${verdict(Math.max(eq.buildSeconds, full.buildSeconds) <= 2)}); equality ≥ 500,000 obs/s — ${rate(eq.observations / eq.pushSeconds)} (${verdict(eq.observations / eq.pushSeconds >= 500_000)}); full ≥ 100,000 obs/s — ${rate(full.observations / full.pushSeconds)} (${verdict(full.observations / full.pushSeconds >= 100_000)}).`);
  const bad = results.filter((r) => r.found !== r.expected || r.wrong > 0 || r.missed > 0 || r.rejected > 0);
  if (bad.length > 0) {
    for (const r of bad) console.error(`FAIL ${r.mix}: found ${r.found}, expected ${r.expected}, wrong ${r.wrong}, missed ${r.missed}, rejected ${r.rejected}`);
    process.exitCode = 1;
    throw new Error('sightings found differ from the planted ones');
  }
  say('Sightings found equal the planted ones in both scenarios (every hit the expected indicator, none missed).');
}

function spawnScenario(scenario: { mix: string; indicators: number; observations: number; seed: number; dist: boolean }): ScenarioResult {
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(repoRoot, 'bench', 'run.ts'), 'match', '--child', JSON.stringify(scenario)], {
    encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as ScenarioResult;
}

export function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1] ?? fallback;
}

export const ms = (seconds: number): string => (seconds < 10 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(1)} s`);
export const rate = (perSecond: number): string => Math.round(perSecond).toLocaleString('en-GB');
