import type { Database } from 'better-sqlite3';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { initial } from './migrations/001-initial.ts';
import { browseIndex } from './migrations/002-browse-index.ts';
import { observableIndex } from './migrations/003-observable-index.ts';

export interface Migration {
  /** 1, 2, 3…: the `PRAGMA user_version` the database has once it is applied. */
  version: number;
  name: string;
  sql: string;
  /** Fills what `sql` created from the data already stored, in the same transaction. */
  backfill?: (db: Database) => void;
}

/** Every migration, in order. Append; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [initial, browseIndex, observableIndex];

/**
 * Brings the database up to the last migration, each step in its own
 * transaction together with its `user_version`, so a crash leaves a whole
 * number of steps applied. Refuses a database written by a newer program.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, what = 'the store'): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} is numbered ${migration.version}, expected ${index + 1}`);
  });
  const supported = migrations.length;
  const schemaVersion = (): number => db.pragma('user_version', { simple: true }) as number;
  const current = schemaVersion();
  if (current > supported) {
    throw new AppError(
      ErrorCode.STORE_SCHEMA_TOO_NEW,
      `${what}'s schema is version ${current}, newer than this program's ${supported}; upgrade Accord to open it`,
      { schemaVersion: current, supportedVersion: supported },
    );
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      // Another process may have applied it since we looked: the write lock is ours now.
      if (schemaVersion() >= migration.version) return;
      db.exec(migration.sql);
      migration.backfill?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
