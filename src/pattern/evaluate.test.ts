/**
 * The evaluator against every shared matcher vector
 * (../shared/conformance/stix-patterns/matcher-cases.json, README §3), then the semantics
 * decisions the vectors do not pin down (docs/patterning.md, "Evaluator").
 */
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../test/support/shared.ts';
import { isAppError, ErrorCode } from '../common/errors.ts';
import { findMatch, matchPattern, parsePattern, type StixVersion } from './index.ts';
import { compileMatches, translateRegex } from './evaluate/regex.ts';

interface Case {
  readonly id: string;
  readonly pattern: string;
  readonly stix_version: StixVersion;
  readonly observations: string;
  readonly expected: boolean | 'error';
  readonly error_kind?: 'parse-error' | 'match-error';
  readonly expected_matched_ids?: readonly string[];
  readonly expected_result_count?: number;
  readonly features: readonly string[];
}

const data = JSON.parse(readFileSync(sharedPath('conformance', 'stix-patterns', 'matcher-cases.json'), 'utf8')) as {
  cases: Case[];
  observations: Record<string, unknown[]>;
};

/**
 * Shared cases known to disagree with this evaluator, each with the reason (quoted in
 * docs/patterning.md). Empty: every case passes. The test fails when a listed case starts
 * passing (remove it) and when an unlisted case fails.
 */
const KNOWN_DISAGREEMENTS: ReadonlyMap<string, string> = new Map();

function runCase(c: Case): string | null {
  const parsed = parsePattern(c.pattern, { stixVersion: c.stix_version });
  if (c.expected === 'error' && c.error_kind === 'parse-error') return parsed.ok ? 'parsed, expected a parse error' : null;
  // Validator findings (duplicate qualifier) keep the AST, which the matcher still evaluates.
  if (!parsed.ast) return `parse failed: ${parsed.errors.map((e) => e.message).join('; ')}`;
  const obs = data.observations[c.observations]!;
  let result;
  try {
    result = findMatch(parsed.ast, obs, { stixVersion: c.stix_version });
  } catch (e) {
    if (c.expected === 'error' && isAppError(e, ErrorCode.PATTERN_MATCH_ERROR)) return null;
    return `threw ${e instanceof Error ? e.message : String(e)}`;
  }
  if (c.expected === 'error') return 'matched without error';
  if (result.matched !== c.expected) return `matched=${result.matched}`;
  const ids = (result.bindings ?? []).map((s) => s.id);
  if (c.expected_matched_ids && JSON.stringify([...ids].sort()) !== JSON.stringify([...c.expected_matched_ids].sort())) return `ids ${ids.join(',')}`;
  if (c.expected_result_count !== undefined && ids.length !== c.expected_result_count) return `result count ${ids.length}`;
  return null;
}

test('evaluator: every shared matcher case (STIX 2.1 §9)', (t) => {
  const byKey = new Map<string, [number, number]>();
  const tally = (key: string, ok: boolean): void => {
    const [p, n] = byKey.get(key) ?? [0, 0];
    byKey.set(key, [p + (ok ? 1 : 0), n + 1]);
  };
  const unexpected: string[] = [];
  const nowPassing: string[] = [];
  for (const c of data.cases) {
    const why = runCase(c);
    const ok = why === null;
    if (!ok && !KNOWN_DISAGREEMENTS.has(c.id)) unexpected.push(`${c.id} ${c.pattern} — ${why}`);
    if (ok && KNOWN_DISAGREEMENTS.has(c.id)) nowPassing.push(c.id);
    tally(`expected:${c.expected === 'error' ? `error/${c.error_kind}` : String(c.expected)}`, ok);
    for (const f of c.features) tally(f, ok);
  }
  const passed = data.cases.length - unexpected.length - (KNOWN_DISAGREEMENTS.size - nowPassing.length);
  t.diagnostic(`passed ${passed} / ${data.cases.length}`);
  for (const [k, [p, n]] of [...byKey].sort()) t.diagnostic(`${k}: ${p} / ${n}`);
  assert.deepEqual(unexpected, [], 'shared cases failing that are not known disagreements');
  assert.deepEqual(nowPassing, [], 'known disagreements that now pass: remove them from KNOWN_DISAGREEMENTS');
});

// ---------------------------------------------------------------------------------------
// Decisions beyond the shared cases.

