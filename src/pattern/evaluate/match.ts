/**
 * The pattern evaluator (STIX 2.1 §9): the evaluator never parses; it walks an AST
 * over observed-data. An observed-data with `number_observed` n counts as n
 * observations (§9.5.1, REPEATS). A binding is a list of observations that
 * together satisfy the pattern; the pattern matches when there is at least one.
 *
 * Bindings are enumerated lazily, in the order of the OASIS reference matcher
 * (cti-pattern-matcher), so "the first binding" names the same observed-data there and here.
 */
import type { ObservationExpression, Pattern, Qualified } from '../ast.ts';
import type { StixVersion } from '../grammar.ts';
import { ErrorCode } from '../../common/errors.ts';
import { PatternError } from '../errors.ts';
import { parsePattern } from '../parser.ts';
import { matchError, parseTimestamp } from './values.ts';
import { collect, matchingObservations, type Obj, type Sdo } from './observation.ts';

export interface MatchOptions {
  readonly stixVersion?: StixVersion;
}

export interface MatchResult {
  readonly matched: boolean;
  /** The observed-data SDOs of the first binding, in observation order. */
  readonly bindings?: readonly Obj[];
}

export interface FindOptions extends MatchOptions {
  /** Only bindings that use this observed-data SDO count (the match index asks "did this new observation complete a match?"). */
  readonly including?: Obj;
}

/** Candidate bindings examined before giving up with PATTERN_MATCH_ERROR (combinatorial patterns over many observations). */
export const MAX_BINDING_STEPS = 2_000_000;
/** Observations (number_observed expanded) a single evaluation may hold. */
export const MAX_OBSERVATIONS = 1_000_000;
/** Nesting of observation expressions (each operator of a chain counts) the evaluator accepts; deeper gives PATTERN_MATCH_ERROR, not a stack overflow. */
export const MAX_OBSERVATION_DEPTH = 1000;

/** A binding: indices into the expanded observation list. */
type Binding = readonly number[];

interface Instance {
  readonly sdo: number;
  readonly first: number;
  readonly last: number;
}

interface Ctx {
  readonly sdos: readonly Sdo[];
  readonly instances: readonly Instance[];
  /** Index of each SDO's first instance; its instances are consecutive. */
  readonly firstInstance: readonly number[];
  /** Instances of each SDO used (number_observed, capped at what the pattern can use). */
  readonly copies: readonly number[];
  /** Search order: the reference matcher's (interleaved), or canonical (left operand first; see findMatch). */
  readonly canonical: boolean;
  steps: number;
}

function tick(ctx: Ctx): void {
  if (++ctx.steps > MAX_BINDING_STEPS) {
    throw matchError(`pattern too complex to evaluate over these observations (more than ${MAX_BINDING_STEPS} candidate bindings)`);
  }
}

function disjoint(a: Binding, b: Binding): boolean {
  for (const x of a) if (b.includes(x)) return false;
  return true;
}

function latestFirst(ctx: Ctx, b: Binding): number {
  let t = -Infinity;
  for (const i of b) t = Math.max(t, ctx.instances[i]!.first);
  return t;
}

function earliestLast(ctx: Ctx, b: Binding): number {
  let t = Infinity;
  for (const i of b) t = Math.min(t, ctx.instances[i]!.last);
  return t;
}

/** Pairs of left and right bindings accepted by `ok`, interleaving the two sides as the reference matcher does. */
function* join(ctx: Ctx, lhs: Iterator<Binding>, rhs: Iterator<Binding>, ok: (l: Binding, r: Binding) => boolean): Generator<Binding> {
  const lefts: Binding[] = [];
  const rights: Binding[] = [];
  let r = rhs.next();
  let l = lhs.next();
  if (r.done || l.done) return;
  while (!r.done || !l.done) {
    if (!r.done) {
      for (const x of lefts) { tick(ctx); if (ok(x, r.value)) yield [...x, ...r.value]; }
      rights.push(r.value);
      r = rhs.next();
    }
    if (!l.done) {
      for (const x of rights) { tick(ctx); if (ok(l.value, x)) yield [...l.value, ...x]; }
      lefts.push(l.value);
      l = lhs.next();
    }
  }
}

/** Canonical order: every left binding (in order) with every right one. */
function* product(ctx: Ctx, lhs: Iterator<Binding>, rhs: Iterator<Binding>, ok: (l: Binding, r: Binding) => boolean): Generator<Binding> {
  const rights: Binding[] = [];
  for (let r = rhs.next(); !r.done; r = rhs.next()) rights.push(r.value);
  if (rights.length === 0) return;
  for (let l = lhs.next(); !l.done; l = lhs.next()) {
    for (const r of rights) { tick(ctx); if (ok(l.value, r)) yield [...l.value, ...r]; }
  }
}

