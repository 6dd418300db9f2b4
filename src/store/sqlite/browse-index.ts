import type { Database, Statement } from 'better-sqlite3';
import { displayName } from '../../stix/display-name.ts';
import { markingsOf, strictestTlp, tlpOfMarking, type TlpLevel } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import { versionKey } from '../version-key.ts';
import type { LatestVersionIndex, ReplacedVersion } from './latest-index.ts';

/** The `tlp` of an object without a TLP marking (see migration 2). */
export const UNMARKED = '';

/** Names are sorted on this many characters: enough to order, and a long pattern does not bloat the index. */
const NAME_KEY_LENGTH = 200;

/**
 * The `browse_index` and `browse_labels` tables: what the explorer filters
 * and sorts the latest version of each object on (rowid = objects.seq).
 * The date added needs no column: among latest versions, seq order is
 * date-added order (both only grow, in input order).
 */
export class BrowseIndex implements LatestVersionIndex {
  readonly #insert: Statement;
  readonly #delete: Statement;
  readonly #insertLabel: Statement;
  readonly #deleteLabel: Statement;

  constructor(db: Database) {
    this.#insert = db.prepare('INSERT INTO browse_index (seq, type, name, created_key, modified_key, tlp) VALUES (?, ?, ?, ?, ?, ?)');
    this.#delete = db.prepare('DELETE FROM browse_index WHERE seq = ?');
    this.#insertLabel = db.prepare('INSERT OR IGNORE INTO browse_labels (label, seq) VALUES (?, ?)');
    this.#deleteLabel = db.prepare('DELETE FROM browse_labels WHERE label = ? AND seq = ?');
  }

  replace(replaced: ReplacedVersion | undefined, seq: number, object: StixObject): void {
    if (replaced) {
      this.#delete.run(replaced.seq);
      for (const label of labelsOf(JSON.parse(replaced.json) as StixObject)) this.#deleteLabel.run(label, replaced.seq);
    }
    const created = typeof object.created === 'string' ? versionKey(object.created) : null;
    const modified = typeof object.modified === 'string' ? versionKey(object.modified) : created;
    this.#insert.run(seq, object.type, displayName(object).slice(0, NAME_KEY_LENGTH), created, modified, objectTlp(object) ?? UNMARKED);
    for (const label of labelsOf(object)) this.#insertLabel.run(label, seq);
  }
}

/** Fills the browse index from the latest versions already stored (migration 2), in batches of seqs. */
export function backfillBrowseIndex(db: Database): void {
  const index = new BrowseIndex(db);
  const batch = db.prepare('SELECT seq, json FROM objects WHERE is_latest = 1 AND seq > ? ORDER BY seq LIMIT 1000');
  let after = 0;
  for (;;) {
    const rows = batch.all(after) as Array<{ seq: number; json: string }>;
    for (const { seq, json } of rows) index.replace(undefined, seq, JSON.parse(json) as StixObject);
    if (rows.length === 0) return;
    after = rows.at(-1)!.seq;
  }
}

/** The object-level TLP level (the strictest, should an object carry several), from `object_marking_refs`. */
function objectTlp(object: StixObject): TlpLevel | undefined {
  const levels: TlpLevel[] = [];
  for (const marking of markingsOf(object)) {
    const level = typeof marking === 'string' ? tlpOfMarking(marking) : undefined;
    if (level) levels.push(level);
  }
  return strictestTlp(levels);
}

function labelsOf(object: StixObject): Set<string> {
  return new Set(Array.isArray(object.labels) ? object.labels.filter((label): label is string => typeof label === 'string') : []);
}
