import type { LegalFacts } from './facts.ts';

/**
 * The wire shape of a legal assessment (snake_case, as stored in the
 * `accord-legal-assessment` STIX object). docs/legal.md describes each
 * conclusion.
 */

export const VERDICTS = ['yes', 'no', 'cannot-determine'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The questions the engine answers, in the order it answers them. */
export const CONCLUSION_IDS = [
  'sovereignty', 'intervention', 'use-of-force', 'armed-attack',
  'attribution', 'due-diligence', 'wrongful-act',
  'retorsion', 'countermeasures', 'necessity', 'self-defence', 'peaceful-settlement',
  'ihl-applies', 'ihl-attack',
] as const;
export type ConclusionId = (typeof CONCLUSION_IDS)[number];

/** Bumped whenever a rule changes, so that a stored assessment says which reasoning made it. */
export const ENGINE_VERSION = 'accord-legal/1.0';

export const LEGAL_LABEL = 'decision support, not legal advice';
export const LEGAL_DISCLAIMER = 'Decision support, not legal advice. This assessment applies a fixed catalogue of rules to the facts given; '
  + 'it does not know facts left out, it simplifies contested questions on which states disagree, and it is no substitute for advice from '
  + "the assessing state's own legal advisers. Expert restatements (Tallinn Manual 2.0) and national positions cited here persuade; they do not bind.";

/** A fact that would decide a question the engine could not: its path in the facts and why it matters. */
export interface DecidingFact {
  path: string;
  why: string;
}

/** A condition the injured state must meet when it takes the response, with its citations. */
export interface Condition {
  text: string;
  citations: string[];
}

export const FACTOR_BEARINGS = ['towards-force', 'against-force', 'unknown'] as const;
export type FactorBearing = (typeof FACTOR_BEARINGS)[number];

/** One Schmitt factor (Tallinn 2.0 Rule 69) and how the facts bear on it. */
export interface SchmittFactor {
  factor: string;
  bearing: FactorBearing;
  reason: string;
  facts: string[];
}

export interface Conclusion {
  id: ConclusionId;
  question: string;
  verdict: Verdict;
  /** The chain of reasoning, in order. */
  steps: string[];
  /** Paths into the facts (`$.effects.physical_damage`) the conclusion rests on. */
  facts: string[];
  /** Ids of rules in the catalogue (`LEGAL_RULES`). */
  citations: string[];
  /** For `cannot-determine`: which missing or uncertain facts would decide it. */
  decided_by?: DecidingFact[];
  /** Where the law is contested or a national position differs. */
  caveats?: string[];
  /** For responses: what must hold when the measure is taken. */
  conditions?: Condition[];
  /** For the use of force: the Schmitt factors. */
  factors?: SchmittFactor[];
}

/** An analyst's different verdict on one conclusion, kept beside the engine's. */
export interface LegalOverride {
  conclusion: ConclusionId;
  verdict: Verdict;
  reason: string;
  /** The identity of the analyst (or their organisation). */
  by: string;
  at: string;
}

export interface LegalAssessment {
  label: typeof LEGAL_LABEL;
  disclaimer: string;
  engine_version: string;
  facts: LegalFacts;
  conclusions: Conclusion[];
  overrides: LegalOverride[];
}
