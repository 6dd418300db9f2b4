import type { Database, Statement } from 'better-sqlite3';
import { canonicalize } from '../../stix/canonical-json.ts';
import type { AuditCheckpoint, AuditEntry, AuditInput, AuditLog, AuditQuery, AuditVerification, AuditVerifyOptions } from './audit-log.ts';
import { hashEntry, verifyChain } from './chain.ts';

interface EntryRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'seq, at, actor, action, target, details, prev_hash, hash';

/**
 * The audit trail in the node-local database (tables `audit_log` and
 * `audit_head`, local migration 2). An append is one IMMEDIATE transaction:
 * it takes the write lock, reads the head, inserts the entry and moves the
 * head, so appenders in other processes on the same file (server and CLI,
 * WAL) wait their turn and can never fork the chain. Triggers refuse UPDATE
 * and DELETE of entries and any head move but the one to the entry just
 * appended; `verify` does not trust them and recomputes everything.
 */
export class SqliteAuditLog implements AuditLog {
  readonly #db: Database;
  readonly #head: Statement<[], AuditCheckpoint>;
  readonly #insert: Statement<[EntryRow]>;
  readonly #moveHead: Statement<[AuditCheckpoint]>;
  readonly #all: Statement<[], EntryRow>;
  readonly #lists = new Map<string, Statement<[Record<string, unknown>], EntryRow>>();
  readonly #append: (entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>) => AuditEntry;

  constructor(db: Database) {
    this.#db = db;
    this.#head = db.prepare<[], AuditCheckpoint>('SELECT entries AS seq, hash FROM audit_head WHERE id = 1');
    this.#insert = db.prepare<EntryRow>(`INSERT INTO audit_log (${COLUMNS}) VALUES (@seq, @at, @actor, @action, @target, @details, @prev_hash, @hash)`);
    this.#moveHead = db.prepare<AuditCheckpoint>('UPDATE audit_head SET entries = @seq, hash = @hash WHERE id = 1');
    this.#all = db.prepare<[], EntryRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`);
    const append = db.transaction((fields: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>): AuditEntry => {
      const head = this.#head.get();
      if (head === undefined) throw new Error('the audit head anchor is missing: run `accord audit verify`');
      const unhashed = { seq: head.seq + 1, ...fields, prevHash: head.hash };
      const entry: AuditEntry = { ...unhashed, hash: hashEntry(unhashed) };
      this.#insert.run(toRow(entry));
      this.#moveHead.run({ seq: entry.seq, hash: entry.hash });
      return entry;
    });
    this.#append = (fields) => append.immediate(fields);
  }

  append(input: AuditInput): AuditEntry {
    if (input.actor === '' || input.action === '') throw new TypeError('an audit entry needs an actor and an action');
    const fields: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'> = { at: new Date().toISOString(), actor: input.actor, action: input.action };
    if (input.target !== undefined) fields.target = input.target;
    // Kept exactly as hashed: what canonical JSON drops (undefined members) is gone from the entry too.
    if (input.details !== undefined) fields.details = JSON.parse(canonicalize(input.details)) as Record<string, unknown>;
    return this.#append(fields);
  }

  list(query: AuditQuery = {}): AuditEntry[] {
    const where = ['seq > @after'];
    if (query.before !== undefined) where.push('seq < @before');
    if (query.action !== undefined) where.push('action = @action');
    if (query.text !== undefined) {
      where.push("(instr(lower(actor), @text) > 0 OR instr(lower(coalesce(target, '')), @text) > 0 OR instr(lower(coalesce(details, '')), @text) > 0)");
    }
    const sql = `SELECT ${COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq ${query.order === 'desc' ? 'DESC' : 'ASC'} LIMIT @limit`;
    let statement = this.#lists.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare<Record<string, unknown>, EntryRow>(sql);
      this.#lists.set(sql, statement);
    }
    const params = {
      after: query.after ?? 0,
      limit: query.limit ?? -1,
      ...(query.before !== undefined && { before: query.before }),
      ...(query.action !== undefined && { action: query.action }),
      ...(query.text !== undefined && { text: query.text.toLowerCase() }),
    };
    return statement.all(params).map(toEntry);
  }

  verify(options: AuditVerifyOptions = {}): AuditVerification {
    // One read transaction: the anchor and the entries come from the same snapshot while others append.
    return this.#db.transaction(() => {
      const head = this.#head.get();
      return verifyChain(rowsToEntries(this.#all.iterate()), head, options.expect);
    })();
  }
}

function* rowsToEntries(rows: Iterable<EntryRow>): Iterable<AuditEntry> {
  for (const row of rows) yield toEntry(row);
}

function toRow(entry: AuditEntry): EntryRow {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details === undefined ? null : canonicalize(entry.details),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

function toEntry(row: EntryRow): AuditEntry {
  const entry: AuditEntry = { seq: row.seq, at: row.at, actor: row.actor, action: row.action, prevHash: row.prev_hash, hash: row.hash };
  if (row.target !== null) entry.target = row.target;
  if (row.details !== null) entry.details = parseDetails(row.details);
  return entry;
}

/** Stored details that are not a JSON object (tampering) still load, so that `verify` can name the entry. */
function parseDetails(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { unparsable: text };
  }
}
