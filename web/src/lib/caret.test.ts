import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caretView, describeProblem } from './caret.ts';

describe('pattern problem caret', () => {
  const cases: [name: string, pattern: string, offset: number, length: number, source: string, caret: string][] = [
    ['the first character', "ipv4-addr:value = '1'", 0, 1, "ipv4-addr:value = '1'", '^'],
    ['a span inside the line', "[ipv4-addr:valu = '1']", 11, 4, "[ipv4-addr:valu = '1']", '           ^~~~'],
    ['a second line', "[a:b = 1]\nAND [c:d ! 2]", 18, 1, 'AND [c:d ! 2]', '        ^'],
    ['tabs before the position', "\t[a:b\t= x]", 7, 1, '\t[a:b\t= x]', '\t    \t ^'],
    ['the end of the pattern', '[a:b = ', 7, 0, '[a:b = ', '       ^'],
    ['an offset past the end', '[a', 99, 3, '[a', '  ^'],
    ['a span running past its line', "[a:b = 'x\ny']", 7, 6, "[a:b = 'x", '       ^~'],
  ];
  for (const [name, pattern, offset, length, source, caret] of cases) {
    it(`points at ${name}`, () => assert.deepEqual(caretView(pattern, { offset, length }), { source, caret }));
  }

  it('describes a problem by line and column', () => {
    assert.equal(describeProblem({ code: 'PATTERN_SYNTAX', message: "expected ']'", line: 2, column: 7, offset: 16, length: 1 }), "line 2, column 7: expected ']'");
  });
});
