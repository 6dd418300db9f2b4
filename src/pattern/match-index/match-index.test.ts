/**
 * The compiled match index against its oracle, the one-by-one reference index
 * (./reference.ts): random indicator sets and observation streams from a seeded
 * generator over a small vocabulary (so hits are frequent), every shared matcher
 * case of ../shared/conformance/stix-patterns, and targeted cases.
 * Equal means: the same hits (indicator ids and observed-data ids, in order) on
 * every push, and a PATTERN_MATCH_ERROR on the same pushes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../../test/support/shared.ts';
import { isAppError, ErrorCode } from '../../common/errors.ts';
import { collect, type Sdo } from '../evaluate/observation.ts';
import type { StixVersion } from '../grammar.ts';
import { likeLiteral, regexLiteral } from './literal.ts';
import { observe as readObservation } from './observe.ts';
import { asEvaluatorInput } from './reference.ts';
import { compileMatchIndex, compileReferenceIndex, type IndicatorInput, type MatchSession, type ObservationInput } from './index.ts';

/** sfc32: a small seeded generator, so every failure is reproducible from its seed. */
function prng(seed: number): () => number {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0;
    a = b ^ (b >>> 9);
    b = c + (c << 3) | 0;
    c = (c << 21) | (c >>> 11);
    c = c + t | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

class Gen {
  constructor(readonly random: () => number) {}
  int(n: number): number { return Math.floor(this.random() * n); }
  pick<T>(items: readonly T[]): T { return items[this.int(items.length)]!; }
  chance(p: number): boolean { return this.random() < p; }
}

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

// ---- vocabulary: few values, so that patterns and observations meet often ----
const V4 = ['10.0.0.1', '10.0.0.2', '10.0.1.7', '192.168.1.1', '0.0.0.0', '255.255.255.255', '010.0.0.1', '10.0.0.0/24', '10.0.0.0/8', '1.2.3.4/32'];
const V4_BLOCKS = ['10.0.0.0/8', '10.0.0.0/24', '10.0.0.1/32', '0.0.0.0/0', '192.168.0.0/16', '255.255.255.255/32', '10.0.0.0/31', '10.0.0.3/8'];
const V6 = ['2001:db8::1', '2001:DB8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', '::1', '::', 'fe80::1', '2001:db8::/32', '::ffff:10.0.0.1'];
const V6_BLOCKS = ['2001:db8::/32', '::/0', '::1/128', 'fe80::/10', '2001:db8::1/128'];
const DOMAINS = ['example.com', 'evil.example.com', 'Example.com', 'bad.test', 'caf\u00e9.test', 'cafe\u0301.test', 'x.evil.net', 'évil.net'];
const URLS = ['http://evil.example.com/a', 'https://bad.test/x?y=1', 'http://example.com/', 'ftp://x.evil.net/file'];
const EMAILS = ['a@example.com', 'b@bad.test', 'A@example.com'];
const HASHES: Record<string, string[]> = {
  'MD5': ['d41d8cd98f00b204e9800998ecf8427e', 'D41D8CD98F00B204E9800998ECF8427E', '0cc175b9c0f1b6a831c399e269772661'],
  'SHA-1': ['da39a3ee5e6b4b0d3255bfef95601890afd80709', '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8'],
  'SHA-256': ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'],
  'SHA-512': ['cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e'],
};
const HASH_KEYS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'sha-256', 'md5'];
const NAMES = ['a.exe', 'b.dll', 'évil.exe', 'e\u0301vil.exe'];
const TIMES = ['2020-01-01T00:00:00Z', '2024-06-01T12:00:00.5Z', '2030-01-01T00:00:00Z'];
const BASE = Date.parse('2024-01-01T00:00:00Z');

