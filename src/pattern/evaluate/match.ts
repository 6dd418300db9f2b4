/**
 * The pattern evaluator (STIX 2.1 §9): the evaluator never parses; it walks an AST
 * over observed-data. An observed-data with `number_observed` n counts as n
 * observations (STIX 2.1 §9.8, REPEATS). A binding is a list of observations that
 * together satisfy the pattern; the pattern matches when there is at least one.
 */
import type { ObservationExpression, Pattern } from '../ast.ts';
import type { StixVersion } from '../grammar.ts';
import { ErrorCode } from '../../common/errors.ts';
import { PatternError } from '../errors.ts';
import { parsePattern } from '../parser.ts';
import { matchError, parseTimestamp } from './values.ts';
import { collect, compileComparison, type Obj, type Sdo } from './observation.ts';

export interface MatchOptions {
  readonly stixVersion?: StixVersion;
}

export interface MatchResult {
  readonly matched: boolean;
  /** The observed-data SDOs of the first binding, in binding order. */
  readonly bindings?: readonly Obj[];
}

const MAX_BINDINGS = 10_000;

/** A binding: indices into the expanded observation list. */
type Binding = readonly number[];

interface Ctx {
  readonly obs: readonly { readonly sdo: Sdo; readonly index: number }[];
}

function disjoint(a: Binding, b: Binding): boolean {
  return !a.some((x) => b.includes(x));
}

function dedupe(bindings: Binding[]): Binding[] {
  const seen = new Set<string>();
  const out: Binding[] = [];
  for (const b of bindings) {
    const key = [...b].sort((x, y) => x - y).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(b);
    if (out.length >= MAX_BINDINGS) break;
  }
  return out;
}

function span(ctx: Ctx, b: Binding): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const i of b) {
    const s = ctx.obs[i]!.sdo;
    first = Math.min(first, s.first);
    last = Math.max(last, s.last);
  }
  return { first, last };
}

function evaluate(expr: ObservationExpression, ctx: Ctx): Binding[] {
  switch (expr.kind) {
    case 'Observation': {
      const test = compileComparison(expr.body);
      const cache = new Map<Sdo, boolean>();
      const out: Binding[] = [];
      ctx.obs.forEach((o, i) => {
        let hit = cache.get(o.sdo);
        if (hit === undefined) cache.set(o.sdo, (hit = test(o.sdo)));
        if (hit) out.push([i]);
      });
      return out;
    }
    case 'ObservationGroup':
      return evaluate(expr.body, ctx);
    case 'ObservationBinary': {
      const left = evaluate(expr.left, ctx);
      const right = evaluate(expr.right, ctx);
      if (expr.operator === 'OR') return dedupe([...left, ...right]);
      const out: Binding[] = [];
      for (const l of left) {
        for (const r of right) {
          if (!disjoint(l, r)) continue;
          // STIX 2.1 §9.5: FOLLOWEDBY — every left observation precedes every right one.
          if (expr.operator === 'FOLLOWEDBY' && span(ctx, l).last > span(ctx, r).first) continue;
          out.push([...l, ...r]);
          if (out.length >= MAX_BINDINGS) return dedupe(out);
        }
      }
      return dedupe(out);
    }
    case 'Qualified': {
      const q = expr.qualifier;
      const inner = evaluate(expr.body, ctx);
      if (q.kind === 'Within') {
        if (!(q.seconds.value > 0)) throw matchError('WITHIN needs a positive number of seconds');
        const limit = q.seconds.value * 1_000_000;
        return inner.filter((b) => { const s = span(ctx, b); return s.last - s.first <= limit; });
      }
      if (q.kind === 'StartStop') {
        const start = parseTimestamp(q.start.value);
        const stop = parseTimestamp(q.stop.value);
        return inner.filter((b) => { const s = span(ctx, b); return s.first >= start && s.last < stop; });
      }
      const n = q.times.value;
      if (!(Number.isInteger(n) && n > 0)) throw matchError('REPEATS needs a positive integer');
      return repeats(inner, n);
    }
  }
}

/** REPEATS n: n pairwise-disjoint bindings of the inner expression, joined. */
function repeats(inner: Binding[], n: number): Binding[] {
  const out: Binding[] = [];
  const pick = (start: number, acc: Binding, k: number): void => {
    if (out.length >= MAX_BINDINGS) return;
    if (k === 0) { out.push(acc); return; }
    for (let i = start; i < inner.length; i++) if (disjoint(acc, inner[i]!)) pick(i + 1, [...acc, ...inner[i]!], k - 1);
  };
  pick(0, [], n);
  return dedupe(out);
}

function leafCount(expr: ObservationExpression): number {
  switch (expr.kind) {
    case 'Observation': return 1;
    case 'ObservationGroup': return leafCount(expr.body);
    case 'ObservationBinary': return leafCount(expr.left) + leafCount(expr.right);
    case 'Qualified': return leafCount(expr.body) * (expr.qualifier.kind === 'Repeats' ? Math.max(1, expr.qualifier.times.value) : 1);
  }
}

export interface FindOptions extends MatchOptions {
  /** Only bindings that use this observed-data SDO count (the match index asks "did this new observation complete a match?"). */
  readonly including?: Obj;
}

/**
 * Find a binding of a parsed pattern in observations: STIX 2.1 bundles (observed-data +
 * SCOs via `object_refs`) or STIX 2.0 observed-data with embedded `objects`.
 * Throws AppError PATTERN_MATCH_ERROR for bad observed-data and match-time errors.
 */
export function findMatch(ast: Pattern, observations: readonly unknown[], options: FindOptions = {}): MatchResult {
  const sdos = collect(observations);
  // Each SDO stands for number_observed observations; more copies than the pattern can use change nothing.
  const cap = Math.min(leafCount(ast.body), 1000);
  const obs: { sdo: Sdo; index: number }[] = [];
  for (const sdo of sdos) for (let k = 0; k < Math.min(sdo.count, cap); k++) obs.push({ sdo, index: obs.length });
  const bindings = evaluate(ast.body, { obs });
  const { including } = options;
  const first = including === undefined ? bindings[0] : bindings.find((b) => b.some((i) => obs[i]!.sdo.sdo === including));
  if (!first) return { matched: false };
  const seen: Obj[] = [];
  for (const i of first) { const s = obs[i]!.sdo.sdo; if (!seen.includes(s)) seen.push(s); }
  return { matched: true, bindings: seen };
}

/** Does the pattern (text or parsed) match the observations? A pattern that does not parse throws PATTERN_INVALID. */
export function matchPattern(pattern: string | Pattern, observations: readonly unknown[], options: MatchOptions = {}): boolean {
  return findMatch(toAst(pattern, options.stixVersion), observations, options).matched;
}

function toAst(pattern: string | Pattern, stixVersion: StixVersion | undefined): Pattern {
  if (typeof pattern !== 'string') return pattern;
  const parsed = parsePattern(pattern, stixVersion === undefined ? {} : { stixVersion });
  if (!parsed.ast) throw new PatternError(ErrorCode.PATTERN_INVALID, `not a valid STIX pattern: ${parsed.errors[0]?.message ?? 'unknown error'}`, { errors: parsed.errors });
  return parsed.ast;
}
