import { ErrorCode } from '../../common/errors.ts';
import { PatternError } from '../errors.ts';

/** A match-time error (STIX 2.1 §9): thrown as PatternError PATTERN_MATCH_ERROR. */
export function matchError(message: string, details?: Record<string, unknown>): PatternError {
  return new PatternError(ErrorCode.PATTERN_MATCH_ERROR, message, details);
}
