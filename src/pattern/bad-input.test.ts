/**
 * Hostile and broken input is harmless (library level): the parser answers with positioned
 * diagnostics and never throws; the evaluator answers or throws a PatternError — never a
 * stack overflow, never a hang.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '../common/errors.ts';
import type { ComparisonExpression, ObservationExpression, Pattern } from './ast.ts';
import { PatternError } from './errors.ts';
import { findMatch, matchPattern, parsePattern, type PatternDiagnostic } from './index.ts';

const T0 = '2024-01-01T00:00:00Z';

/** A STIX 2.1 bundle of one observed-data over one `x-t` object. */
function observation(props: Record<string, unknown>, at: { first?: string; id?: string; count?: number } = {}): Record<string, unknown> {
  const id = at.id ?? '1';
  return {
    type: 'bundle',
    id: `bundle--${id}`,
    objects: [
      { type: 'observed-data', id: `observed-data--${id}`, first_observed: at.first ?? T0, last_observed: at.first ?? T0, number_observed: at.count ?? 1, object_refs: [`x-t--${id}`] },
      { type: 'x-t', id: `x-t--${id}`, ...props },
    ],
  };
}

/** parsePattern does not throw, fails, and its first diagnostic is positioned as expected. */
function firstDiagnostic(text: string): PatternDiagnostic {
  let result!: ReturnType<typeof parsePattern>;
  assert.doesNotThrow(() => { result = parsePattern(text); });
  assert.equal(result.ok, false);
  assert.equal(result.ast, undefined);
  const first = result.errors[0]!;
  assert.ok(first, 'a diagnostic');
  return first;
}

function expectDiagnostic(text: string, code: string, line: number, column: number): void {
  const d = firstDiagnostic(text);
  assert.deepEqual({ code: d.code, line: d.line, column: d.column }, { code, line, column }, d.message);
}

function parses(text: string): Pattern {
  const result = parsePattern(text);
  assert.deepEqual(result.errors, []);
  return result.ast!;
}

function throwsPatternError(fn: () => unknown, code: string, message?: RegExp): void {
  assert.throws(fn, (e) => e instanceof PatternError && e.code === code && (message === undefined || message.test(e.message)));
}

/** `fn` finishes within `ms` (a guard against exponential time, not a benchmark: generous on purpose). */
function quick<T>(ms: number, fn: () => T): T {
  const start = performance.now();
  const result = fn();
  const took = performance.now() - start;
  assert.ok(took < ms, `took ${took.toFixed(0)} ms`);
  return result;
}

describe('bad input: the parser reports, positioned, and never throws', () => {
  it('10 000 nested parentheses: PATTERN_TOO_DEEP, no stack overflow', () => {
    expectDiagnostic(`${'('.repeat(10_000)}[x-t:n = 1]${')'.repeat(10_000)}`, ErrorCode.PATTERN_TOO_DEEP, 1, 502);
    expectDiagnostic(`[${'('.repeat(10_000)}x-t:n = 1${')'.repeat(10_000)}]`, ErrorCode.PATTERN_TOO_DEEP, 1, 502);
  });

  it('10 000 nested brackets: a bracket cannot open inside a bracket, so the second one is the error', () => {
    expectDiagnostic(`${'['.repeat(10_000)}x-t:n = 1${']'.repeat(10_000)}`, ErrorCode.PATTERN_SYNTAX, 1, 2);
    expectDiagnostic(`[x-t:n${'['.repeat(10_000)}0${']'.repeat(10_000)} = 1]`, ErrorCode.PATTERN_SYNTAX, 1, 8);
  });

  it('invalid timestamps', () => {
    expectDiagnostic("[x-t:t = t'2024-13-01T00:00:00Z']", ErrorCode.PATTERN_INVALID_LITERAL, 1, 10);
    expectDiagnostic("[x-t:t = t'yesterday']", ErrorCode.PATTERN_INVALID_LITERAL, 1, 10);
  });

  it('an unterminated string, a stray character, on any line', () => {
    expectDiagnostic("[x-t:s = 'abc]", ErrorCode.PATTERN_INVALID_LITERAL, 1, 10);
    expectDiagnostic("[x-t:s = 'abc\\']", ErrorCode.PATTERN_INVALID_LITERAL, 1, 10);
    expectDiagnostic("[x-t:s = 'a'] §", ErrorCode.PATTERN_SYNTAX, 1, 15);
    expectDiagnostic("[x-t:s = 'a']\n  AND\n  [x-t:s ~ 'b']", ErrorCode.PATTERN_SYNTAX, 3, 10);
  });

  it('a 10 000-term AND/OR chain (a hash list) parses and is walked without recursion', () => {
    for (const op of ['OR', 'AND', 'FOLLOWEDBY']) {
      const terms = Array.from({ length: 10_000 }, (_, i) => `[file:hashes.'SHA-256' = '${i.toString(16).padStart(64, '0')}']`);
      const result = parsePattern(terms.join(` ${op} `));
      assert.equal(result.ok, true, op);
      const inOne = parsePattern(`[${terms.map((t) => t.slice(1, -1)).join(` ${op === 'FOLLOWEDBY' ? 'OR' : op} `)} AND file:size = 'x']`);
      assert.equal(inOne.ast !== undefined, true, op);
      assert.equal(inOne.warnings.length, 1, `${op}: the one type mismatch at the end is found`);
    }
  });

  it('empty input and whitespace only', () => {
    expectDiagnostic('', ErrorCode.PATTERN_SYNTAX, 1, 1);
    expectDiagnostic('   \n\t  ', ErrorCode.PATTERN_SYNTAX, 2, 4);
  });
});

