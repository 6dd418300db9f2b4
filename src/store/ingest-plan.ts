import { AppError, ErrorCode } from '../common/errors.ts';
import { canonicalize } from '../stix/canonical-json.ts';
import { versionOf, type StixObject } from '../stix/object.ts';
import type { IngestConflict, IngestOutcome } from './store.ts';
import { versionKey } from './version-key.ts';

/**
 * The adapter-neutral half of `ingest`: given a batch and what the store
 * already holds for it, decide each object's outcome and the final
 * latest/first flags. Adapters do the I/O: look up the stored versions
 * that entries repeat and the heads of `headLookups`, then apply the plan in
 * one transaction.
 */

export interface BatchEntry {
  index: number;
  object: StixObject;
  id: string;
  type: string;
  /** `versionOf(object)`: the text that is reported. */
  version: string;
  /** `versionKey(version)`: what identifies the version in storage. */
  key: string;
  /** `JSON.stringify(object)`: what is stored. */
  json: string;
}

/** A stored version that a batch entry has the same id and version key as. */
export interface StoredVersion {
  seq: number;
  json: string;
}

/** The newest and oldest stored versions of an id. */
export interface StoredHeads {
  latestSeq: number;
  latestKey: string;
  latestRevoked: boolean;
  firstSeq: number;
  firstKey: string;
}

export interface PlannedInsert {
  entry: BatchEntry;
  isLatest: boolean;
  isFirst: boolean;
  /** When this insert becomes the id's latest version: the stored latest it replaces, if any. */
  replacesLatest?: number;
}

/** A stored version that stops being the latest and/or the first of its id. */
export interface Demotion {
  seq: number;
  latest: boolean;
  first: boolean;
}

/** Where a non-conflicting entry lives: a stored version, or an insert of this batch. */
export type Placement = { seq: number } | { insert: PlannedInsert };

export interface IngestPlan {
  outcomes: IngestOutcome[];
  conflicts: IngestConflict[];
  /** New versions, in input order. */
  inserts: PlannedInsert[];
  demotions: Demotion[];
  /** Every stored or duplicate entry's version (collections take duplicates too). */
  placements: Placement[];
  /** Per type: new ids and new versions. */
  typeDeltas: Map<string, { objects: number; versions: number }>;
}

export function prepareBatch(objects: readonly StixObject[]): BatchEntry[] {
  return objects.map((object, index) => {
    if (typeof object?.id !== 'string' || typeof object.type !== 'string') {
      throw new AppError(ErrorCode.STIX_INVALID, `object ${index} of the batch has no string id or type`, { index });
    }
    const version = versionOf(object);
    return { index, object, id: object.id, type: object.type, version, key: versionKey(version), json: JSON.stringify(object) };
  });
}

/** The map key of an (id, version key) pair. */
export function versionSlot(id: string, key: string): string {
  return `${id}\n${key}`;
}

/** The distinct ids whose heads the plan needs: those with a version not stored yet. */
export function headLookups(entries: readonly BatchEntry[], stored: ReadonlyMap<string, StoredVersion>): string[] {
  const ids = new Set<string>();
  for (const entry of entries) if (!stored.has(versionSlot(entry.id, entry.key))) ids.add(entry.id);
  return [...ids];
}

/** An id's heads as the batch moves them; keys are undefined while nothing is stored or accepted. */
interface IdState {
  heads: StoredHeads | undefined;
  latestKey: string | undefined;
  latestRevoked: boolean;
  firstKey: string | undefined;
}

