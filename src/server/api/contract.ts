/**
 * The JSON API of a node for its web application (`/api/…`, issue 6): the
 * shapes of requests and answers. Types only: the server implements them
 * (server/api/), the SPA (web/) imports them with `import type`, and the
 * OpenAPI document (`/openapi.json`) describes the same routes.
 *
 * Authentication: the session cookie (`accord_session`, HttpOnly,
 * SameSite=Strict) set by `POST /api/session`, or an `Authorization` header
 * (Basic or Bearer API key) for tools. A state-changing call (POST, PUT,
 * PATCH, DELETE) authenticated by the cookie must carry the session's CSRF
 * token in the `X-CSRF-Token` header. Errors use the node's one error format
 * (a TAXII 2.1 error message resource: `title`, `description`, `error_code`,
 * `http_status`, `request_id`).
 *
 * Every object the API returns has passed the sharing policy
 * (federation/policy.ts `decide`) for the reader: the signed-in account.
 */

export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
export type Role = 'admin' | 'analyst' | 'partner' | 'reader';

/** The CSRF header every cookie-authenticated state-changing call sends. */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'accord_session';

/** `GET /api/node` (no login needed: the login page says which node it is). */
export interface NodeInfo {
  /** The node's identity name, e.g. "UK National Cyber Security Centre (demo)". */
  title: string;
  /** The node's STIX identity id. */
  identityId: string;
  country?: string;
  sectors: string[];
  /** The marking unmarked objects take on this node. */
  defaultMarking: TlpLevel;
  /** Fingerprint of the node's Ed25519 public key (as `accord identity show` prints it). */
  keyFingerprint?: string;
}

/** `POST /api/session` body. */
export interface LoginRequest {
  name: string;
  secret: string;
}

/** `POST /api/session` and `GET /api/session`. */
export interface SessionInfo {
  account: { name: string; role: Role };
  /** Send back in `X-CSRF-Token` on POST/PUT/PATCH/DELETE. */
  csrfToken: string;
  node: NodeInfo;
  /** The start of this account's previous session (RFC 3339), absent on a first visit. */
  previousVisit?: string;
}

/** One object in a list: what a table row or a graph node needs. */
export interface ObjectSummary {
  id: string;
  type: string;
  /** `name`, else a readable stand-in (pattern, value, relationship type, id). */
  name: string;
  /** The effective TLP level (the node's default marking when unmarked). */
  tlp: TlpLevel;
  /** False when the TLP level is the node's default, not a marking on the object. */
  marked: boolean;
  created?: string;
  modified?: string;
  /** When this version reached this node. */
  dateAdded: string;
  labels: string[];
  /** The partner the latest version came from; absent: made on this node. */
  origin?: string;
  createdByRef?: string;
}

