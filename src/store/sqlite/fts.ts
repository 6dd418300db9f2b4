import type { Database, Statement } from 'better-sqlite3';
import type { StixObject } from '../../stix/object.ts';
import { searchLimit } from '../limits.ts';
import { searchTextOf } from '../search-text.ts';
import type { SearchOptions, StoredObject } from '../store.ts';
import type { LatestVersionIndex, ReplacedVersion } from './latest-index.ts';
import { OBJECT_COLUMNS, toStoredObject, type ObjectRow } from './rows.ts';

/** bm25 column weights: a hit in a name counts most, then aliases, then description. */
export const RANK = 'bm25(search_index, 10.0, 1.0, 5.0)';

/**
 * The FTS5 index over the latest version of each object (rowid = objects.seq).
 * Ingest replaces an object's row when a newer version arrives; older versions
 * are never indexed.
 */
export class SearchIndex implements LatestVersionIndex {
  readonly #insert: Statement;
  readonly #delete: Statement;
  readonly #search: Statement;
  readonly #searchTypes: Statement;

  constructor(db: Database) {
    this.#insert = db.prepare('INSERT INTO search_index (rowid, name, description, aliases) VALUES (?, ?, ?, ?)');
    this.#delete = db.prepare('DELETE FROM search_index WHERE rowid = ?');
    // Without a type filter, rank and cut inside FTS before reading any object row.
    this.#search = db.prepare(`
      SELECT ${OBJECT_COLUMNS} FROM (
        SELECT rowid AS seq, ${RANK} AS score FROM search_index WHERE search_index MATCH ? ORDER BY score LIMIT ?
      ) hit CROSS JOIN objects o ON o.seq = hit.seq ORDER BY hit.score`);
    this.#searchTypes = db.prepare(`
      SELECT ${OBJECT_COLUMNS} FROM search_index CROSS JOIN objects o ON o.seq = search_index.rowid
      WHERE search_index MATCH ? AND o.type IN (SELECT value FROM json_each(?)) ORDER BY ${RANK} LIMIT ?`);
  }

  replace(replaced: ReplacedVersion | undefined, seq: number, object: StixObject): void {
    if (replaced) this.#delete.run(replaced.seq);
    const text = searchTextOf(object);
    if (text) this.#insert.run(seq, text.name, text.description, text.aliases);
  }

  search(text: string, options: SearchOptions): StoredObject[] {
    const limit = searchLimit(options);
    const match = ftsQuery(text);
    if (match === undefined) return [];
    const rows = (options.types
      ? this.#searchTypes.all(match, JSON.stringify(options.types), limit)
      : this.#search.all(match, limit)) as ObjectRow[];
    return rows.map(toStoredObject);
  }
}

/**
 * User text as an FTS5 query that cannot be a syntax error: every word becomes
 * a quoted string (FTS5 operators, brackets and column filters lose their
 * meaning inside quotes), words are AND-ed, and the last one matches as a
 * prefix so results follow typing. `undefined` when no word has a letter or digit.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text
    .split(/\s+/u)
    // A quote would end the string early; control characters (NUL) would cut it.
    .map((word) => word.replace(/["\p{Cc}]/gu, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return undefined;
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
}
