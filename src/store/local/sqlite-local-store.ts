import { randomUUID } from 'node:crypto';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { TlpLevel } from '../../stix/markings.ts';
import type {
  Account,
  AccountInput,
  AgreementRecord,
  ApiKey,
  ApiKeyInput,
  ApiRootRecord,
  CollectionGrant,
  LocalStore,
  NodeKeyRecord,
  NodeSettings,
  PartnerRecord,
  Role,
  SessionRecord,
  StatusRecord,
  ProvenanceRecord,
  SyncDirection,
  SyncStateRecord,
} from './local-store.ts';
import { migrate } from '../sqlite/migrations.ts';
import { LOCAL_MIGRATIONS } from './migrations.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { SqliteAuditLog } from '../audit/sqlite-audit-log.ts';

/** The file name of the node-local database inside a data directory. */
export const LOCAL_STORE_FILE = 'node.sqlite';

const DEFAULT_SETTINGS: NodeSettings = { title: 'Accord node' };

/** `touchApiKey` writes at most this often per key. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SqliteLocalStoreOptions {
  /** The database file (created if missing; its folder must exist), or `':memory:'`. */
  path: string;
}

/** Opens (creating or migrating) the node-local database. */
export function openSqliteLocalStore(options: SqliteLocalStoreOptions): SqliteLocalStore {
  const db = new BetterSqlite3(options.path);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a status resource acknowledged to a client must survive a power loss as well as a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, LOCAL_MIGRATIONS, 'the node-local database');
    return new SqliteLocalStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

interface AccountRow {
  id: string;
  name: string;
  kind: Account['kind'];
  role: Role;
  secret_hash: string;
  created_at: string;
  disabled: number;
}

interface ApiKeyRow {
  key_id: string;
  account_id: string;
  hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

interface ApiRootRow {
  name: string;
  title: string;
  description: string | null;
  max_content_length: number;
}

interface GrantRow {
  collection_id: string;
  api_root: string;
  read_roles: string;
  write_roles: string;
}

interface NodeKeyRow {
  algorithm: NodeKeyRecord['algorithm'];
  public_key: string;
  private_key: string;
  created_at: string;
}

interface PartnerRow {
  name: string;
  kind: PartnerRecord['kind'];
  url: string | null;
  identity_id: string | null;
  public_key: string | null;
  account_name: string | null;
  push_collection: string | null;
  created_at: string;
}

interface AgreementRow {
  id: string;
  partner: string;
  direction: AgreementRecord['direction'];
  collections: string;
  object_types: string;
  tlp: string;
  onward: number;
  basis: string | null;
  updated_at: string;
}

/** The LocalStore on one better-sqlite3 connection (WAL). */
export class SqliteLocalStore implements LocalStore {
  readonly #db: Database;
  readonly #statements = new Map<string, Statement>();
  #auditLog: AuditLog | undefined;

  constructor(db: Database) {
    this.#db = db;
  }

  createAccount(input: AccountInput): Account {
    const account: Account = { id: randomUUID(), ...input, createdAt: new Date().toISOString(), disabled: false };
    try {
      this.#run('INSERT INTO accounts (id, name, kind, role, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        account.id, account.name, account.kind, account.role, account.secretHash, account.createdAt);
    } catch (error) {
      throw conflictOr(error, `an account named ${JSON.stringify(input.name)} already exists`);
    }
    return account;
  }

  accountById(id: string): Account | undefined {
    const row = this.#get<AccountRow>('SELECT * FROM accounts WHERE id = ?', id);
    return row && toAccount(row);
  }

  accountByName(name: string): Account | undefined {
    const row = this.#get<AccountRow>('SELECT * FROM accounts WHERE name = ?', name);
    return row && toAccount(row);
  }

  listAccounts(): Account[] {
    return this.#all<AccountRow>('SELECT * FROM accounts ORDER BY name').map(toAccount);
  }

  countAccounts(): number {
    return this.#get<{ n: number }>('SELECT count(*) AS n FROM accounts')!.n;
  }

  setAccountDisabled(id: string, disabled: boolean): void {
    const changes = this.#run('UPDATE accounts SET disabled = ? WHERE id = ?', disabled ? 1 : 0, id);
    if (changes === 0) throw new AppError(ErrorCode.LOCAL_NOT_FOUND, `no account with id ${id}`);
  }

