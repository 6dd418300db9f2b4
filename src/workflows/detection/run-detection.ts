/**
 * Detection (ARCHITECTURE.md "Match"): observations stream in → the compiled
 * match index of the active indicators → one STIX sighting per sighted
 * indicator, written back with the observed-data and observables it refers
 * to, so that every reference resolves in the store.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ErrorCode, isAppError } from '../../common/errors.ts';
import type { StixObject } from '../../stix/object.ts';
import { now as clockNow } from '../../stix/timestamp.ts';
import { validateObject } from '../../stix/validation/index.ts';
import { iterateObjects } from '../../store/iterate.ts';
import type { Store } from '../../store/store.ts';
import { ValidatedIngest } from '../../store/validated-ingest.ts';
import { loadIndicators, type IndicatorReport, type IndicatorSet } from './indicators.ts';
import { referencesOf, type Observation, type ObservationEntry, type ObservationSkip } from './observations.ts';
import { SightingTally } from './sightings.ts';

/** Observations kept for multi-observation hits, whose earlier observed-data must be stored with their objects. */
export const RECENT_OBSERVATIONS = 10_000;

/** How many levels of references are looked up in the store for an observation whose objects are not all in the input. */
const STORE_LOOKUP_DEPTH = 4;

export interface DetectionOptions {
  store: Store;
  /** This node's identity (federation/node-identity.ts): who saw, and who created the sightings. */
  identity: StixObject;
  observations: AsyncIterable<ObservationEntry> | Iterable<ObservationEntry>;
  /** `created`/`modified` of new sightings (default: the clock). */
  now?: string;
  /** A compiled indicator set (e.g. from an IndicatorCache); loaded from the store when absent. */
  indicators?: IndicatorSet;
  /** Store the sightings and what they refer to (default true); false reports them only. */
  write?: boolean;
  /** Collections the stored objects join. */
  collections?: readonly string[];
  /** `observed_data_refs` per sighting (default 1,000). */
  maxRefs?: number;
  /** How many skips to keep in full (default 20); all are counted. */
  keepSkips?: number;
  /** Called every `progressEvery` entries (default 1,000) and at the end. */
  onProgress?: (progress: DetectionProgress) => void;
  progressEvery?: number;
}

export interface DetectionProgress {
  read: number;
  observations: number;
  skipped: number;
  hits: number;
  sightings: number;
}

export interface StoreRejection {
  id?: string;
  reason: string;
  message: string;
}

export interface DetectionSummary extends DetectionProgress {
  write: boolean;
  skippedByReason: Record<string, number>;
  /** The first skips in full. */
  skips: ObservationSkip[];
  /** References found neither in the input nor in the store (matched without them). */
  unresolvedRefs: number;
  indicators: IndicatorReport;
  /** Hits outside the indicator's valid_from/valid_until window: not sighted. */
  hitsOutsideValidity: number;
  /** New sightings stored (or, without write, that would be). */
  sightingsStored: number;
  /** Sightings the store already held: the same input seen again. */
  sightingsAlreadyStored: number;
  stored: {
    observedData: number;
    observables: number;
    /** Objects the store already held. */
    duplicates: number;
    rejected: number;
    rejections: StoreRejection[];
  };
  seconds: number;
  observationsPerSecond: number;
}

export interface DetectionResult {
  summary: DetectionSummary;
  /** One per sighted indicator; already stored ones as stored. */
  sightings: StixObject[];
}