/** Either side's bindings (a binding of one side of OR never needs the other): alternating, or left then right. */
function* either(ctx: Ctx, lhs: Iterator<Binding>, rhs: Iterator<Binding>): Generator<Binding> {
  if (ctx.canonical) {
    yield* { [Symbol.iterator]: () => lhs };
    yield* { [Symbol.iterator]: () => rhs };
    return;
  }
  let l = lhs.next();
  let r = rhs.next();
  while (!l.done || !r.done) {
    if (!l.done) { yield l.value; l = lhs.next(); }
    if (!r.done) { yield r.value; r = rhs.next(); }
  }
}

function* filter(ctx: Ctx, inner: Iterator<Binding>, keep: (b: Binding) => boolean): Generator<Binding> {
  for (let n = inner.next(); !n.done; n = inner.next()) {
    tick(ctx);
    if (keep(n.value)) yield n.value;
  }
}

/** An upper bound on how many pairwise-disjoint bindings can be drawn from `list` (the reference matcher's pruning bound). */
function largestDisjoint(list: readonly Binding[]): number {
  if (list.length === 0) return 0;
  const bySize = new Map<number, Set<number>>();
  let max = 0;
  for (const b of list) {
    max = Math.max(max, b.length);
    let set = bySize.get(b.length);
    if (!set) bySize.set(b.length, (set = new Set()));
    for (const i of b) set.add(i);
  }
  const used = new Set<number>();
  let total = 0;
  for (let size = 1; size <= max; size++) {
    const free = [...(bySize.get(size) ?? [])].filter((i) => !used.has(i));
    total += size === max ? Math.floor(free.length / size) : Math.ceil(free.length / size);
    for (const i of free) used.add(i);
  }
  return total;
}

/** `k` pairwise-disjoint bindings from `list`, in list order. */
function* combinationsFrom(ctx: Ctx, list: readonly Binding[], k: number): Generator<Binding[]> {
  if (k === 1) { for (const b of list) yield [b]; return; }
  if (largestDisjoint(list) < k) return;
  for (let i = 0; i + k <= list.length; i++) {
    const head = list[i]!;
    const rest: Binding[] = [];
    for (let j = i + 1; j < list.length; j++) { tick(ctx); if (disjoint(head, list[j]!)) rest.push(list[j]!); }
    for (const tail of combinationsFrom(ctx, rest, k - 1)) yield [head, ...tail];
  }
}

/** REPEATS k: k pairwise-disjoint bindings of the inner expression, joined; ordered by the last one drawn, as the reference matcher. */
function* repeats(ctx: Ctx, inner: Iterator<Binding>, k: number): Generator<Binding> {
  const seen: Binding[] = [];
  for (let n = inner.next(); !n.done; n = inner.next()) {
    const next = n.value;
    if (seen.length >= k - 1) {
      const candidates = seen.filter((b) => { tick(ctx); return disjoint(b, next); });
      for (const combo of combinationsFrom(ctx, candidates, k - 1)) yield [...combo.flat(), ...next];
    }
    seen.push(next);
  }
}

/** The bindings of an observation expression. Comparisons and qualifier constants are checked now (so their errors surface), bindings drawn lazily. */
function bindings(expr: ObservationExpression, ctx: Ctx): Iterator<Binding> {
  switch (expr.kind) {
    case 'Observation': {
      const matches = matchingObservations(expr.body, ctx.sdos);
      return (function* () {
        for (const s of matches) for (let k = 0; k < ctx.copies[s]!; k++) yield [ctx.firstInstance[s]! + k];
      })();
    }
    case 'ObservationGroup':
      return bindings(expr.body, ctx);
    case 'ObservationBinary': {
      const left = bindings(expr.left, ctx);
      const right = bindings(expr.right, ctx);
      if (expr.operator === 'OR') return either(ctx, left, right);
      const pairs = ctx.canonical ? product : join;
      if (expr.operator === 'AND') return pairs(ctx, left, right, disjoint);
      // §9.5.2 FOLLOWEDBY: some choice of timestamps puts every left observation no later than every right one.
      return pairs(ctx, left, right, (l, r) => disjoint(l, r) && latestFirst(ctx, l) <= earliestLast(ctx, r));
    }
    case 'Qualified':
      return qualified(expr, bindings(expr.body, ctx), ctx);
  }
}

function qualified(expr: Qualified, inner: Iterator<Binding>, ctx: Ctx): Iterator<Binding> {
  const q = expr.qualifier;
  switch (q.kind) {
    case 'Within': {
      // §9.5.1 WITHIN: timestamps within each observation's [first, last] can be chosen no more than
      // x seconds apart — the latest first_observed is at most x after the earliest last_observed.
      if (!(q.seconds.value > 0)) throw matchError(`WITHIN needs a positive number of seconds, not ${q.seconds.raw}`);
      const window = Math.round(q.seconds.value * 1_000_000);
      return filter(ctx, inner, (b) => latestFirst(ctx, b) - earliestLast(ctx, b) <= window);
    }
    case 'StartStop': {
      // §9.5.1 START/STOP: each observation can have a time ≥ start and < stop.
      const start = parseTimestamp(q.start.value);
      const stop = parseTimestamp(q.stop.value);
      if (!(start < stop)) return filter(ctx, inner, () => false);
      return filter(ctx, inner, (b) => b.every((i) => ctx.instances[i]!.first < stop && ctx.instances[i]!.last >= start));
    }
    case 'Repeats': {
      const n = q.times.value;
      // A count too large for a double (Infinity) asks for more observations than any list has.
      if (!(n >= 1 && (Number.isInteger(n) || n === Infinity))) throw matchError(`REPEATS needs a positive integer, not ${q.times.raw}`);
      return n === 1 ? inner : repeats(ctx, inner, n);
    }
  }
}

