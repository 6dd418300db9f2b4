import type { StixObject } from '../../stix/object.ts';
import type { InformationCredibility, SourceReliability } from './admiralty.ts';
import type { PhiaTermId } from './probability.ts';

/**
 * The wire shapes of a joint attribution case and what hangs off it (Accord's
 * new-sdo types, declared in ../extensions). Property names are STIX
 * snake_case; the docs are docs/attribution.md.
 */

export const CASE_STATUSES = ['draft', 'consultation', 'agreed', 'published', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How the state stands to the candidate actor (a spectrum kept short on purpose; see docs/attribution.md). */
export const STATE_NEXUS = ['state-organ', 'directed-or-controlled-proxy', 'tolerated-or-harboured', 'unknown'] as const;
export type StateNexus = (typeof STATE_NEXUS)[number];

export const ASSESSMENT_LEVELS = ['technical', 'operational', 'strategic'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/** What a case may name as the candidate actor. */
export const CANDIDATE_TYPES = ['intrusion-set', 'threat-actor'] as const;
/** What a case may name as the state. */
export const STATE_TYPES = ['identity', 'location'] as const;
/** What evidence may point at: intelligence objects. */
export const EVIDENCE_TARGET_TYPES = [
  'indicator', 'malware', 'infrastructure', 'attack-pattern', 'sighting', 'observed-data', 'tool', 'campaign',
  'intrusion-set', 'threat-actor', 'report', 'note', 'vulnerability', 'incident', 'relationship',
] as const;

export type ConcurrenceRule = { kind: 'all' } | { kind: 'n-of-m'; n: number };

export interface StatusChange {
  status: CaseStatus;
  /** The identity that made the change. */
  by: string;
  at: string;
  reason?: string;
}

export interface AttributionCase extends StixObject {
  type: 'accord-attribution-case';
  created_by_ref: string;
  name: string;
  description?: string;
  incident_refs: string[];
  candidate_ref: string;
  state_nexus: StateNexus;
  state_ref?: string;
  status: CaseStatus;
  status_history: StatusChange[];
  concurrence_rule: ConcurrenceRule;
  participant_refs: string[];
  statement_ref?: string;
}

export interface Evidence extends StixObject {
  type: 'accord-evidence';
  created_by_ref: string;
  case_ref: string;
  object_refs: string[];
  description: string;
  source_reliability: SourceReliability;
  information_credibility: InformationCredibility;
  contributed_by_ref: string;
}

export interface Assessment extends StixObject {
  type: 'accord-assessment';
  created_by_ref: string;
  case_ref: string;
  level: AssessmentLevel;
  likelihood: PhiaTermId;
  probability: [number, number];
  icd203_term: string;
  rationale: string;
}

export const OPINION_VALUES = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;
export type OpinionValue = (typeof OPINION_VALUES)[number];

/** A partner's concurrence with a case: a STIX 2.1 `opinion` (§4.14) whose `object_refs` hold the case id. */
export interface CaseOpinion extends StixObject {
  type: 'opinion';
  created_by_ref: string;
  opinion: OpinionValue;
  explanation?: string;
  object_refs: string[];
}

export function concurs(opinion: OpinionValue): boolean {
  return opinion === 'agree' || opinion === 'strongly-agree';
}

export function dissents(opinion: OpinionValue): boolean {
  return opinion === 'disagree' || opinion === 'strongly-disagree';
}
