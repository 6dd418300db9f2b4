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

/* ------------------------------------------------------------------------ *
 * Issue 7: incidents, attribution, statements
 *
 * Incidents (STIX `incident` with the accord-incident extension), their
 * correlations, joint attribution cases, joint public statements and the
 * record of public attributions. Wire objects keep STIX snake_case property
 * names; views add camelCase fields. Writes (POST/PATCH) are for analysts and
 * administrators; the node's own identity acts, the account is audited.
 * Bad input answers 400 listing every problem (`details.problems`); a step
 * the workflow does not allow now answers 409 with the reason.
 * ------------------------------------------------------------------------ */

export type IncidentCategory =
  | 'ransomware' | 'hack-and-leak' | 'espionage' | 'destructive-wiper' | 'ddos' | 'supply-chain'
  | 'election-interference' | 'critical-infrastructure-disruption' | 'fraud-cybercrime' | 'other';
export type IncidentStatus = 'open' | 'contained' | 'closed';
export type DataImpact = 'stolen' | 'leaked' | 'destroyed';

export interface IncidentImpact {
  physical_damage: boolean;
  injury_or_death: boolean;
  data?: DataImpact[];
  disruption_hours?: number;
  economic_cost_usd?: number;
}

export interface IncidentTimelineEntry {
  /** RFC 3339. */
  at: string;
  event: string;
}

/** `POST /api/incidents` body (answers 201 with an `IncidentDetail`). `status` defaults to `open`. */
export interface IncidentInput {
  name: string;
  description?: string;
  category: IncidentCategory;
  status?: IncidentStatus;
  sectors?: string[];
  /** ISO 3166-1 alpha-2 codes. */
  countries?: string[];
  /** identity or location ids. */
  victim_refs?: string[];
  impact?: IncidentImpact;
  timeline?: IncidentTimelineEntry[];
  /** Intelligence about the incident (indicators, malware, infrastructure, attack patterns, sightings …). */
  related_refs?: string[];
  /** The collection the incident joins (one the account may write); default: every collection the account's role may write. Not part of the STIX object. */
  collection?: string;
}

/** `PATCH /api/incidents/:id` body: the properties to change; `null` removes an optional one. Answers the new version's `IncidentDetail` (it stays in the incident's collections). */
export type IncidentPatch = { [K in Exclude<keyof IncidentInput, 'collection'>]?: IncidentInput[K] | null };

/**
 * `GET /api/incidents` query string (all optional; list parameters may repeat
 * or be comma-separated): `category`, `status`, `country` (any of), `offset`
 * (default 0), `limit` (default 50, at most 500). Newest (`modified`) first.
 */
export interface IncidentQuery {
  category?: IncidentCategory[];
  status?: IncidentStatus[];
  country?: string[];
  /** Case-insensitive. */
  sector?: string[];
  offset?: number;
  limit?: number;
}

/** One incident in a list. Extension fields are absent for an incident without the accord-incident extension. */
export interface IncidentRow {
  summary: ObjectSummary;
  category?: IncidentCategory;
  status?: IncidentStatus;
  countries: string[];
  sectors: string[];
  impact?: IncidentImpact;
}

export interface IncidentList {
  items: IncidentRow[];
  total: number;
  offset: number;
  limit: number;
}

/** `GET /api/incidents/:id`: the latest version the reader may see, its extension flattened for display. */
export interface IncidentDetail extends IncidentRow {
  name: string;
  description?: string;
  timeline: IncidentTimelineEntry[];
  /** Victims the reader may see. */
  victims: ObjectSummary[];
  /** Related intelligence the reader may see. */
  related: ObjectSummary[];
  /** Referenced ids (victims, related) the reader cannot see or this node does not hold. */
  missing: string[];
  /** Attribution cases naming this incident that the reader may see. */
  cases: CaseRow[];
  /** Whether this node made it (only the creator makes new versions: PATCH is refused otherwise). */
  editable: boolean;
  /** The STIX object exactly as stored. */
  object: Record<string, unknown>;
}

export type CorrelationReasonKind = 'observables' | 'techniques' | 'infrastructure';

export interface CorrelationReason {
  kind: CorrelationReasonKind;
  count: number;
  /** A few of what is shared: readable values, technique ids, infrastructure names. */
  examples: string[];
  /** Techniques only: |incident ∩ target| / |incident ∪ target|. */
  jaccard?: number;
}

export interface CorrelationSuggestion {
  target: ObjectSummary;
  /** The name of the identity that created the target (the partner it came from), when stored. */
  origin?: string;
  score: number;
  reasons: CorrelationReason[];
  /** E.g. "shares 7 observables and 12 techniques with intrusion set X (from partner Y)". */
  explanation: string;
}

