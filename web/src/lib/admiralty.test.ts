import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CREDIBILITY_GRADES, INFORMATION_CREDIBILITY, isInformationCredibility, isSourceReliability, RELIABILITY_GRADES, SOURCE_RELIABILITY, splitMeaning } from './admiralty.ts';

describe('Admiralty grades', () => {
  it('offers A–F and 1–6 in order, the last of each meaning "cannot be judged"', () => {
    assert.deepEqual(RELIABILITY_GRADES, ['A', 'B', 'C', 'D', 'E', 'F']);
    assert.deepEqual(CREDIBILITY_GRADES, [1, 2, 3, 4, 5, 6]);
    assert.match(SOURCE_RELIABILITY.F, /cannot be judged/);
    assert.match(INFORMATION_CREDIBILITY[6], /cannot be judged/);
    assert.equal(SOURCE_RELIABILITY.B, 'usually reliable');
    assert.equal(INFORMATION_CREDIBILITY[2], 'probably true');
  });

  const meanings: [string, { name: string; detail: string }][] = [
    ['usually reliable: minor doubts; a history of mostly valid information', { name: 'usually reliable', detail: 'minor doubts; a history of mostly valid information' }],
    ['probably true', { name: 'probably true', detail: '' }],
    ['truth cannot be judged: no basis: none', { name: 'truth cannot be judged', detail: 'no basis: none' }],
  ];
  for (const [meaning, expected] of meanings) it(`splits "${meaning}"`, () => assert.deepEqual(splitMeaning(meaning), expected));

  it('recognises grades', () => {
    assert.ok(isSourceReliability('A') && isSourceReliability('F'));
    assert.ok(!isSourceReliability('G') && !isSourceReliability('a') && !isSourceReliability('toString'));
    assert.ok(isInformationCredibility(1) && isInformationCredibility(6));
    assert.ok(!isInformationCredibility(0) && !isInformationCredibility(7) && !isInformationCredibility(2.5));
  });
});
