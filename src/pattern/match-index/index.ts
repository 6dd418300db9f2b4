export type * from './types.ts';
export { compileReferenceIndex } from './reference.ts';
/** Until the compiled index lands, the reference implementation serves (same contract). */
export { compileReferenceIndex as compileMatchIndex } from './reference.ts';
