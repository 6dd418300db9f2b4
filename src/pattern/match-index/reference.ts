/**
 * The reference match index: every pattern evaluated one by one with the evaluator.
 * Slow and obviously right; the property test holds the compiled index to it.
 */
import { findMatch } from '../evaluate/match.ts';
import { parsePattern } from '../parser.ts';
import type { Pattern } from '../ast.ts';
import type { StixVersion } from '../grammar.ts';
import type { CompileResult, IndicatorInput, MatchIndex, MatchSession, ObservationInput, PatternHit, RejectedIndicator, StixObject } from './types.ts';

interface Entry {
  readonly id: string;
  readonly ast: Pattern;
  readonly stixVersion: StixVersion;
}

/** The observations list the evaluator takes for one observation. */
export function asEvaluatorInput(observation: ObservationInput): unknown {
  const objects = observation.objects ?? [];
  return objects.length === 0 ? observation.observedData : { type: 'bundle', objects: [observation.observedData, ...objects] };
}

export function compileReferenceIndex(indicators: Iterable<IndicatorInput>): CompileResult {
  const entries: Entry[] = [];
  const rejected: RejectedIndicator[] = [];
  for (const { id, pattern, stixVersion = '2.1' } of indicators) {
    if (typeof pattern !== 'string') { entries.push({ id, ast: pattern, stixVersion }); continue; }
    const parsed = parsePattern(pattern, { stixVersion });
    if (parsed.ok && parsed.ast) entries.push({ id, ast: parsed.ast, stixVersion });
    else rejected.push({ id, errors: parsed.errors });
  }
  const index: MatchIndex = { size: entries.length, session: () => referenceSession(entries) };
  return { index, rejected };
}

function referenceSession(entries: readonly Entry[]): MatchSession {
  const seen: unknown[] = [];
  return {
    push(observation: ObservationInput): PatternHit[] {
      const candidate = [...seen, asEvaluatorInput(observation)];
      const hits: PatternHit[] = [];
      for (const { id, ast, stixVersion } of entries) {
        const result = findMatch(ast, candidate, { stixVersion, including: observation.observedData as Record<string, unknown> });
        if (result.matched) hits.push({ indicatorId: id, observedData: result.bindings ?? [] as StixObject[] });
      }
      seen.push(candidate[candidate.length - 1]);
      return hits;
    },
  };
}
