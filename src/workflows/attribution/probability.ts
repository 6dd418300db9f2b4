/**
 * Calibrated probability language. Each partner states its confidence with a
 * term of the UK PHIA probability yardstick; Accord shows beside it the nearest
 * term of the US ICD 203 scale and the numbers both stand for, so that
 * partners who write in either convention read the same judgement.
 *
 * Sources (the ranges below are theirs; the wording of this file is ours):
 * - PHIA yardstick: Professional Head of Intelligence Assessment, "Explaining
 *   uncertainty in UK intelligence assessment" (gov.uk, Cabinet Office). Seven
 *   terms with deliberate gaps between their ranges, so that a term is never
 *   mistaken for a point estimate.
 *   https://www.gov.uk/government/publications/explaining-uncertainty-in-uk-intelligence-assessment/explaining-uncertainty-in-uk-intelligence-assessment
 * - ICD 203: US Office of the Director of National Intelligence, Intelligence
 *   Community Directive 203 "Analytic Standards" (2 January 2015), §D.6.e(2)(a):
 *   seven expressions of likelihood, each with an alternative wording.
 *   https://fas.org/irp/dni/icd/icd-203.pdf
 *   ICD 203 asks writers not to mix the two rows of terms in one product, and not
 *   to put a confidence level and a likelihood term in one sentence; Accord's
 *   statements therefore quote the PHIA term and give the ICD 203 term and the
 *   numbers in brackets, as a gloss.
 */

/** A term with the span of probability (percent, inclusive) it stands for. */
export interface ProbabilityTerm<Id extends string = string> {
  readonly id: Id;
  /** The words to write in a sentence. */
  readonly term: string;
  readonly range: readonly [low: number, high: number];
}

export const PHIA_TERM_IDS = ['remote-chance', 'highly-unlikely', 'unlikely', 'realistic-possibility', 'likely', 'highly-likely', 'almost-certain'] as const;
export type PhiaTermId = (typeof PHIA_TERM_IDS)[number];

export const ICD203_TERM_IDS = ['almost-no-chance', 'very-unlikely', 'unlikely', 'roughly-even-chance', 'likely', 'very-likely', 'almost-certain'] as const;
export type Icd203TermId = (typeof ICD203_TERM_IDS)[number];

/** The PHIA yardstick, weakest first. */
export const PHIA_TERMS: readonly ProbabilityTerm<PhiaTermId>[] = [
  { id: 'remote-chance', term: 'remote chance', range: [0, 5] },
  { id: 'highly-unlikely', term: 'highly unlikely', range: [10, 20] },
  { id: 'unlikely', term: 'unlikely', range: [25, 35] },
  { id: 'realistic-possibility', term: 'realistic possibility', range: [40, 50] },
  // The yardstick gives "likely" and "probably" as one band.
  { id: 'likely', term: 'likely', range: [55, 75] },
  { id: 'highly-likely', term: 'highly likely', range: [80, 90] },
  { id: 'almost-certain', term: 'almost certain', range: [95, 100] },
];

/** ICD 203's expressions of likelihood, weakest first, with the alternative wording the directive allows. */
export const ICD203_TERMS: readonly (ProbabilityTerm<Icd203TermId> & { readonly alternative: string })[] = [
  { id: 'almost-no-chance', term: 'almost no chance', alternative: 'remote', range: [1, 5] },
  { id: 'very-unlikely', term: 'very unlikely', alternative: 'highly improbable', range: [5, 20] },
  { id: 'unlikely', term: 'unlikely', alternative: 'improbable', range: [20, 45] },
  { id: 'roughly-even-chance', term: 'roughly even chance', alternative: 'roughly even odds', range: [45, 55] },
  { id: 'likely', term: 'likely', alternative: 'probable', range: [55, 80] },
  { id: 'very-likely', term: 'very likely', alternative: 'highly probable', range: [80, 95] },
  { id: 'almost-certain', term: 'almost certain', alternative: 'nearly certain', range: [95, 99] },
];

/**
 * The ICD 203 term read beside each PHIA term: the one whose range holds the
 * PHIA range, or most of it. "Realistic possibility" (40–50 %) straddles ICD
 * 203's "unlikely" and "roughly even chance" equally; we pair it with
 * "roughly even chance", since both name the middle of the scale, and its
 * numbers are always shown with it.
 */
export const PHIA_TO_ICD203: Readonly<Record<PhiaTermId, Icd203TermId>> = {
  'remote-chance': 'almost-no-chance',
  'highly-unlikely': 'very-unlikely',
  unlikely: 'unlikely',
  'realistic-possibility': 'roughly-even-chance',
  likely: 'likely',
  'highly-likely': 'very-likely',
  'almost-certain': 'almost-certain',
};

const PHIA_BY_ID = new Map(PHIA_TERMS.map((term) => [term.id, term]));
const ICD203_BY_ID = new Map(ICD203_TERMS.map((term) => [term.id, term]));

export function isPhiaTermId(value: unknown): value is PhiaTermId {
  return typeof value === 'string' && PHIA_BY_ID.has(value as PhiaTermId);
}

/** What an assessment records beside its PHIA term: the ICD 203 term and the PHIA range in percent. */
export interface Likelihood {
  phia: ProbabilityTerm<PhiaTermId>;
  icd203: ProbabilityTerm<Icd203TermId> & { readonly alternative: string };
  /** The PHIA range, percent. */
  probability: [low: number, high: number];
}

export function likelihoodOf(id: PhiaTermId): Likelihood {
  const phia = PHIA_BY_ID.get(id)!;
  return { phia, icd203: ICD203_BY_ID.get(PHIA_TO_ICD203[id])!, probability: [phia.range[0], phia.range[1]] };
}

/** The weakest of several PHIA terms (the one all of them support), or undefined for none. */
export function weakestTerm(ids: Iterable<PhiaTermId>): PhiaTermId | undefined {
  let weakest: number | undefined;
  for (const id of ids) {
    const rank = PHIA_TERM_IDS.indexOf(id);
    if (weakest === undefined || rank < weakest) weakest = rank;
  }
  return weakest === undefined ? undefined : PHIA_TERM_IDS[weakest];
}

/** "highly likely (ICD 203: very likely; 80–90 %)": the term as a statement writes it. */
export function likelihoodPhrase(id: PhiaTermId): string {
  const { phia, icd203, probability } = likelihoodOf(id);
  return `${phia.term} (ICD 203: ${icd203.term}; ${probability[0]}–${probability[1]} %)`;
}
