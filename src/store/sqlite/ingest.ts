import type { Database, Statement, Transaction } from 'better-sqlite3';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { StixObject } from '../../stix/object.ts';
import {
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
import { idHash } from './id-hash.ts';
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
interface Inserted {
  seq: number;
  dateAdded: number;
}

/** The dates a batch hands out: one per placement, in input order, strictly increasing from `first`. */
interface BatchDates {
  ofPlacement: number[];
  ofInsert: Map<PlannedInsert, number>;
}

function datesInInputOrder(plan: IngestPlan, first: number): BatchDates {
  const dates: BatchDates = { ofPlacement: [], ofInsert: new Map() };
  let next = first;
  for (const placement of plan.placements) {
    const date = next++;
    dates.ofPlacement.push(date);
    if ('insert' in placement && !dates.ofInsert.has(placement.insert)) dates.ofInsert.set(placement.insert, date);
  }
  return dates;
}

export class SqliteIngest {
  readonly #indexes: readonly LatestVersionIndex[];
  readonly #transaction: Transaction<(entries: BatchEntry[], collections: readonly string[]) => IngestResult>;
  readonly #unknownCollections: Statement;
  readonly #storedVersion: Statement;
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
    // The stored text only when it differs: a duplicate (the common case on
    // re-import) then costs a comparison inside SQLite, not a copy of its JSON.
    this.#storedVersion = db.prepare(`
      SELECT seq, CASE WHEN json = ? THEN NULL ELSE json END AS json FROM objects
      WHERE id_hash = ? AND id = ? AND version_key = ?`);
    // Heads by their flags: the id index has no version_key, so an id's versions
    // are visited once each; all but a few ids have one.
    this.#heads = db.prepare(`
      SELECT o.id, o.seq, o.version_key, o.revoked, o.is_latest, o.json FROM json_each(?) j
      CROSS JOIN objects o ON o.id_hash = j.value ->> 0 AND o.id = j.value ->> 1
      WHERE o.is_latest = 1 OR o.is_first = 1`);
    this.#lastDateAdded = db.prepare(`
      SELECT MAX(last) FROM (SELECT MAX(date_added_us) AS last FROM objects UNION ALL SELECT MAX(date_added_us) FROM collection_objects)`).pluck();
    this.#insertObject = db.prepare(`
      INSERT INTO objects (id, id_hash, type, version, version_key, spec_version, created_by_ref, revoked, is_latest, is_first, date_added_us, json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertMarking = db.prepare('INSERT OR IGNORE INTO object_markings (seq, marking_ref) VALUES (?, ?)');
    this.#demote = db.prepare(`
      UPDATE objects SET is_latest = CASE WHEN ? THEN 0 ELSE is_latest END, is_first = CASE WHEN ? THEN 0 ELSE is_first END
      WHERE seq = ?`);
    this.#countTypes = db.prepare(`
      INSERT INTO type_counts (type, objects, versions) VALUES (?, ?, ?)
      ON CONFLICT (type) DO UPDATE SET objects = objects + excluded.objects, versions = versions + excluded.versions`);
    this.#join = db.prepare('INSERT OR IGNORE INTO collection_objects (collection_id, seq, date_added_us) VALUES (?, ?, ?)');
  }

  run(objects: readonly StixObject[], collections: readonly string[]): IngestResult {
    return this.#transaction.immediate(prepareBatch(objects), collections);
  }

  #write(entries: BatchEntry[], collections: readonly string[]): IngestResult {
    this.#checkCollections(collections);
    const stored = this.#lookUpStored(entries);
    const heads = this.#lookUpHeads(headLookups(entries, stored));
    const plan = planIngest(entries, stored, heads);
    // date_added is strictly increasing across the store and its collections, also across
    // processes (the IMMEDIATE transaction holds the write lock while we read the maximum).
    const dates = datesInInputOrder(plan, Math.max(nowMicros(), ((this.#lastDateAdded.get() as number | null) ?? 0) + 1));
    const seqs = this.#insert(plan.inserts, heads, dates);
    for (const { seq, latest, first } of plan.demotions) this.#demote.run(latest ? 1 : 0, first ? 1 : 0, seq);
    for (const [type, { objects, versions }] of plan.typeDeltas) this.#countTypes.run(type, objects, versions);
    this.#joinCollections(plan, seqs, collections, dates);
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

  /** The stored versions that entries repeat, by version slot. */
  #lookUpStored(entries: readonly BatchEntry[]): Map<string, StoredVersion> {
    const stored = new Map<string, StoredVersion>();
    for (const { id, key, json } of entries) {
      const slot = versionSlot(id, key);
      if (stored.has(slot)) continue;
      const row = this.#storedVersion.get(json, idHash(id), id, key) as { seq: number; json: string | null } | undefined;
      if (row) stored.set(slot, { seq: row.seq, json: row.json ?? json });
    }
    return stored;
  }

  /** The latest and first stored versions (one row when they are the same) of each id. */
  #lookUpHeads(ids: readonly string[]): Map<string, Heads> {
    if (ids.length === 0) return new Map();
    const rows = this.#heads.all(JSON.stringify(ids.map((id) => [idHash(id), id]))) as Array<{
      id: string; seq: number; version_key: string; revoked: number; is_latest: number; json: string;
    }>;
    const heads = new Map<string, Heads>();
    for (const row of rows) {
      const found = heads.get(row.id);
      // A row is the latest, the first or both; the one row of a single-version id is both.
      const first = { firstSeq: row.seq, firstKey: row.version_key };
      const latest = { latestSeq: row.seq, latestKey: row.version_key, latestRevoked: row.revoked === 1, latestJson: row.json };
      if (!found) heads.set(row.id, { ...latest, ...first });
      else if (row.is_latest === 1) Object.assign(found, latest);
      else Object.assign(found, first);
    }
    return heads;
  }

  /** Inserts new versions in input order; returns the seq and date added each got. */
  #insert(inserts: readonly PlannedInsert[], heads: ReadonlyMap<string, Heads>, dates: BatchDates): Map<PlannedInsert, Inserted> {
    const seqs = new Map<PlannedInsert, Inserted>();
    for (const insert of inserts) {
      const dateAdded = dates.ofInsert.get(insert)!;
      const { entry, isLatest, isFirst } = insert;
      const { object } = entry;
      const seq = Number(this.#insertObject.run(
        entry.id, idHash(entry.id), entry.type, entry.version, entry.key,
        // The port counts objects without spec_version (SCOs) as 2.1.
        typeof object.spec_version === 'string' ? object.spec_version : '2.1',
        typeof object.created_by_ref === 'string' ? object.created_by_ref : null,
        object.revoked === true ? 1 : 0, isLatest ? 1 : 0, isFirst ? 1 : 0, dateAdded, entry.json,
      ).lastInsertRowid);
      seqs.set(insert, { seq, dateAdded });
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

  /**
   * A new version joins with its own date added; one already stored joins with
   * the date of its place in the batch; one already in the collection keeps
   * its date (the insert is ignored).
   */
  #joinCollections(plan: IngestPlan, seqs: ReadonlyMap<PlannedInsert, Inserted>, collections: readonly string[], dates: BatchDates): void {
    for (const collection of collections) {
      plan.placements.forEach((placement, index) => {
        if ('seq' in placement) this.#join.run(collection, placement.seq, dates.ofPlacement[index]!);
        else this.#join.run(collection, seqs.get(placement.insert)!.seq, dates.ofInsert.get(placement.insert)!);
      });
    }
  }
}
