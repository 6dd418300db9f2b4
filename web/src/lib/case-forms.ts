/**
 * The workspace's forms ⇄ request bodies. Mistakes are named before anything
 * is sent; the node checks everything again and answers with its own reasons.
 */
import type {
  AssessmentLevel, AssessmentRequest, CaseOpenRequest, ConcurrenceRule, EvidenceRequest, InformationCredibility, OpinionRequest, OpinionValue,
  PhiaTermId, SourceReliability, StateNexus,
} from '../../../src/server/api/contract.ts';
import { splitList } from './agreement-form.ts';
import { isDissent } from './workspace.ts';

export type Parsed<T> = { ok: true; input: T } | { ok: false; problems: string[] };

const parsed = <T>(problems: string[], input: () => T): Parsed<T> => (problems.length > 0 ? { ok: false, problems } : { ok: true, input: input() });

/** A STIX identifier: `type--UUID`. */
const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function badIds(ids: string[]): string[] {
  return ids.filter((id) => !STIX_ID.test(id));
}

export interface EvidenceFields {
  objectRefs: string;
  description: string;
  reliability: SourceReliability;
  credibility: InformationCredibility;
}

export function evidenceRequest(fields: EvidenceFields): Parsed<EvidenceRequest> {
  const refs = splitList(fields.objectRefs);
  const problems: string[] = [];
  if (refs.length === 0) problems.push('Intelligence: give the id of at least one object the evidence rests on.');
  const bad = badIds(refs);
  if (bad.length > 0) problems.push(`Intelligence: ${bad.map((id) => `"${id}"`).join(', ')} ${bad.length === 1 ? 'is not a STIX id' : 'are not STIX ids'} (type--UUID).`);
  if (!fields.description.trim()) problems.push('Description: say what the evidence shows.');
  return parsed(problems, () => ({
    object_refs: refs, description: fields.description.trim(), source_reliability: fields.reliability, information_credibility: fields.credibility,
  }));
}

export interface AssessmentFields {
  level: AssessmentLevel;
  likelihood: PhiaTermId;
  rationale: string;
}

export function assessmentRequest(fields: AssessmentFields): Parsed<AssessmentRequest> {
  const problems = fields.rationale.trim() ? [] : ['Rationale: give the reasoning behind the judgement.'];
  return parsed(problems, () => ({ level: fields.level, likelihood: fields.likelihood, rationale: fields.rationale.trim() }));
}

export interface OpinionFields {
  opinion: OpinionValue;
  explanation: string;
}

export function opinionRequest(fields: OpinionFields): Parsed<OpinionRequest> {
  const explanation = fields.explanation.trim();
  const problems = isDissent(fields.opinion) && !explanation ? ['Reasons: a dissent must give its reasons; partners and the record will see them.'] : [];
  return parsed(problems, () => ({ opinion: fields.opinion, ...(explanation ? { explanation } : {}) }));
}

export interface OpenCaseFields {
  name: string;
  incidentId: string;
  candidateId: string;
  stateNexus: StateNexus;
  /** Partners' identity ids besides this node (which the node adds itself). */
  participants: string[];
  /** 'all', or the N of an N-of-M rule as typed. */
  rule: 'all' | 'n-of-m';
  n: string;
}

export function openCaseRequest(fields: OpenCaseFields): Parsed<CaseOpenRequest> {
  const problems: string[] = [];
  if (!fields.name.trim()) problems.push('Name: give the case a name.');
  if (!STIX_ID.test(fields.candidateId)) problems.push('Candidate: choose the intrusion set or threat actor the case is about.');
  let rule: ConcurrenceRule = { kind: 'all' };
  if (fields.rule === 'n-of-m') {
    const n = Number(fields.n);
    // The node itself is always a participant, so M is one more than the partners chosen.
    const m = fields.participants.length + 1;
    if (!Number.isInteger(n) || n < 1 || n > m) problems.push(`Concurrence: N must be a whole number from 1 to ${m} (the participants).`);
    else rule = { kind: 'n-of-m', n };
  }
  return parsed(problems, () => ({
    name: fields.name.trim(), incident_refs: [fields.incidentId], candidate_ref: fields.candidateId, state_nexus: fields.stateNexus,
    participant_refs: fields.participants, concurrence_rule: rule,
  }));
}