/** Refuse observation expressions nested too deeply to evaluate recursively (checked without recursion). */
function checkDepth(root: ObservationExpression): void {
  const stack: Array<[ObservationExpression, number]> = [[root, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > MAX_OBSERVATION_DEPTH) throw matchError(`pattern nests observation expressions deeper than ${MAX_OBSERVATION_DEPTH} levels`);
    if (node.kind === 'ObservationBinary') stack.push([node.left, depth + 1], [node.right, depth + 1]);
    else if (node.kind !== 'Observation') stack.push([node.body, depth + 1]);
  }
}

/** The most observations one binding can use; no SDO needs more copies than that. */
function bindingSize(expr: ObservationExpression): number {
  switch (expr.kind) {
    case 'Observation': return 1;
    case 'ObservationGroup': return bindingSize(expr.body);
    case 'ObservationBinary': {
      const l = bindingSize(expr.left);
      const r = bindingSize(expr.right);
      return expr.operator === 'OR' ? Math.max(l, r) : l + r;
    }
    case 'Qualified': {
      const inner = bindingSize(expr.body);
      return expr.qualifier.kind === 'Repeats' ? inner * Math.max(1, Math.min(expr.qualifier.times.value, MAX_OBSERVATIONS)) : inner;
    }
  }
}

function context(sdos: readonly Sdo[], size: number, canonical: boolean): Ctx {
  const instances: Instance[] = [];
  const firstInstance: number[] = [];
  const copies: number[] = [];
  sdos.forEach((sdo, i) => {
    const n = Math.min(sdo.count, size);
    if (instances.length + n > MAX_OBSERVATIONS) throw matchError(`too many observations to evaluate (more than ${MAX_OBSERVATIONS}, counting number_observed)`);
    firstInstance.push(instances.length);
    copies.push(n);
    for (let k = 0; k < n; k++) instances.push({ sdo: i, first: sdo.first, last: sdo.last });
  });
  return { sdos, instances, firstInstance, copies, canonical, steps: 0 };
}

/**
 * Find a binding of a parsed pattern in observations: STIX 2.1 bundles (observed-data +
 * SCOs via `object_refs`) or STIX 2.0 observed-data with embedded `objects`.
 * Without `including`, the first binding is the reference matcher's first. With it, bindings
 * are searched in a canonical order (OR: left operand first; AND, FOLLOWEDBY: each left binding
 * with each right one; REPEATS: as the reference), which does not depend on observations that
 * belong to no binding — so the match index may leave those out and get the same answer.
 * Throws PatternError PATTERN_MATCH_ERROR for bad observed-data and match-time errors.
 */
export function findMatch(ast: Pattern, observations: readonly unknown[], options: FindOptions = {}): MatchResult {
  if (!Array.isArray(observations)) throw matchError('observations must be a list');
  checkDepth(ast.body);
  const sdos = collect(observations, options.stixVersion);
  const { including } = options;
  const ctx = context(sdos, bindingSize(ast.body), including !== undefined);
  try {
    const all = bindings(ast.body, ctx);
    for (let n = all.next(); !n.done; n = all.next()) {
      const used = [...new Set(n.value.map((i) => ctx.instances[i]!.sdo))].sort((a, b) => a - b);
      if (including !== undefined && !used.some((s) => sdos[s]!.sdo === including)) continue;
      return { matched: true, bindings: used.map((s) => sdos[s]!.sdo) };
    }
    return { matched: false };
  } catch (e) {
    // The depth and step limits keep recursion shallow; this is the last line, should a small stack still overflow.
    if (e instanceof RangeError) throw matchError(`pattern too complex to evaluate: ${e.message}`);
    throw e;
  }
}

/**
 * Does the pattern (text or parsed) match the observations? Text that does not parse throws
 * PatternError PATTERN_INVALID; a match-time error throws PatternError PATTERN_MATCH_ERROR.
 */
export function matchPattern(pattern: string | Pattern, observations: readonly unknown[], options: MatchOptions = {}): boolean {
  return findMatch(toAst(pattern, options.stixVersion), observations, options).matched;
}

function toAst(pattern: string | Pattern, stixVersion: StixVersion | undefined): Pattern {
  if (typeof pattern !== 'string') return pattern;
  const parsed = parsePattern(pattern, stixVersion === undefined ? {} : { stixVersion });
  if (!parsed.ast) throw new PatternError(ErrorCode.PATTERN_INVALID, `not a valid STIX pattern: ${parsed.errors[0]?.message ?? 'unknown error'}`, { errors: parsed.errors });
  return parsed.ast;
}
