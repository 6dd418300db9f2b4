/**
 * The pattern evaluator (STIX 2.1 §9): the evaluator never parses; it walks an AST
 * over observed-data. An observed-data with `number_observed` n counts as n
 * observations (STIX 2.1 §9.8, REPEATS). A binding is a list of observations that
 * together satisfy the pattern; the pattern matches when there is at least one.
 */
import type { Comparison, ComparisonExpression, ObjectPath, ObservationExpression, Pattern } from '../ast.ts';
import type { StixVersion } from '../grammar.ts';
import { comparisonPredicate, matchError, parseTimestamp } from './values.ts';

type Obj = Record<string, unknown>;

/** One observed-data SDO, normalised: its objects, and how references resolve. */
interface Sdo {
  readonly sdo: Obj;
  readonly objects: readonly Obj[];
  readonly resolve: (ref: unknown) => Obj | undefined;
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

export interface MatchOptions {
  readonly stixVersion?: StixVersion;
}

export interface MatchResult {
  readonly matched: boolean;
  /** The observed-data SDOs of the first binding, in binding order. */
  readonly bindings?: readonly Obj[];
}

const MAX_BINDINGS = 10_000;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function normalise(sdo: Obj, bundle: readonly Obj[] | undefined): Sdo {
  if (sdo.type !== 'observed-data') throw matchError('not an observed-data object', { id: sdo.id });
  const count = sdo.number_observed;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw matchError('bad number_observed', { id: sdo.id });
  const first = parseTimestamp(sdo.first_observed);
  const last = parseTimestamp(sdo.last_observed);
  if (last < first) throw matchError('last_observed before first_observed', { id: sdo.id });
  if (isObj(sdo.objects)) {
    // STIX 2.0 (and deprecated 2.1): embedded objects keyed by index; refs are those keys.
    const map = sdo.objects;
    return { sdo, objects: Object.values(map).filter(isObj), resolve: (r) => (typeof r === 'string' && isObj(map[r]) ? map[r] : undefined), first, last, count };
  }
  // STIX 2.1 §4.? observed-data: object_refs into the same bundle.
  const byId = new Map<string, Obj>();
  for (const o of bundle ?? []) if (typeof o.id === 'string') byId.set(o.id, o);
  const refs = Array.isArray(sdo.object_refs) ? sdo.object_refs : [];
  const objects = refs.map((r) => (typeof r === 'string' ? byId.get(r) : undefined)).filter(isObj);
  return { sdo, objects, resolve: (r) => (typeof r === 'string' ? byId.get(r) : undefined), first, last, count };
}

function collect(observations: readonly unknown[]): Sdo[] {
  const out: Sdo[] = [];
  for (const o of observations) {
    if (!isObj(o)) throw matchError('an observation must be an object');
    if (o.type === 'bundle') {
      const objs = Array.isArray(o.objects) ? o.objects.filter(isObj) : [];
      for (const x of objs) if (x.type === 'observed-data') out.push(normalise(x, objs));
    } else if (o.type === 'observed-data') out.push(normalise(o, undefined));
    // Other objects in the list are not observations; the reference matcher ignores them too.
  }
  return out;
}

/** The values an object path yields on one object (STIX 2.1 §9.7): `[*]` fans out, `_ref(s)` dereference. */
function pathValues(path: ObjectPath, obj: Obj, sdo: Sdo): unknown[] {
  let current: unknown[] = [obj];
  path.steps.forEach((step, i) => {
    const next: unknown[] = [];
    const prev = i > 0 ? path.steps[i - 1] : undefined;
    for (let v of current) {
      // A reference followed by a further step is dereferenced first.
      if (prev && typeof v === 'string' && ((prev.kind === 'Key' && prev.name.endsWith('_ref')) || (prev.kind === 'Index' && refsKey(path, i - 1)))) {
        const target = sdo.resolve(v);
        if (!target) continue;
        v = target;
      }
      if (step.kind === 'Key') {
        if (isObj(v) && Object.hasOwn(v, step.name)) next.push(v[step.name]);
      } else if (Array.isArray(v)) {
        if (step.index === '*') next.push(...v);
        else {
          const idx = step.index < 0 ? v.length + step.index : step.index;
          if (idx >= 0 && idx < v.length) next.push(v[idx]);
        }
      }
    }
    current = next;
  });
  return current;
}

/** The key before index step `i` ends in `_refs`. */
function refsKey(path: ObjectPath, i: number): boolean {
  for (let j = i; j >= 0; j--) {
    const s = path.steps[j]!;
    if (s.kind === 'Key') return s.name.endsWith('_refs');
  }
  return false;
}

type CompiledCmp = (sdo: Sdo) => boolean;

function compileComparison(expr: ComparisonExpression): CompiledCmp {
  switch (expr.kind) {
    case 'ComparisonGroup':
      return compileComparison(expr.body);
    case 'ComparisonBinary': {
      const l = compileComparison(expr.left);
      const r = compileComparison(expr.right);
      return expr.operator === 'AND' ? (s) => l(s) && r(s) : (s) => l(s) || r(s);
    }
    case 'Exists':
      return (s) => s.objects.some((o) => o.type === expr.path.objectType && pathValues(expr.path, o, s).length > 0);
    case 'Comparison':
      return compileLeaf(expr);
  }
}

function compileLeaf(c: Comparison): CompiledCmp {
  const pred = comparisonPredicate(c.operator, c.value);
  const test = c.negated ? (v: unknown) => !pred(v) : pred;
  return (s) => s.objects.some((o) => o.type === c.path.objectType && pathValues(c.path, o, s).some(test));
}

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

/**
 * Match a parsed pattern against observations: STIX 2.1 bundles (observed-data +
 * SCOs via `object_refs`) or STIX 2.0 observed-data with embedded `objects`.
 * Throws AppError PATTERN_MATCH_ERROR for bad observed-data and match-time errors.
 */
export function matchPattern(ast: Pattern, observations: readonly unknown[], _options: MatchOptions = {}): MatchResult {
  const sdos = collect(observations);
  // Each SDO stands for number_observed observations; more copies than the pattern can use change nothing.
  const cap = Math.min(leafCount(ast.body), 1000);
  const obs: { sdo: Sdo; index: number }[] = [];
  for (const sdo of sdos) for (let k = 0; k < Math.min(sdo.count, cap); k++) obs.push({ sdo, index: obs.length });
  const bindings = evaluate(ast.body, { obs });
  const first = bindings[0];
  if (!first) return { matched: false };
  const seen: Obj[] = [];
  for (const i of first) { const s = obs[i]!.sdo.sdo; if (!seen.includes(s)) seen.push(s); }
  return { matched: true, bindings: seen };
}