export const SORT_FIELDS = ['relevance', 'name', 'type', 'created', 'modified', 'added'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/**
 * `GET /api/objects` query string (every parameter optional; list parameters
 * may repeat or be comma-separated): `q` full-text, `type`, `partner` (origin;
 * `local` for this node's own), `tlp`, `label`, `from`/`to` (on `modified`,
 * RFC 3339 or a date), `sort` (a SortField; `relevance` needs `q`), `order`
 * (`asc`|`desc`), `offset` (default 0), `limit` (default 50, at most 500).
 */
export interface ObjectQuery {
  q?: string;
  type?: string[];
  partner?: string[];
  tlp?: TlpLevel[];
  label?: string[];
  from?: string;
  to?: string;
  sort?: SortField;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface ObjectList {
  items: ObjectSummary[];
  /** How many objects match (the policy already applied). */
  total: number;
  offset: number;
  limit: number;
}

/** `GET /api/facets`: values for the explorer's filter controls. */
export interface Facets {
  types: { type: string; count: number }[];
  /** The most used labels, most used first (at most 100). */
  labels: { label: string; count: number }[];
  /** Partners objects came from (names), plus `local`. */
  origins: string[];
}

export interface VersionInfo {
  version: string;
  dateAdded: string;
  /** The partner this version came from, absent: made here. */
  origin?: string;
  /** The inbound agreement it arrived under. */
  agreementId?: string;
  receivedAt?: string;
}

export interface RelationshipInfo {
  /** The `relationship` object's id, or absent for an embedded reference (`created_by_ref`, `object_refs`, …). */
  id?: string;
  /** `relationship_type`, or the embedded property name. */
  kind: string;
  direction: 'out' | 'in';
  /** The object at the other end. */
  other: ObjectSummary;
}

/** `GET /api/objects/:id`: the latest version the reader may see, every property, with its history and context. */
export interface ObjectDetail {
  summary: ObjectSummary;
  /** The STIX object exactly as stored. */
  object: Record<string, unknown>;
  /** Newest first; only versions the reader may see. */
  versions: VersionInfo[];
  relationships: RelationshipInfo[];
}

/** `GET /api/graph/:id?depth=1&limit=300`: the neighbourhood the reader may see. */
export interface GraphData {
  nodes: ObjectSummary[];
  edges: { source: string; target: string; kind: string; id?: string }[];
  /** True when the limit cut the neighbourhood short. */
  truncated: boolean;
}

/** A problem in a pattern, positioned (1-based line and column; `offset` 0-based in characters). */
export interface PatternProblem {
  code: string;
  message: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

/** `POST /api/pattern/check` body `{ pattern }` → */
export interface PatternCheck {
  ok: boolean;
  errors: PatternProblem[];
  warnings: PatternProblem[];
}

/** `POST /api/pattern/match` body. Observations as `POST /api/match` takes them (observed-data, bundles, flat log records). */
export interface PatternMatchRequest {
  pattern: string;
  observations: unknown[];
}

/** `POST /api/pattern/match` → (a pattern with errors answers 400 with the first error positioned in the description). */
export interface PatternMatchResult {
  matched: boolean;
  /** Indexes in `observations` of the observations of the first match. */
  matchedObservations: number[];
  observationCount: number;
}

export interface SyncLink {
  partner: string;
  direction: 'pull' | 'push';
  collectionId: string;
  cursor?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  /** Seconds since the last success (absent: never succeeded). */
  lagSeconds?: number;
  health: 'ok' | 'failing' | 'never';
}

/** `GET /api/partners` answers a list of these. */
export interface PartnerView {
  name: string;
  kind: 'state' | 'industry' | 'public';
  url?: string;
  identityId?: string;
  /** Fingerprint of its registered Ed25519 key. */
  keyFingerprint?: string;
  publicKey?: string;
  accountName?: string;
  /** The partner's collection pushes go to, when chosen. */
  pushCollection?: string;
  createdAt: string;
  links: SyncLink[];
}

/**
 * `PATCH /api/partners/:name` body (administrators; audited as `partner.update`):
 * the fields to change, the others kept. `credentials` (`USER:SECRET` or an API
 * key for the partner's server) is write-only: never answered back. Answers the
 * changed `PartnerView`.
 */
export interface PartnerUpdate {
  url?: string;
  identityId?: string;
  publicKey?: string;
  accountName?: string;
  credentials?: string;
  pushCollection?: string;
}

/** `GET /api/agreements` answers a list of these; `POST /api/agreements` and `PUT /api/agreements/:id` take `AgreementInput` (administrators; audited). */
export interface AgreementView {
  id: string;
  partner: string;
  direction: 'outbound' | 'inbound';
  collections: string[];
  objectTypes: string[];
  tlp: TlpLevel[];
  onward: boolean;
  basis?: string;
  updatedAt: string;
}

export type AgreementInput = Omit<AgreementView, 'id' | 'updatedAt'> & { id?: string };

/** `GET /api/dashboard`. */
export interface Dashboard {
  /** The start of the previous visit the "since" figures count from (absent: the last 7 days). */
  since: string;
  /** Per partner, what arrived from it since then. */
  sharedSince: { partner: string; objects: number; byType: Record<string, number>; latest: ObjectSummary[] }[];
  sync: SyncLink[];
  /** The most recent sightings (newest first, at most 10). */
  sightings: ObjectSummary[];
  /** Things someone should look at, most urgent first. */
  actions: ActionItem[];
  counts: { objects: number; indicators: number; partners: number; agreements: number };
}

export interface ActionItem {
  kind: 'sync-failing' | 'sync-never' | 'audit-broken' | 'new-sightings' | 'withheld';
  severity: 'high' | 'medium' | 'low';
  title: string;
  detail: string;
  /** Where in the app to act (an app path, e.g. `/partners`). */
  href: string;
}

/** `GET /api/audit?q=&action=&before=&limit=` (administrators and analysts). Newest first. */
export interface AuditList {
  items: AuditEntryView[];
  /** Pass as `before` for the next (older) page; absent at the first entry. */
  nextBefore?: number;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target?: string;
  details?: unknown;
  hash: string;
}

/** `GET /api/audit/verify`. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  headHash?: string;
  /** What is wrong when not ok: the first bad entry and why. */
  problem?: string;
  checkedAt: string;
}

/** One co-signature's verdict in a `StatementVerification`. */
export interface StatementSignatureVerdict {
  /** The signer's identity id (`signer_ref`), or "(unknown)". */
  signer: string;
  /** The signer identity's `name`, when the bundle holds it. */
  signerName?: string;
  /** The fingerprint of the key the signature carries. */
  fingerprint?: string;
  valid: boolean;
  /** Why it is not valid. */
  reason?: string;
}

/**
 * `POST /api/statements/verify` body: a statement bundle (the report, its
 * accord-signature objects, the signers' identities) → (any signed-in account;
 * `accord verify FILE` prints the same). `ok` only when every signature verifies.
 */
export interface StatementVerification {
  ok: boolean;
  statementId?: string;
  signatures: StatementSignatureVerdict[];
  /** Every reason for `ok: false`, one sentence each. */
  problems: string[];
}
