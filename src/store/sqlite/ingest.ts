import type { Database, Statement, Transaction } from 'better-sqlite3';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { StixObject } from '../../stix/object.ts';
import {
  exactLookups,
  headLookups,
  planIngest,
  prepareBatch,
  versionSlot,
  type BatchEntry,
  type IngestPlan,
  type PlannedInsert,
  type StoredHeads,
  type StoredVersion,
} from '../ingest-plan.ts';
import type { IngestResult } from '../store.ts';
import { nowMicros } from './date-added.ts';
import type { LatestVersionIndex } from './latest-index.ts';

/** Heads as read here: with the latest version's JSON, which side indexes need to undo it. */
interface Heads extends StoredHeads {
  latestJson: string;
}

/**
 * Writes batches: two lookups for the whole batch (the versions it repeats,
 * the heads of the ids it adds versions to), then inserts with final flags,
 * all in one IMMEDIATE transaction so the batch appears at once or not at all.
 */
export class SqliteIngest {
  readonly #indexes: readonly LatestVersionIndex[];
  readonly #transaction: Transaction<(entries: BatchEntry[], collections: readonly string[]) => IngestResult>;
  readonly #unknownCollections: Statement;
  readonly #storedVersions: Statement;
  readonly #heads: Statement;
  readonly #lastDateAdded: Statement;
  readonly #insertObject: Statement;
  readonly #insertMarking: Statement;
  readonly #demote: Statement;
  readonly #countTypes: Statement;
  readonly #join: Statement;

