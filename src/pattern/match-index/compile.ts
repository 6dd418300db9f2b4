/**
 * The compiled match index (issue 4): many indicators' patterns, one pass per observation.
 *
 * Each pattern is cut into its leaves, the `[ … ]` comparison expressions (STIX 2.1 §9.5),
 * each a test of one observed-data. Each leaf is filed under index keys (./keys.ts) by
 * object type and path: equality values in hash maps, ISSUBSET blocks in a prefix index,
 * LIKE/MATCHES under a gram of a literal they require, the rest under their object types.
 * A pushed observation looks up its objects' values, and every leaf found is verified by
 * the evaluator's own compiled comparison, so the index means what the evaluator means.
 * A pattern of one leaf hits at once; any other pattern keeps the observations that
 * matched one of its leaves and asks the evaluator (`findMatch`) for a binding that uses
 * the new one.
 */
import { ErrorCode } from '../../common/errors.ts';
import { chainOperands, type Comparison, type ComparisonExpression, type Exists, type ObjectPath, type ObservationExpression, type Pattern, type Span } from '../ast.ts';
import { patternDiagnostic, PatternError } from '../errors.ts';
import { compileComparison, matchingObservations, type CompiledCmp, type Obj, type Sdo } from '../evaluate/observation.ts';
import { findMatch } from '../evaluate/match.ts';
import type { StixVersion } from '../grammar.ts';
import { parsePattern } from '../parser.ts';
import { parseCidr } from '../evaluate/cidr.ts';
import { PrefixIndex } from './prefix-index.ts';
import { comparisonsOf, leafKeys, nfc, type Atom } from './keys.ts';
import { GramIndex } from './literal.ts';
import { observe } from './observe.ts';
import { compilePath, pathSignature, type CompiledPath } from './paths.ts';
import { asEvaluatorInput } from './reference.ts';
import type {
  CompileOptions, CompileResult, IndicatorInput, MatchIndex, MatchIndexStats, MatchSession, ObservationInput, PatternHit,
  RejectedIndicator, StixObject,
} from './types.ts';

const DEFAULT_MAX_BUFFER = 1000;

/**
 * How a pattern is evaluated: `single` — one leaf, no qualifier: a hit per matching
 * observation; `now` — every binding is one observation (`[a] OR [b]`, `[a] WITHIN 5 SECONDS`):
 * the evaluator on the new observation alone; `history` — bindings span observations:
 * the evaluator on the buffered observations that matched one of its leaves.
 */
type Mode = 'single' | 'now' | 'history';

/**
 * A push marks the leaves it has tried and the patterns it has touched with a number
 * no other push (of any session) uses: scratch on the shared plan, valid only during
 * that synchronous push, which spares each session arrays the size of the index.
 */
let nextMark = 0;

interface PatternPlan {
  /** Position among the indicators: hits come out in this order, as in the reference. */
  readonly order: number;
  readonly id: string;
  readonly ast: Pattern;
  readonly stixVersion: StixVersion;
  readonly mode: Mode;
  /** WITHIN at the root: no binding spans more (µs); Infinity otherwise. */
  readonly window: number;
  /** Scratch: the push that last touched it. */
  mark: number;
}

interface LeafPlan {
  readonly test: CompiledCmp;
  readonly pattern: PatternPlan;
  /** Scratch: the push (and observed-data) that last tried it. */
  mark: number;
}

/** The key structures of one (object type, path). */
interface PathSlot {
  readonly path: CompiledPath;
  eq?: Map<string, LeafPlan[]>;
  v4?: PrefixIndex<LeafPlan>;
  v6?: PrefixIndex<LeafPlan>;
  /** LIKE / MATCHES literals, looked up in the NFC form of the values. */
  grams?: GramIndex<LeafPlan>;
}

interface TypeSlot {
  readonly paths: PathSlot[];
  /** Leaves tried on every object of this type. */
  readonly always: LeafPlan[];
}

interface Buffered {
  readonly input: unknown;
  readonly first: number;
  readonly last: number;
}

