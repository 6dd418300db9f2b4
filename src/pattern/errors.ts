import { AppError, ErrorCode } from '../common/errors.ts';
import type { Span } from './token.ts';

/** The codes a pattern diagnostic can carry (all from the common catalogue). */
export type PatternErrorCode =
  | typeof ErrorCode.PATTERN_SYNTAX
  | typeof ErrorCode.PATTERN_INVALID_LITERAL
  | typeof ErrorCode.PATTERN_DUPLICATE_QUALIFIER
  | typeof ErrorCode.PATTERN_INVALID_HASH
  | typeof ErrorCode.PATTERN_TOO_DEEP
  | typeof ErrorCode.PATTERN_UNSUPPORTED
  // warnings (ParseResult.warnings): the pattern is valid, but likely not what was meant
  | typeof ErrorCode.PATTERN_UNKNOWN_OBJECT_TYPE
  | typeof ErrorCode.PATTERN_UNKNOWN_PROPERTY
  | typeof ErrorCode.PATTERN_TYPE_MISMATCH;

/** One problem found in a pattern, positioned in the source. */
export interface PatternDiagnostic {
  readonly code: PatternErrorCode;
  /** Human-readable, e.g. `expected a string ('…'), found ']'`. */
  readonly message: string;
  /** 1-based line of the offending text. */
  readonly line: number;
  /** 1-based column (UTF-16 units) of the offending text. */
  readonly column: number;
  readonly span: Span;
  /** The offending source text ('' at end of input). */
  readonly found: string;
  /** What the grammar would have accepted there (empty when not a grammar error). */
  readonly expected: readonly string[];
}

export function patternDiagnostic(
  code: PatternErrorCode,
  span: Span,
  found: string,
  message: string,
  expected: readonly string[] = [],
): PatternDiagnostic {
  return Object.freeze({
    code,
    message,
    line: span.line,
    column: span.column,
    span,
    found,
    expected: Object.freeze([...expected]),
  });
}

/**
 * Thrown by the evaluator and the match index for a match-time error (STIX 2.1 §9):
 * bad observed-data, `WITHIN 0`, mixed-type sets, a pattern that does not parse.
 * An AppError, so every caller's error handling already knows it.
 */
export class PatternError extends AppError {
  constructor(
    code: typeof ErrorCode.PATTERN_MATCH_ERROR | typeof ErrorCode.PATTERN_INVALID,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
    this.name = 'PatternError';
  }
}
