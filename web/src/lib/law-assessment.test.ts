import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citationText, overridesByConclusion, standingVerdict, type WireAssessment, type WireConclusion } from './law-assessment.ts';

const conclusion: WireConclusion = { id: 'intervention', question: 'Prohibited intervention?', verdict: 'cannot-determine', steps: [], facts: [], citations: ['CIL-NI'] };
const assessment: WireAssessment = {
  label: 'decision support, not legal advice', disclaimer: '', engine_version: 'accord-legal/1.0', facts: {}, conclusions: [conclusion],
  overrides: [
    { conclusion: 'intervention', verdict: 'no', reason: 'second', by: 'identity--a', at: '2026-01-02T00:00:00Z' },
    { conclusion: 'intervention', verdict: 'yes', reason: 'first', by: 'identity--a', at: '2026-01-01T00:00:00Z' },
  ],
};

describe('assessment and overrides', () => {
  it('pairs each conclusion with its overrides, oldest first', () => {
    assert.deepEqual(overridesByConclusion(assessment).get('intervention')?.map((o) => o.reason), ['first', 'second']);
    assert.equal(overridesByConclusion({ ...assessment, overrides: undefined }).size, 0);
  });

  it("lets the latest override stand, else the engine's verdict", () => {
    assert.equal(standingVerdict(conclusion, overridesByConclusion(assessment).get('intervention')), 'no');
    assert.equal(standingVerdict(conclusion), 'cannot-determine');
  });

  it('names a citation by its rule when the catalogue is at hand', () => {
    const rules = new Map([['CIL-NI', { id: 'CIL-NI', instrument: 'Customary international law', provision: 'Non-intervention', title: 'Prohibited intervention', source: 'ICJ', binding: true }]]);
    assert.equal(citationText('CIL-NI', rules), 'CIL-NI — Prohibited intervention (Customary international law, Non-intervention)');
    assert.equal(citationText('TM-66', rules), 'TM-66');
    assert.equal(citationText('TM-66', undefined), 'TM-66');
  });
});
