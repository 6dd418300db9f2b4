import { newIdentifier } from '../../stix/identifier.ts';
import { newSdoExtension } from '../extensions/definitions.ts';
import { badInput } from '../extensions/store-objects.ts';
import { checkNormInput } from './checks.ts';
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