/** One comparison on one object type. */
function comparison(g: Gen, version: StixVersion): string {
  const type = g.pick(['ipv4-addr', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'domain-name', 'url', 'email-addr', 'file', 'file', 'network-traffic', 'email-message']);
  const not = (): string => (g.chance(0.1) ? 'NOT ' : '');
  const eqish = (path: string, values: readonly string[]): string => {
    const r = g.int(10);
    if (r < 5) return `${path} ${not()}= ${quote(g.pick(values))}`;
    if (r < 7) return `${path} ${not()}IN (${[g.pick(values), g.pick(values)].map(quote).join(', ')})`;
    if (r < 8) return `${path} != ${quote(g.pick(values))}`;
    if (r < 9) return `${path} ${g.pick(['<', '>', '<=', '>='])} ${quote(g.pick(values))}`;
    return `${path} IN ()`;
  };
  switch (type) {
    case 'ipv4-addr': {
      const r = g.int(10);
      if (r < 4) return `ipv4-addr:value ${not()}ISSUBSET ${quote(g.pick(V4_BLOCKS))}`;
      if (r < 5) return `ipv4-addr:value ISSUPERSET ${quote(g.pick(V4))}`;
      if (r < 6) return `ipv4-addr:value ${g.pick(["LIKE '10.0.%'", "MATCHES '^10\\\\.0\\\\.'", "LIKE '%.1'"])}`;
      return eqish('ipv4-addr:value', V4);
    }
    case 'ipv6-addr':
      return g.chance(0.4) ? `ipv6-addr:value ISSUBSET ${quote(g.pick(V6_BLOCKS))}` : eqish('ipv6-addr:value', V6);
    case 'domain-name': {
      const r = g.int(10);
      if (r < 3) return `domain-name:value ${not()}LIKE ${quote(g.pick(['%.example.com', 'evil%', '%evil%', 'caf_.test', '%.test', 'bad.test', '%', 'caf\u00e9%', 'cafe\u0301%', '%xam%']))}`;
      if (r < 6) return `domain-name:value ${not()}MATCHES ${quote(g.pick(['evil', '^.*\\.example\\.com$', 'ex(am)?ple', '[a-z]+\\.test', 'bad|evil', 'caf\u00e9', 'exa?mple', 'e+vil', '\\bbad\\b', '(?:x\\.)?evil\\.net', 'Ex.mple']))}`;
      return eqish('domain-name:value', DOMAINS);
    }
    case 'url':
      return g.chance(0.4) ? `url:value ${g.pick(["LIKE '%evil.example.com%'", "MATCHES 'https?://bad\\\\.test'", "LIKE 'http://%'"])}` : eqish('url:value', URLS);
    case 'email-addr':
      return g.chance(0.3) ? "email-addr:value LIKE '%@example.com'" : eqish('email-addr:value', EMAILS);
    case 'file': {
      const r = g.int(12);
      if (r < 6) {
        const algorithm = g.pick(Object.keys(HASHES));
        const path = g.chance(0.8) ? `file:hashes.'${algorithm}'` : `file:hashes.${algorithm.replace('-', '')}`;
        return eqish(path, HASHES[algorithm]!);
      }
      if (r < 8) return eqish('file:name', NAMES);
      if (r < 9) return `file:size ${g.pick(['>', '<', '='])} ${g.pick([0, 100, 2048])}`;
      if (r < 10 && version === '2.1') return `EXISTS file:hashes.${g.pick(['MD5', "'SHA-256'"])}`;
      if (r < 11) return g.chance(0.5) ? `file:ctime ${g.pick(['>', '<', '='])} t'${g.pick(TIMES)}'` : `file:magic_number_hex ${g.pick(['=', '!='])} h'ffd8ffe0'`;
      return `file:name LIKE ${quote(g.pick(['%.exe', '_.dll', 'évil%']))}`;
    }
    case 'network-traffic': {
      const r = g.int(6);
      if (r < 2) return eqish(`network-traffic:${g.pick(['src_ref', 'dst_ref'])}.value`, V4);
      if (r < 3) return `network-traffic:dst_ref.value ISSUBSET ${quote(g.pick(V4_BLOCKS))}`;
      if (r < 4) return `network-traffic:dst_port ${g.pick(['=', '>', '!='])} ${g.pick([80, 443])}`;
      return `network-traffic:protocols[${g.pick(['*', '0', '-1'])}] = ${quote(g.pick(['tcp', 'udp', 'TCP']))}`;
    }
    default:
      return eqish('email-message:from_ref.value', EMAILS);
  }
}

function comparisonExpression(g: Gen, version: StixVersion, depth = 0): string {
  const r = g.int(10);
  if (depth >= 2 || r < 5) return comparison(g, version);
  const inner = `${comparisonExpression(g, version, depth + 1)} ${g.pick(['AND', 'OR'])} ${comparisonExpression(g, version, depth + 1)}`;
  return g.chance(0.4) ? `(${inner})` : inner;
}

