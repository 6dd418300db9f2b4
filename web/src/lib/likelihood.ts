/**
 * Calibrated probability language as the workspace shows it: each PHIA term
 * with the ICD 203 term read beside it and the PHIA range in percent (the
 * pairing is the node's, docs/attribution.md; the SPA repeats the table for
 * the assessment form, and the workspace test compares it with the node's).
 */
import type { PhiaTermId } from '../../../src/server/api/contract.ts';

export interface PhiaTerm {
  id: PhiaTermId;
  term: string;
  icd203: string;
  range: readonly [number, number];
}

/** Weakest first. */
export const PHIA_SCALE: readonly PhiaTerm[] = [
  { id: 'remote-chance', term: 'remote chance', icd203: 'almost no chance', range: [0, 5] },
  { id: 'highly-unlikely', term: 'highly unlikely', icd203: 'very unlikely', range: [10, 20] },
  { id: 'unlikely', term: 'unlikely', icd203: 'unlikely', range: [25, 35] },
  { id: 'realistic-possibility', term: 'realistic possibility', icd203: 'roughly even chance', range: [40, 50] },
  { id: 'likely', term: 'likely', icd203: 'likely', range: [55, 75] },
  { id: 'highly-likely', term: 'highly likely', icd203: 'very likely', range: [80, 90] },
  { id: 'almost-certain', term: 'almost certain', icd203: 'almost certain', range: [95, 100] },
];

/** "80–90 %". */
export function formatRange([low, high]: readonly [number, number]): string {
  return `${low}–${high} %`;
}

/** The PHIA words of a term id ("highly-likely" → "highly likely"), the id itself when unknown. */
export function phiaWords(id: string): string {
  return PHIA_SCALE.find((t) => t.id === id)?.term ?? id;
}

/** What an assessment says, as its three readings: PHIA words, the ICD 203 term, the range. */
export function likelihoodReadings(assessment: { likelihood: PhiaTermId; icd203_term: string; probability: [number, number] }): { phia: string; icd203: string; range: string } {
  return { phia: phiaWords(assessment.likelihood), icd203: assessment.icd203_term, range: formatRange(assessment.probability) };
}

/** "highly likely (ICD 203: very likely; 80–90 %)", as a statement writes it. */
export function likelihoodPhrase(term: PhiaTerm): string {
  return `${term.term} (ICD 203: ${term.icd203}; ${formatRange(term.range)})`;
}
