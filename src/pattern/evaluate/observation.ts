/**
 * One observation as the evaluator sees it (STIX 2.1 §9): an observed-data SDO with the
 * objects it observed, and the test a `[ … ]` comparison expression makes of it.
 * The match index (../match-index/) reuses both, so a pattern means one thing everywhere.
 *
 * §9.5: "all Comparison Expressions contained within the Observation Expression MUST start
 * matching against the same SCO in the Observation" — so a comparison expression is
 * evaluated per root object (`[a:x = 1 AND a:y = 2]` needs one `a` with both).
 */
import type { Comparison, ComparisonBinary, ComparisonExpression, Exists, ObjectPath, PathStep } from '../ast.ts';
import type { StixVersion } from '../grammar.ts';
import { objectCategory } from '../../stix/types/index.ts';
import { comparisonPredicate, decodeBinary, matchError, parseTimestamp, Bytes } from './values.ts';

export type Obj = Record<string, unknown>;

/** One observed-data SDO, normalised: its objects, and how references resolve. */
export interface Sdo {
  readonly sdo: Obj;
  /** The objects a pattern's object paths start from (SCOs; in 2.1 only those listed in `object_refs`). */
  readonly objects: readonly Obj[];
  /** A `*_ref(s)` value → the object it names within this observation (§9.7.4), if any. */
  readonly resolve: (ref: unknown) => Obj | undefined;
  /** first_observed / last_observed, microseconds since the epoch. */
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

export function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const NO_OBJECTS: readonly Obj[] = [];
const RESOLVE_NOTHING = (): undefined => undefined;

/** SDOs, SROs and meta objects are not observables: a 2.1 object path never starts at one (as in the reference matcher). */
function isObservable(o: Obj): boolean {
  const category = typeof o.type === 'string' ? objectCategory(o.type) : 'custom';
  return category === 'sco' || category === 'custom';
}

function indexById(objects: readonly Obj[]): Map<string, Obj> {
  const byId = new Map<string, Obj>();
  for (const o of objects) if (typeof o.id === 'string' && o.type !== 'observed-data') byId.set(o.id, o);
  return byId;
}

/**
 * Normalise one observed-data SDO. `bundle`: the objects its `object_refs` resolve against
 * (a list, or a prepared id → object map); without it only embedded `objects` (STIX 2.0,
 * deprecated in 2.1) are seen. Throws PATTERN_MATCH_ERROR for bad observed-data.
 */
export function normalise(sdo: Obj, bundle: readonly Obj[] | ReadonlyMap<string, Obj> | undefined): Sdo {
  const embedded = isObj(sdo.objects) ? sdo.objects : undefined;
  // STIX 2.0 containers need not be typed observed-data (the reference matcher reads any SDO with these properties).
  if (sdo.type !== 'observed-data' && !embedded) throw matchError('not an observed-data object', { id: sdo.id });
  const count = sdo.number_observed;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw matchError('observed-data needs number_observed ≥ 1', { id: sdo.id });
  if (sdo.first_observed === undefined || sdo.last_observed === undefined) throw matchError('observed-data needs first_observed and last_observed', { id: sdo.id });
  const first = parseTimestamp(sdo.first_observed);
  const last = parseTimestamp(sdo.last_observed);
  if (last < first) throw matchError('last_observed before first_observed', { id: sdo.id });
  const refs = Array.isArray(sdo.object_refs) ? sdo.object_refs : undefined;
  if (refs && bundle) {
    // STIX 2.1: object_refs into the bundle; only the listed objects may be followed (§9.7.4).
    const byId = bundle instanceof Map ? bundle : indexById(bundle as readonly Obj[]);
    const listed = new Map<string, Obj>();
    for (const r of refs) {
      const o = typeof r === 'string' ? byId.get(r) : undefined;
      if (o) listed.set(r as string, o);
    }
    const objects = [...listed.values()].filter(isObservable);
    return { sdo, objects, resolve: (r) => (typeof r === 'string' ? listed.get(r) : undefined), first, last, count };
  }
  if (embedded) {
    // STIX 2.0 (and deprecated 2.1): embedded objects keyed by index; refs are those keys.
    return { sdo, objects: Object.values(embedded).filter(isObj), resolve: (r) => (typeof r === 'string' && isObj(embedded[r]) ? embedded[r] : undefined), first, last, count };
  }
  return { sdo, objects: NO_OBJECTS, resolve: RESOLVE_NOTHING, first, last, count };
}

/**
 * The observations in a list passed to the matcher. STIX 2.1: bundles (their observed-data,
 * references resolved across all the bundles given, as the reference matcher merges them)
 * or bare observed-data; other objects are ignored. STIX 2.0: observed-data SDOs with
 * embedded `objects`; every element that is not a bundle must be one.
 */
export function collect(observations: readonly unknown[], stixVersion?: StixVersion): Sdo[] {
  const bundles: Obj[][] = [];
  for (const o of observations) {
    if (!isObj(o)) throw matchError('an observation must be a JSON object');
    if (o.type === 'bundle') bundles.push(Array.isArray(o.objects) ? o.objects.filter(isObj) : []);
  }
  const byId = indexById(bundles.flat());
  const out: Sdo[] = [];
  let b = 0;
  for (const o of observations as readonly Obj[]) {
    if (o.type === 'bundle') {
      for (const x of bundles[b++]!) if (x.type === 'observed-data') out.push(normalise(x, byId));
    } else if (o.type === 'observed-data' || stixVersion === '2.0') out.push(normalise(o, undefined));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Object paths (§9.7), compiled once into a chain of steps. A step hands each value it
// reaches to the next; the last hands it to `visit`, and a `true` from `visit` stops the walk.

type Visit = (value: unknown) => boolean;
type Walk = (value: unknown, sdo: Sdo, visit: Visit) => boolean;

const visitEnd: Walk = (value, _sdo, visit) => visit(value);

function isDict(v: unknown): v is Obj {
  return isObj(v) && !(v instanceof Bytes);
}

/** `.name`: the property; `*_bin`/`*_hex` decoded to bytes; `*_ref` followed (a non-string is an error, an unknown id drops the value); `*_refs` → the list of objects named. */
function keyStep(name: string, next: Walk): Walk {
  const encoding = name.endsWith('_hex') ? 'hex' : name.endsWith('_bin') ? 'base64' : undefined;
  if (name.endsWith('_ref')) {
    return (v, sdo, visit) => {
      if (!isDict(v) || !Object.hasOwn(v, name)) return false;
      const ref = v[name];
      if (typeof ref !== 'string') throw matchError(`the value of reference property ${name} is not a string`);
      const target = sdo.resolve(ref);
      return target !== undefined && next(target, sdo, visit);
    };
  }
  if (name.endsWith('_refs')) {
    return (v, sdo, visit) => {
      if (!isDict(v) || !Object.hasOwn(v, name)) return false;
      const refs = v[name];
      if (!Array.isArray(refs)) throw matchError(`the value of reference list property ${name} is not a list`);
      const targets: Obj[] = [];
      for (const ref of refs) {
        if (typeof ref !== 'string') throw matchError(`a value of reference list property ${name} is not a string`);
        const target = sdo.resolve(ref);
        if (target !== undefined) targets.push(target);
      }
      return targets.length > 0 && next(targets, sdo, visit);
    };
  }
  if (encoding) return (v, sdo, visit) => isDict(v) && Object.hasOwn(v, name) && next(decodeBinary(v[name], encoding, name), sdo, visit);
  return (v, sdo, visit) => isDict(v) && Object.hasOwn(v, name) && next(v[name], sdo, visit);
}

/** `[n]` (0 … length-1; anything else is out of range, §9.7.2) or `[*]` (each element). */
function indexStep(index: number | '*', next: Walk): Walk {
  if (index === '*') {
    return (v, sdo, visit) => {
      if (!Array.isArray(v)) return false;
      for (const e of v) if (next(e, sdo, visit)) return true;
      return false;
    };
  }
  return (v, sdo, visit) => Array.isArray(v) && index >= 0 && index < v.length && next(v[index], sdo, visit);
}

function compilePath(path: ObjectPath): Walk {
  let walk = visitEnd;
  for (let i = path.steps.length - 1; i >= 0; i--) {
    const step: PathStep = path.steps[i]!;
    walk = step.kind === 'Key' ? keyStep(step.name, walk) : indexStep(step.index, walk);
  }
  return walk;
}

// ---------------------------------------------------------------------------------------
// Comparisons: compiled once per AST node (cached), evaluated per root object.

/** A compiled comparison or EXISTS: the root object type, the path walk and the value test. */
interface Leaf {
  readonly type: string;
  readonly walk: Walk;
  readonly test: Visit;
}

const always: Visit = () => true;
const leaves = new WeakMap<Comparison | Exists, Leaf>();

function leaf(c: Comparison | Exists): Leaf {
  let compiled = leaves.get(c);
  if (!compiled) {
    const test = c.kind === 'Exists' ? always : comparisonPredicate(c.operator, c.value, c.negated);
    compiled = { type: c.path.objectType, walk: compilePath(c.path), test };
    leaves.set(c, compiled);
  }
  return compiled;
}

/**
 * The operands of a chain of one boolean operator (`a OR b OR c` parses as `(a OR b) OR c`), in
 * order, gathered without recursion: a list of thousands of hashes is one flat OR, not a deep tree.
 */
function chain(expr: ComparisonBinary): ComparisonExpression[] {
  const rights: ComparisonExpression[] = [];
  let node: ComparisonExpression = expr;
  while (node.kind === 'ComparisonBinary' && node.operator === expr.operator) {
    rights.push(node.right);
    node = node.left;
  }
  return [node, ...rights.reverse()];
}

/** Does the expression hold with `root` as the object every path starts from? */
type RootTest = (root: Obj, sdo: Sdo) => boolean;

function compileRoot(expr: ComparisonExpression): RootTest {
  switch (expr.kind) {
    case 'ComparisonGroup':
      return compileRoot(expr.body);
    case 'ComparisonBinary': {
      const tests = chain(expr).map(compileRoot);
      const n = tests.length;
      if (expr.operator === 'AND') {
        return (o, s) => {
          for (let i = 0; i < n; i++) if (!tests[i]!(o, s)) return false;
          return true;
        };
      }
      return (o, s) => {
        for (let i = 0; i < n; i++) if (tests[i]!(o, s)) return true;
        return false;
      };
    }
    case 'Comparison':
    case 'Exists': {
      const { type, walk, test } = leaf(expr);
      return (o, s) => o.type === type && walk(o, s, test);
    }
  }
}

export type CompiledCmp = (sdo: Sdo) => boolean;

/** The test a `[ … ]` comparison expression makes of one observation: some root object satisfies it. Throws PATTERN_MATCH_ERROR for constants that cannot be evaluated. */
export function compileComparison(expr: ComparisonExpression): CompiledCmp {
  const test = compileRoot(expr);
  return (sdo) => {
    const objects = sdo.objects;
    for (let i = 0; i < objects.length; i++) if (test(objects[i]!, sdo)) return true;
    return false;
  };
}

// ---------------------------------------------------------------------------------------
// The reference matcher's evaluation order, for findMatch: every comparison is evaluated on
// every root object of every observation (so a bad value anywhere is reported, as there),
// and the observations come out in the reference's order (for which binding is "first").

/** Observation index → the root objects (indices into `objects`) for which the expression holds; Map order is the reference's. */
type Roots = Map<number, Set<number>>;

function leafRoots(c: Comparison | Exists, sdos: readonly Sdo[]): Roots {
  const { type, walk, test } = leaf(c);
  const out: Roots = new Map();
  const values: unknown[] = [];
  const gather: Visit = (v) => { values.push(v); return false; };
  sdos.forEach((sdo, i) => {
    sdo.objects.forEach((root, j) => {
      if (root.type !== type) return;
      values.length = 0;
      walk(root, sdo, gather);
      if (values.some(test)) {
        let set = out.get(i);
        if (!set) out.set(i, (set = new Set()));
        set.add(j);
      }
    });
  });
  return out;
}

function roots(expr: ComparisonExpression, sdos: readonly Sdo[]): Roots {
  switch (expr.kind) {
    case 'ComparisonGroup':
      return roots(expr.body, sdos);
    case 'Comparison':
    case 'Exists':
      return leafRoots(expr, sdos);
    case 'ComparisonBinary': {
      const [first, ...rest] = chain(expr);
      let acc = roots(first!, sdos);
      for (const operand of rest) acc = expr.operator === 'OR' ? union(acc, roots(operand, sdos)) : intersection(acc, roots(operand, sdos));
      return acc;
    }
  }
}

/** OR: the left's observations in order, then the right's new ones; root sets united. */
function union(left: Roots, right: Roots): Roots {
  for (const [i, set] of right) {
    const mine = left.get(i);
    if (mine) for (const j of set) mine.add(j);
    else left.set(i, set);
  }
  return left;
}

/** AND: the left's observations, in order, that share a root object with the right. */
function intersection(left: Roots, right: Roots): Roots {
  const out: Roots = new Map();
  for (const [i, set] of left) {
    const other = right.get(i);
    if (!other) continue;
    const both = new Set([...set].filter((j) => other.has(j)));
    if (both.size > 0) out.set(i, both);
  }
  return out;
}

/** The observations (indices into `sdos`) the comparison expression matches, in the reference matcher's order. */
export function matchingObservations(expr: ComparisonExpression, sdos: readonly Sdo[]): number[] {
  return [...roots(expr, sdos).keys()];
}
