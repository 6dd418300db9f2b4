/**
 * One observation as detection takes it: a STIX 2.1 observed-data SDO in its
 * `object_refs` form and the cyber observables (SCOs) it references. Every
 * accepted input form becomes this, so matching, storing and sighting see one
 * shape (docs/detection.md "Input forms").
 */
import { AppError, ErrorCode, isAppError } from '../../common/errors.ts';
import { canonicalize } from '../../stix/canonical-json.ts';
import { SCO_ID_CONTRIBUTING_PROPERTIES, SCO_ID_NAMESPACE, scoIdentifier, uuidV5 } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import { compareTimestamps, isTimestamp } from '../../stix/timestamp.ts';
import { validateObject } from '../../stix/validation/index.ts';

export interface Observation {
  /** The observed-data SDO, STIX 2.1, with `object_refs` (an embedded `objects` map is converted). */
  readonly observedData: StixObject;
  /** The objects `object_refs` names and, transitively, the objects they reference, as far as the input holds them. */
  readonly objects: readonly StixObject[];
  /** Referenced ids the input does not hold (detection looks them up in the store). */
  readonly unresolved: readonly string[];
}

/** Why an input line or element was skipped. */
export type SkipReason =
  | 'line-too-long' | 'not-json' | 'not-an-object' | 'unknown-shape' | 'bad-timestamp' | 'bad-field'
  | 'no-observed-data' | 'no-observables' | 'invalid-stix' | 'match-error';

export interface ObservationSkip {
  /** The line number (streams, from 1) or the index in the list (API, from 0). */
  readonly position: number;
  readonly code: typeof ErrorCode.OBSERVATION_INVALID;
  readonly reason: SkipReason;
  readonly message: string;
}

/** What one line (or one element of a list) gave: observations, or a skip. A bundle may give several. */
export type ObservationEntry =
  | { readonly kind: 'observations'; readonly position: number; readonly observations: readonly Observation[] }
  | { readonly kind: 'skipped'; readonly skip: ObservationSkip };

export interface ParseOptions {
  /** The identity that produces observed-data for flat log records (`created_by_ref`, and part of their ids). */
  readonly producerId: string;
}

type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The skip (thrown as OBSERVATION_INVALID) of an input that is not an observation. */
export function invalid(reason: SkipReason, message: string): never {
  throw new AppError(ErrorCode.OBSERVATION_INVALID, message, { reason });
}

