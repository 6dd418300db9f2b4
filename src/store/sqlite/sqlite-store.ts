import { randomUUID } from 'node:crypto';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { StixObject } from '../../stix/object.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { matchesNothing, normalizeFilter } from '../filter.ts';
import { pageLimit } from '../limits.ts';
import type {
  BrowsePage,
  BrowseQuery,
  Collection,
  CollectionInput,
  Graph,
  IngestOptions,
  IngestResult,
  NeighbourhoodOptions,
  ObjectFilter,
  Page,
  PageRequest,
  SearchOptions,
  Store,
  StoreCapabilities,
  StoredObject,
  StoreFacets,
  StoreStats,
} from '../store.ts';
import { SqliteBrowse } from './browse.ts';
import { BrowseIndex } from './browse-index.ts';
import { BackgroundCheckpointer } from './checkpointer.ts';
import { EdgeIndex } from './edges.ts';
import { filterSql } from './filter-sql.ts';
import { SearchIndex } from './fts.ts';
import { SqliteIngest } from './ingest.ts';
import { migrate } from './migrations.ts';
import { Neighbourhood } from './neighbourhood.ts';
import { SqliteObservableIndex } from './observable-index.ts';
import { MEMBER_COLUMNS, OBJECT_COLUMNS, toStoredObject, type ObjectRow } from './rows.ts';
import { StatementCache } from './statement-cache.ts';

export interface SqliteStoreOptions {
  /** The database file (created if missing; its folder must exist), or `':memory:'`. */
  path: string;
  /** Page cache in MiB (default 64). */
  cacheMiB?: number;
}

/** Opens (creating or migrating) a SQLite store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const db = new BetterSqlite3(options.path);
  try {
    // WAL lets readers run beside the one writer; NORMAL sync is durable
    // across application crashes and only loses the last commits on power loss.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 64)}`);
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    // Until a session writes enough to start the background checkpointer, the
    // writer checkpoints itself every 32 MiB of WAL rather than SQLite's 4 MiB:
    // a batch of new objects dirties ~1 random id-index page per object, and a
    // longer interval writes such pages back once for several batches.
    db.pragma('wal_autocheckpoint = 8192');
    // Cut the WAL file back only beyond 512 MiB: cutting it to a size that
    // steady ingest outgrows again made the file system reallocate it over and
    // over (~20k → ~15k objects/s at 1M objects).
    db.pragma(`journal_size_limit = ${512 * 1024 * 1024}`);
    migrate(db);
    // No planner statistics: gathered while the tables were near empty (`PRAGMA optimize`
    // after `accord init`), they made the planner scan once the store grew — ingest into
    // a store reopened after init fell from ~29k to ~300 objects/s. Our queries all have
    // one obvious index; the default planner picks it. Stale statistics are dropped.
    dropPlannerStatistics(db);
    return new SqliteStore(db, db.memory ? undefined : new BackgroundCheckpointer(db));
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The embedded Store: one SQLite file (better-sqlite3), one connection, plus a checkpointing thread in long sessions. */
export class SqliteStore implements Store {
  readonly capabilities: StoreCapabilities = { rankedSearch: true };
  readonly observableIndex: SqliteObservableIndex;
  readonly #db: Database;
  readonly #checkpointer: BackgroundCheckpointer | undefined;
  readonly #queries: StatementCache;
  readonly #searchIndex: SearchIndex;
  readonly #ingest: SqliteIngest;
  readonly #neighbourhood: Neighbourhood;
  readonly #browse: SqliteBrowse;
  readonly #stats: Statement;
  readonly #insertCollection: Statement;
  readonly #collections: Statement;

  constructor(db: Database, checkpointer?: BackgroundCheckpointer) {
    this.#db = db;
    this.#checkpointer = checkpointer;
    this.#queries = new StatementCache(db);
    this.#searchIndex = new SearchIndex(db);
    this.observableIndex = new SqliteObservableIndex(db);
    this.#ingest = new SqliteIngest(db, [this.#searchIndex, new EdgeIndex(db), new BrowseIndex(db), this.observableIndex]);
    this.#browse = new SqliteBrowse(db, this.#queries);
    this.#neighbourhood = new Neighbourhood(db);
    this.#stats = db.prepare('SELECT type, objects, versions FROM type_counts ORDER BY type');
    this.#insertCollection = db.prepare('INSERT OR IGNORE INTO collections (id, title, description) VALUES (?, ?, ?)');
    this.#collections = db.prepare('SELECT id, title, description FROM collections ORDER BY rowid');
  }