/** Compile indicators into a match index; patterns that do not parse, or can never be evaluated, are rejected with diagnostics. */
export function compileMatchIndex(indicators: Iterable<IndicatorInput>, options: CompileOptions = {}): CompileResult & { readonly stats: MatchIndexStats } {
  const builder = new Builder();
  const rejected: RejectedIndicator[] = [];
  for (const indicator of indicators) {
    const errors = builder.add(indicator);
    if (errors) rejected.push({ id: indicator.id, errors });
  }
  const plan = builder.plan;
  const maxBuffer = Math.max(1, options.maxBuffer ?? DEFAULT_MAX_BUFFER);
  const index: MatchIndex = { size: plan.patterns.length, session: () => new CompiledSession(plan, maxBuffer) };
  return { index, rejected, stats: { ...builder.stats } };
}

interface Plan {
  readonly patterns: PatternPlan[];
  readonly types: Map<string, TypeSlot>;
}

class Builder {
  readonly plan: Plan = { patterns: [], types: new Map() };
  readonly stats = { leaves: 0, hashKeys: 0, prefixes: 0, regexes: 0, fallbacks: 0, multiObservation: 0 };
  private readonly slots = new Map<string, PathSlot>();

  /** Add one indicator; its diagnostics when rejected. */
  add({ id, pattern, stixVersion = '2.1' }: IndicatorInput): RejectedIndicator['errors'] | undefined {
    let ast: Pattern;
    if (typeof pattern === 'string') {
      const parsed = parsePattern(pattern, { stixVersion, warnings: false });
      if (!parsed.ok || !parsed.ast) return parsed.errors;
      ast = parsed.ast;
    } else ast = pattern;
    const mode = modeOf(ast.body);
    const leaves = leavesOf(ast.body);
    // Errors that do not depend on the data would be raised by every evaluation: such a
    // pattern can never match, and is refused here. Compiling the comparisons raises those
    // of the constants (a mixed set, a regex the engine refuses); evaluating on no
    // observations raises the rest (WITHIN 0, nesting deeper than the evaluator goes).
    const comparisons = leaves.map(comparisonsOf);
    const compiled: CompiledCmp[] = [];
    for (const [k, leaf] of leaves.entries()) {
      try {
        compiled.push(compilesSafely(comparisons[k]!) ? lazily(leaf) : compileComparison(leaf));
      } catch (e) {
        if (!(e instanceof PatternError)) throw e;
        return [patternDiagnostic(ErrorCode.PATTERN_INVALID_LITERAL, leaf.span, sourceOf(pattern, leaf.span), `a constant the evaluator cannot use: ${e.message}`)];
      }
    }
    try {
      if (mode !== 'single') findMatch(ast, [], { stixVersion });
    } catch (e) {
      if (!(e instanceof PatternError)) throw e;
      return [patternDiagnostic(ErrorCode.PATTERN_UNSUPPORTED, ast.span, sourceOf(pattern, ast.span), `the pattern can never be evaluated: ${e.message}`)];
    }
    const plan: PatternPlan = { order: this.plan.patterns.length, id, ast, stixVersion, mode, window: windowOf(ast.body), mark: 0 };
    this.plan.patterns.push(plan);
    if (mode !== 'single') this.stats.multiObservation++;
    for (const [k, leaf] of leaves.entries()) {
      const { atoms, exhaustive } = leafKeys(leaf, comparisons[k]!);
      // Exhaustive: every comparison on every object, as the reference does, so data it raises on raises here too.
      const test: CompiledCmp = exhaustive ? (sdo) => matchingObservations(leaf, [sdo]).length > 0 : compiled[k]!;
      const leafPlan: LeafPlan = { test, pattern: plan, mark: 0 };
      this.stats.leaves++;
      if (atoms.some((a) => a.kind === 'type')) this.stats.fallbacks++;
      for (const atom of atoms) this.file(atom, leafPlan);
    }
    return undefined;
  }

  private file(atom: Atom, leaf: LeafPlan): void {
    if (atom.kind === 'type') {
      this.typeSlot(atom.type).always.push(leaf);
      return;
    }
    const slot = this.pathSlot(atom.path);
    switch (atom.kind) {
      case 'eq':
        push((slot.eq ??= new Map()), atom.value, leaf);
        this.stats.hashKeys++;
        return;
      case 'prefix':
        if (atom.block.width === 32) (slot.v4 ??= new PrefixIndex()).add(atom.block, leaf);
        else (slot.v6 ??= new PrefixIndex()).add(atom.block, leaf);
        this.stats.prefixes++;
        return;
      case 'gram': {
        (slot.grams ??= new GramIndex()).add(atom.literal, leaf);
        this.stats.regexes++;
      }
    }
  }

