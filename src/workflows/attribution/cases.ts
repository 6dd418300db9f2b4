import type { ValidationProblem } from '../../stix/validation/index.ts';
import { identifierType, newIdentifier } from '../../stix/identifier.ts';
import { newVersion } from '../../stix/versioning.ts';
import { newWorkflowObject } from '../extensions/definitions.ts';
import { Fields, isRecord } from '../extensions/fields.ts';
import { badInput, creationMarkings, nowOf, refused, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';
import { statementSignatures, unsignedBy } from '../statements/signed-by.ts';
import { checkAssessmentFields, checkCaseFields, checkEvidenceFields } from './checks.ts';
import { concurrence } from './concurrence.ts';
import {
  dissents, OPINION_VALUES,
  type Assessment, type AttributionCase, type CaseOpinion, type CaseStatus, type Evidence, type OpinionValue,
} from './model.ts';
import { likelihoodOf, type PhiaTermId } from './probability.ts';
import { caseOpinions, readCase, storedObjects } from './records.ts';
import { transitionRefusal } from './status-flow.ts';
import type { InformationCredibility, SourceReliability } from './admiralty.ts';

/**
 * The joint attribution workflow as store services. Every function takes the
 * context, then the identity that acts, and writes new STIX objects or
 * versions through the Store; bad input is refused with every problem (what,
 * where, why) and a step the workflow does not allow now is refused with the
 * reason. Only the node that opened a case versions it (STIX 2.1 §3.6);
 * partners answer with their own objects (evidence, assessments, opinions,
 * signatures), made on their own nodes.
 */

/**
 * A new case: the case's own properties (wire names). `participant_refs`: the
 * partner identities taking part (the opener is added when missing);
 * `concurrence_rule` defaults to all participants.
 */
export type CaseInput = Pick<AttributionCase, 'name' | 'incident_refs' | 'candidate_ref' | 'state_nexus'>
  & Partial<Pick<AttributionCase, 'description' | 'state_ref' | 'participant_refs' | 'concurrence_rule'>>;

/** What may change on a case while it is draft or in consultation (`null` removes an optional property). */
export type CaseChanges = { [K in Exclude<keyof CaseInput, 'name' | 'incident_refs' | 'candidate_ref' | 'state_nexus'>]?: CaseInput[K] | null }
  & Partial<Pick<CaseInput, 'name' | 'incident_refs' | 'candidate_ref' | 'state_nexus'>>;

const CASE_INPUT_PROPERTIES = ['name', 'description', 'incident_refs', 'candidate_ref', 'state_nexus', 'state_ref', 'participant_refs', 'concurrence_rule'];

/** Reports every referenced id the store does not hold (or holds as another type). */
async function checkStored(ctx: WorkflowContext, fields: Fields, names: readonly string[]): Promise<void> {
  const wanted = names.flatMap((name) => {
    const value = fields.value[name];
    const ids = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return ids.map((id, index) => ({ id, path: Array.isArray(value) ? `${fields.at(name)}[${index}]` : fields.at(name) }));
  }).filter((entry): entry is { id: string; path: string } => typeof entry.id === 'string');
  const stored = await storedObjects(ctx.store, [...new Set(wanted.map((entry) => entry.id))]);
  for (const { id, path } of wanted) {
    if (!stored.has(id)) fields.problems.push({ path, rule: 'unknown-reference', message: `${id} is not in this node's store (a ${identifierType(id)} must be here before a case can refer to it)` });
  }
}

async function checkCaseInput(ctx: WorkflowContext, input: Record<string, unknown>, what: string): Promise<void> {
  const problems: ValidationProblem[] = [];
  const fields = new Fields(input, '$', problems);
  checkCaseFields(fields);
  fields.only([...CASE_INPUT_PROPERTIES, 'status', 'status_history']);
  if (problems.length === 0) await checkStored(ctx, fields, ['incident_refs', 'candidate_ref', 'state_ref', 'participant_refs']);
  if (problems.length > 0) throw badInput(what, problems);
}

/** Opens a case (status draft) from incidents and a candidate actor. */
export async function openCase(ctx: WorkflowContext, actorId: string, input: CaseInput): Promise<AttributionCase> {
  if (!isRecord(input)) throw badInput('the case is not valid', [{ path: '$', rule: 'not-an-object', message: 'a case is given as an object {name, incident_refs, candidate_ref, state_nexus, …}' }]);
  const now = nowOf(ctx);
  const participants: unknown = input.participant_refs ?? [];
  const content: Record<string, unknown> = {
    ...input,
    // Anything but a list is left as given, for the check to report.
    participant_refs: !Array.isArray(participants) || participants.includes(actorId) ? participants : [actorId, ...participants],
    concurrence_rule: input.concurrence_rule ?? { kind: 'all' },
    status: 'draft',
    status_history: [{ status: 'draft', by: actorId, at: now }],
  };
  await checkCaseInput(ctx, content, 'the case is not valid');
  return saveWorkflowObject(ctx, newWorkflowObject<AttributionCase>('accord-attribution-case', actorId, now, { ...creationMarkings(ctx), ...content }));
}

/** Only the case's opener versions it (STIX 2.1 §3.6). */
function assertEditable(attributionCase: AttributionCase, actorId: string, what: string): void {
  if (attributionCase.created_by_ref !== actorId) {
    throw refused(`${what}: case ${attributionCase.id} was opened by ${attributionCase.created_by_ref}; only that node versions it (STIX 2.1 §3.6)`);
  }
}

function assertOpenForInput(attributionCase: AttributionCase, what: string): void {
  if (attributionCase.status !== 'draft' && attributionCase.status !== 'consultation') {
    throw refused(`${what}: the case is ${attributionCase.status}; it takes new input only while draft or in consultation`);
  }
}

/** A new version of the case with `changes` (name, description, incidents, candidate, state, participants, rule). */
export async function updateCase(ctx: WorkflowContext, actorId: string, caseId: string, changes: CaseChanges): Promise<AttributionCase> {
  const attributionCase = await readCase(ctx.store, caseId);
  assertEditable(attributionCase, actorId, 'the case cannot change');
  assertOpenForInput(attributionCase, 'the case cannot change');
  // Status and history change only through transitionCase: anything else in `changes` is refused, not merged.
  const unknown: ValidationProblem[] = [];
  new Fields(isRecord(changes) ? changes : {}, '$', unknown).only(CASE_INPUT_PROPERTIES);
  if (unknown.length > 0) throw badInput(`the changes to case ${caseId} are not valid`, unknown);
  const merged: Record<string, unknown> = Object.fromEntries(CASE_INPUT_PROPERTIES.map((name) => [name, attributionCase[name]]));
  for (const [name, value] of Object.entries(changes as Record<string, unknown>)) {
    if (value === null) merged[name] = undefined;
    else if (value !== undefined) merged[name] = value;
  }
  const candidate = { ...Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)), status: attributionCase.status, status_history: attributionCase.status_history };
  await checkCaseInput(ctx, candidate, `the changes to case ${caseId} are not valid`);
  return saveWorkflowObject(ctx, newVersion(attributionCase, merged as Partial<AttributionCase>, nowOf(ctx)));
}