export function planIngest(
  entries: readonly BatchEntry[],
  stored: ReadonlyMap<string, StoredVersion>,
  heads: ReadonlyMap<string, StoredHeads>,
): IngestPlan {
  const plan: IngestPlan = { outcomes: [], conflicts: [], inserts: [], demotions: [], placements: [], typeDeltas: new Map() };
  const pending = new Map<string, PlannedInsert>();
  const states = new Map<string, IdState>();

  const conflict = (entry: BatchEntry, message: string): void => {
    plan.outcomes.push('conflict');
    plan.conflicts.push({ index: entry.index, id: entry.id, version: entry.version, message });
  };
  const duplicateOrConflict = (entry: BatchEntry, json: string, placement: Placement, where: string): void => {
    if (!sameContent(json, entry.json)) return conflict(entry, `${describe(entry)} ${where} with different content`);
    plan.outcomes.push('duplicate');
    plan.placements.push(placement);
  };

  for (const entry of entries) {
    const slot = versionSlot(entry.id, entry.key);
    const storedVersion = stored.get(slot);
    if (storedVersion) {
      duplicateOrConflict(entry, storedVersion.json, { seq: storedVersion.seq }, 'is already stored');
      continue;
    }
    const earlier = pending.get(slot);
    if (earlier) {
      duplicateOrConflict(entry, earlier.entry.json, { insert: earlier }, `appears earlier in this batch (index ${earlier.entry.index})`);
      continue;
    }
    const state = states.get(entry.id) ?? initialState(heads.get(entry.id));
    states.set(entry.id, state);
    const isNewest = state.latestKey === undefined || entry.key > state.latestKey;
    // STIX 2.1 §3.6: revoking an object is permanent; no newer version may follow.
    if (isNewest && state.latestRevoked) {
      conflict(entry, `${entry.id} is revoked; STIX 2.1 forbids versions newer than its revocation`);
      continue;
    }
    if (isNewest) {
      state.latestKey = entry.key;
      state.latestRevoked = entry.object.revoked === true;
    }
    if (state.firstKey === undefined || entry.key < state.firstKey) state.firstKey = entry.key;
    const insert: PlannedInsert = { entry, isLatest: false, isFirst: false };
    pending.set(slot, insert);
    plan.inserts.push(insert);
    plan.outcomes.push('stored');
    plan.placements.push({ insert });
  }

  settleFlags(plan, states);
  return plan;
}

function initialState(heads: StoredHeads | undefined): IdState {
  return { heads, latestKey: heads?.latestKey, latestRevoked: heads?.latestRevoked ?? false, firstKey: heads?.firstKey };
}

/** Final flags once the whole batch is known, so no row is written twice. */
function settleFlags(plan: IngestPlan, states: ReadonlyMap<string, IdState>): void {
  for (const insert of plan.inserts) {
    const { entry } = insert;
    const state = states.get(entry.id)!;
    insert.isLatest = entry.key === state.latestKey;
    insert.isFirst = entry.key === state.firstKey;
    if (insert.isLatest && state.heads) insert.replacesLatest = state.heads.latestSeq;
    const delta = plan.typeDeltas.get(entry.type) ?? { objects: 0, versions: 0 };
    delta.versions += 1;
    if (insert.isLatest && !state.heads) delta.objects += 1;
    plan.typeDeltas.set(entry.type, delta);
  }
  for (const { heads, latestKey, firstKey } of states.values()) {
    if (!heads) continue;
    const latest = latestKey !== heads.latestKey;
    const first = firstKey !== heads.firstKey;
    if (latest && first && heads.latestSeq === heads.firstSeq) plan.demotions.push({ seq: heads.latestSeq, latest, first });
    else {
      if (latest) plan.demotions.push({ seq: heads.latestSeq, latest, first: false });
      if (first) plan.demotions.push({ seq: heads.firstSeq, latest: false, first });
    }
  }
}

/** Same content: the same text (the fast path), else the same canonical JSON (RFC 8785). */
function sameContent(storedJson: string, json: string): boolean {
  return storedJson === json || canonicalize(JSON.parse(storedJson)) === canonicalize(JSON.parse(json));
}

function describe(entry: BatchEntry): string {
  return entry.version === '' ? entry.id : `${entry.id} version ${entry.version}`;
}
