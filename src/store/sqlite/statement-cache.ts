import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements by SQL text. Queries built from a filter's shape come in
 * a bounded number of forms, so each is prepared once and reused.
 */
export class StatementCache {
  readonly #db: Database;
  readonly #statements = new Map<string, Statement>();

  constructor(db: Database) {
    this.#db = db;
  }

  get(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