/** Runs detection over `observations` and (unless `write` is false) stores the sightings. */
export async function runDetection(options: DetectionOptions): Promise<DetectionResult> {
  const started = performance.now();
  const { store } = options;
  const write = options.write ?? true;
  const keepSkips = options.keepSkips ?? 20;
  const progressEvery = options.progressEvery ?? 1000;
  const indicators = options.indicators ?? (await loadIndicators(store));
  const session = indicators.index.session();
  const tally = new SightingTally(indicators.windows, { maxRefs: options.maxRefs });
  const writer = new DetectionWriter(store, write, options.collections);
  const recent = new Map<string, Observation>();
  const summary: DetectionSummary = {
    write, read: 0, observations: 0, skipped: 0, hits: 0, sightings: 0, skippedByReason: {}, skips: [], unresolvedRefs: 0,
    indicators: indicators.report, hitsOutsideValidity: 0, sightingsStored: 0, sightingsAlreadyStored: 0,
    stored: writer.counts, seconds: 0, observationsPerSecond: 0,
  };
  const skip = (entry: ObservationSkip): void => {
    summary.skipped++;
    summary.skippedByReason[entry.reason] = (summary.skippedByReason[entry.reason] ?? 0) + 1;
    if (summary.skips.length < keepSkips) summary.skips.push(entry);
  };
  const progress = (): void => {
    summary.sightings = tally.size;
    options.onProgress?.({ read: summary.read, observations: summary.observations, skipped: summary.skipped, hits: summary.hits, sightings: summary.sightings });
  };

  for await (const entry of options.observations) {
    summary.read++;
    if (entry.kind === 'skipped') {
      skip(entry.skip);
    } else {
      for (const observation of entry.observations) {
        const fetched = await storedObjects(store, observation);
        summary.unresolvedRefs += fetched.unresolved;
        remember(recent, observation);
        let hits;
        try {
          hits = session.push({ observedData: observation.observedData, objects: [...observation.objects, ...fetched.objects] });
        } catch (error) {
          if (!isAppError(error, ErrorCode.PATTERN_MATCH_ERROR)) throw error;
          recent.delete(observation.observedData.id);
          skip({ position: entry.position, code: ErrorCode.OBSERVATION_INVALID, reason: 'match-error', message: error.message });
          continue;
        }
        summary.observations++;
        for (const hit of hits) {
          const { counted, newlyReferenced } = tally.record(hit);
          if (!counted) {
            summary.hitsOutsideValidity++;
            continue;
          }
          summary.hits++;
          for (const observed of newlyReferenced) await writer.observation(recent.get(observed.id) ?? { observedData: observed, objects: [], unresolved: [] });
        }
      }
    }
    if (summary.read % progressEvery === 0) {
      progress();
      // A list (the API's) is matched without I/O: let other requests in between.
      await yieldToEventLoop();
    }
  }
  await writer.flush();

  const sightings = tally.sightings({ identityId: options.identity.id, now: options.now ?? clockNow(), unstored: writer.unstored });
  const existing = await storedVersions(store, sightings.map((sighting) => sighting.id));
  const result: StixObject[] = [];
  for (const sighting of sightings) {
    const stored = existing.get(sighting.id);
    if (stored !== undefined) {
      summary.sightingsAlreadyStored++;
      result.push(stored);
    } else if (await writer.sighting(sighting)) {
      summary.sightingsStored++;
      result.push(sighting);
    }
  }
  await writer.flush();
  summary.sightingsStored -= writer.sightingsRefusedLate;
  progress();
  summary.seconds = (performance.now() - started) / 1000;
  summary.observationsPerSecond = summary.seconds > 0 ? summary.observations / summary.seconds : 0;
  return { summary, sightings: result.filter((sighting) => !writer.unstored.has(sighting.id)) };
}

/** Keeps the last RECENT_OBSERVATIONS observations by observed-data id (oldest forgotten first). */
function remember(recent: Map<string, Observation>, observation: Observation): void {
  recent.delete(observation.observedData.id);
  recent.set(observation.observedData.id, observation);
  if (recent.size > RECENT_OBSERVATIONS) recent.delete(recent.keys().next().value!);
}

/** The latest stored version of each of `ids` that the store holds. */
async function storedVersions(store: Store, ids: readonly string[]): Promise<Map<string, StixObject>> {
  const found = new Map<string, StixObject>();
  for (let start = 0; start < ids.length; start += 1000) {
    for await (const { object } of iterateObjects(store, { ids: ids.slice(start, start + 1000) })) found.set(object.id, object);
  }
  return found;
}