function timestamp(seconds: number): string {
  return new Date(BASE + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function qualifier(g: Gen, version: StixVersion): string {
  const r = g.int(3);
  if (r === 0) return ` WITHIN ${g.pick([1, 5, 30, 120, 2.5])} SECONDS`;
  if (r === 1) return ` REPEATS ${g.pick([2, 3])} TIMES`;
  const start = g.int(300);
  const t = (s: number): string => (version === '2.0' && g.chance(0.5) ? quote(timestamp(s)) : `t'${timestamp(s)}'`);
  return ` START ${t(start)} STOP ${t(start + 1 + g.int(300))}`;
}

function observationExpression(g: Gen, version: StixVersion, depth = 0): string {
  const r = g.int(10);
  let expr: string;
  if (depth >= 2 || r < 5) expr = `[${comparisonExpression(g, version)}]`;
  else expr = `${observationExpression(g, version, depth + 1)} ${g.pick(['AND', 'OR', 'FOLLOWEDBY'])} ${observationExpression(g, version, depth + 1)}`;
  if (g.chance(0.25)) expr = `(${expr})${qualifier(g, version)}`;
  return expr;
}

/** Multi-observation patterns over broad leaves (`!=`, NOT…) explode combinatorially; keep those leaves narrow. */
function narrow(g: Gen, version: StixVersion): string {
  let expr = '';
  for (let tries = 0; tries < 20; tries++) {
    expr = observationExpression(g, version);
    if (!expr.includes('] ') && !expr.includes(' ['))  return expr;
    if (!/!=|NOT|<|>|IN \(\)|LIKE '%'|ISSUBSET '(0\.0\.0\.0|::)\/0'/.test(expr)) return expr;
  }
  return expr;
}

function indicators(g: Gen, count: number): IndicatorInput[] {
  return Array.from({ length: count }, (_, i) => {
    const stixVersion: StixVersion = g.chance(0.2) ? '2.0' : '2.1';
    const pattern = g.chance(0.5) ? `[${comparisonExpression(g, stixVersion)}]` : g.chance(0.8) ? narrow(g, stixVersion) : observationExpression(g, stixVersion);
    return { id: `indicator--${i}`, pattern, stixVersion };
  });
}

/** Objects of one observation: a few SCOs, with references between them. */
function scos(g: Gen, n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const id = (type: string): string => `${type}--${n}-${out.length}`;
  for (let k = 1 + g.int(3); k > 0; k--) {
    const type = g.pick(['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'file', 'network-traffic', 'email-message']);
    switch (type) {
      case 'ipv4-addr': out.push({ type, id: id(type), value: g.pick(V4) }); break;
      case 'ipv6-addr': out.push({ type, id: id(type), value: g.pick(V6) }); break;
      case 'domain-name': out.push({ type, id: id(type), value: g.pick(DOMAINS) }); break;
      case 'url': out.push({ type, id: id(type), value: g.pick(URLS) }); break;
      case 'email-addr': out.push({ type, id: id(type), value: g.pick(EMAILS) }); break;
      case 'file': {
        const hashes: Record<string, string> = {};
        for (let h = g.int(3); h > 0; h--) {
          const key = g.pick(HASH_KEYS);
          hashes[key] = g.pick(HASHES[key.toUpperCase()] ?? HASHES['MD5']!);
        }
        const file: Record<string, unknown> = { type, id: id(type), hashes, name: g.pick(NAMES), size: g.pick([0, 100, 5000]) };
        if (g.chance(0.3)) file.ctime = g.chance(0.05) ? 'yesterday' : g.pick(TIMES);
        if (g.chance(0.3)) file.magic_number_hex = g.pick(['ffd8ffe0', 'FFD8FFE0', '0000', g.chance(0.1) ? 'zz' : 'ffd8ffe0']);
        out.push(file);
        break;
      }
      case 'network-traffic': {
        const src = { type: 'ipv4-addr', id: id('ipv4-addr'), value: g.pick(V4) };
        out.push(src);
        const dst = { type: 'ipv4-addr', id: id('ipv4-addr'), value: g.pick(V4) };
        out.push(dst);
        out.push({ type, id: id(type), src_ref: g.chance(0.03) ? 7 : src.id, dst_ref: g.chance(0.9) ? dst.id : 'ipv4-addr--missing', dst_port: g.pick([80, 443]), protocols: g.pick([['tcp'], ['ipv4', 'tcp'], ['udp'], []]) });
        break;
      }
      default: {
        const from = { type: 'email-addr', id: id('email-addr'), value: g.pick(EMAILS) };
        out.push(from);
        out.push({ type, id: id(type), from_ref: from.id, is_multipart: false });
      }
    }
  }
  return out;
}

/** A stream of observations in time order (first_observed never decreases), a few of them bad. */
function observations(g: Gen, count: number): ObservationInput[] {
  const out: ObservationInput[] = [];
  let clock = 0;
  for (let n = 0; n < count; n++) {
    clock += g.pick([0, 0, 1, 2, 5, 30]);
    const objects = scos(g, n);
    const sdo: Record<string, unknown> = {
      type: 'observed-data', id: `observed-data--${n}`, spec_version: '2.1',
      first_observed: timestamp(clock), last_observed: timestamp(clock + g.pick([0, 0, 1, 3])), number_observed: g.pick([1, 1, 1, 2, 3]),
    };
    const bad = g.int(60);
    if (bad === 0) delete sdo.first_observed;
    else if (bad === 1) sdo.number_observed = 0;
    else if (bad === 2) sdo.last_observed = timestamp(clock - 10);
    if (g.chance(0.25)) {
      // STIX 2.0: objects embedded, keyed by index; references are those keys.
      const keyOf = new Map(objects.map((o, i) => [o.id as string, String(i)]));
      const embedded = Object.fromEntries(objects.map((o, i) => {
        const copy: Record<string, unknown> = { ...o };
        delete copy.id;
        for (const k of ['src_ref', 'dst_ref', 'from_ref']) if (typeof copy[k] === 'string') copy[k] = keyOf.get(copy[k] as string) ?? '99';
        return [String(i), copy];
      }));
      out.push({ observedData: { ...sdo, objects: embedded } });
    } else {
      // Now and then an object the observed-data does not list: no comparison may start from it.
      const unlisted = g.chance(0.1) ? [{ type: 'domain-name', id: `domain-name--${n}-unlisted`, value: g.pick(DOMAINS) }] : [];
      out.push({ observedData: { ...sdo, object_refs: objects.map((o) => o.id) }, objects: [...objects, ...unlisted] });
    }
  }
  return out;
}

type Outcome = string[] | { error: string };

const TOO_COMPLEX = /too complex|too many observations/;

/** Push `o` to both sessions: the hits (indicator ← observed-data ids), or the error. */
function pushBoth(compiled: MatchSession, reference: MatchSession, o: ObservationInput): [Outcome, Outcome] {
  const run = (session: MatchSession): Outcome => {
    try {
      return session.push(o).map((h) => `${h.indicatorId} ← ${h.observedData.map((d) => d.id ?? '?').join(',')}`);
    } catch (e) {
      if (isAppError(e, ErrorCode.PATTERN_MATCH_ERROR)) return { error: e.message };
      throw e;
    }
  };
  return [run(compiled), run(reference)];
}

/** Equal outcomes (any two errors are equal); `false` when the reference gave up on a search the index, with fewer observations, finished. */
function same(got: Outcome, want: Outcome, message: string): boolean {
  if (!Array.isArray(want) && TOO_COMPLEX.test(want.error) && Array.isArray(got)) return false;
  if (Array.isArray(got) && Array.isArray(want)) assert.deepEqual(got, want, message);
  else assert.equal(Array.isArray(got), Array.isArray(want), `${message}\nindex: ${JSON.stringify(got)}\nreference: ${JSON.stringify(want)}`);
  return true;
}

test('match index: equals the reference index on random indicator sets and streams (STIX 2.1 §9)', () => {
  let pushes = 0;
  let hits = 0;
  let errors = 0;
  let multi = 0;
  let gaveUp = 0;
  for (let seed = 1; seed <= 120; seed++) {
    const g = new Gen(prng(seed));
    const set = indicators(g, 1 + g.int(25));
    const compiled = compileMatchIndex(set);
    const reference = compileReferenceIndex(set);
    multi += compiled.stats.multiObservation;
    assert.deepEqual(compiled.rejected.map((r) => r.id), reference.rejected.map((r) => r.id), `seed ${seed}: rejected`);
    const cs = compiled.index.session();
    const rs = reference.index.session();
    for (const [n, o] of observations(g, 40).entries()) {
      const [c, r] = pushBoth(cs, rs, o);
      if (!same(c, r, `seed ${seed}, observation ${n}: ${JSON.stringify(o)}\npatterns:\n${set.map((i) => `${i.id} ${i.stixVersion} ${i.pattern as string}`).join('\n')}`)) {
        gaveUp++;
        break; // the sessions now hold different observations
      }
      pushes++;
      if (Array.isArray(c)) hits += c.length;
      else errors++;
    }
  }
  // The generator must exercise what it claims: many hits, some errors, many multi-observation patterns.
  assert.ok(hits > pushes, `too few hits: ${hits} over ${pushes} pushes`);
  assert.ok(errors > 50, `too few bad observations: ${errors}`);
  assert.ok(multi > 250, `too few multi-observation patterns: ${multi}`);
  assert.ok(gaveUp < 10, `the reference gave up on ${gaveUp} streams`);
});

interface MatcherCase {
  readonly id: string;
  readonly pattern: string;
  readonly stix_version: StixVersion;
  readonly observations: string;
}

test('match index: equals the reference index on every shared matcher case it accepts', () => {
  const data = JSON.parse(readFileSync(sharedPath('conformance', 'stix-patterns', 'matcher-cases.json'), 'utf8')) as {
    cases: MatcherCase[];
    observations: Record<string, Record<string, unknown>[]>;
  };
  let compared = 0;
  let neverEvaluable = 0;
  for (const c of data.cases) {
    const set = [{ id: c.id, pattern: c.pattern, stixVersion: c.stix_version }];
    const reference = compileReferenceIndex(set);
    if (reference.rejected.length > 0) continue;
    const compiled = compileMatchIndex(set);
    const rs = reference.index.session();
    const stream = data.observations[c.observations]!.map((observedData) => ({ observedData }));
    if (compiled.rejected.length > 0) {
      // Rejected at compile time only when the reference raises on every push.
      neverEvaluable++;
      for (const o of stream) assert.throws(() => rs.push(o), (e) => isAppError(e, ErrorCode.PATTERN_MATCH_ERROR), `${c.id} ${c.pattern}`);
      continue;
    }
    const cs = compiled.index.session();
    for (const [n, o] of stream.entries()) {
      const [got, want] = pushBoth(cs, rs, o);
      if (!Array.isArray(got) && o.observedData.type !== 'observed-data') break; // documented: the index refuses what the reference skips
      if (!same(got, want, `${c.id} ${c.pattern} (observation ${n})`)) break;
    }
    compared++;
  }
  assert.ok(compared > 450, `only ${compared} shared cases compared`);
  assert.ok(neverEvaluable > 0);
});

/** Observations of odd shapes, for the observation reader: everything `collect` has a rule for. */
function oddObservation(g: Gen, n: number): ObservationInput {
  const objects: unknown[] = scos(g, n);
  const ids = objects.map((o) => (o as { id: string }).id);
  if (g.chance(0.3)) objects.push({ ...(objects[0] as object), value: 'duplicate id, later' });
  if (g.chance(0.2)) objects.push({ type: 'identity', id: `identity--${n}`, name: 'an SDO: never a root' });
  if (g.chance(0.2)) objects.push({ type: 'x-custom', id: `x-custom--${n}`, thing: 1 });
  if (g.chance(0.1)) objects.push(null, 5, ['a']);
  if (g.chance(0.1)) objects.push(...Array.from({ length: 20 }, (_, i) => ({ type: 'ipv4-addr', id: `ipv4-addr--${n}-big-${i}`, value: g.pick(V4) })));
  if (g.chance(0.05)) objects.push({ type: 'observed-data', id: `observed-data--${n}-inner`, ...at(n), object_refs: ids.slice(0, 1) });
  const refs: unknown[] = [...ids, ...objects.slice(ids.length).map((o) => (o as { id?: unknown } | null)?.id)];
  if (g.chance(0.3)) refs.push(7, null, `${ids[0]}`, 'missing--1', `observed-data--${n}`);
  const observedData: Record<string, unknown> = { type: 'observed-data', id: `observed-data--${n}`, ...at(n) };
  if (g.chance(0.8)) observedData.object_refs = g.chance(0.2) ? 'not a list' : refs.filter(() => g.chance(0.8));
  if (g.chance(0.2)) observedData.objects = { 0: { type: 'ipv4-addr', value: '10.0.0.1' }, 1: 'not an object' };
  const damage = g.int(12);
  if (damage === 0) observedData.first_observed = 'yesterday';
  else if (damage === 1) observedData.last_observed = 5;
  else if (damage === 2) observedData.number_observed = 1.5;
  else if (damage === 3) delete observedData.last_observed;
  else if (damage === 4) observedData.first_observed = '2024-02-30T00:00:00Z';
  return g.chance(0.1) ? { observedData } : { observedData, objects: objects as Record<string, unknown>[] };
}

test('observation reader: reads every observation as collect() reads the reference index\'s input', () => {
  const g = new Gen(prng(7));
  const shape = (s: Sdo, probes: readonly unknown[]) => ({ sdo: s.sdo, objects: s.objects, first: s.first, last: s.last, count: s.count, resolved: probes.map((p) => s.resolve(p)) });
  let errors = 0;
  for (let n = 0; n < 3000; n++) {
    const o = n % 2 === 0 ? oddObservation(g, n) : observations(g, 1)[0]!;
    const probes = [...(o.objects ?? []).map((x) => (x as { id?: unknown } | null)?.id), 0, 1, '0', '1', 'missing--1', 7];
    let want: unknown;
    let got: unknown;
    try { want = collect([asEvaluatorInput(o)]).map((s) => shape(s, probes)); } catch (e) { want = isAppError(e, ErrorCode.PATTERN_MATCH_ERROR) ? 'error' : e; }
    try { got = readObservation(o).map((s) => shape(s, probes)); } catch (e) { got = isAppError(e, ErrorCode.PATTERN_MATCH_ERROR) ? 'error' : e; }
    if (want === 'error') errors++;
    assert.deepEqual(got, want, `observation ${n}: ${JSON.stringify(o)}`);
  }
  assert.ok(errors > 300, `too few bad observations: ${errors}`);
});

// ---- targeted cases ----

const at = (seconds: number): Record<string, unknown> => ({ first_observed: timestamp(seconds), last_observed: timestamp(seconds), number_observed: 1 });

function observe(n: number, ...objects: Record<string, unknown>[]): ObservationInput {
  const withIds = objects.map((o, i) => ({ id: `${o.type as string}--${n}-${i}`, ...o }));
  return { observedData: { type: 'observed-data', id: `observed-data--${n}`, ...at(n), object_refs: withIds.map((o) => o.id) }, objects: withIds };
}

/** Which of `patterns` hit `observation`, in both indexes (asserted equal). */
function hitsOf(patterns: readonly string[], observation: ObservationInput): string[] {
  const set = patterns.map((pattern, i) => ({ id: `p${i}`, pattern }));
  const compiled = compileMatchIndex(set);
  assert.deepEqual(compiled.rejected, []);
  const got = compiled.index.session().push(observation).map((h) => h.indicatorId);
  const want = compileReferenceIndex(set).index.session().push(observation).map((h) => h.indicatorId);
  assert.deepEqual(got, want);
  return got;
}

test('match index: CIDR boundaries /0, /31, /32, /128 and observed blocks', () => {
  const v4 = (value: string) => observe(1, { type: 'ipv4-addr', value });
  const blocks = ["[ipv4-addr:value ISSUBSET '0.0.0.0/0']", "[ipv4-addr:value ISSUBSET '10.0.0.0/31']", "[ipv4-addr:value ISSUBSET '10.0.0.1/32']", "[ipv4-addr:value ISSUBSET '10.0.0.0/8']"];
  assert.deepEqual(hitsOf(blocks, v4('10.0.0.1')), ['p0', 'p1', 'p2', 'p3']);
  assert.deepEqual(hitsOf(blocks, v4('10.0.0.2')), ['p0', 'p3']);
  assert.deepEqual(hitsOf(blocks, v4('11.0.0.0')), ['p0']);
  assert.deepEqual(hitsOf(blocks, v4('255.255.255.255')), ['p0']);
  assert.deepEqual(hitsOf(blocks, v4('10.0.0.0/16')), ['p0', 'p3']); // a block inside a block
  assert.deepEqual(hitsOf(blocks, v4('0.0.0.0/0')), ['p0']);
  assert.deepEqual(hitsOf(blocks, v4('010.000.000.001')), ['p0', 'p1', 'p2', 'p3']); // leading zeros, as the evaluator reads them
  assert.deepEqual(hitsOf(blocks, v4('10.0.0.256')), []);
  assert.deepEqual(hitsOf(blocks, v4('10.0.0.1/33')), []);
  const v6 = (value: string) => observe(1, { type: 'ipv6-addr', value });
  const v6blocks = ["[ipv6-addr:value ISSUBSET '::/0']", "[ipv6-addr:value ISSUBSET '2001:db8::/32']", "[ipv6-addr:value ISSUBSET '2001:db8::1/128']", "[ipv6-addr:value = '2001:db8::1']"];
  for (const form of ['2001:db8::1', '2001:DB8::1', '2001:0db8:0:0:0:0:0:1', '2001:db8::/48', '::ffff:10.0.0.1', '::']) hitsOf(v6blocks, v6(form));
  assert.deepEqual(hitsOf(v6blocks, v6('2001:db8::1')), hitsOf(v6blocks.slice(0, 3).concat("[ipv6-addr:value = '2001:db8::1']"), v6('2001:db8::1')));
});

test('match index: hash algorithm names are property names, compared as written', () => {
  const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
  const patterns = [`[file:hashes.MD5 = '${md5}']`, `[file:hashes.'MD5' = '${md5}']`, `[file:hashes.'SHA-256' = '${'a'.repeat(64)}']`, `[file:hashes.MD5 = '${md5.toUpperCase()}']`];
  for (const hashes of [{ MD5: md5 }, { md5 }, { MD5: md5.toUpperCase() }, { 'SHA-256': 'a'.repeat(64) }, { 'sha-256': 'a'.repeat(64) }]) {
    hitsOf(patterns, observe(1, { type: 'file', hashes }));
  }
  assert.deepEqual(hitsOf(patterns, observe(1, { type: 'file', hashes: { MD5: md5 } })), ['p0', 'p1']);
});

test('match index: an empty index, a bad observation, rejected patterns', () => {
  const empty = compileMatchIndex([]);
  assert.equal(empty.index.size, 0);
  assert.deepEqual(empty.index.session().push(observe(1, { type: 'ipv4-addr', value: '10.0.0.1' })), []);
  // A bad observation throws and leaves the session as it was.
  const { index } = compileMatchIndex([{ id: 'a', pattern: "[ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'x.test']" }]);
  const session = index.session();
  assert.deepEqual(session.push(observe(1, { type: 'ipv4-addr', value: '10.0.0.1' })), []);
  const bad = observe(2, { type: 'domain-name', value: 'x.test' });
  for (const broken of [{ ...bad.observedData, type: 'indicator' }, { ...bad.observedData, first_observed: undefined }, { ...bad.observedData, number_observed: 0 }]) {
    assert.throws(() => session.push({ observedData: broken, objects: bad.objects! }), (e) => isAppError(e, ErrorCode.PATTERN_MATCH_ERROR));
  }
  assert.deepEqual(session.push(bad).map((h) => h.observedData.map((d) => d.id)), [['observed-data--1', 'observed-data--2']]);
  // Patterns that do not parse, fail validation, or can never be evaluated: rejected with diagnostics, as in the reference where it parses.
  const { rejected, stats } = compileMatchIndex([
    { id: 'syntax', pattern: "[ipv4-addr:value = ]" },
    { id: 'hash', pattern: "[file:hashes.MD5 = 'f00']" },
    { id: 'within', pattern: "[ipv4-addr:value = '1.2.3.4'] WITHIN 0 SECONDS" },
    { id: 'mixed', pattern: "[ipv4-addr:value IN ('1.2.3.4', 5)]" },
    { id: 'ok', pattern: "[ipv4-addr:value = '1.2.3.4']" },
  ]);
  assert.deepEqual(rejected.map((r) => [r.id, r.errors[0]!.code]), [
    ['syntax', 'PATTERN_SYNTAX'], ['hash', 'PATTERN_INVALID_HASH'], ['within', 'PATTERN_UNSUPPORTED'], ['mixed', 'PATTERN_INVALID_LITERAL'],
  ]);
  assert.equal(stats.hashKeys, 1);
});

test('match index: the literal a LIKE or MATCHES constant requires (none when unsure)', () => {
  const regexes: [string, string][] = [
    ['^https?://[a-z]+\\.evil\\.test/', '.evil.test/'], ['evil', 'evil'], ['ab|cd', ''], ['(a|b)cdef', 'cdef'], ['colou?r', 'colo'],
    ['x*yzw', 'yzw'], ['ab+cd', 'ab'], ['a{2}bcd', 'bcd'], ['(?i)abc', ''], ['(?P<n>a)bcd', ''], ['\\x61bcd', ''], ['\\d+abc\\s', 'abc'],
    ['[abc]def', 'def'], ['(?:x\\.)?evil\\.net', 'evil.net'], ['abc)', ''], ['caf\u00e9', 'caf\u00e9'], ['a.b', 'a'],
  ];
  for (const [source, literal] of regexes) assert.equal(regexLiteral(source), literal, source);
  const likes: [string, string][] = [['%.example.com', '.example.com'], ['a_bcd%', 'bcd'], ['%', ''], ['a\\%b', '']];
  for (const [pattern, literal] of likes) assert.equal(likeLiteral(pattern), literal, pattern);
});

test('match index: keys route each kind of comparison; fallbacks by object type', () => {
  const { stats } = compileMatchIndex([
    { id: 'eq', pattern: "[ipv4-addr:value = '1.2.3.4' OR domain-name:value IN ('a.test', 'b.test')]" },
    { id: 'and', pattern: "[file:size > 10 AND file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']" },
    { id: 'cidr', pattern: "[ipv6-addr:value ISSUBSET '2001:db8::/32']" },
    { id: 'like', pattern: "[url:value LIKE '%evil.test/%']" },
    { id: 'regex', pattern: "[url:value MATCHES '^https?://[a-z]+\\\\.evil\\\\.test/']" },
    { id: 'short', pattern: "[url:value LIKE '%a%']" },
    { id: 'not', pattern: "[ipv4-addr:value NOT = '1.2.3.4']" },
    { id: 'ts', pattern: "[file:name = 'a' AND file:ctime > t'2020-01-01T00:00:00Z']" },
    { id: 'multi', pattern: "[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '5.6.7.8'] WITHIN 60 SECONDS" },
  ]);
  assert.deepEqual(stats, { leaves: 10, hashKeys: 6, prefixes: 1, regexes: 2, fallbacks: 3, multiObservation: 1 });
});

test('match index: a 10,000-hash list is walked flat, and a 10,000-term chain of observations is refused as the evaluator refuses it', () => {
  const hashes = Array.from({ length: 10_000 }, (_, i) => i.toString(16).padStart(64, '0'));
  const inOne = `[${hashes.map((h) => `file:hashes.'SHA-256' = '${h}'`).join(' OR ')}]`;
  const { index, rejected, stats } = compileMatchIndex([{ id: 'list', pattern: inOne }]);
  assert.deepEqual(rejected, []);
  assert.equal(stats.hashKeys, 10_000);
  const session = index.session();
  assert.equal(session.push(observe(1, { type: 'file', hashes: { 'SHA-256': hashes[9_999]! } })).length, 1);
  assert.equal(session.push(observe(2, { type: 'file', hashes: { 'SHA-256': 'f'.repeat(64) } })).length, 0);
  for (const op of ['OR', 'AND', 'FOLLOWEDBY']) {
    const chain = hashes.map((h) => `[file:hashes.'SHA-256' = '${h}']`).join(` ${op} `);
    const compiled = compileMatchIndex([{ id: op, pattern: chain }]);
    const push = (): unknown => compileReferenceIndex([{ id: op, pattern: chain }]).index.session().push(observe(1, { type: 'file', hashes: { 'SHA-256': hashes[0]! } }));
    if (compiled.rejected.length > 0) assert.throws(push, (e) => isAppError(e, ErrorCode.PATTERN_MATCH_ERROR), op);
    else assert.doesNotThrow(push, op);
  }
});

test('match index: buffers are bounded — WITHIN prunes in time order, others keep the last maxBuffer matches', () => {
  const pattern = "[ipv4-addr:value = '1.1.1.1'] AND [domain-name:value = 'a.test']";
  const { index } = compileMatchIndex([{ id: 'p', pattern }], { maxBuffer: 2 });
  const s = index.session();
  s.push(observe(1, { type: 'ipv4-addr', value: '1.1.1.1' }));
  s.push(observe(2, { type: 'ipv4-addr', value: '1.1.1.1' }));
  s.push(observe(3, { type: 'ipv4-addr', value: '1.1.1.1' }));
  // The first observation fell out of the buffer; the binding uses the earliest still kept.
  assert.deepEqual(s.push(observe(4, { type: 'domain-name', value: 'a.test' })).map((h) => h.observedData.map((d) => d.id)), [['observed-data--3', 'observed-data--4']]);
  const within = compileMatchIndex([{ id: 'w', pattern: `(${pattern}) WITHIN 10 SECONDS` }]).index.session();
  within.push(observe(1, { type: 'ipv4-addr', value: '1.1.1.1' }));
  assert.equal(within.push(observe(12, { type: 'domain-name', value: 'a.test' })).length, 0);
  assert.equal(within.push(observe(20, { type: 'ipv4-addr', value: '1.1.1.1' })).length, 1);
});
