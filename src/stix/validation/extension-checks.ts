import { isPlainObject } from './check-value.ts';
import type { Report, ValidationProblem } from './report.ts';

/**
 * Extra checks for extensions declared by known extension-definitions (STIX
 * 2.1 §7.3). The validator alone cannot know the schema behind an
 * extension-definition id, so a layer that does (Accord's workflows) supplies a
 * check per id; `validateObject` runs the check of every id an object's
 * `extensions` names and reports its problems as errors. The checks are
 * registered explicitly by the composition root (`registerExtensionCheck`),
 * never by importing a module; an id without a check gets only the generic
 * well-formedness checks of `extensions.ts`.
 */

/**
 * Checks one object that uses the extension: `object` is the whole object (a
 * new-sdo's properties sit at its top level), `extension` its entry in
 * `extensions`. Problems carry JSON paths from the object (`$.status`).
 */
export type ExtensionCheck = (object: Readonly<Record<string, unknown>>, extension: Readonly<Record<string, unknown>>) => readonly ValidationProblem[];

/** Checks by extension-definition id. */
export type ExtensionChecks = ReadonlyMap<string, ExtensionCheck>;

const registered = new Map<string, ExtensionCheck>();

/** Makes `validateObject` run `check` on every object whose `extensions` names `definitionId` (replaces an earlier check for it). */
export function registerExtensionCheck(definitionId: string, check: ExtensionCheck): void {
  registered.set(definitionId, check);
}

/** The checks registered so far (what `validateObject` uses unless its options give others). */
export function registeredExtensionChecks(): ExtensionChecks {
  return registered;
}

/** Runs the check of each extension-definition id the object's `extensions` names. */
export function runExtensionChecks(object: Readonly<Record<string, unknown>>, checks: ExtensionChecks, report: Report): void {
  const { extensions } = object;
  if (checks.size === 0 || !isPlainObject(extensions)) return;
  for (const [id, extension] of Object.entries(extensions)) {
    const check = checks.get(id);
    if (check === undefined || !isPlainObject(extension)) continue;
    for (const problem of check(object, extension)) report.error(problem.path, problem.rule, problem.message);
  }
}

/** `validateObject`'s option for the checks to run (default: the registered ones). */
export interface ExtensionCheckOptions {
  extensionChecks?: ExtensionChecks;
}