  createApiKey(input: ApiKeyInput): ApiKey {
    if (this.accountById(input.accountId) === undefined) throw new AppError(ErrorCode.LOCAL_NOT_FOUND, `no account with id ${input.accountId}`);
    const key: ApiKey = { ...input, createdAt: new Date().toISOString() };
    try {
      this.#run('INSERT INTO api_keys (key_id, account_id, hash, label, created_at) VALUES (?, ?, ?, ?, ?)',
        key.keyId, key.accountId, key.hash, key.label ?? null, key.createdAt);
    } catch (error) {
      throw conflictOr(error, `an API key with id ${input.keyId} already exists`);
    }
    return key;
  }

  apiKey(keyId: string): ApiKey | undefined {
    const row = this.#get<ApiKeyRow>('SELECT * FROM api_keys WHERE key_id = ?', keyId);
    return row && toApiKey(row);
  }

  listApiKeys(accountId?: string): ApiKey[] {
    const rows = accountId === undefined
      ? this.#all<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, key_id')
      : this.#all<ApiKeyRow>('SELECT * FROM api_keys WHERE account_id = ? ORDER BY created_at, key_id', accountId);
    return rows.map(toApiKey);
  }

  revokeApiKey(keyId: string): boolean {
    if (this.apiKey(keyId) === undefined) return false;
    this.#run('UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE key_id = ?', new Date().toISOString(), keyId);
    return true;
  }

  touchApiKey(keyId: string, at: Date = new Date()): void {
    const threshold = new Date(at.getTime() - TOUCH_INTERVAL_MS).toISOString();
    this.#run('UPDATE api_keys SET last_used_at = ? WHERE key_id = ? AND (last_used_at IS NULL OR last_used_at < ?)', at.toISOString(), keyId, threshold);
  }

