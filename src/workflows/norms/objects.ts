import { AppError, ErrorCode } from '../../common/errors.ts';
import { newIdentifier } from '../../stix/identifier.ts';
import { newSdoExtension } from '../extensions/definitions.ts';
import { badInput, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';
import { describeProblems } from '../extensions/fields.ts';
import { checkNormInput, checkNormObject } from './checks.ts';
import type { NormSdoType } from './definitions.ts';
import type { NormImplementation, NormTag } from './model.ts';

type NormObjectOf<T extends NormSdoType> = T extends 'accord-norm-tag' ? NormTag : NormImplementation;

/**
 * A new `type` object made of `input` (its own properties, wire names),
 * created by `actorId` at `now`. Pure; WORKFLOW_BAD_INPUT listing every problem
 * of the input when it breaks the type's rules.
 */
export function buildNormObject<T extends NormSdoType>(type: T, actorId: string, input: unknown, now: string): NormObjectOf<T> {
  const problems = checkNormInput(type, input);
  if (problems.length > 0) throw badInput(`the ${type} is not valid`, problems);
  return {
    type, spec_version: '2.1', id: newIdentifier(type), created: now, modified: now, created_by_ref: actorId,
    extensions: newSdoExtension(type),
    ...(input as Record<string, unknown>),
  } as unknown as NormObjectOf<T>;
}

/** Checks `object` by the norms rules and writes it (nothing is written when anything is wrong). */
export async function saveNormObject<T extends NormTag | NormImplementation>(ctx: WorkflowContext, object: T): Promise<T> {
  const problems = checkNormObject(object);
  if (problems.length > 0) throw new AppError(ErrorCode.STIX_INVALID, `the ${object.type} ${object.id} would not be valid: ${describeProblems(problems)}`, { problems });
  return saveWorkflowObject(ctx, object);
}