const T0 = '2024-01-01T00:00:00Z';

/** A STIX 2.1 bundle of one observed-data over `objects`. */
function bundle(objects: Record<string, unknown>[], at: { first?: string; last?: string; count?: number; id?: string } = {}): Record<string, unknown> {
  const withIds = objects.map((o, i) => ({ id: `${String(o.type)}--${i}-${at.id ?? 'x'}`, ...o }));
  return {
    type: 'bundle',
    id: `bundle--${at.id ?? 'x'}`,
    objects: [
      {
        type: 'observed-data', id: `observed-data--${at.id ?? 'x'}`, first_observed: at.first ?? T0, last_observed: at.last ?? at.first ?? T0,
        number_observed: at.count ?? 1, object_refs: withIds.map((o) => o.id),
      },
      ...withIds,
    ],
  };
}

const matches = (pattern: string, observations: unknown[], stixVersion: StixVersion = '2.1'): boolean => matchPattern(pattern, observations, { stixVersion });

/** Each pattern against the observations: does it match? */
function table(observations: unknown[], expected: ReadonlyArray<readonly [pattern: string, matches: boolean]>): void {
  for (const [pattern, want] of expected) assert.equal(matches(pattern, observations), want, pattern);
}

function throwsMatchError(fn: () => unknown, message?: RegExp): void {
  assert.throws(fn, (e) => isAppError(e, ErrorCode.PATTERN_MATCH_ERROR) && (message === undefined || message.test(e.message)));
}