function assertParticipant(attributionCase: AttributionCase, identityId: string, what: string): void {
  if (!attributionCase.participant_refs.includes(identityId)) {
    throw refused(`${what}: ${identityId} is not a participant of case ${attributionCase.id} (participants: ${attributionCase.participant_refs.join(', ')})`);
  }
}

export interface EvidenceInput {
  object_refs: string[];
  description: string;
  source_reliability: SourceReliability;
  information_credibility: InformationCredibility;
  /** The partner that contributed it (default: the actor). */
  contributed_by_ref?: string;
}

/** Adds an evidence item, graded with the Admiralty code, contributed by a participant. */
export async function addEvidence(ctx: WorkflowContext, actorId: string, caseId: string, input: EvidenceInput): Promise<Evidence> {
  const attributionCase = await readCase(ctx.store, caseId);
  assertParticipant(attributionCase, actorId, 'evidence cannot be added');
  assertOpenForInput(attributionCase, 'evidence cannot be added');
  const content: Record<string, unknown> = { ...(isRecord(input) ? input : {}), case_ref: caseId, contributed_by_ref: (isRecord(input) && input.contributed_by_ref) || actorId };
  const problems: ValidationProblem[] = [];
  const fields = new Fields(content, '$', problems);
  checkEvidenceFields(fields);
  fields.only(['case_ref', 'object_refs', 'description', 'source_reliability', 'information_credibility', 'contributed_by_ref']);
  if (typeof content.contributed_by_ref === 'string' && !attributionCase.participant_refs.includes(content.contributed_by_ref)) {
    fields.problem('contributed_by_ref', 'participant', `${content.contributed_by_ref} is not a participant of the case`);
  }
  if (problems.length === 0) await checkStored(ctx, fields, ['object_refs']);
  if (problems.length > 0) throw badInput('the evidence is not valid', problems);
  const now = nowOf(ctx);
  return saveWorkflowObject(ctx, newWorkflowObject<Evidence>('accord-evidence', actorId, now, { ...creationMarkings(ctx), ...content }));
}

export interface AssessmentInput {
  level: Assessment['level'];
  /** A PHIA term id, e.g. `highly-likely`. */
  likelihood: PhiaTermId;
  rationale: string;
}

