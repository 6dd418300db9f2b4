import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode, isAppError } from '../../common/errors.ts';
import { findMatch, parsePattern, type PatternDiagnostic } from '../../pattern/index.ts';
import { observationsOf } from '../../workflows/detection/index.ts';
import { requireRole } from './api-auth.ts';
import type { PatternCheck, PatternMatchResult, PatternProblem } from './contract.ts';
import { int, str } from './schemas.ts';

/** The longest pattern checked or matched (characters). */
export const MAX_PATTERN_LENGTH = 64 * 1024;
/** Most observations one test-bench run matches. */
export const MAX_BENCH_OBSERVATIONS = 1000;
/** The largest test-bench request body. */
export const PATTERN_BODY_LIMIT = 4 * 1024 * 1024;

/** The identity that produces observed-data for flat log records on the bench (nothing is stored). */
const BENCH_PRODUCER = 'identity--00000000-0000-4000-8000-000000000000';

const problemSchema = { type: 'object', properties: { code: str, message: str, line: int, column: int, offset: int, length: int } } as const;

/** The pattern test bench: `POST /api/pattern/check` (every role) and `POST /api/pattern/match` (admin, analyst). Nothing is stored. */
export function registerPatternRoutes(app: FastifyInstance): void {
  app.post('/api/pattern/check', {
    bodyLimit: PATTERN_BODY_LIMIT,
    schema: {
      summary: 'Check a STIX pattern: every error and warning, positioned (1-based line and column, 0-based offset and length)',
      tags: ['api'],
      body: { type: 'object', required: ['pattern'], additionalProperties: false, properties: { pattern: { type: 'string', maxLength: MAX_PATTERN_LENGTH } } },
      response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, errors: { type: 'array', items: problemSchema }, warnings: { type: 'array', items: problemSchema } } } },
    },
  }, async (request): Promise<PatternCheck> => {
    requireRole(request, ['admin', 'analyst', 'reader'], 'the pattern test bench');
    const { pattern } = request.body as { pattern: string };
    const result = parsePattern(pattern);
    return { ok: result.ok, errors: result.errors.map(problemOf), warnings: result.warnings.map(problemOf) };
  });

  app.post('/api/pattern/match', {
    bodyLimit: PATTERN_BODY_LIMIT,
    schema: {
      summary: `Run a STIX pattern against sample observations (observed-data, bundles, flat log records; at most ${MAX_BENCH_OBSERVATIONS}): whether it matches and which observations; roles admin, analyst`,
      tags: ['api'],
      body: {
        type: 'object',
        required: ['pattern', 'observations'],
        additionalProperties: false,
        properties: { pattern: { type: 'string', maxLength: MAX_PATTERN_LENGTH }, observations: { type: 'array', maxItems: MAX_BENCH_OBSERVATIONS, items: {} } },
      },
      response: { 200: { type: 'object', properties: { matched: { type: 'boolean' }, matchedObservations: { type: 'array', items: int }, observationCount: int } } },
    },
  }, async (request): Promise<PatternMatchResult> => {
    requireRole(request, ['admin', 'analyst'], 'running patterns against observations');
    const { pattern, observations } = request.body as { pattern: string; observations: unknown[] };
    const parsed = parsePattern(pattern);
    const first = parsed.errors[0];
    if (parsed.ast === undefined || first !== undefined) {
      throw new AppError(ErrorCode.API_BAD_INPUT, `the pattern is not valid: ${first === undefined ? 'it does not parse' : `${first.line}:${first.column} ${first.message}`}`, { errors: parsed.errors.map(problemOf) });
    }
    // Each observation as the detection readers see it (the match API's forms), remembering which element it came from.
    const values: unknown[] = [];
    const sourceOf = new Map<unknown, number>();
    observations.forEach((value, index) => {
      let found;
      try {
        found = observationsOf(value, { producerId: BENCH_PRODUCER });
      } catch (error) {
        if (!isAppError(error)) throw error;
        throw new AppError(ErrorCode.API_BAD_INPUT, `observations[${index}] is not an observation: ${error.message}`);
      }
      for (const observation of found) {
        values.push({ type: 'bundle', id: `bundle--${BENCH_PRODUCER.slice(10)}`, objects: [observation.observedData, ...observation.objects] });
        sourceOf.set(observation.observedData, index);
      }
    });
    let bindings;
    try {
      bindings = findMatch(parsed.ast, values).bindings ?? [];
    } catch (error) {
      if (isAppError(error, ErrorCode.PATTERN_MATCH_ERROR)) throw new AppError(ErrorCode.API_BAD_INPUT, `matching failed: ${error.message}`, error.details);
      throw error;
    }
    const matched = [...new Set(bindings.map((sdo) => sourceOf.get(sdo)).filter((index): index is number => index !== undefined))].sort((a, b) => a - b);
    return { matched: bindings.length > 0, matchedObservations: matched, observationCount: observations.length };
  });
}

function problemOf(diagnostic: PatternDiagnostic): PatternProblem {
  return {
    code: diagnostic.code,
    message: diagnostic.message,
    line: diagnostic.line,
    column: diagnostic.column,
    offset: diagnostic.span.start,
    length: Math.max(0, diagnostic.span.end - diagnostic.span.start),
  };
}