describe('bad input: big constants parse and compare correctly', () => {
  it('a 5 MB string constant matches an equal value and no other', () => {
    const big = 'x'.repeat(5_000_000);
    const ast = parses(`[x-t:s = '${big}']`);
    assert.equal(matchPattern(ast, [observation({ s: big })]), true);
    assert.equal(matchPattern(ast, [observation({ s: `${big.slice(1)}y` })]), false);
    assert.equal(matchPattern(`[x-t:s LIKE '%${'x'.repeat(1000)}']`, [observation({ s: big })]), true);
  });

  it('400-digit integers (beyond a double: ±Infinity) order as numbers', () => {
    const huge = '9'.repeat(400);
    const obs = [observation({ n: 5 })];
    assert.equal(matchPattern(parses(`[x-t:n < ${huge}]`), obs), true);
    assert.equal(matchPattern(parses(`[x-t:n > -${huge}]`), obs), true);
    assert.equal(matchPattern(parses(`[x-t:n = ${huge}]`), obs), false);
    assert.equal(matchPattern(parses(`[x-t:n = 5] WITHIN ${huge} SECONDS`), obs), true);
    assert.equal(matchPattern(parses(`[x-t:n = 5] REPEATS ${huge} TIMES`), [observation({ n: 5 }, { count: 1_000_000_000 })]), false);
  });
});

describe('bad input: regular expressions cannot hang the evaluator', () => {
  it('a regex bomb against 100 000 characters is linear', () => {
    const value = `${'a'.repeat(100_000)}!`;
    const ast = parses("[x-t:s MATCHES '^(a+)+$']");
    assert.equal(quick(1000, () => matchPattern(ast, [observation({ s: value })])), false);
    assert.equal(quick(1000, () => matchPattern("[x-t:s MATCHES '(x+x+)+y']", [observation({ s: 'x'.repeat(100_000) })])), false);
    assert.equal(quick(1000, () => matchPattern(`[x-t:s LIKE '${'%a'.repeat(50)}%b']`, [observation({ s: value })])), false);
  });

  it('a back-reference is refused with PATTERN_MATCH_ERROR, at once', () => {
    const ast = parses("[x-t:s MATCHES '^(a+)\\\\1$']");
    quick(1000, () => throwsPatternError(() => matchPattern(ast, [observation({ s: 'aa' })]), ErrorCode.PATTERN_MATCH_ERROR, /back-references/));
  });
});

