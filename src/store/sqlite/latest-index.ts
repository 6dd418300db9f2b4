import type { StixObject } from '../../stix/object.ts';

/** A stored version as side indexes need it to undo what they derived from it. */
export interface ReplacedVersion {
  seq: number;
  json: string;
}

/**
 * A side index kept for latest versions only (full-text search, graph edges).
 * Ingest calls `replace` once per id whose latest version changes, and never
 * for versions that arrive older than the latest, so they cost nothing here.
 */
export interface LatestVersionIndex {
  /** Indexes `object`, stored as `seq`, in place of the stored latest version `replaced`. */
  replace(replaced: ReplacedVersion | undefined, seq: number, object: StixObject): void;
}
