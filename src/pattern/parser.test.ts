import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sharedPath } from '../../test/support/shared.ts';
import type { ComparisonExpression, ObservationExpression, Pattern, Qualifier } from './ast.ts';
import { lex } from './lexer.ts';
import { parsePattern } from './parser.ts';
import type { StixVersion } from './grammar.ts';

interface Case { id: string; pattern: string; stix_version: StixVersion }
const load = <T>(name: string): T => JSON.parse(readFileSync(sharedPath('conformance', 'stix-patterns', name), 'utf8')) as T;

describe('conformance: validator-cases.json', () => {
  const { cases } = load<{ cases: Array<Case & { valid: boolean }> }>('validator-cases.json');
  it('accepts every valid pattern and rejects every invalid one', (t) => {
    const failing: string[] = [];
    for (const c of cases) {
      const result = parsePattern(c.pattern, { stixVersion: c.stix_version });
      if (result.ok !== c.valid) failing.push(`${c.id} ${c.pattern} → ${result.errors.map((e) => e.message).join('; ')}`);
    }
    t.diagnostic(`validator cases: ${cases.length - failing.length}/${cases.length} pass`);
    assert.deepEqual(failing, []);
  });
});

describe('conformance: matcher-cases.json (parse stage only)', () => {
  const { cases } = load<{ cases: Array<Case & { expected: unknown; error_kind?: string }> }>('matcher-cases.json');
  it('rejects the parse-error cases and parses all others', (t) => {
    const failing: string[] = [];
    for (const c of cases) {
      const shouldFail = c.expected === 'error' && c.error_kind === 'parse-error';
      // The matcher needs a grammatical pattern (an AST); validator-only checks such as
      // a duplicate REPEATS do not stop it (the reference matcher evaluates those).
      const result = parsePattern(c.pattern, { stixVersion: c.stix_version });
      if ((result.ast !== undefined) === shouldFail) failing.push(`${c.id} (${c.stix_version}) ${c.pattern} → ${result.errors.map((e) => e.message).join('; ')}`);
    }
    t.diagnostic(`matcher cases (parse): ${cases.length - failing.length}/${cases.length} pass`);
    assert.deepEqual(failing, []);
  });
});

// What the reference inspector reports, recomputed from our AST.
function qualifiersOf(node: ObservationExpression, out: Set<string>): void {
  if (node.kind === 'Qualified') {
    out.add(qualifierText(node.qualifier));
    qualifiersOf(node.body, out);
  } else if (node.kind === 'ObservationBinary') {
    qualifiersOf(node.left, out);
    qualifiersOf(node.right, out);
  } else if (node.kind === 'ObservationGroup') qualifiersOf(node.body, out);
}
function qualifierText(q: Qualifier): string {
  if (q.kind === 'Within') return `WITHIN ${q.seconds.raw} SECONDS`;
  if (q.kind === 'Repeats') return `REPEATS ${q.times.raw} TIMES`;
  return `START ${q.start.raw} STOP ${q.stop.raw}`;
}
function observationOpsOf(node: ObservationExpression, out: Set<string>): void {
  if (node.kind === 'ObservationBinary') {
    out.add(node.operator);
    observationOpsOf(node.left, out);
    observationOpsOf(node.right, out);
  } else if (node.kind === 'Qualified' || node.kind === 'ObservationGroup') observationOpsOf(node.body, out);
}
type Row = { path: Array<string | number>; operator: string; value: string };
function comparisonsOf(node: ObservationExpression, out: Record<string, Row[]>): void {
  if (node.kind === 'Observation') comparisonRows(node.body, out);
  else if (node.kind === 'ObservationBinary') {
    comparisonsOf(node.left, out);
    comparisonsOf(node.right, out);
  } else comparisonsOf(node.body, out);
}
function comparisonRows(node: ComparisonExpression, out: Record<string, Row[]>): void {
  if (node.kind === 'ComparisonBinary') {
    comparisonRows(node.left, out);
    comparisonRows(node.right, out);
  } else if (node.kind === 'ComparisonGroup') comparisonRows(node.body, out);
  else if (node.kind === 'Comparison') {
    const value = node.value.kind === 'Set' ? `(${node.value.items.map((i) => i.raw).join(',')})` : node.value.raw;
    (out[node.path.objectType] ??= []).push({
      path: node.path.steps.map((s) => (s.kind === 'Key' ? s.name : s.index === '*' ? '*' : s.index)),
      operator: `${node.negated ? 'NOT ' : ''}${node.operator}`,
      value,
    });
  }
}