export function skipOf(position: number, error: AppError): ObservationSkip {
  const reason = (error.details?.reason as SkipReason | undefined) ?? 'invalid-stix';
  return { position, code: ErrorCode.OBSERVATION_INVALID, reason, message: error.message };
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)})`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `make()`, with what canonical JSON cannot represent (a lone surrogate: RFC 8785 §3.2.2.2) reported as a bad observation. */
function canonically<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return invalid('invalid-stix', `the observation cannot be canonicalised: ${error.message}`);
  }
}

/** Canonical JSON (RFC 8785) of a value of an observation. */
export function canonicalOf(value: unknown): string {
  return canonically(() => canonicalize(value));
}

// Neither followed to find an observation's objects nor rewritten: they name who made or marked it.
const NOT_OBSERVABLE_REFS: ReadonlySet<string> = new Set(['created_by_ref', 'object_marking_refs', 'granular_markings']);

/** A copy of `value` with every `*_ref` / `*_refs` value (at any depth) passed through `map`. */
export function mapRefs<T>(value: T, map: (ref: string) => string): T {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, map)) as T;
  if (!isObj(value)) return value;
  const copy: Obj = {};
  for (const [key, item] of Object.entries(value)) {
    if (NOT_OBSERVABLE_REFS.has(key)) copy[key] = item;
    else if (key.endsWith('_ref') && typeof item === 'string') copy[key] = map(item);
    else if (key.endsWith('_refs') && Array.isArray(item)) copy[key] = item.map((ref) => (typeof ref === 'string' ? map(ref) : ref));
    else copy[key] = mapRefs(item, map);
  }
  return copy as T;
}

/** The references an observable holds (`*_ref`, `*_refs`, at any depth). */
export function referencesOf(object: Obj): string[] {
  const found: string[] = [];
  mapRefs(object, (ref) => {
    found.push(ref);
    return ref;
  });
  return found;
}

/**
 * A deterministic id for an observable: the STIX 2.1 §2.9 UUIDv5 over its
 * ID-contributing properties, or, for a type without them (`process`, custom
 * SCOs), a UUIDv5 over its whole content (where §2.9 would take a random
 * UUIDv4), so the same observation read twice names the same objects.
 */
export function observableId(sco: Obj): string {
  if (typeof sco.type !== 'string') invalid('invalid-stix', `an observable without a "type": ${describeValue(sco.type)}`);
  const type = sco.type as string;
  const contributing = SCO_ID_CONTRIBUTING_PROPERTIES[type];
  if (contributing?.some((property) => sco[property] !== undefined)) return canonically(() => scoIdentifier(sco as { type: string }));
  const { id: _id, ...content } = sco;
  return `${type}--${uuidV5(SCO_ID_NAMESPACE, canonicalOf(content))}`;
}

/** Checks the observation timestamps of an observed-data before anything else, to name that problem precisely. */
export function checkObservedTimes(observedData: Obj): void {
  for (const property of ['first_observed', 'last_observed'] as const) {
    const value = observedData[property];
    if (value === undefined) invalid('bad-timestamp', `the observed-data has no "${property}"`);
    if (!isTimestamp(value)) invalid('bad-timestamp', `"${property}" is ${describeValue(value)}, not an RFC 3339 UTC timestamp such as 2024-05-01T12:00:00Z`);
  }
  if (compareTimestamps(observedData.last_observed as string, observedData.first_observed as string) < 0) {
    invalid('bad-timestamp', `"last_observed" (${observedData.last_observed as string}) is before "first_observed" (${observedData.first_observed as string})`);
  }
}

/**
 * A STIX 2.0 (or deprecated 2.1) observed-data with an embedded `objects`
 * map, as 2.1 `object_refs` + top-level SCOs: each object gets its
 * deterministic id, and references between them (the map's keys) become ids.
 * Objects are named after what they reference, so they are named in
 * dependency order; objects in a reference cycle are named by their own content.
 */
export function fromEmbedded(observedData: Obj, container: Obj): Observation {
  const keys = Object.keys(container);
  if (keys.length === 0) invalid('no-observables', 'the observed-data\'s "objects" map is empty');
  for (const key of keys) {
    if (!isObj(container[key])) invalid('invalid-stix', `"objects"."${key}" is ${describeValue(container[key])}, not an observable object`);
  }
  const members = container as Record<string, Obj>;
  const ids = new Map<string, string>();
  const dependencies = new Map(keys.map((key) => [key, referencesOf(members[key]!).filter((ref) => ref !== key && Object.hasOwn(members, ref))]));
  for (let progress = true; progress;) {
    progress = false;
    for (const key of keys) {
      if (ids.has(key) || !dependencies.get(key)!.every((ref) => ids.has(ref))) continue;
      ids.set(key, observableId(mapRefs(members[key]!, (ref) => ids.get(ref) ?? ref)));
      progress = true;
    }
  }
  for (const key of keys) if (!ids.has(key)) ids.set(key, observableId(members[key]!));
  const toId = (ref: string): string => ids.get(ref) ?? ref;
  const objects = keys.map((key) => {
    const { type, id: _id, ...rest } = mapRefs(members[key]!, toId);
    return { type, id: ids.get(key)!, ...rest } as StixObject;
  });
  const { objects: _objects, ...sdo } = observedData;
  return {
    observedData: { ...sdo, spec_version: sdo.spec_version ?? '2.1', object_refs: keys.map(toId) } as unknown as StixObject,
    objects,
    unresolved: [],
  };
}

/**
 * The objects reachable from `roots` through references, among `known`; the
 * ids not found there are `unresolved`. Markings and creators are not followed.
 */
export function closeOver(roots: readonly string[], known: ReadonlyMap<string, Obj>): { objects: StixObject[]; unresolved: string[] } {
  const seen = new Set<string>();
  const objects: StixObject[] = [];
  const unresolved: string[] = [];
  const queue = [...roots];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const object = known.get(id);
    if (object === undefined) {
      unresolved.push(id);
      continue;
    }
    objects.push(object as StixObject);
    queue.push(...referencesOf(object));
  }
  return { objects, unresolved };
}

/** Every object of the observation passes the STIX 2.1 validator, or the observation is skipped with the first problem. */
export function checkValid(observation: Observation): Observation {
  for (const object of [observation.observedData, ...observation.objects]) {
    const result = validateObject(object);
    if (!result.valid) {
      const first = result.errors[0]!;
      const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more problems)` : '';
      invalid('invalid-stix', `${typeof object.id === 'string' ? object.id : String(object.type)}: ${first.path}: ${first.message}${more}`);
    }
  }
  return observation;
}

/** A lone observed-data (embedded `objects`, or `object_refs` whose objects are not on the line). */
export function fromObservedData(value: Obj): Observation {
  checkObservedTimes(value);
  if (value.objects !== undefined) {
    if (!isObj(value.objects)) invalid('invalid-stix', `the observed-data's "objects" is ${describeValue(value.objects)}, not a map of observables`);
    return checkValid(fromEmbedded(value, value.objects));
  }
  const refs = Array.isArray(value.object_refs) ? value.object_refs.filter((ref): ref is string => typeof ref === 'string') : [];
  const observedData = (value.spec_version === undefined ? { ...value, spec_version: '2.1' } : value) as StixObject;
  return checkValid({ observedData, objects: [], unresolved: refs });
}

/** Every observed-data of a bundle with the objects it reaches inside the bundle. */
export function fromBundle(bundle: Obj): Observation[] {
  if (!Array.isArray(bundle.objects)) invalid('unknown-shape', `the bundle's "objects" is ${describeValue(bundle.objects)}, not a list`);
  const members = (bundle.objects as unknown[]).filter(isObj);
  const known = new Map<string, Obj>();
  for (const object of members) if (typeof object.id === 'string') known.set(object.id, object);
  const observed = members.filter((object) => object.type === 'observed-data');
  if (observed.length === 0) invalid('no-observed-data', `the bundle holds no observed-data (${members.length} objects of other types)`);
  return observed.map((observedData) => {
    if (observedData.objects !== undefined) return fromObservedData(observedData);
    checkObservedTimes(observedData);
    const refs = Array.isArray(observedData.object_refs) ? observedData.object_refs.filter((ref): ref is string => typeof ref === 'string') : [];
    const { objects, unresolved } = closeOver(refs, known);
    return checkValid({ observedData: observedData as StixObject, objects, unresolved });
  });
}

/** Runs `parse`, turning an OBSERVATION_INVALID into the skip of `position`. */
export function entryOf(position: number, parse: () => Observation[]): ObservationEntry {
  try {
    return { kind: 'observations', position, observations: parse() };
  } catch (error) {
    if (isAppError(error, ErrorCode.OBSERVATION_INVALID)) return { kind: 'skipped', skip: skipOf(position, error) };
    throw error;
  }
}