/** `GET /api/incidents/:id/correlations?limit=` (default 20, at most 100): best first; targets the reader may not see are left out. */
export interface IncidentCorrelations {
  incidentId: string;
  suggestions: CorrelationSuggestion[];
  /** Values of the incident left out as over-common (public resolvers, popular domains …), readable. */
  overCommon: string[];
}

export type CaseStatus = 'draft' | 'consultation' | 'agreed' | 'published' | 'withdrawn';
export type StateNexus = 'state-organ' | 'directed-or-controlled-proxy' | 'tolerated-or-harboured' | 'unknown';
export type AssessmentLevel = 'technical' | 'operational' | 'strategic';
/** The UK PHIA yardstick's terms. */
export type PhiaTermId = 'remote-chance' | 'highly-unlikely' | 'unlikely' | 'realistic-possibility' | 'likely' | 'highly-likely' | 'almost-certain';
export type OpinionValue = 'strongly-disagree' | 'disagree' | 'neutral' | 'agree' | 'strongly-agree';
export type SourceReliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
export type InformationCredibility = 1 | 2 | 3 | 4 | 5 | 6;
export type ConcurrenceRule = { kind: 'all' } | { kind: 'n-of-m'; n: number };
export type ParticipantStanceKind = 'concurs' | 'dissents' | 'neutral' | 'silent';

export interface CaseStatusChange {
  status: CaseStatus;
  /** The identity id that made the change. */
  by: string;
  at: string;
  reason?: string;
}

/** The `accord-attribution-case` object as stored (common STIX properties in `[key: string]`). */
export interface AttributionCaseObject {
  type: 'accord-attribution-case';
  id: string;
  created: string;
  modified: string;
  created_by_ref: string;
  name: string;
  description?: string;
  incident_refs: string[];
  candidate_ref: string;
  state_nexus: StateNexus;
  state_ref?: string;
  status: CaseStatus;
  status_history: CaseStatusChange[];
  concurrence_rule: ConcurrenceRule;
  participant_refs: string[];
  statement_ref?: string;
  [key: string]: unknown;
}

export interface EvidenceObject {
  type: 'accord-evidence';
  id: string;
  created: string;
  modified: string;
  created_by_ref: string;
  case_ref: string;
  object_refs: string[];
  description: string;
  source_reliability: SourceReliability;
  information_credibility: InformationCredibility;
  contributed_by_ref: string;
  [key: string]: unknown;
}

export interface AssessmentObject {
  type: 'accord-assessment';
  id: string;
  created: string;
  modified: string;
  /** The assessing partner's identity. */
  created_by_ref: string;
  case_ref: string;
  level: AssessmentLevel;
  likelihood: PhiaTermId;
  /** [low, high] percent, derived from the PHIA term. */
  probability: [number, number];
  icd203_term: string;
  rationale: string;
  [key: string]: unknown;
}

/** A partner's concurrence: a STIX `opinion` whose `object_refs` hold the case id. */
export interface OpinionObject {
  type: 'opinion';
  id: string;
  created: string;
  modified: string;
  created_by_ref: string;
  opinion: OpinionValue;
  explanation?: string;
  object_refs: string[];
  [key: string]: unknown;
}

/** One case in a list. */
export interface CaseRow {
  summary: ObjectSummary;
  name: string;
  status: CaseStatus;
  stateNexus: StateNexus;
  /** The candidate actor, when the reader may see it. */
  candidate?: ObjectSummary;
  incidentCount: number;
  participantCount: number;
  /** Each participant's stance (its latest opinion), in the case's order. */
  stances: { identityId: string; name?: string; stance: ParticipantStanceKind }[];
}

/** `GET /api/cases?status=&offset=&limit=` (status may repeat or be comma-separated). Newest (`modified`) first. */
export interface CaseQuery {
  status?: CaseStatus[];
  offset?: number;
  limit?: number;
}

export interface CaseList {
  items: CaseRow[];
  total: number;
  offset: number;
  limit: number;
}

export interface AdmiraltyGrade {
  /** E.g. "B2". */
  code: string;
  /** What the source-reliability letter means. */
  reliability: string;
  /** What the information-credibility digit means. */
  credibility: string;
}

export interface CaseEvidenceView {
  evidence: EvidenceObject;
  grade: AdmiraltyGrade;
  contributorName?: string;
  /** The intelligence it points at that the reader may see. */
  objects: ObjectSummary[];
}

export interface CaseParticipantView {
  identityId: string;
  name?: string;
  assessments: AssessmentObject[];
  latestOpinion?: OpinionObject;
  stance: ParticipantStanceKind;
  /** Present for a dissent: the opinion and its reasons (or "(no reasons given)"). */
  dissent?: { opinion: OpinionValue; explanation: string };
}

export interface CaseConcurrence {
  rule: ConcurrenceRule;
  /** How many concurring participants the rule needs. */
  required: number;
  concurring: string[];
  dissenting: string[];
  met: boolean;
  /** Why the rule is not met (absent when it is). */
  reason?: string;
}