describe('bad input: matchPattern throws PatternError with a code', () => {
  it('text that does not parse: PATTERN_INVALID, carrying the diagnostics', () => {
    for (const text of ['', '[x-t:n = ]', "[x-t:s = 'abc", 'not a pattern']) {
      assert.throws(() => matchPattern(text, []), (e) => {
        assert.ok(e instanceof PatternError);
        assert.equal(e.code, ErrorCode.PATTERN_INVALID);
        const errors = (e.details as { errors: PatternDiagnostic[] }).errors;
        assert.ok(errors.length > 0 && errors.every((d) => d.line >= 1 && d.column >= 1));
        return true;
      });
    }
  });

  it('match-time errors: WITHIN 0, a mixed-type set, a bad regex', () => {
    throwsPatternError(() => matchPattern('[x-t:n = 1] WITHIN 0 SECONDS', [observation({ n: 1 })]), ErrorCode.PATTERN_MATCH_ERROR, /WITHIN/);
    throwsPatternError(() => matchPattern("[x-t:n IN (1, 'a')]", [observation({ n: 1 })]), ErrorCode.PATTERN_MATCH_ERROR, /mixes types/);
    throwsPatternError(() => matchPattern("[x-t:s MATCHES '(?<=a)b']", []), ErrorCode.PATTERN_MATCH_ERROR, /lookbehind/);
  });

  it('observations that are not objects, or observed-data without what it needs', () => {
    const bad: unknown[][] = [[42], ['bundle'], [null], [[observation({ n: 1 })]]];
    for (const observations of bad) throwsPatternError(() => matchPattern('[x-t:n = 1]', observations), ErrorCode.PATTERN_MATCH_ERROR);
    throwsPatternError(() => matchPattern('[x-t:n = 1]', 'nope' as unknown as unknown[]), ErrorCode.PATTERN_MATCH_ERROR);
    const broken = (change: Record<string, unknown>): unknown[] => {
      const b = observation({ n: 1 });
      const objects = b.objects as Record<string, unknown>[];
      objects[0] = { ...objects[0], ...change };
      return [b];
    };
    for (const change of [{ first_observed: undefined }, { last_observed: undefined }, { first_observed: 'yesterday' }, { number_observed: 0 }, { number_observed: 1.5 }, { last_observed: '2000-01-01T00:00:00Z' }]) {
      throwsPatternError(() => matchPattern('[x-t:n = 1]', broken(change)), ErrorCode.PATTERN_MATCH_ERROR);
    }
    throwsPatternError(() => matchPattern('[x-t:n = 1]', [{ type: 'indicator', id: 'indicator--1' }], { stixVersion: '2.0' }), ErrorCode.PATTERN_MATCH_ERROR);
  });
});

describe('bad input: the evaluator bounds its own work', () => {
  const leaf = parses('[x-t:n = 1]').body as Extract<ObservationExpression, { kind: 'Observation' }>;

  it('a 10 000-comparison OR chain (built directly, as the parser may not) evaluates without recursion trouble', () => {
    let body: ComparisonExpression = leaf.body;
    for (let i = 0; i < 10_000; i++) body = { kind: 'ComparisonBinary', span: leaf.span, operator: 'OR', left: body, right: leaf.body };
    const ast: Pattern = { kind: 'Pattern', span: leaf.span, body: { kind: 'Observation', span: leaf.span, body } };
    assert.equal(matchPattern(ast, [observation({ n: 1 })]), true);
    assert.equal(matchPattern(ast, [observation({ n: 2 })]), false);
  });

  it('observation expressions nested 10 000 deep: PATTERN_MATCH_ERROR, not a stack overflow', () => {
    let body: ObservationExpression = leaf;
    for (let i = 0; i < 10_000; i++) body = { kind: 'ObservationBinary', span: leaf.span, operator: 'OR', left: body, right: leaf };
    throwsPatternError(() => findMatch({ kind: 'Pattern', span: leaf.span, body }, [observation({ n: 1 })]), ErrorCode.PATTERN_MATCH_ERROR, /deeper/);
  });

  it('a combinatorial search gives up with PATTERN_MATCH_ERROR instead of running for hours', () => {
    // 2 000 × 2 000 candidate pairs, none within the window.
    const many: unknown[] = [];
    for (let i = 0; i < 2000; i++) {
      many.push(observation({ n: 1 }, { id: `a${i}`, first: new Date(Date.UTC(2024, 0, 1, 0, 0, 2 * i)).toISOString().replace('.000', '') }));
      many.push(observation({ n: 2 }, { id: `b${i}`, first: new Date(Date.UTC(2025, 0, 1, 0, 0, 2 * i)).toISOString().replace('.000', '') }));
    }
    quick(20_000, () => throwsPatternError(() => matchPattern('([x-t:n = 1] AND [x-t:n = 2]) WITHIN 1 SECONDS', many), ErrorCode.PATTERN_MATCH_ERROR, /too complex/));
  });

  it('a huge number_observed costs no more than the pattern can use', () => {
    const obs = [observation({ n: 1 }, { count: 1_000_000_000 })];
    assert.equal(quick(1000, () => matchPattern('[x-t:n = 1] REPEATS 5 TIMES', obs)), true);
  });
});
