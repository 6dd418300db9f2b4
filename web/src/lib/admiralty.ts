/**
 * The Admiralty code (NATO AJP-2.1 / STANAG 2511) as the workspace shows it:
 * short names for the form's choices; the node answers each evidence item's
 * grade with the full meanings ("usually reliable: minor doubts; …").
 */
import type { InformationCredibility, SourceReliability } from '../../../src/server/api/contract.ts';

/** Source reliability, A (best) to E, and F: cannot be judged. */
export const SOURCE_RELIABILITY: Readonly<Record<SourceReliability, string>> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};

/** Information credibility, 1 (best) to 5, and 6: cannot be judged. */
export const INFORMATION_CREDIBILITY: Readonly<Record<InformationCredibility, string>> = {
  1: 'confirmed by other independent sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
};

export const RELIABILITY_GRADES = Object.keys(SOURCE_RELIABILITY) as SourceReliability[];
export const CREDIBILITY_GRADES = Object.keys(INFORMATION_CREDIBILITY).map(Number) as InformationCredibility[];

/** A meaning as the node words it, "usually reliable: minor doubts; …", split into its name and the rest. */
export function splitMeaning(meaning: string): { name: string; detail: string } {
  const colon = meaning.indexOf(':');
  return colon < 0 ? { name: meaning, detail: '' } : { name: meaning.slice(0, colon).trim(), detail: meaning.slice(colon + 1).trim() };
}

export function isSourceReliability(value: string): value is SourceReliability {
  return Object.hasOwn(SOURCE_RELIABILITY, value);
}

export function isInformationCredibility(value: number): value is InformationCredibility {
  return Object.hasOwn(INFORMATION_CREDIBILITY, value);
}