/** A co-signature on the case's statement. */
export interface CaseSignatureView {
  /** The accord-signature object's id. */
  id: string;
  signer: string;
  signerName?: string;
  fingerprint: string;
  /** The statement version (`modified`) signed. */
  signedVersion: string;
  signedAt: string;
  /** Valid over the statement's current version. */
  valid: boolean;
  reason?: string;
}

/** The joint public statement of a case (a STIX `report`, TLP:CLEAR). */
export interface StatementView {
  summary: ObjectSummary;
  /** The statement text (the report's `description`). */
  text: string;
  published?: string;
  /** The report exactly as stored. */
  object: Record<string, unknown>;
  /** Path of its bundle download (`GET /api/statements/:id/bundle`). */
  bundleHref: string;
}

export interface CaseTransitionOption {
  to: CaseStatus;
  allowed: boolean;
  /** Why it is refused now (absent when allowed). */
  reason?: string;
  /** The transition needs a `reason` in the request (withdrawing). */
  needsReason: boolean;
}

/** `GET /api/cases/:id` (and the answer of every case write): the workspace, side by side. */
export interface CaseDetail {
  summary: ObjectSummary;
  case: AttributionCaseObject;
  incidents: ObjectSummary[];
  candidate?: ObjectSummary;
  state?: ObjectSummary;
  /** Ids the case names that the reader cannot see or this node does not hold (yet). */
  missing: string[];
  evidence: CaseEvidenceView[];
  /** One per participant, in the case's order. */
  participants: CaseParticipantView[];
  concurrence: CaseConcurrence;
  statement?: StatementView;
  signatures: CaseSignatureView[];
  /** The statuses the case may go to next, allowed or refused with the reason. */
  transitions: CaseTransitionOption[];
  /** The identity this node acts as (its assessments, opinions and signatures are this identity's). */
  nodeIdentityId: string;
  /** Whether this node opened the case (only the opener versions it: transitions, drafting). */
  editable: boolean;
  /** This node's identity is among the participants (may add evidence, assessments, opinions, signatures). */
  participating: boolean;
}

/** `POST /api/cases` body (answers 201 with its `CaseDetail`). The node's identity is added to the participants when missing; the rule defaults to `{kind: 'all'}`. */
export interface CaseOpenRequest {
  name: string;
  description?: string;
  incident_refs: string[];
  candidate_ref: string;
  state_nexus: StateNexus;
  state_ref?: string;
  participant_refs?: string[];
  concurrence_rule?: ConcurrenceRule;
  /** The collection the case joins (as `IncidentInput.collection`); what is added to the case later joins the case's collections. */
  collection?: string;
}

/** `POST /api/cases/:id/evidence` body (answers 201 with the case's `CaseDetail`). */
export interface EvidenceRequest {
  object_refs: string[];
  description: string;
  source_reliability: SourceReliability;
  information_credibility: InformationCredibility;
  /** The participant that contributed it (default: this node's identity). */
  contributed_by_ref?: string;
}

/** `POST /api/cases/:id/assessments` body (answers 201 with the case's `CaseDetail`): this node's assessment. */
export interface AssessmentRequest {
  level: AssessmentLevel;
  likelihood: PhiaTermId;
  rationale: string;
}

/** `POST /api/cases/:id/opinions` body (answers 201 with the case's `CaseDetail`): this node's concurrence, during consultation. A dissent needs an explanation. */
export interface OpinionRequest {
  opinion: OpinionValue;
  explanation?: string;
}

/**
 * `POST /api/cases/:id/transitions` body (answers the case's `CaseDetail`;
 * a refused transition answers 409 with the reason). Withdrawing needs a
 * reason; publishing needs every concurring participant's signature, made
 * with the key registered for it.
 */
export interface TransitionRequest {
  to: CaseStatus;
  reason?: string;
}

/** `POST /api/cases/:id/statement` (no body): drafts the joint statement of an agreed case; answers 201 with the case's `CaseDetail`. */
export type StatementDraftRequest = Record<string, never>;

/** `POST /api/statements/:id/signatures` (no body): this node co-signs the statement's current version with its key; answers 201. */
export interface StatementSignResult {
  /** The case the statement belongs to, when the reader may see it. */
  caseId?: string;
  signature: CaseSignatureView;
}

/** `GET /api/statements/:id/bundle`: a download (Content-Disposition: attachment), the STIX bundle `POST /api/statements/verify` and `accord verify` check. */
export interface StatementBundle {
  type: 'bundle';
  id: string;
  objects: Record<string, unknown>[];
}

/** `GET /api/attributions?actor=&state=&year=` query (any signed-in account). */
export interface PublicAttributionQuery {
  /** Words in the actor's name (case-insensitive). */
  actor?: string;
  /** Words in the state (case-insensitive), e.g. "Russia", "DPRK". */
  state?: string;
  year?: number;
}

