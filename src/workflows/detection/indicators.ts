/**
 * The indicators detection matches: the latest version of every indicator in
 * the store that is not revoked and has a STIX pattern, compiled once into
 * the match index. Their validity windows are applied per hit, against the
 * time of the observations (sightings.ts), not here.
 */
import { compileMatchIndex, type IndicatorInput, type MatchIndex, type StixVersion } from '../../pattern/index.ts';
import { iterateObjects } from '../../store/iterate.ts';
import type { Store } from '../../store/store.ts';

/** When an indicator may be sighted (STIX 2.1 §4.7): from `valid_from`, until before `valid_until`. */
export interface IndicatorWindow {
  readonly validFrom?: string;
  readonly validUntil?: string;
}

export interface IndicatorRejection {
  readonly id: string;
  readonly reason: string;
  readonly message: string;
}

export interface IndicatorReport {
  /** Latest versions of indicators in the store. */
  stored: number;
  /** In the match index. */
  active: number;
  revoked: number;
  /** Indicators whose `pattern_type` is not `stix` (not matched), by pattern type. */
  otherPatternTypes: Record<string, number>;
  /** STIX patterns that do not compile. */
  rejected: number;
  /** The first rejected patterns, with the first diagnostic of each. */
  rejections: IndicatorRejection[];
}

export interface IndicatorSet {
  readonly index: MatchIndex;
  readonly windows: ReadonlyMap<string, IndicatorWindow>;
  readonly report: IndicatorReport;
}

export interface LoadIndicatorsOptions {
  /** How many rejected patterns to keep in full (default 5); all are counted. */
  keepRejections?: number;
}

/** `pattern_version` → the patterning dialect: "2.0…" is 2.0, anything else (or none) 2.1. */
export function stixVersionOf(patternVersion: unknown): StixVersion {
  return typeof patternVersion === 'string' && patternVersion.startsWith('2.0') ? '2.0' : '2.1';
}

/** Loads and compiles the active indicators of `store`. A pattern that does not compile is reported, not fatal. */
export async function loadIndicators(store: Store, options: LoadIndicatorsOptions = {}): Promise<IndicatorSet> {
  const report: IndicatorReport = { stored: 0, active: 0, revoked: 0, otherPatternTypes: {}, rejected: 0, rejections: [] };
  const inputs: IndicatorInput[] = [];
  const windows = new Map<string, IndicatorWindow>();
  for await (const { object } of iterateObjects(store, { types: ['indicator'], versions: ['last'] })) {
    report.stored++;
    if (object.revoked === true) {
      report.revoked++;
      continue;
    }
    const patternType = typeof object.pattern_type === 'string' ? object.pattern_type : '';
    if (patternType !== 'stix' || typeof object.pattern !== 'string') {
      report.otherPatternTypes[patternType] = (report.otherPatternTypes[patternType] ?? 0) + 1;
      continue;
    }
    inputs.push({ id: object.id, pattern: object.pattern, stixVersion: stixVersionOf(object.pattern_version) });
    windows.set(object.id, {
      ...(typeof object.valid_from === 'string' && { validFrom: object.valid_from }),
      ...(typeof object.valid_until === 'string' && { validUntil: object.valid_until }),
    });
  }
  const { index, rejected } = compileMatchIndex(inputs);
  const keep = options.keepRejections ?? 5;
  for (const { id, errors } of rejected) {
    windows.delete(id);
    report.rejected++;
    const first = errors[0];
    if (report.rejections.length < keep) {
      report.rejections.push({ id, reason: first?.code ?? 'PATTERN_INVALID', message: first ? `${first.message} (line ${first.line}, column ${first.column})` : 'the pattern does not compile' });
    }
  }
  report.active = index.size;
  return { index, windows, report };
}

/**
 * The compiled indicator set of a store, rebuilt only when the store's
 * indicators changed. The key is the store's count of indicator objects and
 * versions (`stats()`, a read of a counter table): every change to an
 * indicator, a revocation included, is a new version, and versions are never
 * deleted, so an unchanged key means an unchanged set. Concurrent callers
 * share one build.
 */
export class IndicatorCache {
  readonly #store: Store;
  readonly #options: LoadIndicatorsOptions;
  #key: string | undefined;
  #set: Promise<IndicatorSet> | undefined;

  constructor(store: Store, options: LoadIndicatorsOptions = {}) {
    this.#store = store;
    this.#options = options;
  }

  async get(): Promise<IndicatorSet> {
    const counts = (await this.#store.stats()).byType.indicator;
    const key = `${counts?.objects ?? 0}/${counts?.versions ?? 0}`;
    if (this.#set === undefined || key !== this.#key) {
      this.#key = key;
      this.#set = loadIndicators(this.#store, this.#options);
      // A failed build is not kept: the next call tries again.
      this.#set.catch(() => {
        if (this.#key === key) this.#set = undefined;
      });
    }
    return this.#set;
  }
}
