/**
 * Node-local data: what one node keeps for itself and never shares
 * (ARCHITECTURE.md "What is local to one node"): accounts, API-key hashes, API
 * roots, collection grants, TAXII status resources and the node's settings.
 * It lives in its own database beside the object store, so an export or a
 * sync of the object store can never carry a credential.
 *
 * The port is synchronous: it is always a local embedded database, and the
 * server asks it on every request (revocation checks), where a promise per
 * lookup would cost more than the lookup.
 */

/** The roles Accord knows. `admin` may do everything; the others get what collection grants name. */
export const ROLES = ['admin', 'analyst', 'partner', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** A person signs in; a system is a partner's or a tool's machine account. */
export const ACCOUNT_KINDS = ['person', 'system'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface Account {
  id: string;
  /** Unique; the HTTP Basic user id. */
  name: string;
  kind: AccountKind;
  role: Role;
  /** `hashSecret` output (scrypt); the secret itself is never stored. */
  secretHash: string;
  createdAt: string;
  disabled: boolean;
}

export interface AccountInput {
  name: string;
  kind: AccountKind;
  role: Role;
  secretHash: string;
}

export interface ApiKey {
  /** Public: appears in the key itself (`accord_<keyId>_<secret>`), logs and listings. */
  keyId: string;
  accountId: string;
  hash: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

export interface ApiKeyInput {
  keyId: string;
  accountId: string;
  hash: string;
  label?: string;
}

/** A TAXII API root (TAXII 2.1 §4.2) served at `/taxii2/<name>/`. */
export interface ApiRootRecord {
  /** One URL path segment: letters, digits, `-`, `_`. */
  name: string;
  title: string;
  description?: string;
  /** Largest request body accepted, in octets (§4.2.1 `max_content_length`). */
  maxContentLength: number;
}

/** Which roles may read and write a collection, and under which API root it is served. */
export interface CollectionGrant {
  collectionId: string;
  apiRoot: string;
  readRoles: Role[];
  writeRoles: Role[];
}

/** A stored TAXII status resource (§4.3) and who may read it back. */
export interface StatusRecord {
  id: string;
  apiRoot: string;
  /** The account whose request produced it. */
  accountId: string;
  /** The status resource as sent (TAXII wire shape). */
  resource: unknown;
}

/** What discovery (§4.1) says about the node. */
export interface NodeSettings {
  title: string;
  description?: string;
  contact?: string;
  /** The API root discovery names as `default`. */
  defaultApiRoot?: string;
  /** The id of the node's own STIX `identity` (federation/node-identity.ts): `created_by_ref` and `where_sighted_refs` of what the node produces. */
  identityId?: string;
}

export interface LocalStore {
  /** Accounts (§ of docs/server.md "Accounts and roles"). LOCAL_CONFLICT when the name is taken. */
  createAccount(input: AccountInput): Account;
  accountById(id: string): Account | undefined;
  accountByName(name: string): Account | undefined;
  listAccounts(): Account[];
  countAccounts(): number;
  setAccountDisabled(id: string, disabled: boolean): void;

  /** API keys. LOCAL_CONFLICT when the key id is taken; LOCAL_NOT_FOUND when the account is unknown. */
  createApiKey(input: ApiKeyInput): ApiKey;
  apiKey(keyId: string): ApiKey | undefined;
  listApiKeys(accountId?: string): ApiKey[];
  /** Revokes the key (idempotent); false when there is no such key. */
  revokeApiKey(keyId: string): boolean;
  /** Records a use, at most once a minute per key (a write per request would be waste). */
  touchApiKey(keyId: string, at?: Date): void;

  /** Creates or replaces an API root. */
  putApiRoot(root: ApiRootRecord): void;
  apiRoot(name: string): ApiRootRecord | undefined;
  listApiRoots(): ApiRootRecord[];

  /** Creates or replaces a collection's grant. */
  putGrant(grant: CollectionGrant): void;
  grant(collectionId: string): CollectionGrant | undefined;
  /** Every grant, or those of one API root, in creation order. */
  listGrants(apiRoot?: string): CollectionGrant[];

  saveStatus(status: StatusRecord): void;
  status(id: string): StatusRecord | undefined;

  settings(): NodeSettings;
  putSettings(settings: Partial<NodeSettings>): NodeSettings;

  close(): void;
}