  private typeSlot(type: string): TypeSlot {
    let slot = this.plan.types.get(type);
    if (!slot) this.plan.types.set(type, (slot = { paths: [], always: [] }));
    return slot;
  }

  private pathSlot(path: ObjectPath): PathSlot {
    const signature = pathSignature(path);
    let slot = this.slots.get(signature);
    if (!slot) {
      slot = { path: compilePath(path) };
      this.slots.set(signature, slot);
      this.typeSlot(path.objectType).paths.push(slot);
    }
    return slot;
  }
}

function sourceOf(pattern: string | Pattern, span: Span): string {
  return typeof pattern === 'string' ? pattern.slice(span.start, span.end) : '';
}

function push<K>(map: Map<K, LeafPlan[]>, key: K, leaf: LeafPlan): void {
  const list = map.get(key);
  if (list) list.push(leaf);
  else map.set(key, [leaf]);
}

/** Comparisons whose compilation cannot raise (string constants, no regex): compiled when first needed, which for most indicators is never. */
function compilesSafely(comparisons: readonly (Comparison | Exists)[]): boolean {
  return comparisons.every((c) => {
    if (c.kind === 'Exists') return true;
    const strings = c.value.kind === 'Set' ? c.value.items.every((i) => i.type === 'string') : c.value.type === 'string';
    return strings && c.operator !== 'LIKE' && c.operator !== 'MATCHES';
  });
}

function lazily(expr: ComparisonExpression): CompiledCmp {
  let test: CompiledCmp | undefined;
  return (sdo) => (test ??= compileComparison(expr))(sdo);
}

/** The `[ … ]` expressions of an observation expression, in source order. */
function leavesOf(expr: ObservationExpression, out: ComparisonExpression[] = []): ComparisonExpression[] {
  switch (expr.kind) {
    case 'Observation':
      out.push(expr.body);
      return out;
    case 'ObservationGroup':
    case 'Qualified':
      return leavesOf(expr.body, out);
    case 'ObservationBinary':
      for (const operand of chainOperands(expr)) leavesOf(operand, out);
      return out;
  }
}

function modeOf(body: ObservationExpression): Mode {
  let e = body;
  while (e.kind === 'ObservationGroup') e = e.body;
  if (e.kind === 'Observation') return 'single';
  return maxBinding(body) === 1 ? 'now' : 'history';
}

/** The most observations one binding can take (REPEATS n multiplies). */
function maxBinding(expr: ObservationExpression): number {
  switch (expr.kind) {
    case 'Observation':
      return 1;
    case 'ObservationGroup':
      return maxBinding(expr.body);
    case 'ObservationBinary': {
      const sizes = chainOperands(expr).map(maxBinding);
      return expr.operator === 'OR' ? Math.max(...sizes) : sizes.reduce((a, b) => a + b, 0);
    }
    case 'Qualified':
      return maxBinding(expr.body) * (expr.qualifier.kind === 'Repeats' ? expr.qualifier.times.value : 1);
  }
}

/** STIX 2.1 §9.8: WITHIN bounds every binding of the expression it qualifies; only one at the root bounds the pattern's. */
function windowOf(expr: ObservationExpression): number {
  switch (expr.kind) {
    case 'ObservationGroup':
      return windowOf(expr.body);
    case 'Qualified':
      if (expr.qualifier.kind === 'Within') return Math.min(expr.qualifier.seconds.value * 1_000_000, windowOf(expr.body));
      return expr.qualifier.kind === 'StartStop' ? windowOf(expr.body) : Infinity;
    default:
      return Infinity;
  }
}

