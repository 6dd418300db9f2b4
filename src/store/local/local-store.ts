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
import type { TlpLevel } from '../../stix/markings.ts';

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
  /** The TLP level of an object that carries no TLP marking, for the sharing policy (absent: TLP:AMBER). */
  defaultMarking?: TlpLevel;
}

/** The node's signing key pair (federation/keys.ts): DER in base64. The private key never leaves node.sqlite. */
export interface NodeKeyRecord {
  algorithm: 'ed25519';
  /** SPKI DER, base64. */
  publicKey: string;
  /** PKCS#8 DER, base64. */
  privateKey: string;
  createdAt: string;
}

/** A partner (federation/model.ts `Partner`): another state's or industry's node, or the public. */
export interface PartnerRecord {
  /** Unique, short, lower case (`au`, `pl`, `acme-isac`): used on the command line and in logs. */
  name: string;
  /** A full partner state's node, an industry partner's node, or the public (no node: the public pages). */
  kind: 'state' | 'industry' | 'public';
  /** The partner node's TAXII API root URL (absent for the public). */
  url?: string;
  /** The STIX `identity` id of the partner organisation. */
  identityId?: string;
  /** The partner node's Ed25519 public key (SPKI, base64) that verifies what it sends. */
  publicKey?: string;
  /** The local account the partner's node signs in with here (its reads are that partner's reads). */
  accountName?: string;
  /** The collection of the partner's node that pushes go to; absent: the first one it lets this node write. */
  pushCollection?: string;
  createdAt: string;
}

/**
 * A sharing agreement (federation/model.ts `SharingAgreement`) for one partner and
 * direction — `outbound`: what this node shares with the partner; `inbound`: what
 * it accepts from the partner. `'*'` in a list means any.
 */
export interface AgreementRecord {
  id: string;
  partner: string;
  direction: 'outbound' | 'inbound';
  /** Collection ids covered (`['*']`: all). */
  collections: string[];
  /** STIX object types covered (`['*']`: all). */
  objectTypes: string[];
  /** TLP levels that may flow under this agreement. */
  tlp: TlpLevel[];
  /**
   * Inbound: whether what this partner sends may be passed on to other partners
   * (only ever CLEAR/GREEN — AMBER, AMBER+STRICT and RED never travel onward).
   * Outbound: whether the partner may pass on what we send (recorded, and told to the partner).
   */
  onward: boolean;
  /** Free text: the joint statement or MoU the agreement implements. */
  basis?: string;
  updatedAt: string;
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

  /** The node's current signing key, or undefined before `accord init`. */
  nodeKey(): NodeKeyRecord | undefined;
  /** Stores the node's key unless it already has one: false (and nothing stored) when it has. */
  addNodeKey(key: NodeKeyRecord): boolean;

  /** Partners. LOCAL_CONFLICT when the name is taken. `credentials`: the secret this node signs in at the partner with. */
  addPartner(partner: PartnerRecord, credentials?: string): void;
  partner(name: string): PartnerRecord | undefined;
  /** Every partner, by name. */
  listPartners(): PartnerRecord[];
  /** The stored sign-in secret for the partner's server (never to be printed). */
  partnerCredentials(name: string): string | undefined;
  /** Replaces a partner's fields (by name; `createdAt` is kept) and its credentials (undefined: none); false when there is none. */
  updatePartner(partner: PartnerRecord, credentials: string | undefined): boolean;
  /** Removes a partner; false when there is none. LOCAL_CONFLICT while agreements name it. */
  removePartner(name: string): boolean;

  /** Creates or replaces an agreement (by id). LOCAL_NOT_FOUND when the partner is unknown. */
  putAgreement(agreement: AgreementRecord): void;
  agreement(id: string): AgreementRecord | undefined;
  /** Every agreement, or those of one partner, by partner, direction and id. */
  listAgreements(partner?: string): AgreementRecord[];
  /** False when there is no such agreement. */
  removeAgreement(id: string): boolean;

  /** Records where received versions came from; the first arrival of a version is kept. */
  recordProvenance(records: readonly ProvenanceRecord[]): void;
  /** Where the version `objectId` @ `modified` came from; undefined: made on this node. */
  provenanceOf(objectId: string, modified: string): ProvenanceRecord | undefined;

  /** Where one sync link stands (federation/sync); undefined before its first run. */
  syncState(partner: string, direction: SyncDirection, collectionId: string): SyncStateRecord | undefined;
  /** Creates or replaces the state of one sync link. */
  putSyncState(record: SyncStateRecord): void;
  /** Every sync link's state, or one partner's, by partner, direction and collection. */
  listSyncState(partner?: string): SyncStateRecord[];

  // --- web sessions and what the web API reads of provenance (server/session.ts, server/api/) ---
  /** Stores a new web session and returns the start of the account's previous session (undefined: its first). */
  createSession(session: Omit<SessionRecord, 'previousVisit'>): string | undefined;
  /** The unexpired session whose id hashes to `hash` at `now`. */
  session(hash: string, now: string): SessionRecord | undefined;
  /** Moves a session's last use and its expiry. */
  touchSession(hash: string, lastSeenAt: string, expiresAt: string): void;
  /** Ends a session (logout); false when there is none. */
  removeSession(hash: string): boolean;
  /** Drops sessions expired at `now`; returns how many. */
  removeExpiredSessions(now: string): number;
  /** Ids of objects with a version received from `partner` (any partner when undefined), newest arrival first, received after `since` when given. */
  receivedObjectIds(partner?: string, since?: string): string[];
  /** The partners any stored version came from, by name. */
  provenancePartners(): string[];

  settings(): NodeSettings;
  putSettings(settings: Partial<NodeSettings>): NodeSettings;

  close(): void;
}

/** Where one object version came from (issue 5): which partner sent it, when, under which inbound agreement. */
export interface ProvenanceRecord {
  objectId: string;
  /** The version (`modified`, else `created`, else the time it was received for an unversioned SCO). */
  modified: string;
  /** The partner that sent it. */
  partner: string;
  /** The inbound agreement it arrived under. */
  agreementId: string;
  receivedAt: string;
}

/** `pull`: what this node fetches from a partner; `push`: what it sends to one. */
export type SyncDirection = 'pull' | 'push';

/**
 * Where one sync link stands (federation/sync): for a pull, the partner's
 * collection read and the `added_after` of the next run (the partner's
 * X-TAXII-Date-Added-Last of the last page ingested); for a push, the local
 * collection read and the date added of the last version acknowledged.
 */
export interface SyncStateRecord {
  partner: string;
  direction: SyncDirection;
  /** Pull: the partner's collection id; push: the local collection id. */
  collectionId: string;
  /** Absent: from the beginning. */
  cursor?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  /** The error of the last run when it failed; cleared by a success. */
  lastError?: string;
  lastErrorAt?: string;
}

/**
 * A web session (server/session.ts): the SHA-256 of its random id, never the
 * id; the CSRF token the browser echoes on state-changing calls; and when it
 * stops (the earlier of the idle and the absolute expiry).
 */
export interface SessionRecord {
  /** Hex SHA-256 of the cookie's session id. */
  hash: string;
  accountId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The start of the account's session before this one. */
  previousVisit?: string;
}