  async ingest(objects: readonly StixObject[], options: IngestOptions = {}): Promise<IngestResult> {
    const result = this.#ingest.run(objects, options.collections ?? []);
    if (result.stored > 0) this.#checkpointer?.committed(result.stored);
    return result;
  }

  async query(filter: ObjectFilter = {}, page: PageRequest = {}): Promise<Page> {
    const normalized = normalizeFilter(filter);
    const limit = pageLimit(page);
    const after = page.next === undefined ? undefined : decodeCursor(page.next);
    if (matchesNothing(normalized)) return { items: [], more: false };
    // In a collection, order and dates are the membership's (TAXII 2.1 §3.3).
    const { collection } = normalized;
    const { where, params } = filterSql(normalized, after, collection !== undefined);
    const statement = this.#queries.get(collection === undefined
      ? `SELECT ${OBJECT_COLUMNS} FROM objects o WHERE ${where} ORDER BY o.date_added_us, o.seq LIMIT ?`
      : `SELECT ${MEMBER_COLUMNS} FROM ${membershipJoin(normalized.ids !== undefined)}
         WHERE c.collection_id = ? AND ${where} ORDER BY c.date_added_us, c.seq LIMIT ?`);
    // One row more than asked tells whether another page exists.
    const bound = collection === undefined ? params : [collection, ...params];
    const rows = statement.all(...bound, limit + 1) as ObjectRow[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const items = rows.map(toStoredObject);
    if (!more) return { items, more };
    return { items, more, next: encodeCursor({ dateAdded: items.at(-1)!.dateAdded, seq: rows.at(-1)!.seq }) };
  }

  async removeFromCollection(collectionId: string, id: string, filter: Pick<ObjectFilter, 'versions' | 'specVersions'> = {}): Promise<number> {
    const normalized = normalizeFilter({ ...filter, ids: [id], versions: filter.versions ?? ['all'] });
    if (matchesNothing(normalized)) return 0;
    const { where, params } = filterSql(normalized);
    const statement = this.#queries.get(`DELETE FROM collection_objects WHERE collection_id = ? AND seq IN (SELECT o.seq FROM objects o WHERE ${where})`);
    return statement.run(collectionId, ...params).changes;
  }

  async search(text: string, options: SearchOptions = {}): Promise<StoredObject[]> {
    return this.#searchIndex.search(text, options);
  }

  async browse(query: BrowseQuery): Promise<BrowsePage> {
    return this.#browse.browse(query);
  }

  async facets(): Promise<StoreFacets> {
    return this.#browse.facets();
  }

  async neighbourhood(id: string, options: NeighbourhoodOptions = {}): Promise<Graph> {
    return this.#neighbourhood.walk(id, options);
  }

  async stats(): Promise<StoreStats> {
    const stats: StoreStats = { objects: 0, versions: 0, byType: {} };
    for (const row of this.#stats.all() as Array<{ type: string; objects: number; versions: number }>) {
      stats.byType[row.type] = { objects: row.objects, versions: row.versions };
      stats.objects += row.objects;
      stats.versions += row.versions;
    }
    return stats;
  }

  async createCollection(input: CollectionInput): Promise<Collection> {
    const id = input.id ?? randomUUID();
    const { changes } = this.#insertCollection.run(id, input.title, input.description ?? null);
    if (changes === 0) throw new AppError(ErrorCode.STORE_COLLECTION_EXISTS, `a collection ${id} already exists`, { id });
    return collection({ id, title: input.title, description: input.description ?? null });
  }

  async listCollections(): Promise<Collection[]> {
    return (this.#collections.all() as CollectionRow[]).map(collection);
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    await this.#checkpointer?.stop();
    this.#db.close();
  }
}

function dropPlannerStatistics(db: Database): void {
  const stat = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get();
  if (stat === undefined) return;
  db.exec('DELETE FROM sqlite_stat1');
  // Makes this connection's planner reload the (now empty) statistics.
  db.exec('ANALYZE sqlite_schema');
}

interface CollectionRow {
  id: string;
  title: string;
  description: string | null;
}

function collection(row: CollectionRow): Collection {
  return row.description === null ? { id: row.id, title: row.title } : { id: row.id, title: row.title, description: row.description };
}

/**
 * The join order of a query in a collection (CROSS JOIN fixes it in SQLite):
 * by id, the few versions of those ids first, each checked for membership by
 * its key; otherwise the collection's members in date order, so a page reads
 * only its own rows.
 */
function membershipJoin(byId: boolean): string {
  return byId
    ? 'objects o CROSS JOIN collection_objects c ON c.seq = o.seq'
    : 'collection_objects c CROSS JOIN objects o ON o.seq = c.seq';
}
