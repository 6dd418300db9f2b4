import type { Database } from 'better-sqlite3';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { initial } from './migrations/001-initial.ts';

export interface Migration {
  /** 1, 2, 3…: the `PRAGMA user_version` the database has once it is applied. */
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [initial];

/**
 * Brings the database up to the last migration, each step in its own
 * transaction together with its `user_version`, so a crash leaves a whole
 * number of steps applied. Refuses a database written by a newer program.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const target = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > target) {
    throw new AppError(
      ErrorCode.STORE_SCHEMA_TOO_NEW,
      `the store's schema is version ${current}, newer than this program's ${target}; upgrade Accord to open it`,
      { schemaVersion: current, supportedVersion: target },
    );
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
