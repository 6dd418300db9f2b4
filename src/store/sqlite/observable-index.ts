import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { StixObject } from '../../stix/object.ts';
import type { KeyCarriers, KeyDeriver, ObservableIndex } from '../store.ts';
import { idHash } from './id-hash.ts';
import type { LatestVersionIndex, ReplacedVersion } from './latest-index.ts';
import { OBJECT_COLUMNS, toStoredObject, type ObjectRow } from './rows.ts';

/** Versions read per write transaction of a refresh: short enough not to hold the write lock for long. */
const REFRESH_BATCH = 5000;

/**
 * The `observable_keys` table (migration 3): keys derived above the store from
 * latest versions. Ingest only drops the keys of a version it replaces (one
 * probe of the by-seq index, and none for new objects); keys of new versions
 * are derived by `refresh`, which reads the latest versions after its
 * watermark. Seqs only grow and a replaced version never becomes latest again,
 * so every latest version past the watermark is exactly what is left to read.
 */
export class SqliteObservableIndex implements ObservableIndex, LatestVersionIndex {
  readonly #dropKeys: Statement;
  readonly #state: Statement;
  readonly #reset: Transaction<(deriver: string) => void>;
  readonly #unread: Statement;
  readonly #insert: Statement;
  readonly #advance: Statement;
  readonly #refreshStep: Transaction<(deriver: KeyDeriver) => number>;
  readonly #count: Statement;
  readonly #carriers: Statement;
  readonly #keysOf: Statement;
  readonly #keysWithPrefix: Statement;

  constructor(db: Database) {
    this.#dropKeys = db.prepare('DELETE FROM observable_keys WHERE seq = ?');
    this.#state = db.prepare('SELECT deriver, watermark FROM observable_index_state');
    const clearKeys = db.prepare('DELETE FROM observable_keys');
    const clearState = db.prepare('DELETE FROM observable_index_state');
    const startState = db.prepare('INSERT INTO observable_index_state (deriver, watermark) VALUES (?, 0)');
    this.#reset = db.transaction((deriver: string) => {
      clearKeys.run();
      clearState.run();
      startState.run(deriver);
    });
    this.#unread = db.prepare('SELECT seq, json FROM objects WHERE seq > ? AND is_latest = 1 ORDER BY seq LIMIT ?');
    this.#insert = db.prepare('INSERT OR IGNORE INTO observable_keys (key, seq) VALUES (?, ?)');
    this.#advance = db.prepare('UPDATE observable_index_state SET watermark = ?');
    this.#refreshStep = db.transaction((deriver: KeyDeriver) => this.#step(deriver));
    this.#count = db.prepare('SELECT COUNT(*) FROM observable_keys WHERE key = ?').pluck();
    this.#carriers = db.prepare(`
      SELECT ${OBJECT_COLUMNS} FROM observable_keys k CROSS JOIN objects o ON o.seq = k.seq
      WHERE k.key = ? AND o.revoked = 0 LIMIT ?`);
    this.#keysOf = db.prepare(`
      SELECT o.id, k.key FROM json_each(?) j
      CROSS JOIN objects o ON o.id_hash = j.value ->> 0 AND o.id = j.value ->> 1 AND o.is_latest = 1
      CROSS JOIN observable_keys k ON k.seq = o.seq`);
    this.#keysWithPrefix = db.prepare('SELECT DISTINCT key FROM observable_keys WHERE key >= ? AND key < ? ORDER BY key LIMIT ?').pluck();
  }

  replace(replaced: ReplacedVersion | undefined): void {
    if (replaced) this.#dropKeys.run(replaced.seq);
  }

  async refresh(deriver: KeyDeriver): Promise<number> {
    let read = 0;
    for (;;) {
      // IMMEDIATE: no ingest can replace a version between reading it and writing its keys.
      const step = this.#refreshStep.immediate(deriver);
      read += step;
      if (step < REFRESH_BATCH) return read;
    }
  }

  #step(deriver: KeyDeriver): number {
    let state = this.#state.get() as { deriver: string; watermark: number } | undefined;
    if (state?.deriver !== deriver.version) {
      this.#reset(deriver.version);
      state = { deriver: deriver.version, watermark: 0 };
    }
    const rows = this.#unread.all(state.watermark, REFRESH_BATCH) as Array<{ seq: number; json: string }>;
    for (const { seq, json } of rows) {
      for (const key of deriver.keys(JSON.parse(json) as StixObject)) this.#insert.run(key, seq);
    }
    if (rows.length > 0) this.#advance.run(rows.at(-1)!.seq);
    return rows.length;
  }

  async carriers(keys: readonly string[], limit: number): Promise<Map<string, KeyCarriers>> {
    const found = new Map<string, KeyCarriers>();
    for (const key of new Set(keys)) {
      const count = this.#count.get(key) as number;
      if (count === 0) continue;
      found.set(key, { count, objects: (this.#carriers.all(key, limit) as ObjectRow[]).map(toStoredObject) });
    }
    return found;
  }

  async keysOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const rows = this.#keysOf.all(JSON.stringify([...new Set(ids)].map((id) => [idHash(id), id]))) as Array<{ id: string; key: string }>;
    for (const { id, key } of rows) {
      const keys = found.get(id);
      if (keys) keys.push(key);
      else found.set(id, [key]);
    }
    return found;
  }

  async keysWithPrefix(prefix: string, limit: number): Promise<string[]> {
    const last = prefix.charCodeAt(prefix.length - 1);
    if (!(last < 0x7f)) throw new RangeError(`a key prefix must end with an ASCII character: ${JSON.stringify(prefix)}`);
    // Keys compare as UTF-8 bytes (BINARY): those with the prefix sort below the prefix with its last character incremented.
    const end = prefix.slice(0, -1) + String.fromCharCode(last + 1);
    return this.#keysWithPrefix.all(prefix, end, limit) as string[];
  }
}
