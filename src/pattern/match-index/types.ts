/**
 * The compiled match index (issue 4): many indicators' patterns, one pass per
 * observation. These types are the contract between the index, its reference
 * implementation (the oracle of the property test) and the detection workflow.
 */
import type { Pattern } from '../ast.ts';
import type { PatternDiagnostic } from '../errors.ts';
import type { StixVersion } from '../grammar.ts';

export type StixObject = Readonly<Record<string, unknown>>;

/** One indicator to index: its id and its `pattern` (text or already parsed). */
export interface IndicatorInput {
  readonly id: string;
  readonly pattern: string | Pattern;
  readonly stixVersion?: StixVersion;
}

/**
 * One observation: an observed-data SDO and the objects its `object_refs` name
 * (STIX 2.1), or a STIX 2.0 observed-data with an embedded `objects` map
 * (then `objects` is empty).
 */
export interface ObservationInput {
  readonly observedData: StixObject;
  readonly objects?: readonly StixObject[];
}

/** An indicator whose pattern the newly pushed observation completed. */
export interface PatternHit {
  readonly indicatorId: string;
  /** The observed-data SDOs of the binding, the new one included, in binding order. */
  readonly observedData: readonly StixObject[];
}

/** An indicator the index could not take, with why. */
export interface RejectedIndicator {
  readonly id: string;
  readonly errors: readonly PatternDiagnostic[];
}

export interface CompileResult {
  readonly index: MatchIndex;
  readonly rejected: readonly RejectedIndicator[];
  /** What the compiled index made of the indicators (absent from the reference implementation). */
  readonly stats?: MatchIndexStats;
}

/** How the compiled index files its indicators' `[ … ]` observation expressions (leaves). */
export interface MatchIndexStats {
  /** Leaves: `[ … ]` comparison expressions, each a test of one observed-data. */
  readonly leaves: number;
  /** Equality keys (`=`, `IN`) in hash maps keyed by (object type, path, value). */
  readonly hashKeys: number;
  /** `ISSUBSET` CIDR blocks in the prefix index. */
  readonly prefixes: number;
  /** `LIKE` / `MATCHES` constants filed under a gram of a literal they require. */
  readonly regexes: number;
  /** Leaves tried on every observation that has an object of one of their types. */
  readonly fallbacks: number;
  /** Patterns over several observations or with a qualifier (evaluated on buffered observations). */
  readonly multiObservation: number;
}

/** Options of `compileMatchIndex`. */
export interface CompileOptions {
  /**
   * Per pattern over several observations, how many past observations that matched one
   * of its `[ … ]` a session keeps (the oldest go first); default 1,000. Patterns with a
   * WITHIN qualifier also drop observations older than their window.
   */
  readonly maxBuffer?: number;
}

export interface MatchIndex {
  /** How many indicators the index holds. */
  readonly size: number;
  /** A stream of observations over this index; the index itself is immutable and shareable. */
  session(): MatchSession;
}

/**
 * Observations in arrival order. A single-observation pattern hits on every
 * observation it matches; a pattern over several observations hits when the
 * observations pushed so far contain a binding (STIX 2.1 §9) that uses the new one.
 * A bad observation throws PatternError (PATTERN_MATCH_ERROR) and leaves the session as it was.
 */
export interface MatchSession {
  push(observation: ObservationInput): PatternHit[];
}
