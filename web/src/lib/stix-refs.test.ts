import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStixId, refsOf } from './stix-refs.ts';

const ID = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const MARKING = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';

describe('STIX references', () => {
  it('recognises identifiers', () => {
    assert.equal(isStixId(ID), true);
    assert.equal(isStixId('x-acme-thing--f431f809-377b-45e0-aa1c-6a4751cae5ff'), true);
    for (const bad of ['identity--123', 'Identity--f431f809-377b-45e0-aa1c-6a4751cae5ff', 42, undefined]) assert.equal(isStixId(bad), false, String(bad));
  });

  const cases: [string, unknown, string[]][] = [
    ['created_by_ref', ID, [ID]],
    ['object_marking_refs', [MARKING, 'not-an-id'], [MARKING]],
    ['name', ID, []],
    ['sample_ref', 42, []],
  ];
  for (const [key, value, expected] of cases) it(`finds ${expected.length} reference(s) in ${key}`, () => assert.deepEqual(refsOf(key, value), expected));
});