describe('evaluator semantics (docs/patterning.md)', () => {
  it('§9.5: the comparisons of one observation expression start from the same object', () => {
    const obs = [bundle([{ type: 'person', name: 'alice', age: 10 }, { type: 'person', name: 'bob', age: 15 }])];
    table(obs, [
      ["[person:name = 'alice' AND person:age > 10]", false],
      ["[person:name = 'bob' AND person:age > 10]", true],
      ["[person:name = 'alice' OR person:age > 12]", true],
    ]);
  });

  it('§9.6.2: = and IN compare code points (no normalisation); LIKE and MATCHES compare NFC', () => {
    const obs = [bundle([{ type: 'x-t', nfd: 'e\u0301' }])];
    table(obs, [
      ["[x-t:nfd = '\u00e9']", false],
      ["[x-t:nfd != '\u00e9']", true],
      ["[x-t:nfd IN ('\u00e9')]", false],
      ["[x-t:nfd LIKE '\u00e9']", true],
      ["[x-t:nfd MATCHES '^\u00e9$']", true],
    ]);
    // Code point order: U+FFFD sorts below U+1F600 although its UTF-16 unit is higher.
    assert.equal(matches("[x-t:s < '\u{1F600}']", [bundle([{ type: 'x-t', s: '\uFFFD' }])]), true);
  });

  it('§9.6.4: *_bin and *_hex properties are bytes; a string constant of code points below U+0100 is bytes too', () => {
    const obs = [bundle([{ type: 'artifact', payload_bin: 'dGhpcyBpcyBhIHRlc3Q=', sum_hex: '00ff' }])];
    table(obs, [
      ["[artifact:payload_bin = 'dGhpcyBpcyBhIHRlc3Q=']", false],
      ["[artifact:payload_bin = 'this is a test']", true],
      ["[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']", true],
      ["[artifact:payload_bin = h'7468697320697320612074657374']", true],
      ["[artifact:sum_hex > h'00fe']", true], // §9.6.3: unsigned octets
      ["[artifact:payload_bin != 'th\u0103s']", true], // not convertible: != is true
      ["[artifact:payload_bin MATCHES '^this\\\\x20is']", true], // bytes searched byte by byte
    ]);
    throwsMatchError(() => matches("[artifact:bad_hex = h'00']", [bundle([{ type: 'artifact', bad_hex: 'xyz' }])]), /not valid hex/);
  });

  it('ordering of incomparable types is false even under NOT; = is false and != true', () => {
    const obs = [bundle([{ type: 'x-t', n: 5 }])];
    table(obs, [
      ["[x-t:n > 'a']", false],
      ["[x-t:n NOT > 'a']", false],
      ["[x-t:n = 'a']", false],
      ["[x-t:n != 'a']", true],
    ]);
  });

  it('§9.7: a *_ref is followed within the observation; [n] is 0 … length-1; _refs need lists', () => {
    const obs = [bundle([{ type: 'network-traffic', id: 'network-traffic--1', dst_ref: 'ipv4-addr--1', protocols: ['ipv4', 'tcp'] }, { type: 'ipv4-addr', id: 'ipv4-addr--1', value: '10.0.0.1' }])];
    table(obs, [
      ["[network-traffic:dst_ref.value = '10.0.0.1']", true],
      ["[network-traffic:protocols[1] = 'tcp']", true],
      ["[network-traffic:protocols[-1] = 'tcp']", false],
      ["[network-traffic:protocols[*] = 'ipv4']", true],
    ]);
    throwsMatchError(() => matches("[x-t:a_refs[*].v = 1]", [bundle([{ type: 'x-t', a_refs: 'nope' }])]), /not a list/);
  });

  it('STIX 2.1: only objects listed in object_refs, and no SDO, start an object path', () => {
    const b = bundle([{ type: 'ipv4-addr', value: '1.2.3.4' }]);
    (b.objects as unknown[]).push({ type: 'ipv4-addr', id: 'ipv4-addr--unlisted', value: '5.6.7.8' }, { type: 'identity', id: 'identity--1', name: 'x' });
    table([b], [
      ["[ipv4-addr:value = '1.2.3.4']", true],
      ["[ipv4-addr:value = '5.6.7.8']", false],
      ['[observed-data:number_observed = 1]', false],
    ]);
  });

  it('ISSUBSET / ISSUPERSET take IPv4 and IPv6 blocks; anything else is in no block', () => {
    const obs = [bundle([{ type: 'ipv6-addr', value: '2001:db8::1' }, { type: 'ipv4-addr', value: '10.1.2.3' }, { type: 'x-t', value: 'nope' }])];
    table(obs, [
      ["[ipv6-addr:value ISSUBSET '2001:db8::/32']", true],
      ["[ipv6-addr:value ISSUBSET '2001:db9::/32']", false],
      ["[ipv4-addr:value ISSUBSET '10.0.0.0/8']", true],
      ["[ipv4-addr:value ISSUPERSET '10.1.2.3']", true],
      ["[x-t:value ISSUBSET '0.0.0.0/0']", false],
    ]);
  });

  it('§9.5.1: WITHIN and START/STOP choose a time inside each [first_observed, last_observed]', () => {
    const a = bundle([{ type: 'x-t', n: 'a' }], { first: '2000-01-01T00:00:00Z', last: '2000-01-01T00:00:01Z', id: 'a' });
    const b = bundle([{ type: 'x-t', n: 'b' }], { first: '2000-01-01T00:00:02Z', last: '2000-01-01T00:00:03Z', id: 'b' });
    // b's first_observed is exactly WITHIN's window after a's last_observed: a match (as the reference matcher).
    table([a, b], [
      ["([x-t:n = 'a'] AND [x-t:n = 'b']) WITHIN 1 SECONDS", true],
      ["([x-t:n = 'a'] AND [x-t:n = 'b']) WITHIN 0.5 SECONDS", false],
      ["[x-t:n = 'a'] START t'2000-01-01T00:00:01Z' STOP t'2000-01-01T00:00:05Z'", true], // touches START
      ["[x-t:n = 'b'] START t'2000-01-01T00:00:00Z' STOP t'2000-01-01T00:00:02Z'", false], // touches STOP only
      ["[x-t:n = 'b'] FOLLOWEDBY [x-t:n = 'a']", false],
      ["[x-t:n = 'a'] FOLLOWEDBY [x-t:n = 'b']", true],
    ]);
  });

  it('REPEATS counts number_observed; the first binding names the reference matcher’s SDOs', () => {
    const a = bundle([{ type: 'x-t', n: 'a' }], { count: 3, id: 'a' });
    table([a], [
      ["[x-t:n = 'a'] REPEATS 3 TIMES", true],
      ["[x-t:n = 'a'] REPEATS 4 TIMES", false],
    ]);
    const ast = parsePattern("[x-t:n = 'a'] REPEATS 2 TIMES").ast!;
    assert.deepEqual(findMatch(ast, [a]).bindings?.map((s) => s.id), ['observed-data--a']);
  });

  it('`including` finds a binding with that observation, searching left operands first', () => {
    const a = bundle([{ type: 'x-t', n: 'a' }], { id: 'a' });
    const b = bundle([{ type: 'x-t', n: 'b' }], { id: 'b' });
    const ast = parsePattern("[x-t:n = 'a'] OR [x-t:n = 'b']").ast!;
    const sdoB = (b.objects as Record<string, unknown>[])[0]!;
    assert.deepEqual(findMatch(ast, [a, b], { including: sdoB }).bindings?.map((s) => s.id), ['observed-data--b']);
    assert.deepEqual(findMatch(ast, [a], { including: sdoB }), { matched: false });
  });

  it('LIKE: % any run, _ any one character, newlines included, the whole value', () => {
    const obs = [bundle([{ type: 'x-t', s: 'a\nb.c' }])];
    table(obs, [
      ["[x-t:s LIKE 'a%c']", true],
      ["[x-t:s LIKE 'a_b_c']", true],
      ["[x-t:s LIKE 'a%b']", false],
      ["[x-t:s LIKE 'a%b_c%']", true],
    ]);
  });

  it('match-time errors: a JSON value that is no timestamp, a mixed set, WITHIN 0', () => {
    throwsMatchError(() => matches("[x-t:ts = t'2020-01-01T00:00:00Z']", [bundle([{ type: 'x-t', ts: '2020-02-30T00:00:00Z' }])]), /timestamp/);
    throwsMatchError(() => matches('[x-t:n IN (1, true)]', [bundle([{ type: 'x-t', n: 1 }])]), /mixes types/);
    throwsMatchError(() => matches("[x-t:n = 1] WITHIN 0 SECONDS", []), /positive/);
  });
});