describe('conformance: inspector-cases.json', () => {
  const { cases } = load<{ cases: Array<Case & { attribute: string; expected: unknown }> }>('inspector-cases.json');
  it('derives the expected qualifiers, observation operators and comparisons from the AST', (t) => {
    const failing: string[] = [];
    for (const c of cases) {
      const { ast } = parsePattern(c.pattern, { stixVersion: c.stix_version });
      if (!ast) {
        failing.push(`${c.id}: did not parse`);
        continue;
      }
      const body = (ast as Pattern).body;
      let actual: unknown;
      if (c.attribute === 'qualifiers' || c.attribute === 'observation_ops') {
        const set = new Set<string>();
        (c.attribute === 'qualifiers' ? qualifiersOf : observationOpsOf)(body, set);
        actual = [...set].sort();
      } else {
        const rows: Record<string, Row[]> = {};
        comparisonsOf(body, rows);
        actual = rows;
      }
      try {
        assert.deepEqual(actual, c.expected);
      } catch {
        failing.push(`${c.id} ${c.pattern}: got ${JSON.stringify(actual)}`);
      }
    }
    t.diagnostic(`inspector cases: ${cases.length - failing.length}/${cases.length} pass`);
    assert.deepEqual(failing, []);
  });
});

describe('lexer', () => {
  const rows: Array<[string, string[]]> = [
    ["[a:b = 'x']", ['LBRACK', 'Identifier', 'COLON', 'Identifier', 'EQ', 'String', 'RBRACK', 'EOF']],
    ['a == b <> c != d <= e >= f < g > h', ['Identifier', 'EQ', 'Identifier', 'NEQ', 'Identifier', 'NEQ', 'Identifier', 'LE', 'Identifier', 'GE', 'Identifier', 'LT', 'Identifier', 'GT', 'Identifier', 'EOF']],
    ['1 -2 +3 1.5 -.5 true false', ['Int', 'Int', 'Int', 'Float', 'Float', 'Bool', 'Bool', 'EOF']],
    ["h'ff' b'YQ==' t'2020-01-01T00:00:00Z'", ['Hex', 'Binary', 'Timestamp', 'EOF']],
    ['AND OR NOT FOLLOWEDBY LIKE MATCHES ISSUBSET ISSUPERSET EXISTS IN', ['AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET', 'EXISTS', 'IN', 'EOF']],
    ['WITHIN 5 SECONDS REPEATS 2 TIMES START STOP', ['WITHIN', 'Int', 'SECONDS', 'REPEATS', 'Int', 'TIMES', 'START', 'STOP', 'EOF']],
    ["hashes.'SHA-256' x[*] y[0]", ['Identifier', 'DOT', 'String', 'Identifier', 'LBRACK', 'ASTERISK', 'RBRACK', 'Identifier', 'LBRACK', 'Int', 'RBRACK', 'EOF']],
    ['and within /* c */ x // line', ['Identifier', 'Identifier', 'Identifier', 'EOF']],
    ['network-traffic', ['Identifier', 'EOF']],
  ];
  for (const [input, kinds] of rows) {
    it(`lexes ${input}`, () => {
      const { tokens, errors } = lex(input);
      assert.deepEqual(errors, []);
      assert.deepEqual(tokens.map((t) => t.kind), kinds);
    });
  }
  it('unescapes strings and keeps the raw text', () => {
    const [token] = lex(String.raw`'it\'s a \\ path'`).tokens;
    assert.equal(token?.value, String.raw`it's a \ path`);
    assert.equal(token?.text, String.raw`'it\'s a \\ path'`);
  });
  const bad: Array<[string, string]> = [
    [String.raw`'bad \d escape'`, 'PATTERN_INVALID_LITERAL'],
    ["'unterminated", 'PATTERN_INVALID_LITERAL'],
    ["b'===='", 'PATTERN_INVALID_LITERAL'],
    ["h'abc'", 'PATTERN_INVALID_LITERAL'],
    ["t'2020-01-01T00:00:00'", 'PATTERN_INVALID_LITERAL'],
    ['007', 'PATTERN_INVALID_LITERAL'],
    ['a § b', 'PATTERN_SYNTAX'],
  ];
  for (const [input, code] of bad) {
    it(`reports ${input}`, () => {
      assert.equal(lex(input).errors[0]?.code, code);
    });
  }
});

