import { newIdentifier } from '../../stix/identifier.ts';
import { newVersion } from '../../stix/versioning.ts';
import type { Store } from '../../store/store.ts';
import { isRecord } from '../extensions/fields.ts';
import { badInput, creationMarkings, latestWhere, nowOf, refused, requireObject, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';
import { checkLessonsInput } from './checks.ts';
import { LESSONS_EXTENSION_ID, LESSONS_TYPE, type LessonsLearned } from './model.ts';

/** Post-incident reviews as store services: record, revise (a new version by its creator), read. */

/** A review's own properties (wire names). */
export type LessonsInput = Pick<LessonsLearned, 'name' | 'what_happened' | 'incident_refs'>
  & Partial<Pick<LessonsLearned, 'what_worked' | 'what_did_not_work' | 'recommendations' | 'case_refs'>>;

/** The review `input` makes, created by `actorId` at `now`. Pure; API_BAD_INPUT with every problem. */
export function buildLessons(actorId: string, input: LessonsInput, now: string): LessonsLearned {
  const problems = checkLessonsInput(input);
  if (problems.length > 0) throw badInput('the review is not valid', problems);
  return {
    type: LESSONS_TYPE, spec_version: '2.1', id: newIdentifier(LESSONS_TYPE), created: now, modified: now, created_by_ref: actorId,
    extensions: { [LESSONS_EXTENSION_ID]: { extension_type: 'new-sdo' } },
    ...input,
  };
}

async function save(ctx: WorkflowContext, review: LessonsLearned): Promise<LessonsLearned> {
  for (const id of [...review.incident_refs, ...(review.case_refs ?? [])]) {
    await requireObject(ctx.store, id, id.startsWith('incident--') ? 'incident' : 'accord-attribution-case', id.startsWith('incident--') ? 'incident' : 'attribution case');
  }
  return saveWorkflowObject(ctx, review);
}

/** Records a review; the incidents and cases it names must be in the store. */
export async function recordLessons(ctx: WorkflowContext, actorId: string, input: LessonsInput): Promise<LessonsLearned> {
  return save(ctx, { ...buildLessons(actorId, input, nowOf(ctx)), ...creationMarkings(ctx) });
}

/** A new version of review `id` with `changes` (e.g. a recommendation's status); only its creator may revise it. `null` removes an optional property. */
export async function reviseLessons(ctx: WorkflowContext, actorId: string, id: string, changes: Partial<Record<keyof LessonsInput, unknown>>): Promise<LessonsLearned> {
  const review = await requireObject<LessonsLearned>(ctx.store, id, LESSONS_TYPE, 'review');
  if (review.created_by_ref !== actorId) throw refused(`only ${review.created_by_ref}, which recorded review ${id}, may revise it (STIX 2.1 §3.6)`);
  if (!isRecord(changes)) throw badInput('the changes are not valid', [{ path: '$', rule: 'not-an-object', message: 'the changes are an object of review properties' }]);
  const merged = Object.fromEntries(Object.entries({ ...pick(review), ...changes }).filter(([, value]) => value !== null && value !== undefined));
  const problems = checkLessonsInput(merged);
  if (problems.length > 0) throw badInput('the changes are not valid', problems);
  const removed = Object.fromEntries(Object.entries(changes).filter(([, value]) => value === null).map(([name]) => [name, undefined]));
  return save(ctx, newVersion(review, { ...merged, ...removed } as Partial<LessonsLearned>, nowOf(ctx)));
}

function pick(review: LessonsLearned): LessonsInput {
  const { name, what_happened, incident_refs, what_worked, what_did_not_work, recommendations, case_refs } = review;
  return { name, what_happened, incident_refs, ...(what_worked && { what_worked }), ...(what_did_not_work && { what_did_not_work }), ...(recommendations && { recommendations }), ...(case_refs && { case_refs }) };
}

/** Every stored review (latest versions). */
export async function loadLessons(store: Store): Promise<LessonsLearned[]> {
  return (await latestWhere(store, [LESSONS_TYPE], () => true)) as LessonsLearned[];
}
