import { sortableTimestamp } from '../stix/timestamp.ts';

/**
 * The key that identifies a version in storage: the fixed-width form of its
 * timestamp, so `…27.1Z` and `…27.100Z` are one version and byte order is time
 * order. SCOs, which have no version, keep the empty string.
 */
export function versionKey(version: string): string {
  return version === '' ? '' : sortableTimestamp(version);
}
