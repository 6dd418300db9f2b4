import type { Database, Statement } from 'better-sqlite3';
import type { StixObject } from '../../stix/object.ts';
import { referencesOf } from '../references.ts';
import type { LatestVersionIndex, ReplacedVersion } from './latest-index.ts';

/** The `edges` table: the embedded references of each latest version, for "who references me". */
export class EdgeIndex implements LatestVersionIndex {
  readonly #insert: Statement;
  readonly #delete: Statement;

  constructor(db: Database) {
    this.#insert = db.prepare('INSERT INTO edges (target, source_seq, property) VALUES (?, ?, ?)');
    this.#delete = db.prepare('DELETE FROM edges WHERE target = ? AND source_seq = ? AND property = ?');
  }

  replace(replaced: ReplacedVersion | undefined, seq: number, object: StixObject): void {
    if (replaced) {
      for (const { property, target } of referencesOf(JSON.parse(replaced.json) as StixObject)) this.#delete.run(target, replaced.seq, property);
    }
    for (const { property, target } of referencesOf(object)) this.#insert.run(target, seq, property);
  }
}
