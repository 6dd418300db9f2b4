import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRange, likelihoodPhrase, likelihoodReadings, PHIA_SCALE, phiaWords } from './likelihood.ts';

describe('probability language', () => {
  it('lists the seven PHIA terms weakest first, with gaps between their ranges', () => {
    assert.equal(PHIA_SCALE.length, 7);
    assert.equal(new Set(PHIA_SCALE.map((t) => t.id)).size, 7);
    for (let i = 1; i < PHIA_SCALE.length; i++) {
      const [previous, term] = [PHIA_SCALE[i - 1]!, PHIA_SCALE[i]!];
      assert.ok(term.range[0] > previous.range[1], `${term.term} starts above ${previous.term}`);
    }
    assert.deepEqual(PHIA_SCALE[0]!.range, [0, 5]);
    assert.deepEqual(PHIA_SCALE.at(-1)!.range, [95, 100]);
  });

  it('formats ranges and phrases as a statement writes them', () => {
    assert.equal(formatRange([80, 90]), '80–90 %');
    assert.equal(likelihoodPhrase(PHIA_SCALE.find((t) => t.id === 'highly-likely')!), 'highly likely (ICD 203: very likely; 80–90 %)');
    assert.equal(likelihoodPhrase(PHIA_SCALE.find((t) => t.id === 'realistic-possibility')!), 'realistic possibility (ICD 203: roughly even chance; 40–50 %)');
  });

  it('reads an assessment in PHIA words, its ICD 203 term and its range', () => {
    assert.deepEqual(likelihoodReadings({ likelihood: 'almost-certain', icd203_term: 'almost certain', probability: [95, 100] }), { phia: 'almost certain', icd203: 'almost certain', range: '95–100 %' });
    assert.equal(phiaWords('remote-chance'), 'remote chance');
    assert.equal(phiaWords('no-such-term'), 'no-such-term');
  });
});
