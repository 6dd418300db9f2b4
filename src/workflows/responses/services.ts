import { AppError } from '../../common/errors.ts';
import { newIdentifier } from '../../stix/identifier.ts';
import type { ValidationProblem } from '../../stix/validation/index.ts';
import { newVersion } from '../../stix/versioning.ts';
import type { Store } from '../../store/store.ts';
import { readCase } from '../attribution/records.ts';
import type { AttributionCase } from '../attribution/model.ts';
import { Fields, isRecord, show } from '../extensions/fields.ts';
import { badInput, creationMarkings, latestWhere, nowOf, refused, requireObject, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';
import { assessLegal } from '../legal/assess.ts';
import type { LegalAssessment } from '../legal/assessment.ts';
import type { LegalFacts } from '../legal/facts.ts';
import { RESPONSE_KIND_IDS, responseKind } from './catalogue.ts';
import { RESPONSE_EXTENSION_IDS } from './definitions.ts';
import { assessmentOf, caseLegalAssessment } from '../legal/records.ts';
import { checkResponseLegality } from './legal-check.ts';
import { POSITIONS, RESPONSE_STATUSES, RESPONSE_TARGET_TYPES, type Position, type ResponseOption, type ResponsePosition, type ResponseStatus } from './model.ts';
import { responseTransitionRefusal } from './status-flow.ts';

/**
 * Coordinated responses as store services: a participant of an attribution
 * case proposes options, each checked by the legal engine; the proposer moves
 * it through its status flow; every participant states a position. Every
 * function takes the context, then the identity that acts.
 */

/** A proposal (wire names). Without `facts`, the case's current stored legal assessment is used. */
export interface ResponseInput {
  kind: string;
  description: string;
  name?: string;
  target_ref?: string;
  facts?: LegalFacts;
}

export interface PositionInput {
  position: Position;
  reason?: string;
}

const RESPONSE_INPUT_PROPERTIES = ['kind', 'description', 'name', 'target_ref', 'facts'];

function requireParticipant(entry: AttributionCase, actorId: string, what: string): void {
  if (!entry.participant_refs.includes(actorId)) throw refused(`${what} is for the participants of case ${entry.id}; ${actorId} is not one`);
}

/** The assessment the check uses: of `facts` when given, else the case's current stored one (refused when there is none). */
async function assessmentFor(store: Store, caseId: string, facts: LegalFacts | undefined): Promise<{ assessment: LegalAssessment; ref?: string }> {
  if (facts !== undefined) {
    try {
      return { assessment: assessLegal(facts) };
    } catch (error) {
      const problems = (error instanceof AppError ? (error.details?.problems ?? []) : []) as ValidationProblem[];
      throw badInput('the response option is not valid', problems.map((problem) => ({ ...problem, path: problem.path.replace(/^\$/, '$.facts') })));
    }
  }
  const stored = await caseLegalAssessment(store, caseId);
  if (stored === undefined) throw refused(`case ${caseId} has no legal assessment yet: store one for the case first, or give the facts with the proposal`);
  return { assessment: assessmentOf(stored), ref: stored.id };
}

/** Proposes a response option for case `caseId`, checked by the legal engine. Only participants propose; not on a withdrawn case. */
export async function proposeResponse(ctx: WorkflowContext, actorId: string, caseId: string, input: ResponseInput): Promise<ResponseOption> {
  const problems: ValidationProblem[] = [];
  if (!isRecord(input)) throw badInput('the response option is not valid', [{ path: '$', rule: 'not-an-object', message: `a response option is an object {${RESPONSE_INPUT_PROPERTIES.join(', ')}}, not ${show(input)}` }]);
  const fields = new Fields(input, '$', problems);
  fields.oneOf('kind', RESPONSE_KIND_IDS, true);
  fields.string('description', true, 'what exactly is proposed (a non-empty string)');
  fields.string('name', false);
  fields.ref('target_ref', RESPONSE_TARGET_TYPES, false);
  if (input.facts !== undefined && !isRecord(input.facts)) fields.problem('facts', 'property-type', 'must be the legal facts, a JSON object (see `accord legal schema`)');
  fields.only(RESPONSE_INPUT_PROPERTIES);
  if (problems.length > 0) throw badInput('the response option is not valid', problems);
  const entry = await readCase(ctx.store, caseId);
  requireParticipant(entry, actorId, 'proposing a response');
  if (entry.status === 'withdrawn') throw refused(`case ${caseId} is withdrawn: no responses are proposed for it`);
  if (input.target_ref !== undefined) await requireObject(ctx.store, input.target_ref, input.target_ref.split('--')[0]!, 'target');
  const kind = responseKind(input.kind)!;
  const { assessment, ref } = await assessmentFor(ctx.store, caseId, input.facts);
  const now = nowOf(ctx);
  const option: ResponseOption = {
    type: 'accord-response-option', spec_version: '2.1', id: newIdentifier('accord-response-option'), created: now, modified: now, created_by_ref: actorId,
    ...creationMarkings(ctx),
    extensions: { [RESPONSE_EXTENSION_IDS['accord-response-option']]: { extension_type: 'new-sdo' } },
    case_ref: caseId, kind: kind.id, name: input.name ?? `${kind.title}: ${entry.name}`, description: input.description,
    ...(input.target_ref !== undefined && { target_ref: input.target_ref }),
    status: 'proposed', status_history: [{ status: 'proposed', by: actorId, at: now }],
    legal_check: checkResponseLegality(kind, assessment),
    ...(ref !== undefined && { assessment_ref: ref }),
  };
  return saveWorkflowObject(ctx, option);
}

async function ownOption(ctx: WorkflowContext, actorId: string, optionId: string): Promise<ResponseOption> {
  const option = await requireObject<ResponseOption>(ctx.store, optionId, 'accord-response-option', 'response option');
  if (option.created_by_ref !== actorId) throw refused(`only ${option.created_by_ref}, which proposed ${optionId}, may change it (STIX 2.1 §3.6); others state a position`);
  return option;
}

/** Moves option `optionId` to `to` (a new version appending to its history); refused with the reason when the flow does not allow it. */
export async function transitionResponse(ctx: WorkflowContext, actorId: string, optionId: string, to: ResponseStatus, reason?: string): Promise<ResponseOption> {
  if (!(RESPONSE_STATUSES as readonly unknown[]).includes(to)) {
    throw badInput('the status is not valid', [{ path: '$.status', rule: 'vocabulary', message: `${show(to)} is not one of ${RESPONSE_STATUSES.join(', ')}` }]);
  }
  const option = await ownOption(ctx, actorId, optionId);
  const refusal = responseTransitionRefusal(option.status, to, reason);
  if (refusal !== undefined) throw refused(refusal, { from: option.status, to });
  const now = nowOf(ctx);
  const change = { status: to, by: actorId, at: now, ...(reason !== undefined && reason.trim() !== '' && { reason }) };
  return saveWorkflowObject(ctx, newVersion(option, { status: to, status_history: [...option.status_history, change] }, now));
}

/** Checks option `optionId` again against the case's current legal assessment (after new facts or an override): a new version. */
export async function recheckResponse(ctx: WorkflowContext, actorId: string, optionId: string, facts?: LegalFacts): Promise<ResponseOption> {
  const option = await ownOption(ctx, actorId, optionId);
  const { assessment, ref } = await assessmentFor(ctx.store, option.case_ref, facts);
  const check = checkResponseLegality(responseKind(option.kind)!, assessment);
  return saveWorkflowObject(ctx, newVersion(option, { legal_check: check, assessment_ref: ref } as Partial<ResponseOption>, nowOf(ctx)));
}

/** The latest position of every partner on `optionId`. */
export async function optionPositions(store: Store, optionId: string): Promise<ResponsePosition[]> {
  return (await latestWhere(store, ['accord-response-position'], (object) => object.option_ref === optionId)) as ResponsePosition[];
}

/**
 * Records `actorId`'s position on option `optionId`: a participant of its
 * case, while the option is not done or dropped. A later position is a new
 * version of the partner's earlier one.
 */
export async function recordPosition(ctx: WorkflowContext, actorId: string, optionId: string, input: PositionInput): Promise<ResponsePosition> {
  const problems: ValidationProblem[] = [];
  if (!isRecord(input)) throw badInput('the position is not valid', [{ path: '$', rule: 'not-an-object', message: `a position is an object {position, reason?}, not ${show(input)}` }]);
  const fields = new Fields(input, '$', problems);
  const position = fields.oneOf('position', POSITIONS, true);
  fields.string('reason', position === 'oppose' || position === 'abstain', `why the partner ${position ?? 'takes this position'} (a non-empty string)`);
  fields.only(['position', 'reason']);
  if (problems.length > 0) throw badInput('the position is not valid', problems);
  const option = await requireObject<ResponseOption>(ctx.store, optionId, 'accord-response-option', 'response option');
  requireParticipant(await readCase(ctx.store, option.case_ref), actorId, 'stating a position');
  if (option.status === 'done' || option.status === 'dropped') throw refused(`option ${optionId} is ${option.status}: positions are taken while it is open`);
  const now = nowOf(ctx);
  const earlier = (await optionPositions(ctx.store, optionId)).find((entry) => entry.created_by_ref === actorId);
  const content = { position: input.position, ...(input.reason !== undefined && { reason: input.reason }) };
  if (earlier !== undefined) {
    // A position without a reason drops the earlier one's (`undefined` removes it from the new version).
    return saveWorkflowObject(ctx, newVersion(earlier, { reason: undefined, ...content } as Partial<ResponsePosition>, now));
  }
  return saveWorkflowObject(ctx, {
    type: 'accord-response-position', spec_version: '2.1', id: newIdentifier('accord-response-position'), created: now, modified: now, created_by_ref: actorId,
    ...creationMarkings(ctx),
    extensions: { [RESPONSE_EXTENSION_IDS['accord-response-position']]: { extension_type: 'new-sdo' } },
    option_ref: optionId, ...content,
  });
}

export interface OptionBoardEntry {
  option: ResponseOption;
  positions: ResponsePosition[];
  tally: Record<Position, number> & { silent: string[] };
}

/** One option with its positions and the tally among the case's participants (`silent`: those without a position). Pure. */
export function boardEntry(entry: AttributionCase, option: ResponseOption, positions: readonly ResponsePosition[]): OptionBoardEntry {
  const own = positions.filter((position) => position.option_ref === option.id && entry.participant_refs.includes(position.created_by_ref));
  const tally = { support: 0, oppose: 0, abstain: 0, silent: entry.participant_refs.filter((participant) => !own.some((position) => position.created_by_ref === participant)) };
  for (const position of own) tally[position.position] += 1;
  return { option, positions: own, tally };
}

/** Every option of case `caseId` (oldest first) with its positions: the response board. */
export async function responseBoard(store: Store, caseId: string): Promise<{ case: AttributionCase; options: OptionBoardEntry[] }> {
  const entry = await readCase(store, caseId);
  const options = ((await latestWhere(store, ['accord-response-option'], (object) => object.case_ref === caseId)) as ResponseOption[])
    .sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
  const ids = new Set(options.map((option) => option.id));
  const positions = (await latestWhere(store, ['accord-response-position'], (object) => ids.has(String(object.option_ref)))) as ResponsePosition[];
  return { case: entry, options: options.map((option) => boardEntry(entry, option, positions)) };
}
