import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseObservations, SAMPLE_OBSERVATIONS } from './observations.ts';

describe('observations box', () => {
  it('takes an array as it is and one object as a list of one', () => {
    assert.deepEqual(parseObservations('[{"a":1},{"b":2}]'), { ok: true, observations: [{ a: 1 }, { b: 2 }] });
    assert.deepEqual(parseObservations('{"type":"bundle"}'), { ok: true, observations: [{ type: 'bundle' }] });
  });

  it('parses its own sample', () => {
    const result = parseObservations(SAMPLE_OBSERVATIONS);
    assert.ok(result.ok);
    assert.equal(result.observations.length, 3);
  });

  const bad: [string, RegExp][] = [
    ['', /enter a JSON array/],
    ['[{"a":1},', /not valid JSON/],
    ['[{"a":1}, 2]', /item 1 is not a JSON object/],
    ['"text"', /expected a JSON array or object/],
  ];
  for (const [text, problem] of bad) it(`explains what is wrong with ${JSON.stringify(text)}`, () => {
    const result = parseObservations(text);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.problem, problem);
  });
});