describe('parser errors', () => {
  // [pattern, [line, column, found, code] of each error]
  const rows: Array<[string, Array<[number, number, string, string]>]> = [
    ['file:size = 1280', [[1, 1, 'file', 'PATTERN_SYNTAX']]],
    ['[file:size = ]', [[1, 14, ']', 'PATTERN_SYNTAX']]],
    ['[file.size = 1280]', [[1, 6, '.', 'PATTERN_SYNTAX']]],
    ['[a:b = ] AND [c:d = 1]', [[1, 8, ']', 'PATTERN_SYNTAX']]],
    ['[a:b = 1 AND c:d > AND e:f = x]', [[1, 20, 'AND', 'PATTERN_SYNTAX'], [1, 30, 'x', 'PATTERN_SYNTAX']]],
    ['[a:b = 1]\n  WITHIN 5 HOURS', [[2, 12, 'HOURS', 'PATTERN_SYNTAX']]],
    ["[a:b = 1] WITHIN -5 SECONDS", [[1, 18, '-5', 'PATTERN_SYNTAX']]],
    ["[a:b = 1] within 2 seconds", [[1, 11, 'within', 'PATTERN_SYNTAX']]],
    ["[a:needs-quotes = 1]", [[1, 4, 'needs-quotes', 'PATTERN_SYNTAX']]],
    ["[a:b = 1] WITHIN 1 SECONDS WITHIN 2 SECONDS", [[1, 28, 'WITHIN', 'PATTERN_DUPLICATE_QUALIFIER']]],
    ["[file:hashes.MD5 = 'abc']", [[1, 20, "'abc'", 'PATTERN_INVALID_HASH']]],
    ['[a:b = 1', [[1, 9, '', 'PATTERN_SYNTAX']]],
  ];
  for (const [input, expected] of rows) {
    it(`positions the errors of ${JSON.stringify(input)}`, () => {
      const result = parsePattern(input);
      assert.equal(result.ok, false);
      assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.found, e.code]), expected);
      for (const e of result.errors) assert.ok(e.message.length > 0);
    });
  }
  it('says what was expected', () => {
    const [error] = parsePattern('[a:b = 1] WITHIN 5 HOURS').errors;
    assert.deepEqual(error?.expected, ["'SECONDS'"]);
    assert.match(error?.message ?? '', /expected 'SECONDS', found 'HOURS'/);
  });
  it('rejects EXISTS in 2.0 but not in 2.1', () => {
    assert.equal(parsePattern('[a:b EXISTS]').ok, false);
    assert.equal(parsePattern('[EXISTS a:b]').ok, true);
    assert.equal(parsePattern('[EXISTS a:b]', { stixVersion: '2.0' }).errors[0]?.code, 'PATTERN_UNSUPPORTED');
  });
  it('accepts plain-string START/STOP only in 2.0', () => {
    const p = "[a:b = 1] START '2020-01-01T00:00:00Z' STOP '2020-01-02T00:00:00Z'";
    assert.equal(parsePattern(p, { stixVersion: '2.0' }).ok, true);
    assert.equal(parsePattern(p, { stixVersion: '2.1' }).ok, false);
  });
  it('does not overflow the stack on 10,000 nested parentheses', () => {
    const result = parsePattern('('.repeat(10_000) + '[a:b = 1]' + ')'.repeat(10_000));
    assert.equal(result.errors[0]?.code, 'PATTERN_TOO_DEEP');
  });
});