  putApiRoot(root: ApiRootRecord): void {
    this.#run(
      `INSERT INTO api_roots (name, title, description, max_content_length, seq)
       VALUES (?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM api_roots))
       ON CONFLICT (name) DO UPDATE SET title = excluded.title, description = excluded.description, max_content_length = excluded.max_content_length`,
      root.name, root.title, root.description ?? null, root.maxContentLength,
    );
  }

  apiRoot(name: string): ApiRootRecord | undefined {
    const row = this.#get<ApiRootRow>('SELECT * FROM api_roots WHERE name = ?', name);
    return row && toApiRoot(row);
  }

  listApiRoots(): ApiRootRecord[] {
    return this.#all<ApiRootRow>('SELECT * FROM api_roots ORDER BY seq').map(toApiRoot);
  }

  putGrant(grant: CollectionGrant): void {
    if (this.apiRoot(grant.apiRoot) === undefined) throw new AppError(ErrorCode.LOCAL_NOT_FOUND, `no API root named ${grant.apiRoot}`);
    this.#run(
      `INSERT INTO collection_grants (collection_id, api_root, read_roles, write_roles, seq)
       VALUES (?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM collection_grants))
       ON CONFLICT (collection_id) DO UPDATE SET api_root = excluded.api_root, read_roles = excluded.read_roles, write_roles = excluded.write_roles`,
      grant.collectionId, grant.apiRoot, JSON.stringify(grant.readRoles), JSON.stringify(grant.writeRoles),
    );
  }

  grant(collectionId: string): CollectionGrant | undefined {
    const row = this.#get<GrantRow>('SELECT * FROM collection_grants WHERE collection_id = ?', collectionId);
    return row && toGrant(row);
  }

  listGrants(apiRoot?: string): CollectionGrant[] {
    const rows = apiRoot === undefined
      ? this.#all<GrantRow>('SELECT * FROM collection_grants ORDER BY seq')
      : this.#all<GrantRow>('SELECT * FROM collection_grants WHERE api_root = ? ORDER BY seq', apiRoot);
    return rows.map(toGrant);
  }

  saveStatus(status: StatusRecord): void {
    this.#run(
      `INSERT INTO taxii_statuses (id, api_root, account_id, resource, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET resource = excluded.resource`,
      status.id, status.apiRoot, status.accountId, JSON.stringify(status.resource), new Date().toISOString(),
    );
  }

  status(id: string): StatusRecord | undefined {
    const row = this.#get<{ id: string; api_root: string; account_id: string; resource: string }>('SELECT * FROM taxii_statuses WHERE id = ?', id);
    return row && { id: row.id, apiRoot: row.api_root, accountId: row.account_id, resource: JSON.parse(row.resource) as unknown };
  }

  settings(): NodeSettings {
    const rows = this.#all<{ key: string; value: string }>('SELECT key, value FROM settings');
    const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
    return { ...DEFAULT_SETTINGS, ...stored } as NodeSettings;
  }

  putSettings(settings: Partial<NodeSettings>): NodeSettings {
    this.#db.transaction(() => {
      for (const [key, value] of Object.entries(settings)) {
        if (value === undefined) this.#run('DELETE FROM settings WHERE key = ?', key);
        else this.#run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, JSON.stringify(value));
      }
    }).immediate();
    return this.settings();
  }

  nodeKey(): NodeKeyRecord | undefined {
    const row = this.#get<NodeKeyRow>('SELECT algorithm, public_key, private_key, created_at FROM node_keys WHERE retired_at IS NULL');
    return row && { algorithm: row.algorithm, publicKey: row.public_key, privateKey: row.private_key, createdAt: row.created_at };
  }

  addNodeKey(key: NodeKeyRecord): boolean {
    return this.#run(
      `INSERT INTO node_keys (algorithm, public_key, private_key, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT ((retired_at IS NULL)) WHERE retired_at IS NULL DO NOTHING`,
      key.algorithm, key.publicKey, key.privateKey, key.createdAt,
    ) === 1;
  }

  addPartner(partner: PartnerRecord, credentials?: string): void {
    try {
      this.#run('INSERT INTO partners (name, kind, url, identity_id, public_key, account_name, push_collection, credentials, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        partner.name, partner.kind, partner.url ?? null, partner.identityId ?? null, partner.publicKey ?? null, partner.accountName ?? null, partner.pushCollection ?? null,
        credentials ?? null, partner.createdAt);
    } catch (error) {
      throw conflictOr(error, `a partner named ${JSON.stringify(partner.name)} already exists`);
    }
  }

  partner(name: string): PartnerRecord | undefined {
    const row = this.#get<PartnerRow>('SELECT * FROM partners WHERE name = ?', name);
    return row && toPartner(row);
  }

  listPartners(): PartnerRecord[] {
    return this.#all<PartnerRow>('SELECT * FROM partners ORDER BY name').map(toPartner);
  }

  partnerCredentials(name: string): string | undefined {
    return this.#get<{ credentials: string | null }>('SELECT credentials FROM partners WHERE name = ?', name)?.credentials ?? undefined;
  }

  updatePartner(partner: PartnerRecord, credentials: string | undefined): boolean {
    return this.#run('UPDATE partners SET kind = ?, url = ?, identity_id = ?, public_key = ?, account_name = ?, push_collection = ?, credentials = ? WHERE name = ?',
      partner.kind, partner.url ?? null, partner.identityId ?? null, partner.publicKey ?? null, partner.accountName ?? null, partner.pushCollection ?? null,
      credentials ?? null, partner.name) === 1;
  }

  removePartner(name: string): boolean {
    const agreements = this.listAgreements(name);
    if (agreements.length > 0) {
      throw new AppError(ErrorCode.LOCAL_CONFLICT, `partner ${name} still has agreements (${agreements.map((agreement) => agreement.id).join(', ')}); remove them first`);
    }
    return this.#run('DELETE FROM partners WHERE name = ?', name) === 1;
  }

  putAgreement(agreement: AgreementRecord): void {
    if (this.partner(agreement.partner) === undefined) throw new AppError(ErrorCode.LOCAL_NOT_FOUND, `no partner named ${agreement.partner}`);
    this.#run(
      `INSERT INTO agreements (id, partner, direction, collections, object_types, tlp, onward, basis, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET partner = excluded.partner, direction = excluded.direction, collections = excluded.collections,
         object_types = excluded.object_types, tlp = excluded.tlp, onward = excluded.onward, basis = excluded.basis, updated_at = excluded.updated_at`,
      agreement.id, agreement.partner, agreement.direction, JSON.stringify(agreement.collections), JSON.stringify(agreement.objectTypes),
      JSON.stringify(agreement.tlp), agreement.onward ? 1 : 0, agreement.basis ?? null, agreement.updatedAt,
    );
  }

  agreement(id: string): AgreementRecord | undefined {
    const row = this.#get<AgreementRow>('SELECT * FROM agreements WHERE id = ?', id);
    return row && toAgreement(row);
  }

  listAgreements(partner?: string): AgreementRecord[] {
    const rows = partner === undefined
      ? this.#all<AgreementRow>('SELECT * FROM agreements ORDER BY partner, direction DESC, id')
      : this.#all<AgreementRow>('SELECT * FROM agreements WHERE partner = ? ORDER BY direction DESC, id', partner);
    return rows.map(toAgreement);
  }

  removeAgreement(id: string): boolean {
    return this.#run('DELETE FROM agreements WHERE id = ?', id) === 1;
  }

  recordProvenance(records: readonly ProvenanceRecord[]): void {
    const insert = this.#db.prepare('INSERT OR IGNORE INTO provenance (object_id, modified, partner, agreement_id, received_at) VALUES (?, ?, ?, ?, ?)');
    this.#db.transaction(() => {
      for (const record of records) insert.run(record.objectId, record.modified, record.partner, record.agreementId, record.receivedAt);
    })();
  }

  provenanceOf(objectId: string, modified: string): ProvenanceRecord | undefined {
    const row = this.#get<{ partner: string; agreement_id: string; received_at: string }>(
      'SELECT partner, agreement_id, received_at FROM provenance WHERE object_id = ? AND modified = ?', objectId, modified);
    return row && { objectId, modified, partner: row.partner, agreementId: row.agreement_id, receivedAt: row.received_at };
  }

  syncState(partner: string, direction: SyncDirection, collectionId: string): SyncStateRecord | undefined {
    const row = this.#get<SyncStateRow>('SELECT * FROM sync_state WHERE partner = ? AND direction = ? AND collection_id = ?', partner, direction, collectionId);
    return row && toSyncState(row);
  }

  putSyncState(record: SyncStateRecord): void {
    this.#run(
      `INSERT INTO sync_state (partner, direction, collection_id, cursor, last_attempt_at, last_success_at, last_error, last_error_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (partner, direction, collection_id) DO UPDATE SET cursor = excluded.cursor, last_attempt_at = excluded.last_attempt_at,
         last_success_at = excluded.last_success_at, last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
      record.partner, record.direction, record.collectionId, record.cursor ?? null, record.lastAttemptAt ?? null,
      record.lastSuccessAt ?? null, record.lastError ?? null, record.lastErrorAt ?? null,
    );
  }

  listSyncState(partner?: string): SyncStateRecord[] {
    const rows = partner === undefined
      ? this.#all<SyncStateRow>('SELECT * FROM sync_state ORDER BY partner, direction, collection_id')
      : this.#all<SyncStateRow>('SELECT * FROM sync_state WHERE partner = ? ORDER BY direction, collection_id', partner);
    return rows.map(toSyncState);
  }

  // --- web sessions and provenance reads for the web API ---
  createSession(session: Omit<SessionRecord, 'previousVisit'>): string | undefined {
    return this.#db.transaction(() => {
      const previous = this.#get<{ last_login_at: string }>('SELECT last_login_at FROM account_visits WHERE account_id = ?', session.accountId)?.last_login_at;
      this.#run('INSERT INTO sessions (hash, account_id, csrf_token, created_at, last_seen_at, expires_at, previous_visit) VALUES (?, ?, ?, ?, ?, ?, ?)',
        session.hash, session.accountId, session.csrfToken, session.createdAt, session.lastSeenAt, session.expiresAt, previous ?? null);
      this.#run('INSERT INTO account_visits (account_id, last_login_at) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET last_login_at = excluded.last_login_at',
        session.accountId, session.createdAt);
      return previous;
    }).immediate();
  }

  session(hash: string, now: string): SessionRecord | undefined {
    const row = this.#get<SessionRow>('SELECT * FROM sessions WHERE hash = ? AND expires_at > ?', hash, now);
    if (row === undefined) return undefined;
    const record: SessionRecord = { hash: row.hash, accountId: row.account_id, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
    if (row.previous_visit !== null) record.previousVisit = row.previous_visit;
    return record;
  }

  touchSession(hash: string, lastSeenAt: string, expiresAt: string): void {
    this.#run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE hash = ?', lastSeenAt, expiresAt, hash);
  }

  removeSession(hash: string): boolean {
    return this.#run('DELETE FROM sessions WHERE hash = ?', hash) === 1;
  }

  removeExpiredSessions(now: string): number {
    return this.#run('DELETE FROM sessions WHERE expires_at <= ?', now);
  }

  receivedObjectIds(partner?: string, since?: string): string[] {
    const rows = this.#all<{ object_id: string }>(
      `SELECT object_id FROM provenance WHERE (@partner IS NULL OR partner = @partner) AND (@since IS NULL OR received_at > @since)
       GROUP BY object_id ORDER BY max(received_at) DESC, object_id`, { partner: partner ?? null, since: since ?? null });
    return rows.map((row) => row.object_id);
  }

  provenancePartners(): string[] {
    return this.#all<{ partner: string }>('SELECT DISTINCT partner FROM provenance ORDER BY partner').map((row) => row.partner);
  }

  /** The node's audit trail, in this same database (one handle; closed with the store). */
  auditLog(): AuditLog {
    this.#auditLog ??= new SqliteAuditLog(this.#db);
    return this.#auditLog;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #run(sql: string, ...params: unknown[]): number {
    return this.#statement(sql).run(...params).changes;
  }

  #get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.#statement(sql).get(...params) as T | undefined;
  }

  #all<T>(sql: string, ...params: unknown[]): T[] {
    return this.#statement(sql).all(...params) as T[];
  }
}

function conflictOr(error: unknown, message: string): unknown {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') ? new AppError(ErrorCode.LOCAL_CONFLICT, message, undefined, { cause: error }) : error;
}

function toAccount(row: AccountRow): Account {
  return { id: row.id, name: row.name, kind: row.kind, role: row.role, secretHash: row.secret_hash, createdAt: row.created_at, disabled: row.disabled !== 0 };
}

function toApiKey(row: ApiKeyRow): ApiKey {
  const key: ApiKey = { keyId: row.key_id, accountId: row.account_id, hash: row.hash, createdAt: row.created_at };
  if (row.label !== null) key.label = row.label;
  if (row.revoked_at !== null) key.revokedAt = row.revoked_at;
  if (row.last_used_at !== null) key.lastUsedAt = row.last_used_at;
  return key;
}

function toApiRoot(row: ApiRootRow): ApiRootRecord {
  const root: ApiRootRecord = { name: row.name, title: row.title, maxContentLength: row.max_content_length };
  if (row.description !== null) root.description = row.description;
  return root;
}

function toGrant(row: GrantRow): CollectionGrant {
  return { collectionId: row.collection_id, apiRoot: row.api_root, readRoles: JSON.parse(row.read_roles) as Role[], writeRoles: JSON.parse(row.write_roles) as Role[] };
}

function toPartner(row: PartnerRow): PartnerRecord {
  const partner: PartnerRecord = { name: row.name, kind: row.kind, createdAt: row.created_at };
  if (row.url !== null) partner.url = row.url;
  if (row.identity_id !== null) partner.identityId = row.identity_id;
  if (row.public_key !== null) partner.publicKey = row.public_key;
  if (row.account_name !== null) partner.accountName = row.account_name;
  if (row.push_collection !== null) partner.pushCollection = row.push_collection;
  return partner;
}

function toAgreement(row: AgreementRow): AgreementRecord {
  const agreement: AgreementRecord = {
    id: row.id,
    partner: row.partner,
    direction: row.direction,
    collections: JSON.parse(row.collections) as string[],
    objectTypes: JSON.parse(row.object_types) as string[],
    tlp: JSON.parse(row.tlp) as TlpLevel[],
    onward: row.onward !== 0,
    updatedAt: row.updated_at,
  };
  if (row.basis !== null) agreement.basis = row.basis;
  return agreement;
}

interface SyncStateRow {
  partner: string;
  direction: SyncDirection;
  collection_id: string;
  cursor: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

function toSyncState(row: SyncStateRow): SyncStateRecord {
  const record: SyncStateRecord = { partner: row.partner, direction: row.direction, collectionId: row.collection_id };
  if (row.cursor !== null) record.cursor = row.cursor;
  if (row.last_attempt_at !== null) record.lastAttemptAt = row.last_attempt_at;
  if (row.last_success_at !== null) record.lastSuccessAt = row.last_success_at;
  if (row.last_error !== null) record.lastError = row.last_error;
  if (row.last_error_at !== null) record.lastErrorAt = row.last_error_at;
  return record;
}

interface SessionRow {
  hash: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  previous_visit: string | null;
}
