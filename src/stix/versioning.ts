/**
 * Versioning (STIX 2.1 §3.6): a version of an object is its `id` plus its
 * `modified`; a newer version has a later `modified`; revocation is a last
 * version with `revoked: true`.
 */
import { AppError, ErrorCode } from '../common/errors.ts';
import { versionOf, type StixObject } from './object.ts';
import { compareTimestamps, now as clockNow, timestampProblem } from './timestamp.ts';
import { objectCategory } from './types/index.ts';

/**
 * Orders two versions of one object by `modified` (`created` for objects
 * without it), precision-aware: `…:00.1Z` and `…:00.100Z` are the same
 * version. Negative when `a` is older, zero when they are the same version.
 * Ids are not compared.
 */
export function compareVersions(a: StixObject, b: StixObject): number {
  return compareTimestamps(versionOf(a), versionOf(b));
}

/** Whether `candidate` is a strictly later version than `current`. */
export function isNewerVersion(candidate: StixObject, current: StixObject): boolean {
  return compareVersions(candidate, current) > 0;
}

/** The latest of `versions` (the first of equals), or `undefined` for none. */
export function latestVersion<T extends StixObject>(versions: Iterable<T>): T | undefined {
  let latest: T | undefined;
  for (const version of versions) {
    if (latest === undefined || isNewerVersion(version, latest)) latest = version;
  }
  return latest;
}

// Who and what the object is never changes between versions, and only the object
// creator versions it (§3.6); `modified` is for newVersion to set.
const FIXED_PROPERTIES = ['type', 'id', 'created', 'created_by_ref', 'modified'] as const;

/**
 * The next version of `object` with `changes` applied (a property set to
 * `undefined` is removed). Its `modified` is `now`, or one millisecond past
 * the previous `modified` when `now` is not later (clock skew, two versions
 * in one millisecond), so a new version always sorts after the old one.
 *
 * Throws `STIX_NOT_VERSIONABLE` for SCOs and objects without `modified`,
 * `STIX_REVOKED` for a revoked object, `STIX_UNMODIFIABLE_PROPERTY` when
 * `changes` touches `type`, `id`, `created`, `created_by_ref` or `modified`,
 * and `STIX_INVALID` when `now` is not a millisecond-precision timestamp.
 */
export function newVersion<T extends StixObject>(object: T, changes: Partial<T>, now: string = clockNow()): T {
  if (objectCategory(object.type) === 'sco' || object.modified === undefined) {
    throw new AppError(ErrorCode.STIX_NOT_VERSIONABLE, `${object.type} objects are not versioned`, { id: object.id });
  }
  if (object.revoked === true) {
    throw new AppError(ErrorCode.STIX_REVOKED, `${object.id} is revoked and cannot change`, { id: object.id });
  }
  const fixed = FIXED_PROPERTIES.find((property) => property in changes);
  if (fixed !== undefined) {
    const message =
      fixed === 'modified'
        ? 'modified is set by newVersion; pass `now` to choose it'
        : `${fixed} cannot change between versions`;
    throw new AppError(ErrorCode.STIX_UNMODIFIABLE_PROPERTY, message, { id: object.id, property: fixed });
  }
  const problem = timestampProblem(now, { millisecondPrecision: true });
  if (problem !== undefined) throw new AppError(ErrorCode.STIX_INVALID, `now ${problem}`, { now });

  const modified = compareTimestamps(now, object.modified) > 0 ? now : oneMillisecondAfter(object.modified);
  const next: Record<string, unknown> = { ...object, ...changes, modified };
  for (const [property, value] of Object.entries(next)) {
    if (value === undefined) delete next[property];
  }
  return next as T;
}

/** The revoked, final version of `object` (STIX 2.1 §3.6); same refusals as `newVersion`. */
export function revoke<T extends StixObject>(object: T, now?: string): T {
  return newVersion(object, { revoked: true } as Partial<T>, now);
}

/**
 * The first millisecond-precision timestamp strictly after `timestamp`,
 * whatever its precision: truncate to the millisecond, then add one.
 */
function oneMillisecondAfter(timestamp: string): string {
  const [seconds, fraction = ''] = timestamp.slice(0, -1).split('.') as [string, string?];
  // Date cannot hold a leap second: the millisecond after 23:59:60.xyz is 00:00:00.000 of the next day.
  const truncated = seconds.endsWith(':60')
    ? `${seconds.slice(0, -2)}59.999Z`
    : `${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
  return new Date(Date.parse(truncated) + 1).toISOString();
}
