/**
 * Where a pattern problem is, as the bench shows it: the problem's line of
 * the pattern with a caret line under it ("   ^~~~"), the way compilers do.
 */
import type { PatternProblem } from '../../../src/server/api/contract.ts';

export interface CaretView {
  /** The pattern's line the problem is on (tabs kept, so the caret line lines up). */
  source: string;
  /** Blanks (tabs where the source has tabs) up to the position, then "^" and "~" for the rest of the span. */
  caret: string;
}

/** "line 2, column 7: expected ']'". */
export function describeProblem(problem: PatternProblem): string {
  return `line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/**
 * The caret view of a problem in `pattern`. The position comes from the
 * 0-based `offset` (the server counts in UTF-16 code units as JavaScript
 * strings do); a position past the end (e.g. "unexpected end of pattern")
 * points just after the last character.
 */
export function caretView(pattern: string, problem: Pick<PatternProblem, 'offset' | 'length'>): CaretView {
  const offset = Math.min(Math.max(0, problem.offset), pattern.length);
  const lineStart = pattern.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = pattern.indexOf('\n', offset);
  const lineEnd = lineEndAt === -1 ? pattern.length : lineEndAt;
  const source = pattern.slice(lineStart, lineEnd);
  const before = pattern.slice(lineStart, offset).replace(/[^\t]/g, ' ');
  // The underline stays on the problem's line even when the span runs on.
  const span = Math.max(1, Math.min(problem.length, lineEnd - offset));
  return { source, caret: `${before}^${'~'.repeat(span - 1)}` };
}