/** The objects an observation references that its input did not hold, looked up in the store, and how many were found nowhere. */
async function storedObjects(store: Store, observation: Observation): Promise<{ objects: StixObject[]; unresolved: number }> {
  if (observation.unresolved.length === 0) return { objects: [], unresolved: 0 };
  const known = new Set([observation.observedData.id, ...observation.objects.map((object) => object.id)]);
  const objects: StixObject[] = [];
  let missing = [...new Set(observation.unresolved)];
  let unresolved = 0;
  for (let depth = 0; missing.length > 0 && depth < STORE_LOOKUP_DEPTH; depth++) {
    const found = await storedVersions(store, missing);
    const next = new Set<string>();
    for (const id of missing) {
      known.add(id);
      const object = found.get(id);
      if (object === undefined) {
        unresolved++;
        continue;
      }
      objects.push(object);
      for (const ref of referencesOf(object)) if (!known.has(ref)) next.add(ref);
    }
    missing = [...next];
  }
  return { objects, unresolved };
}

/**
 * What detection stores, through the same validate-and-batch path as import:
 * the observed-data that sightings refer to, their observables, then the
 * sightings. Without `write` it stores nothing but still validates sightings.
 */
class DetectionWriter {
  readonly counts: DetectionSummary['stored'] = { observedData: 0, observables: 0, duplicates: 0, rejected: 0, rejections: [] };
  /** Objects refused (invalid, or a conflicting version already stored): not referred to by sightings. */
  readonly unstored = new Set<string>();
  sightingsRefusedLate = 0;
  readonly #ingest: ValidatedIngest<undefined> | undefined;
  readonly #queued = new Set<string>();

  constructor(store: Store, write: boolean, collections: readonly string[] | undefined) {
    if (!write) return;
    this.#ingest = new ValidatedIngest<undefined>(store, {
      accepted: (_tag, object, outcome) => {
        if (outcome === 'duplicate') this.counts.duplicates++;
        else if (object.type === 'observed-data') this.counts.observedData++;
        else if (object.type !== 'sighting') this.counts.observables++;
      },
      rejected: (_tag, value, problems) => {
        const id = (value as StixObject).id;
        if ((value as StixObject).type === 'sighting') this.sightingsRefusedLate++;
        this.#reject(id, problems[0]?.reason ?? ErrorCode.STIX_INVALID, problems.map((problem) => `${problem.path ? `${problem.path}: ` : ''}${problem.message}`).join('; '));
      },
    }, { collections });
  }

  /** Queues an observation (once per run): its observed-data and the objects its input held. */
  async observation(observation: Observation): Promise<void> {
    if (this.#ingest === undefined || this.#queued.has(observation.observedData.id)) return;
    this.#queued.add(observation.observedData.id);
    for (const object of observation.objects) {
      if (this.#queued.has(object.id)) continue;
      this.#queued.add(object.id);
      await this.#ingest.add(object, undefined);
    }
    await this.#ingest.add(observation.observedData, undefined);
  }

  /** Validates and queues a sighting; false (and reported) when it is not valid STIX, which would be a bug here. */
  async sighting(sighting: StixObject): Promise<boolean> {
    const result = validateObject(sighting);
    if (!result.valid) {
      this.#reject(sighting.id, result.errors[0]!.rule, result.errors.map((error) => `${error.path}: ${error.message}`).join('; '));
      return false;
    }
    await this.#ingest?.add(sighting, undefined);
    return true;
  }

  async flush(): Promise<void> {
    await this.#ingest?.flush();
  }

  #reject(id: string | undefined, reason: string, message: string): void {
    this.counts.rejected++;
    if (id !== undefined) this.unstored.add(id);
    if (this.counts.rejections.length < 10) this.counts.rejections.push({ ...(id !== undefined && { id }), reason, message });
  }
}
