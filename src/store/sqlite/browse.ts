import type { Database, Statement, Transaction } from 'better-sqlite3';
import { browseMatchesNothing, normalizeBrowse, type NormalizedBrowse } from '../browse-query.ts';
import type { BrowsePage, BrowseQuery, BrowseSort, StoreFacets } from '../store.ts';
import { UNMARKED } from './browse-index.ts';
import { ftsQuery, RANK } from './fts.ts';
import { idHash } from './id-hash.ts';
import { OBJECT_COLUMNS, toStoredObject, type ObjectRow } from './rows.ts';
import type { StatementCache } from './statement-cache.ts';

/** At most this many labels in `facets()`. */
const TOP_LABELS = 100;

/** The sort key of each browse sort over `browse_index b`; ties go by seq, i.e. date added, in the same direction. */
const SORT_KEYS: Record<Exclude<BrowseSort, 'relevance' | 'added'>, string> = {
  name: 'b.name',
  type: 'b.type',
  created: 'b.created_key',
  modified: 'b.modified_key',
};

/** A browse query as SQL over `browse_index b` (joined to `search_index` with text). */
interface BrowseSql {
  from: string;
  /** The whole WHERE clause, or '' when nothing filters. */
  where: string;
  params: unknown[];
}

/**
 * Browsing and facets over the browse index (browse-index.ts). A page is
 * three reads in one read transaction, so the total and the page agree:
 * the page's seqs (index only), their JSON, and the count.
 */
export class SqliteBrowse {
  readonly #queries: StatementCache;
  readonly #read: Transaction<(query: NormalizedBrowse) => BrowsePage>;
  readonly #rows: Statement;
  readonly #types: Statement;
  readonly #labels: Statement;

  constructor(db: Database, queries: StatementCache) {
    this.#queries = queries;
    this.#read = db.transaction((query) => this.#page(query));
    this.#rows = db.prepare(`SELECT ${OBJECT_COLUMNS} FROM json_each(?) j CROSS JOIN objects o ON o.seq = j.value ORDER BY j.key`);
    // type_counts.objects is the number of ids, so of latest versions.
    this.#types = db.prepare('SELECT type, objects AS count FROM type_counts WHERE objects > 0 ORDER BY objects DESC, type');
    this.#labels = db.prepare('SELECT label, count(*) AS count FROM browse_labels GROUP BY label ORDER BY count DESC, label LIMIT ?');
  }

  browse(query: BrowseQuery): BrowsePage {
    const normalized = normalizeBrowse(query);
    if (browseMatchesNothing(normalized)) return { items: [], total: 0 };
    return this.#read.deferred(normalized);
  }

  facets(): StoreFacets {
    return {
      types: this.#types.all() as StoreFacets['types'],
      labels: this.#labels.all(TOP_LABELS) as StoreFacets['labels'],
    };
  }

  #page(query: NormalizedBrowse): BrowsePage {
    const sql = browseSql(query);
    if (sql === undefined) return { items: [], total: 0 };
    const { from, where, params } = sql;
    const order = orderBy(query);
    const seqs = this.#queries.get(`SELECT b.seq FROM ${from} ${where} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
      .pluck().all(...params, ...order.params, query.limit, query.offset) as number[];
    const total = this.#queries.get(`SELECT count(*) FROM ${from} ${where}`).pluck().get(...params) as number;
    const items = seqs.length === 0 ? [] : (this.#rows.all(JSON.stringify(seqs)) as ObjectRow[]).map(toStoredObject);
    return { items, total };
  }
}

/**
 * Compiles the query's filters. Lists are bound as one JSON array each
 * (`json_each`), so the SQL text depends only on which filters are present
 * and its prepared statement is cached. `undefined` when the text has no
 * word to search for (as `search`, it then matches nothing).
 */
function browseSql(query: NormalizedBrowse): BrowseSql | undefined {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const inList = (sql: string, values: readonly string[] | undefined): void => {
    if (values === undefined) return;
    clauses.push(sql);
    params.push(JSON.stringify(values));
  };
  let from = 'browse_index b';
  if (query.text !== undefined) {
    const match = ftsQuery(query.text);
    if (match === undefined) return undefined;
    from = 'search_index CROSS JOIN browse_index b ON b.seq = search_index.rowid';
    clauses.push('search_index MATCH ?');
    params.push(match);
  }
  inList('b.type IN (SELECT value FROM json_each(?))', query.types);
  inList('b.seq IN (SELECT seq FROM browse_labels WHERE label IN (SELECT value FROM json_each(?)))', query.labels);
  if (query.tlp) inList('b.tlp IN (SELECT value FROM json_each(?))', query.tlp.unmarked ? [...query.tlp.levels, UNMARKED] : query.tlp.levels);
  if (query.ids) {
    clauses.push(`b.seq IN (${LATEST_SEQS_OF_IDS})`);
    params.push(...idPairs(query.ids));
  }
  if (query.excludeIds && query.excludeIds.length > 0) {
    clauses.push(`b.seq NOT IN (${LATEST_SEQS_OF_IDS})`);
    params.push(...idPairs(query.excludeIds));
  }
  // The latest version is a member: what a reader of the collection would get as `last`.
  inList('EXISTS (SELECT 1 FROM collection_objects c WHERE c.collection_id IN (SELECT value FROM json_each(?)) AND c.seq = b.seq)', query.collections);
  if (query.modifiedFrom !== undefined) {
    clauses.push('b.modified_key >= ?');
    params.push(query.modifiedFrom);
  }
  if (query.modifiedTo !== undefined) {
    clauses.push('b.modified_key <= ?');
    params.push(query.modifiedTo);
  }
  // No WHERE at all when unfiltered: SQLite then counts from the B-tree's pages (~30× faster than `WHERE 1` at 100,000).
  return { from, where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

/** The seqs of the latest versions of a list of ids, through the id-hash index (id-hash.ts); the id itself settles hash collisions. */
const LATEST_SEQS_OF_IDS = `SELECT o.seq FROM objects o WHERE o.id_hash IN (SELECT value ->> 0 FROM json_each(?))
  AND o.id IN (SELECT value ->> 1 FROM json_each(?)) AND o.is_latest = 1`;

function idPairs(ids: readonly string[]): [string, string] {
  const pairs = JSON.stringify(ids.map((id) => [idHash(id), id]));
  return [pairs, pairs];
}

function orderBy({ sort, order, text }: NormalizedBrowse): { sql: string; params: unknown[] } {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  if (sort === 'relevance') {
    // Best first is `desc`. A name that is the search text, then names that begin with it, shortest first, then bm25
    // (lower is better): someone typing an actor's name wants the actor before the fifty indicators named after it.
    const best = order === 'desc' ? 'ASC' : 'DESC';
    const phrase = (text ?? '').trim();
    const prefix = `${phrase.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    return {
      sql: `CASE WHEN b.name = ? THEN 0 WHEN b.name LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END ${best}, `
        + `CASE WHEN b.name LIKE ? ESCAPE '\\' THEN length(b.name) END ${best}, ${RANK} ${best}, b.seq ${direction}`,
      params: [phrase, prefix, prefix],
    };
  }
  if (sort === 'added') return { sql: `b.seq ${direction}`, params: [] };
  return { sql: `${SORT_KEYS[sort]} ${direction}, b.seq ${direction}`, params: [] };
}