describe('AST', () => {
  it('builds immutable nodes with kind and span, and binds AND tighter than OR tighter than FOLLOWEDBY', () => {
    const { ast } = parsePattern("[a:x = 1] FOLLOWEDBY [a:y = 2] OR [a:z = 3] AND [a:w[*].'k-1' IN (1, 'two', true)]");
    assert.ok(ast);
    assert.ok(Object.isFrozen(ast));
    const body = ast.body;
    assert.equal(body.kind, 'ObservationBinary');
    assert.equal(body.kind === 'ObservationBinary' && body.operator, 'FOLLOWEDBY');
    const right = body.kind === 'ObservationBinary' ? body.right : undefined;
    assert.equal(right?.kind === 'ObservationBinary' && right.operator, 'OR');
    const and = right?.kind === 'ObservationBinary' ? right.right : undefined;
    assert.equal(and?.kind === 'ObservationBinary' && and.operator, 'AND');
    const last = and?.kind === 'ObservationBinary' ? and.right : undefined;
    assert.ok(last?.kind === 'Observation' && last.body.kind === 'Comparison');
    if (last?.kind === 'Observation' && last.body.kind === 'Comparison') {
      assert.deepEqual(last.body.path.steps.map((s) => (s.kind === 'Key' ? s.name : s.index)), ['w', '*', 'k-1']);
      assert.equal(last.body.value.kind, 'Set');
      assert.deepEqual(last.span, { start: 48, end: 82, line: 1, column: 49 });
    }
  });
  it('decodes constants', () => {
    const { ast } = parsePattern("[a:b = h'AB01']");
    const obs = ast?.body;
    assert.ok(obs?.kind === 'Observation' && obs.body.kind === 'Comparison' && obs.body.value.kind === 'Literal');
    if (obs?.kind === 'Observation' && obs.body.kind === 'Comparison' && obs.body.value.kind === 'Literal') {
      assert.deepEqual([obs.body.value.type, obs.body.value.value, obs.body.value.raw], ['hex', 'ab01', "h'AB01'"]);
    }
  });
});

describe('warnings', () => {
  it('are always present: empty for a clean pattern and after a syntax error', () => {
    assert.deepEqual(parsePattern("[file:name = 'a.exe']").warnings, []);
    assert.deepEqual(parsePattern('[file:nme = ]').warnings, []);
  });
  it('never make a pattern invalid, and come with the errors of a grammatical one', () => {
    const clean = parsePattern("[file:nme = 'a.exe']");
    assert.deepEqual([clean.ok, clean.errors.length, clean.warnings.map((w) => w.code)], [true, 0, ['PATTERN_UNKNOWN_PROPERTY']]);
    const hash = parsePattern("[file:hashes.MD5 = 'abc' AND file:size = 'big']");
    assert.deepEqual([hash.ok, hash.errors.map((e) => e.code), hash.warnings.map((w) => w.code)], [false, ['PATTERN_INVALID_HASH'], ['PATTERN_TYPE_MISMATCH']]);
    assert.ok(Object.isFrozen(hash.warnings));
  });
  it('can be turned off for bulk compiling, leaving the errors as they are', () => {
    const off = parsePattern("[file:hashes.MD5 = 'abc' AND file:size = 'big']", { warnings: false });
    assert.deepEqual([off.ok, off.errors.map((e) => e.code), off.warnings], [false, ['PATTERN_INVALID_HASH'], []]);
  });
});
