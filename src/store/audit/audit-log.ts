/**
 * The node's audit trail (issue 5): append-only and hash-chained. Each entry holds the
 * hash of the one before, so an edited, removed or reordered entry breaks the chain
 * and `verify()` says where. Local to the node; never shared.
 */

/** What is recorded: every write, denied policy decision, sync, key and agreement change. */
export interface AuditInput {
  /** Who acted: an account name, `partner:<name>`, `system`, or `cli`. */
  actor: string;
  /** Dotted verb, e.g. `objects.ingest`, `policy.deny`, `sync.pull`, `key.create`, `agreement.update`. */
  action: string;
  /** What it acted on: an object, collection, partner, agreement or key id. */
  target?: string;
  /** Anything else worth keeping (counts, reasons); canonical JSON is hashed. */
  details?: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  /** 1, 2, 3, … without gaps. */
  seq: number;
  /** RFC 3339 UTC. */
  at: string;
  /** Hex SHA-256 of the previous entry (64 zeros for the first). */
  prevHash: string;
  /** Hex SHA-256 over the canonical JSON (RFC 8785) of every other field. */
  hash: string;
}

export interface AuditQuery {
  /** Entries with seq greater than this. */
  after?: number;
  /** Entries with seq less than this (paging back from the newest). */
  before?: number;
  /** By seq, `asc` (default: the chain's order) or `desc` (newest first). */
  order?: 'asc' | 'desc';
  limit?: number;
  action?: string;
  /** Substring of actor, target or details. */
  text?: string;
}

/** An entry's hash recorded outside the node (an earlier `verify`'s head, a partner's copy). */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
}

export interface AuditVerifyOptions {
  /** Also require that entry `seq` still has this hash: catches a rewrite that the node's own head anchor cannot. */
  expect?: AuditCheckpoint;
}

export type AuditVerification =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; firstBad: number; reason: string };

export interface AuditLog {
  append(input: AuditInput): AuditEntry;
  list(query?: AuditQuery): AuditEntry[];
  /** Recomputes every hash and link, and compares the chain's end with the head anchor the node keeps beside it. */
  verify(options?: AuditVerifyOptions): AuditVerification;
}
