/**
 * One observation as the evaluator sees it (STIX 2.1 §9): an observed-data SDO with the
 * objects it observed, and the test a `[ … ]` comparison expression makes of it.
 * The match index (../match-index/) reuses both, so a pattern means one thing everywhere.
 */
import type { Comparison, ComparisonExpression, ObjectPath } from '../ast.ts';
import { comparisonPredicate, matchError, parseTimestamp } from './values.ts';

export type Obj = Record<string, unknown>;

/** One observed-data SDO, normalised: its objects, and how references resolve. */
export interface Sdo {
  readonly sdo: Obj;
  readonly objects: readonly Obj[];
  readonly resolve: (ref: unknown) => Obj | undefined;
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

export function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function normalise(sdo: Obj, bundle: readonly Obj[] | undefined): Sdo {
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

export function collect(observations: readonly unknown[]): Sdo[] {
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

export type CompiledCmp = (sdo: Sdo) => boolean;

export function compileComparison(expr: ComparisonExpression): CompiledCmp {
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

