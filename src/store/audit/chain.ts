import { createHash } from 'node:crypto';
import { canonicalize } from '../../stix/canonical-json.ts';
import type { AuditCheckpoint, AuditEntry, AuditVerification } from './audit-log.ts';

/** The `prevHash` of entry 1, and the head of an empty chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Hex SHA-256 over the RFC 8785 canonical JSON of every field but `hash` (an absent target or details is left out). */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, target, details, prevHash } = entry;
  return createHash('sha256').update(canonicalize({ seq, at, actor, action, target, details, prevHash }), 'utf8').digest('hex');
}

/**
 * Walks the chain in seq order and names the first entry that does not follow
 * from the ones before it: a missing or repeated seq, a `prevHash` that is not
 * the previous entry's hash, fields that do not hash to the stored hash. Then
 * it holds the chain to the head anchor (`head`: the entry count and last hash
 * the node keeps apart from the entries), which catches a truncated tail and a
 * chain rewritten with recomputed hashes, and to an `expect`ed checkpoint
 * recorded elsewhere. `head` undefined: the anchor is missing, which fails.
 */
export function verifyChain(entries: Iterable<AuditEntry>, head: AuditCheckpoint | undefined, expect?: AuditCheckpoint): AuditVerification {
  let count = 0;
  let previous: AuditEntry | undefined;
  let failure: { firstBad: number; reason: string } | undefined;
  const checkpoints: [AuditCheckpoint, string][] = [];
  if (head !== undefined) checkpoints.push([head, 'head anchor']);
  if (expect !== undefined) checkpoints.push([expect, 'expected checkpoint']);
  for (const entry of entries) {
    count += 1;
    // Count to the end, so the answer says how long the stored chain is.
    if (failure === undefined) failure = checkEntry(entry, previous, checkpoints);
    previous = entry;
  }
  if (failure !== undefined) return { ok: false, entries: count, ...failure };
  const last = previous?.seq ?? 0;
  if (head === undefined) {
    return { ok: false, entries: count, firstBad: 1, reason: 'the head anchor is missing, so neither the length nor the last hash of the chain can be vouched for' };
  }
  if (last < head.seq) {
    return { ok: false, entries: count, firstBad: last + 1, reason: `the head anchor records ${head.seq} entries but the chain ends at ${last}: entries ${last + 1}–${head.seq} were removed (the tail was truncated)` };
  }
  if (last > head.seq) {
    return { ok: false, entries: count, firstBad: head.seq + 1, reason: `the head anchor records ${head.seq} entries: entries ${head.seq + 1}–${last} were added without moving it` };
  }
  if (expect !== undefined && last < expect.seq) {
    return { ok: false, entries: count, firstBad: last + 1, reason: `the chain ends at ${last}, before the expected checkpoint at ${expect.seq}` };
  }
  return { ok: true, entries: count, head: previous?.hash ?? GENESIS_HASH };
}

function checkEntry(entry: AuditEntry, previous: AuditEntry | undefined, checkpoints: readonly [AuditCheckpoint, string][]): { firstBad: number; reason: string } | undefined {
  const expected = (previous?.seq ?? 0) + 1;
  if (entry.seq > expected) {
    return { firstBad: expected, reason: `entry ${expected} is missing (the next stored entry is ${entry.seq}): entries were removed` };
  }
  if (entry.seq < expected) {
    return { firstBad: expected, reason: `entry ${entry.seq} appears again where entry ${expected} should be` };
  }
  if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
    return { firstBad: entry.seq, reason: `its prevHash is not the hash of entry ${entry.seq - 1}: an entry before it was removed, replaced or moved` };
  }
  if (hashEntry(entry) !== entry.hash) {
    return { firstBad: entry.seq, reason: 'its fields do not hash to its stored hash: the entry was edited' };
  }
  for (const [checkpoint, name] of checkpoints) {
    if (checkpoint.seq === entry.seq && checkpoint.hash !== entry.hash) {
      return { firstBad: entry.seq, reason: `its hash is not the ${name}'s ${checkpoint.hash}: the chain up to here was rewritten with recomputed hashes (which entry was changed cannot be told)` };
    }
  }
  return undefined;
}