describe('MATCHES: Python/PCRE regex on RE2 (docs/patterning.md, "Regular expressions")', () => {
  const search = (regex: string, text: string): boolean => compileMatches(regex).test(text);

  it('translates Python escapes, classes, quantifiers and anchors', () => {
    assert.equal(search('\\x61li[c\\x01]e', 'alice'), true);
    assert.equal(search('\\u00e9\\U0001F600', '\u00e9\u{1F600}'), true);
    assert.equal(search('\\101\\0', 'A\0'), true, 'octal escapes');
    assert.equal(search('^\\w+$', 'caf\u00e9'), true, 'Unicode \\w');
    assert.equal(search('(?a)^\\w+$', 'caf\u00e9'), false, 'ASCII \\w under (?a)');
    assert.equal(search('^\\d$', '\u0663'), true, 'Unicode \\d');
    assert.equal(search('\\s', '\u2003'), true);
    assert.equal(search('^[^\\W\\d]+$', 'abc'), true);
    assert.equal(search('^[^\\W\\d]+$', 'ab1'), false);
    assert.equal(search('[[:alpha:]]', 'x'), false, 'no POSIX classes in Python: [[] then :alpha:]');
    assert.equal(search('[]a]', ']'), true);
    assert.equal(search('a{,2}b', 'aab'), true);
    assert.equal(search('x{a}', 'x{a}'), true, 'a brace that is no quantifier is literal');
    assert.equal(search('^a$', 'a\n'), true, '$ also matches before a final newline');
    assert.equal(search('a.c', 'a\nc'), true, '§9.6.1: DOTALL');
    assert.equal(search('ab\\Z', 'ab\n'), false);
    assert.equal(search('(?i)ABC', 'abc'), true);
    assert.equal(search('(?x) a b # comment\n c', 'abc'), true);
    assert.equal(search('(?P<name>a)b', 'ab'), true);
    assert.equal(translateRegex('a$'), '(?s)a(?:\\n?\\z)');
  });

  it('refuses what RE2 cannot run, with PATTERN_MATCH_ERROR and a reason', () => {
    for (const [regex, reason] of [
      ['(a)\\1', /back-references/], ['(?P<x>a)(?P=x)', /back-references/], ['(?=a)', /lookahead/], ['(?<!a)b', /lookbehind/],
      ['a*+', /possessive/], ['(?>a)', /atomic/], ['(?(1)a|b)', /conditional/], ['a{1001}', /above 1000/], ['\\q', /bad escape/],
      ['(a', /unterminated/], ['[z-a]', /range/], ['a(?i)b', /global flags/],
    ] as const) throwsMatchError(() => compileMatches(regex), reason);
  });

  it('compiles each regex once', () => {
    assert.equal(compileMatches('^cached$'), compileMatches('^cached$'));
  });
});