/** One past public attribution. */
export interface PublicAttributionView {
  key: string;
  /** YYYY-MM-DD. */
  date: string;
  actor: string;
  state: string;
  incident: string;
  attributingStates: string[];
  confidenceLanguage: string;
  sources: string[];
}

/** `GET /api/attributions` → oldest first. */
export interface PublicAttributionList {
  items: PublicAttributionView[];
  total: number;
}

// ─── Issue 8: legal assessment, norms, coordinated responses, lessons learned ───
// Workflow objects are returned as stored (STIX, snake_case); docs/legal.md,
// docs/norms.md, docs/responses.md and docs/lessons.md describe their properties.

/** A STIX workflow object as stored (open: its properties are the workflow's). */
export interface StoredWorkflowObject {
  type: string;
  id: string;
  created?: string;
  modified?: string;
  created_by_ref?: string;
  [property: string]: unknown;
}

/** `POST /api/legal/assessments` body: the facts (`GET /api/legal/schema`), what they are about, and optionally the collection the object joins. */
export interface LegalAssessmentInput {
  facts?: Record<string, unknown>;
  case_ref?: string;
  incident_ref?: string;
  collection?: string;
}

/** A stored `accord-legal-assessment` (facts, conclusions, overrides). */
export type LegalAssessmentView = StoredWorkflowObject;

/** `POST /api/legal/assessments/:id/overrides` body. */
export interface LegalOverrideInput {
  conclusion: string;
  verdict: 'yes' | 'no' | 'cannot-determine';
  reason: string;
}

/** `GET /api/incidents/:id/norms`. */
export interface IncidentNorms {
  incidentId: string;
  /** The attribution case whose state nexus the rules used. */
  caseId?: string;
  suggestions: { norm: string; title: string; citation: string; weight?: string; rules: { rule: string; [property: string]: unknown }[] }[];
  /** The current `accord-norm-tag` per norm. */
  tags: StoredWorkflowObject[];
}

/** `POST /api/incidents/:id/norms/:norm` body. */
export interface NormDecisionInput {
  status: 'confirmed' | 'rejected';
  reason: string;
}

/** `GET /api/norms/matrix?by=actor|state&period=year|quarter&actor=&state=`. */
export interface NormMatrixView {
  by: 'actor' | 'state';
  periods: string[];
  rows: {
    norm: string; title: string; citation: string; total: number;
    cells: { period: string; incidents: { id: string; name: string; at: string; status: string; actors: string[]; states: string[]; countries: string[] }[] }[];
  }[];
  /** The same rows per actor or per state (`by`), sorted by id; `key: null` holds incidents with none. */
  groups: { key: string | null; total: number; rows: NormMatrixView['rows'] }[];
}

/** `GET /api/norms/states/:state`. */
export interface StateRecordView {
  state: string;
  total: number;
  norms: { norm: string; title: string; citation: string; measures: StoredWorkflowObject[] }[];
}

/** `POST /api/norms/implementations` body. */
export interface NormImplementationBody {
  state: string;
  norm: string;
  measure: string;
  evidence: string[];
  date: string;
  collection?: string;
}

/** `POST /api/cases/:id/responses` body: without `facts`, the case's current stored legal assessment is used. */
export interface ResponseInputBody {
  kind: 'demarche' | 'joint-statement' | 'law-enforcement' | 'sanctions-listing' | 'technical-disruption' | 'countermeasures' | 'self-defence' | 'partner-support';
  description: string;
  name?: string;
  target_ref?: string;
  facts?: Record<string, unknown>;
}

/** `GET /api/cases/:id/responses`: each option (`accord-response-option`, with `legal_check`) with its positions and tally. */
export interface ResponseBoard {
  caseId: string;
  options: {
    option: StoredWorkflowObject;
    positions: StoredWorkflowObject[];
    tally: { support: number; oppose: number; abstain: number; silent: string[] };
  }[];
}

/** `POST /api/responses/:id/positions` body. */
export interface PositionInputBody {
  position: 'support' | 'oppose' | 'abstain';
  /** Required to oppose or abstain. */
  reason?: string;
}

/** `POST /api/responses/:id/status` body. */
export interface ResponseStatusInput {
  status: 'agreed' | 'in-progress' | 'done' | 'dropped';
  /** Required to drop. */
  reason?: string;
}

/** `POST /api/lessons` body. */
export interface LessonsInputBody {
  name: string;
  what_happened: string;
  what_worked?: string[];
  what_did_not_work?: string[];
  recommendations?: { text: string; owner: string; due: string; status: 'open' | 'in-progress' | 'done' | 'dropped' }[];
  incident_refs: string[];
  case_refs?: string[];
  collection?: string;
}