class CompiledSession implements MatchSession {
  private readonly buffers = new Map<PatternPlan, Buffered[]>();
  // Per push scratch.
  private sdo!: Sdo;
  private isMain = false;
  private mark = 0;
  private pushMark = 0;
  private readonly single: PatternPlan[] = [];
  private readonly touched: PatternPlan[] = [];
  private readonly consider = (leaf: LeafPlan): void => {
    if (leaf.mark === this.mark) return;
    leaf.mark = this.mark;
    if (!leaf.test(this.sdo)) return;
    const pattern = leaf.pattern;
    if (pattern.mode === 'single') {
      if (this.isMain) this.single.push(pattern);
    } else if (pattern.mark !== this.pushMark) {
      pattern.mark = this.pushMark;
      this.touched.push(pattern);
    }
  };

  constructor(private readonly plan: Plan, private readonly maxBuffer: number) {}

  push(observation: ObservationInput): PatternHit[] {
    const sdos = observe(observation);
    const main = sdos[0]!;
    this.single.length = 0;
    this.touched.length = 0;
    this.pushMark = ++nextMark;
    for (const sdo of sdos) {
      this.sdo = sdo;
      this.isMain = sdo === main;
      this.mark = ++nextMark;
      this.matchLeaves(sdo);
    }
    const { single, touched } = this;
    if (touched.length === 0 && single.length <= 1) {
      // The usual case: no hit, or one (index order needs no sort).
      return single.length === 0 ? [] : [{ indicatorId: single[0]!.id, observedData: [main.sdo] }];
    }
    const hits: [number, PatternHit][] = single.map((p) => [p.order, { indicatorId: p.id, observedData: [main.sdo] }]);
    if (touched.length > 0) this.evaluateTouched(observation, sdos, hits);
    hits.sort((a, b) => a[0] - b[0]);
    return hits.map(([, hit]) => hit);
  }

  /** Every leaf true of `sdo` goes to `consider`: key lookups, then verification. */
  private matchLeaves(sdo: Sdo): void {
    const { types } = this.plan;
    for (const obj of sdo.objects) {
      const type = obj.type;
      if (typeof type !== 'string') continue;
      const slot = types.get(type);
      if (!slot) continue;
      for (const leaf of slot.always) this.consider(leaf);
      for (const path of slot.paths) {
        const { value, values } = path.path;
        if (value) {
          const v = value(obj);
          if (typeof v === 'string') this.lookUp(path, v);
        } else for (const v of values(obj)) if (typeof v === 'string') this.lookUp(path, v);
      }
    }
  }

  private lookUp(slot: PathSlot, value: string): void {
    const { eq, v4, v6, grams } = slot;
    if (eq) {
      const list = eq.get(value);
      if (list) for (const leaf of list) this.consider(leaf);
    }
    if (v4 || v6) {
      const block = parseCidr(value);
      const index = block?.width === 32 ? v4 : v6;
      if (block && index) index.query(block, this.consider);
    }
    if (grams) grams.query(nfc(value), this.consider);
  }

  /** Patterns over several observations: the evaluator on what they buffered, plus this observation. */
  private evaluateTouched(observation: ObservationInput, sdos: readonly Sdo[], hits: [number, PatternHit][]): void {
    const input = asEvaluatorInput(observation);
    const entry: Buffered = { input, first: Math.min(...sdos.map((s) => s.first)), last: Math.max(...sdos.map((s) => s.last)) };
    const including = sdos[0]!.sdo;
    const updates: [PatternPlan, Buffered[]][] = [];
    for (const plan of this.touched) {
      let inputs: unknown[] = [input];
      if (plan.mode === 'history') {
        const earlier = this.buffers.get(plan) ?? [];
        // In time order, what ended more than the window before this began can bind with nothing to come.
        const kept = plan.window === Infinity ? earlier : earlier.filter((e) => e.last >= entry.first - plan.window);
        const next = [...kept, entry];
        if (next.length > this.maxBuffer) next.splice(0, next.length - this.maxBuffer);
        updates.push([plan, next]);
        inputs = next.map((e) => e.input);
      }
      const result = findMatch(plan.ast, inputs, { stixVersion: plan.stixVersion, including: including as Obj });
      if (result.matched) hits.push([plan.order, { indicatorId: plan.id, observedData: (result.bindings ?? []) as StixObject[] }]);
    }
    for (const [p, next] of updates) this.buffers.set(p, next);
  }
}
