/**
 * The Admiralty code (NATO AJP-2.1 / STANAG 2511, also called the NATO system):
 * every piece of evidence is graded twice, independently — how reliable its
 * source has been (A–F) and how credible the information itself is (1–6).
 * "F" and "6" mean "cannot be judged", not "bad". The descriptions are ours.
 */

export const SOURCE_RELIABILITY = {
  A: 'completely reliable: no doubt about authenticity, trustworthiness or competence; a history of complete reliability',
  B: 'usually reliable: minor doubts; a history of mostly valid information',
  C: 'fairly reliable: doubts; has provided valid information in the past',
  D: 'not usually reliable: significant doubts; has provided valid information at times',
  E: 'unreliable: lacking authenticity, trustworthiness and competence; a history of invalid information',
  F: 'reliability cannot be judged: no basis to evaluate the source',
} as const;
export type SourceReliability = keyof typeof SOURCE_RELIABILITY;

export const INFORMATION_CREDIBILITY = {
  1: 'confirmed by other independent sources; logical; consistent with other information',
  2: 'probably true: not confirmed; logical; consistent with other information',
  3: 'possibly true: not confirmed; reasonably logical; agrees with some other information',
  4: 'doubtful: not confirmed; possible but not logical; no other information on the subject',
  5: 'improbable: not confirmed; not logical; contradicted by other information',
  6: 'truth cannot be judged: no basis to evaluate the information',
} as const;
export type InformationCredibility = keyof typeof INFORMATION_CREDIBILITY;

export function isSourceReliability(value: unknown): value is SourceReliability {
  return typeof value === 'string' && Object.hasOwn(SOURCE_RELIABILITY, value);
}

export function isInformationCredibility(value: unknown): value is InformationCredibility {
  return typeof value === 'number' && Number.isInteger(value) && Object.hasOwn(INFORMATION_CREDIBILITY, value);
}

/** A grade as analysts write it ("B2") with both meanings. */
export function admiraltyGrade(reliability: SourceReliability, credibility: InformationCredibility): { code: string; reliability: string; credibility: string } {
  return { code: `${reliability}${credibility}`, reliability: SOURCE_RELIABILITY[reliability], credibility: INFORMATION_CREDIBILITY[credibility] };
}
