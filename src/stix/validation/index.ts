/**
 * STIX 2.1 object validation: `validateObject` checks one object against the
 * specification (property types, required properties, vocabularies, typed
 * references, cross-property rules) and returns every problem at once.
 * `resolveSelector` follows a granular-marking selector (§7.2.3.1).
 */
export { validateObject } from './validate.ts';
export type { ValidationOptions, ValidationProblem, ValidationResult } from './report.ts';
export { parseSelector, resolveSelector, type SelectorResolution, type SelectorStep } from './selectors.ts';
