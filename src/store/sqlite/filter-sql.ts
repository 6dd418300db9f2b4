import { AppError, ErrorCode } from '../../common/errors.ts';
import type { CursorPosition } from '../cursor.ts';
import type { NormalizedFilter } from '../filter.ts';
import { parseMicros } from './date-added.ts';
import { idHash } from './id-hash.ts';

/** A WHERE clause over `objects o` and its parameters, in order. */
export interface SqlCondition {
  where: string;
  params: unknown[];
}

/**
 * Compiles the filter model to SQL. Lists are bound as one JSON array each
 * (`json_each`), so the SQL text depends only on which filters are present
 * and its prepared statement can be cached.
 *
 * With `inMembership`, the query reads `collection_objects c` joined to
 * `objects o` for the filter's collection: dates (added_after, the cursor)
 * are then the membership's (TAXII 2.1 §3.3), and the caller binds the
 * collection itself.
 */
export function filterSql(filter: NormalizedFilter, after?: CursorPosition, inMembership = false): SqlCondition {
  const dates = inMembership ? 'c.date_added_us' : 'o.date_added_us';
  const clauses: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly string[] | undefined): void => {
    if (values === undefined) return;
    clauses.push(`${column} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(values));
  };

  if (filter.ids !== undefined) {
    // Through the id-hash index (id-hash.ts); the id itself settles hash collisions.
    clauses.push('o.id_hash IN (SELECT value ->> 0 FROM json_each(?)) AND o.id IN (SELECT value ->> 1 FROM json_each(?))');
    const pairs = JSON.stringify(filter.ids.map((id) => [idHash(id), id]));
    params.push(pairs, pairs);
  }
  inList('o.type', filter.types);
  inList('o.spec_version', filter.specVersions);
  inList('o.created_by_ref', filter.createdByRefs);
  const versions = versionSql(filter);
  if (versions) {
    clauses.push(versions.where);
    params.push(...versions.params);
  }
  if (filter.addedAfter !== undefined) {
    clauses.push(`${dates} > ?`);
    params.push(micros(filter.addedAfter, 'addedAfter'));
  }
  if (filter.markings !== undefined) {
    // Correlated, so it probes the (seq, marking_ref) key per row instead of
    // materialising every version that carries a widely used marking.
    clauses.push('EXISTS (SELECT 1 FROM object_markings m WHERE m.seq = o.seq AND m.marking_ref IN (SELECT value FROM json_each(?)))');
    params.push(JSON.stringify(filter.markings));
  }
  if (filter.collection !== undefined && !inMembership) {
    clauses.push('EXISTS (SELECT 1 FROM collection_objects c WHERE c.collection_id = ? AND c.seq = o.seq)');
    params.push(filter.collection);
  }
  if (after) {
    // Keyset on (date_added, seq); the first term lets the index seek.
    const addedUs = micros(after.dateAdded, 'cursor');
    clauses.push(`${dates} >= ? AND (${dates} > ? OR o.seq > ?)`);
    params.push(addedUs, addedUs, after.seq);
  }
  return { where: clauses.length === 0 ? '1' : clauses.join(' AND '), params };
}

function versionSql({ versions }: NormalizedFilter): SqlCondition | undefined {
  if (versions.all) return undefined;
  const alternatives: string[] = [];
  const params: unknown[] = [];
  if (versions.last) alternatives.push('o.is_latest = 1');
  if (versions.first) alternatives.push('o.is_first = 1');
  if (versions.exact.length > 0) {
    alternatives.push('o.version_key IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(versions.exact));
  }
  return { where: `(${alternatives.join(' OR ')})`, params };
}

function micros(timestamp: string, what: string): number {
  const value = parseMicros(timestamp);
  if (value === undefined) {
    const code = what === 'cursor' ? ErrorCode.STORE_BAD_CURSOR : ErrorCode.STORE_BAD_FILTER;
    throw new AppError(code, `${what} ${timestamp} cannot be placed in time`);
  }
  return value;
}
