import { AppError, ErrorCode } from '../../common/errors.ts';
import type { StixObject } from '../../stix/object.ts';
import { now as clockNow } from '../../stix/timestamp.ts';
import { validateObject, type ValidationProblem } from '../../stix/validation/index.ts';
import { iterateObjects } from '../../store/iterate.ts';
import type { ObjectFilter, Store } from '../../store/store.ts';
import { WORKFLOW_EXTENSION_CHECKS } from './check.ts';
import { describeProblems } from './fields.ts';

/**
 * What every workflow service works in: the node's store, the collections new
 * objects join (so the sharing agreements carry them to partners), and the
 * clock. Who acts is always a separate argument (an identity id).
 */
export interface WorkflowContext {
  store: Store;
  /** Collections new workflow objects join (default: none — the store only). */
  collections?: readonly string[];
  /** The clock (default: now, millisecond precision). */
  now?: () => string;
  /**
   * Marking-definition ids (e.g. a TLP 2.0 level) put on the objects the
   * services create; default none, so the node's default marking applies.
   * Statements and their signatures are always TLP:CLEAR.
   */
  markings?: readonly string[];
}

/** The `object_marking_refs` of a new object made in `ctx` (nothing when it sets none). */
export function creationMarkings(ctx: WorkflowContext): { object_marking_refs?: string[] } {
  return ctx.markings === undefined || ctx.markings.length === 0 ? {} : { object_marking_refs: [...ctx.markings] };
}

export function nowOf(ctx: WorkflowContext): string {
  return (ctx.now ?? clockNow)();
}

/** Refuses input that breaks the workflow's rules (WORKFLOW_BAD_INPUT: what, where, why). */
export function badInput(what: string, problems: readonly ValidationProblem[]): AppError {
  return new AppError(ErrorCode.WORKFLOW_BAD_INPUT, `${what}: ${describeProblems(problems)}`, { problems });
}

/** Refuses a step the workflow does not allow now (a status transition, an opinion outside consultation…), saying why (WORKFLOW_REFUSED). */
export function refused(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.WORKFLOW_REFUSED, message, details);
}

/**
 * Validates `object` as STIX 2.1 and by the workflow rules, then writes it.
 * Nothing is written when anything is wrong.
 */
export async function saveWorkflowObject<T extends StixObject>(ctx: WorkflowContext, object: T): Promise<T> {
  const validation = validateObject(object, { extensionChecks: WORKFLOW_EXTENSION_CHECKS });
  if (!validation.valid) {
    throw new AppError(ErrorCode.STIX_INVALID, `the ${object.type} ${object.id} would not be valid: ${describeProblems(validation.errors)}`, { problems: validation.errors });
  }
  const result = await ctx.store.ingest([object], ctx.collections === undefined ? {} : { collections: ctx.collections });
  if (result.conflicts.length > 0) throw new AppError(ErrorCode.STORE_CONFLICT, `the ${object.type} ${object.id} could not be stored: ${result.conflicts[0]!.message}`);
  return object;
}

/** The latest stored version of `id`, if any. */
export async function latestObject(store: Store, id: string): Promise<StixObject | undefined> {
  return (await store.query({ ids: [id] }, { limit: 1 })).items[0]?.object;
}

/** The latest version of `id`, which must be of `type`; STORE_NOT_FOUND otherwise. */
export async function requireObject<T extends StixObject>(store: Store, id: string, type: T['type'], what: string): Promise<T> {
  const object = await latestObject(store, id);
  if (object === undefined || object.type !== type) throw new AppError(ErrorCode.STORE_NOT_FOUND, `${what} ${id} is not in this node's store`, { id });
  return object as T;
}

/** Latest versions of every object of `types` for which `keep` holds (workflow collections are small: one case's evidence, opinions…). */
export async function latestWhere(store: Store, types: readonly string[], keep: (object: StixObject) => boolean): Promise<StixObject[]> {
  const found: StixObject[] = [];
  const filter: ObjectFilter = { types };
  for await (const item of iterateObjects(store, filter)) if (keep(item.object)) found.push(item.object);
  return found;
}
