import type { Store } from '../../store/store.ts';
import { latestWhere, nowOf, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';
import type { NormId } from './catalogue.ts';
import type { NormImplementation } from './model.ts';
import { buildNormObject } from './objects.ts';

/**
 * State implementation records: the "positive practical measures" a state
 * has taken to implement a norm, each with its evidence and date.
 */

/** What a caller gives (wire names). */
export interface NormImplementationInput {
  state: string;
  norm: NormId;
  measure: string;
  evidence: string[];
  date: string;
}

/** The record `input` makes, created by `actorId` at `now`. Pure; WORKFLOW_BAD_INPUT with every problem of the input. */
export function buildNormImplementation(actorId: string, input: NormImplementationInput, now: string): NormImplementation {
  return buildNormObject('accord-norm-implementation', actorId, input, now);
}

/** Builds and stores a record. */
export async function recordImplementation(ctx: WorkflowContext, actorId: string, input: NormImplementationInput): Promise<NormImplementation> {
  return saveWorkflowObject(ctx, buildNormImplementation(actorId, input, nowOf(ctx)));
}

/** Every stored record (latest versions). */
export async function loadImplementations(store: Store): Promise<NormImplementation[]> {
  return (await latestWhere(store, ['accord-norm-implementation'], () => true)) as NormImplementation[];
}

const byDate = (a: NormImplementation, b: NormImplementation): number => a.date.localeCompare(b.date) || a.id.localeCompare(b.id);

/** The records of `state` (its ISO code or its identity/location id, as recorded), oldest first. */
export function implementationsOfState(records: readonly NormImplementation[], state: string): NormImplementation[] {
  return records.filter((record) => record.state === state).sort(byDate);
}

/** The records of `norm`, oldest first. */
export function implementationsOfNorm(records: readonly NormImplementation[], norm: NormId): NormImplementation[] {
  return records.filter((record) => record.norm === norm).sort(byDate);
}
