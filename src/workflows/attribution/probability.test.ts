import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedPath } from '../../../test/support/shared.ts';
import { admiraltyGrade, INFORMATION_CREDIBILITY, isInformationCredibility, isSourceReliability, SOURCE_RELIABILITY } from './admiralty.ts';
import { ICD203_TERMS, likelihoodOf, likelihoodPhrase, PHIA_TERMS, PHIA_TO_ICD203, weakestTerm } from './probability.ts';

interface SharedTerm { term: string; alt?: string; range_percent: [number, number] }
const scales = (JSON.parse(readFileSync(sharedPath('reference', 'attribution.json'), 'utf8')) as {
  probability_scales: { uk_phia_yardstick: { terms: SharedTerm[] }; us_icd_203: { terms: SharedTerm[] } };
}).probability_scales;

/** The shared file writes "Likely or probably" and "almost certain(ly)"; compare the first words. */
const head = (term: string) => term.toLowerCase().replace(/\(ly\)$/, '').split(' or ')[0]!.trim();

describe('probability language', () => {
  it('has the PHIA yardstick terms and ranges of the reference, in order', () => {
    assert.deepEqual(PHIA_TERMS.map((term) => [term.term, [...term.range]]), scales.uk_phia_yardstick.terms.map((term) => [head(term.term), term.range_percent]));
  });

  it('has the ICD 203 terms, alternatives and ranges of the reference, in order', () => {
    assert.deepEqual(ICD203_TERMS.map((term) => [term.term, term.alternative, [...term.range]]), scales.us_icd_203.terms.map((term) => [head(term.term), term.alt, term.range_percent]));
  });

  it('pairs each PHIA term with an ICD 203 term whose range overlaps it, keeping the order of the scale', () => {
    let previous = -1;
    for (const phia of PHIA_TERMS) {
      const { icd203, probability } = likelihoodOf(phia.id);
      assert.equal(icd203.id, PHIA_TO_ICD203[phia.id]);
      assert.ok(icd203.range[0] <= phia.range[1] && phia.range[0] <= icd203.range[1], `${phia.term} ${phia.range} and ${icd203.term} ${icd203.range} do not overlap`);
      assert.deepEqual(probability, [...phia.range]);
      const rank = ICD203_TERMS.indexOf(icd203);
      assert.ok(rank > previous, `${phia.term} maps below the term before it`);
      previous = rank;
    }
  });

  it('pairs with the ICD 203 term that holds most of the PHIA range (ties: the documented choice)', () => {
    for (const phia of PHIA_TERMS) {
      const overlap = (range: readonly [number, number]) => Math.max(0, Math.min(range[1], phia.range[1]) - Math.max(range[0], phia.range[0]));
      const best = Math.max(...ICD203_TERMS.map((term) => overlap(term.range)));
      assert.equal(overlap(likelihoodOf(phia.id).icd203.range), best, phia.term);
    }
  });

  it('takes the weakest of several terms', () => {
    assert.equal(weakestTerm(['almost-certain', 'highly-likely', 'likely']), 'likely');
    assert.equal(weakestTerm(['highly-likely']), 'highly-likely');
    assert.equal(weakestTerm([]), undefined);
  });

  it('writes a term with its ICD 203 gloss and numbers', () => {
    assert.equal(likelihoodPhrase('highly-likely'), 'highly likely (ICD 203: very likely; 80–90 %)');
  });
});

describe('Admiralty code', () => {
  it('has six reliability grades A-F and six credibility grades 1-6', () => {
    assert.deepEqual(Object.keys(SOURCE_RELIABILITY), ['A', 'B', 'C', 'D', 'E', 'F']);
    assert.deepEqual(Object.keys(INFORMATION_CREDIBILITY), ['1', '2', '3', '4', '5', '6']);
  });

  const cases: [value: unknown, reliability: boolean, credibility: boolean][] = [
    ['A', true, false], ['F', true, false], ['G', false, false], ['a', false, false], [1, false, true], [6, false, true],
    [0, false, false], [7, false, false], [2.5, false, false], ['2', false, false],
  ];
  for (const [value, reliability, credibility] of cases) {
    it(`reads ${JSON.stringify(value)} as ${reliability ? 'a reliability grade' : credibility ? 'a credibility grade' : 'no grade'}`, () => {
      assert.equal(isSourceReliability(value), reliability);
      assert.equal(isInformationCredibility(value), credibility);
    });
  }

  it('writes a grade as analysts do, with both meanings', () => {
    const grade = admiraltyGrade('B', 2);
    assert.equal(grade.code, 'B2');
    assert.match(grade.reliability, /^usually reliable/);
    assert.match(grade.credibility, /^probably true/);
  });
});
