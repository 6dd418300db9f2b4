export type * from './types.ts';
export { compileReferenceIndex } from './reference.ts';
export { compileMatchIndex } from './compile.ts';