/** Records a participant's assessment; its ICD 203 term and probability range are derived from the PHIA term. */
export async function addAssessment(ctx: WorkflowContext, actorId: string, caseId: string, input: AssessmentInput): Promise<Assessment> {
  const attributionCase = await readCase(ctx.store, caseId);
  assertParticipant(attributionCase, actorId, 'the assessment cannot be added');
  assertOpenForInput(attributionCase, 'the assessment cannot be added');
  const content: Record<string, unknown> = { ...(isRecord(input) ? input : {}), case_ref: caseId };
  const problems: ValidationProblem[] = [];
  const fields = new Fields(content, '$', problems);
  checkAssessmentFields(fields, { derived: false });
  fields.only(['case_ref', 'level', 'likelihood', 'rationale']);
  if (problems.length > 0) throw badInput('the assessment is not valid', problems);
  const { icd203, probability } = likelihoodOf(content.likelihood as PhiaTermId);
  const now = nowOf(ctx);
  return saveWorkflowObject(ctx, newWorkflowObject<Assessment>('accord-assessment', actorId, now, { ...creationMarkings(ctx), ...content, probability, icd203_term: icd203.term }));
}

export interface OpinionInput {
  opinion: OpinionValue;
  /** Required for a dissent (disagree, strongly-disagree): partners must see why. */
  explanation?: string;
}

/**
 * Records a participant's concurrence (or not) as a STIX `opinion` on the
 * case, during consultation. A participant's later opinion is a new version
 * of its earlier one, so its history is kept and its latest counts.
 */
export async function recordOpinion(ctx: WorkflowContext, actorId: string, caseId: string, input: OpinionInput): Promise<CaseOpinion> {
  const attributionCase = await readCase(ctx.store, caseId);
  assertParticipant(attributionCase, actorId, 'the opinion cannot be recorded');
  if (attributionCase.status !== 'consultation') throw refused(`the opinion cannot be recorded: the case is ${attributionCase.status}; partners give their opinion during consultation`);
  const problems: ValidationProblem[] = [];
  const fields = new Fields(isRecord(input) ? input : {}, '$', problems);
  const opinion = fields.oneOf('opinion', OPINION_VALUES, true);
  const explanation = fields.string('explanation', false);
  fields.only(['opinion', 'explanation']);
  if (opinion !== undefined && dissents(opinion) && explanation === undefined) {
    fields.problem('explanation', 'dissent-reasons', `a dissent (${opinion}) needs an explanation: the reasons are what partners weigh`);
  }
  if (problems.length > 0) throw badInput('the opinion is not valid', problems);
  const now = nowOf(ctx);
  const previous = (await caseOpinions(ctx.store, caseId)).find((existing) => existing.created_by_ref === actorId);
  const changes = { opinion: opinion!, explanation };
  const next = previous === undefined
    ? { type: 'opinion', spec_version: '2.1', id: newIdentifier('opinion'), created: now, modified: now, created_by_ref: actorId, ...creationMarkings(ctx), object_refs: [caseId], opinion: opinion!, ...(explanation !== undefined && { explanation }) } as CaseOpinion
    : newVersion(previous, changes, now);
  return saveWorkflowObject(ctx, next);
}

export interface TransitionOptions {
  /** Required to withdraw; kept in the status history. */
  reason?: string;
  /** Partner keys registered on this node: publishing then needs signatures made with them. */
  expectedKeys?: ReadonlyMap<string, string>;
}

/**
 * Moves the case to `to` (a new version with the change appended to
 * `status_history`), or refuses with the reason (see status-flow.ts).
 */
export async function transitionCase(ctx: WorkflowContext, actorId: string, caseId: string, to: CaseStatus, options: TransitionOptions = {}): Promise<AttributionCase> {
  const attributionCase = await readCase(ctx.store, caseId);
  assertEditable(attributionCase, actorId, `the case cannot go to ${to}`);
  const opinions = await caseOpinions(ctx.store, caseId);
  const agreement = concurrence(attributionCase.concurrence_rule, attributionCase.participant_refs, opinions);
  let missingSignatures: string[] = [];
  const statementId = attributionCase.statement_ref;
  if (to === 'published' && statementId !== undefined) {
    const report = (await storedObjects(ctx.store, [statementId])).get(statementId);
    missingSignatures = report === undefined ? agreement.concurring : unsignedBy(report, await statementSignatures(ctx.store, report), agreement.concurring, options.expectedKeys);
  }
  const refusal = transitionRefusal(attributionCase.status, to, {
    concurrence: agreement, hasStatement: statementId !== undefined, missingSignatures, ...(options.reason !== undefined && { reason: options.reason }),
  });
  if (refusal !== undefined) throw refused(`case ${caseId} cannot go from ${attributionCase.status} to ${to}: ${refusal}`, { from: attributionCase.status, to });
  const now = nowOf(ctx);
  const change = { status: to, by: actorId, at: now, ...(options.reason !== undefined && options.reason.trim() !== '' && { reason: options.reason }) };
  const next = newVersion(attributionCase, { status: to, status_history: [...attributionCase.status_history, change] }, now);
  // newVersion may move `modified` past `now` (clock skew): the history records the version's own time.
  next.status_history.at(-1)!.at = next.modified!;
  return saveWorkflowObject(ctx, next);
}