  constructor(db: Database, indexes: readonly LatestVersionIndex[]) {
    this.#indexes = indexes;
    this.#transaction = db.transaction((entries, collections) => this.#write(entries, collections));
    this.#unknownCollections = db.prepare('SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM collections)').pluck();
    this.#storedVersions = db.prepare(`
      SELECT o.id, o.version_key, o.seq, o.json FROM json_each(?) j
      CROSS JOIN objects o ON o.id = j.value ->> 0 AND o.version_key = j.value ->> 1`);
    // Heads by max/min version_key through the (id, version_key) index, so an
    // id with many versions costs two index seeks, not a scan of its versions.
    this.#heads = db.prepare(`
      SELECT l.id, l.seq AS latest_seq, l.version_key AS latest_key, l.revoked AS latest_revoked, l.json AS latest_json,
             f.seq AS first_seq, f.version_key AS first_key
      FROM json_each(?) j
      CROSS JOIN objects l ON l.seq = (SELECT seq FROM objects WHERE id = j.value ORDER BY version_key DESC LIMIT 1)
      CROSS JOIN objects f ON f.seq = (SELECT seq FROM objects WHERE id = j.value ORDER BY version_key LIMIT 1)`);
    this.#lastDateAdded = db.prepare('SELECT MAX(date_added_us) FROM objects').pluck();
    this.#insertObject = db.prepare(`
      INSERT INTO objects (id, type, version, version_key, spec_version, created_by_ref, revoked, is_latest, is_first, date_added_us, json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertMarking = db.prepare('INSERT OR IGNORE INTO object_markings (seq, marking_ref) VALUES (?, ?)');
    this.#demote = db.prepare(`
      UPDATE objects SET is_latest = CASE WHEN ? THEN 0 ELSE is_latest END, is_first = CASE WHEN ? THEN 0 ELSE is_first END
      WHERE seq = ?`);
    this.#countTypes = db.prepare(`
      INSERT INTO type_counts (type, objects, versions) VALUES (?, ?, ?)
      ON CONFLICT (type) DO UPDATE SET objects = objects + excluded.objects, versions = versions + excluded.versions`);
    this.#join = db.prepare('INSERT OR IGNORE INTO collection_objects (collection_id, seq) VALUES (?, ?)');
  }

  run(objects: readonly StixObject[], collections: readonly string[]): IngestResult {
    return this.#transaction.immediate(prepareBatch(objects), collections);
  }

  #write(entries: BatchEntry[], collections: readonly string[]): IngestResult {
    this.#checkCollections(collections);
    const stored = this.#lookUpStored(entries);
    const heads = this.#lookUpHeads(headLookups(entries, stored));
    const plan = planIngest(entries, stored, heads);
    const seqs = this.#insert(plan.inserts, heads);
    for (const { seq, latest, first } of plan.demotions) this.#demote.run(latest ? 1 : 0, first ? 1 : 0, seq);
    for (const [type, { objects, versions }] of plan.typeDeltas) this.#countTypes.run(type, objects, versions);
    this.#joinCollections(plan, seqs, collections);
    return {
      stored: plan.inserts.length,
      duplicates: plan.outcomes.filter((outcome) => outcome === 'duplicate').length,
      conflicts: plan.conflicts,
      outcomes: plan.outcomes,
    };
  }

  #checkCollections(collections: readonly string[]): void {
    if (collections.length === 0) return;
    const unknown = this.#unknownCollections.all(JSON.stringify(collections)) as string[];
    if (unknown.length > 0) {
      throw new AppError(ErrorCode.STORE_NOT_FOUND, `no collection ${unknown.join(', ')}`, { collections: unknown });
    }
  }

  #lookUpStored(entries: readonly BatchEntry[]): Map<string, StoredVersion> {
    const rows = this.#storedVersions.all(JSON.stringify(exactLookups(entries))) as Array<{ id: string; version_key: string; seq: number; json: string }>;
    return new Map(rows.map((row) => [versionSlot(row.id, row.version_key), { seq: row.seq, json: row.json }]));
  }

  #lookUpHeads(ids: readonly string[]): Map<string, Heads> {
    if (ids.length === 0) return new Map();
    const rows = this.#heads.all(JSON.stringify(ids)) as Array<{
      id: string; latest_seq: number; latest_key: string; latest_revoked: number; latest_json: string; first_seq: number; first_key: string;
    }>;
    return new Map(rows.map((row) => [row.id, {
      latestSeq: row.latest_seq,
      latestKey: row.latest_key,
      latestRevoked: row.latest_revoked === 1,
      latestJson: row.latest_json,
      firstSeq: row.first_seq,
      firstKey: row.first_key,
    }]));
  }

  /** Inserts new versions in input order; returns the seq each got. */
  #insert(inserts: readonly PlannedInsert[], heads: ReadonlyMap<string, Heads>): Map<PlannedInsert, number> {
    const seqs = new Map<PlannedInsert, number>();
    if (inserts.length === 0) return seqs;
    // date_added is strictly increasing across the store, also across processes
    // (the IMMEDIATE transaction holds the write lock while we read the maximum).
    let dateAdded = Math.max(nowMicros(), ((this.#lastDateAdded.get() as number | null) ?? 0) + 1);
    for (const insert of inserts) {
      const { entry, isLatest, isFirst } = insert;
      const { object } = entry;
      const seq = Number(this.#insertObject.run(
        entry.id, entry.type, entry.version, entry.key,
        // The port counts objects without spec_version (SCOs) as 2.1.
        typeof object.spec_version === 'string' ? object.spec_version : '2.1',
        typeof object.created_by_ref === 'string' ? object.created_by_ref : null,
        object.revoked === true ? 1 : 0, isLatest ? 1 : 0, isFirst ? 1 : 0, dateAdded, entry.json,
      ).lastInsertRowid);
      dateAdded += 1;
      seqs.set(insert, seq);
      if (Array.isArray(object.object_marking_refs)) {
        for (const marking of object.object_marking_refs) if (typeof marking === 'string') this.#insertMarking.run(seq, marking);
      }
      if (isLatest) {
        const replaced = insert.replacesLatest === undefined ? undefined : { seq: insert.replacesLatest, json: heads.get(entry.id)!.latestJson };
        for (const index of this.#indexes) index.replace(replaced, seq, object);
      }
    }
    return seqs;
  }

  #joinCollections(plan: IngestPlan, seqs: ReadonlyMap<PlannedInsert, number>, collections: readonly string[]): void {
    for (const collection of collections) {
      for (const placement of plan.placements) {
        this.#join.run(collection, 'seq' in placement ? placement.seq : seqs.get(placement.insert)!);
      }
    }
  }
}
