/**
 * Hits become sightings: every hit of one indicator in one run is tallied
 * into ONE STIX 2.1 `sighting` (§5.2) of that indicator, seen by this node.
 */
import { createHash, type Hash } from 'node:crypto';
import type { PatternHit } from '../../pattern/index.ts';
import { uuidV5 } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import { compareTimestamps } from '../../stix/timestamp.ts';
import type { IndicatorWindow } from './indicators.ts';

/** At most this many `observed_data_refs` per sighting (the first ones seen); `count` stays exact. */
export const MAX_OBSERVED_DATA_REFS = 1000;

/** The UUIDv5 namespace of the sightings Accord makes. */
export const SIGHTING_NAMESPACE = '623d79af-0588-469a-92a1-e9e2bd8a5358';

/** STIX 2.1 §5.2: count is at most 999,999,999. */
const MAX_COUNT = 999_999_999;

interface Tally {
  count: number;
  firstSeen: string;
  lastSeen: string;
  refs: string[];
  referenced: Set<string>;
  /** Over every hit's observed-data ids in order: what the sighting's id is derived from. */
  digest: Hash;
}

export interface SightingOptions {
  /** The node's identity: `created_by_ref` and `where_sighted_refs`. */
  identityId: string;
  /** `created` and `modified` (millisecond precision). */
  now: string;
  /** Observed-data that could not be stored, left out of `observed_data_refs` so every ref resolves. */
  unstored?: ReadonlySet<string>;
}

/** Whether [start, end] meets the indicator's validity: valid_from ≤ end and start < valid_until (STIX 2.1 §4.7). */
export function withinWindow(window: IndicatorWindow | undefined, start: string, end: string): boolean {
  if (window?.validFrom !== undefined && compareTimestamps(window.validFrom, end) > 0) return false;
  if (window?.validUntil !== undefined && compareTimestamps(start, window.validUntil) >= 0) return false;
  return true;
}

export class SightingTally {
  readonly #windows: ReadonlyMap<string, IndicatorWindow>;
  readonly #maxRefs: number;
  readonly #tallies = new Map<string, Tally>();

  constructor(windows: ReadonlyMap<string, IndicatorWindow>, options: { maxRefs?: number } = {}) {
    this.#windows = windows;
    this.#maxRefs = options.maxRefs ?? MAX_OBSERVED_DATA_REFS;
  }

  /** Indicators sighted so far. */
  get size(): number {
    return this.#tallies.size;
  }

  /**
   * Counts a hit if its observations meet the indicator's validity window,
   * and returns whether it counted and the observed-data it newly added to
   * the sighting's refs (those must be stored for the refs to resolve).
   */
  record(hit: PatternHit): { counted: boolean; newlyReferenced: StixObject[] } {
    let start = hit.observedData[0]?.first_observed as string;
    let end = hit.observedData[0]?.last_observed as string;
    for (const observed of hit.observedData) {
      if (compareTimestamps(observed.first_observed as string, start) < 0) start = observed.first_observed as string;
      if (compareTimestamps(observed.last_observed as string, end) > 0) end = observed.last_observed as string;
    }
    if (start === undefined || !withinWindow(this.#windows.get(hit.indicatorId), start, end)) return { counted: false, newlyReferenced: [] };

    let tally = this.#tallies.get(hit.indicatorId);
    if (tally === undefined) {
      tally = { count: 0, firstSeen: start, lastSeen: end, refs: [], referenced: new Set(), digest: createHash('sha256') };
      this.#tallies.set(hit.indicatorId, tally);
    }
    if (compareTimestamps(start, tally.firstSeen) < 0) tally.firstSeen = start;
    if (compareTimestamps(end, tally.lastSeen) > 0) tally.lastSeen = end;
    // One observed-data seen number_observed times is that many sightings; a binding of several observations is one.
    const times = hit.observedData.length === 1 ? (hit.observedData[0]!.number_observed as number) : 1;
    tally.count = Math.min(MAX_COUNT, tally.count + times);
    tally.digest.update(`${hit.observedData.map((observed) => observed.id).join(',')}\n`);
    const newlyReferenced: StixObject[] = [];
    for (const observed of hit.observedData as readonly StixObject[]) {
      if (tally.referenced.size >= this.#maxRefs || tally.referenced.has(observed.id)) continue;
      tally.referenced.add(observed.id);
      tally.refs.push(observed.id);
      newlyReferenced.push(observed);
    }
    return { counted: true, newlyReferenced };
  }

  /**
   * One sighting per sighted indicator. Its id is derived from the node, the
   * indicator and every hit of the run, so the same input gives the same
   * sighting id again (and detection stores it only once).
   */
  sightings(options: SightingOptions): StixObject[] {
    return [...this.#tallies].map(([indicatorId, tally]) => {
      const digest = tally.digest.copy().update(`count ${tally.count}`).digest('hex');
      const refs = tally.refs.filter((id) => !options.unstored?.has(id));
      return {
        type: 'sighting',
        spec_version: '2.1',
        id: `sighting--${uuidV5(SIGHTING_NAMESPACE, `${options.identityId} ${indicatorId} ${digest}`)}`,
        created_by_ref: options.identityId,
        created: options.now,
        modified: options.now,
        sighting_of_ref: indicatorId,
        first_seen: tally.firstSeen,
        last_seen: tally.lastSeen,
        count: tally.count,
        ...(refs.length > 0 && { observed_data_refs: refs }),
        where_sighted_refs: [options.identityId],
      };
    });
  }
}
