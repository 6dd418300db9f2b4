import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError, ErrorCode } from '../common/errors.ts';
import type { AuditLog } from '../store/audit/audit-log.ts';
import { MAX_PAGE_LIMIT } from '../store/limits.ts';
import type { Store } from '../store/store.ts';
import { ValidatedIngest } from '../store/validated-ingest.ts';
import { heldVersionKey } from './access.ts';
import { statusResource, taxiiTimestamp, type Status, type StatusDetails } from '../taxii/resources.ts';

/** Objects per store transaction. */
export const ADD_OBJECTS_BATCH_SIZE = 1000;
/** Longest per-object failure message kept in a status resource. */
const MAX_MESSAGE = 1000;

/**
 * Parses a TAXII envelope (TAXII 2.1 §3.7) from a request body: a JSON
 * object whose `objects`, when present, is a list. TAXII_BAD_ENVELOPE otherwise.
 */
export function parseEnvelope(body: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new AppError(ErrorCode.TAXII_BAD_ENVELOPE, `the request body is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError(ErrorCode.TAXII_BAD_ENVELOPE, 'the request body is not a TAXII envelope: a JSON object with an "objects" list (TAXII 2.1 §3.7)');
  }
  const envelope = value as Record<string, unknown>;
  if (envelope.type === 'bundle') {
    throw new AppError(ErrorCode.TAXII_BAD_ENVELOPE, 'the request body is a STIX bundle; TAXII 2.1 Add Objects takes an envelope (§3.7, §5.5): {"objects": [...]}');
  }
  if (envelope.objects === undefined) return [];
  if (!Array.isArray(envelope.objects)) {
    throw new AppError(ErrorCode.TAXII_BAD_ENVELOPE, 'the envelope\'s "objects" is not a list (TAXII 2.1 §3.7)');
  }
  return envelope.objects as unknown[];
}

export interface AddObjectsOptions {
  /** The request's time (default: now): the version of an object STIX does not version. */
  requestTime?: Date;
  /** Record one `objects.add` entry for the envelope: who (the account name), the collection, the counts. */
  audit?: { log: AuditLog; actor: string; apiRoot?: string };
  /**
   * A partner's envelope: every object is first admitted (undefined) or refused with the
   * reason; `commit` then records what was admitted (its provenance) before anything is
   * written, so no received version is ever visible without its origin.
   */
  inbound?: { admit(object: Readonly<Record<string, unknown>>): string | undefined; commit(held: ReadonlySet<string>): void };
}

/**
 * Add Objects (TAXII 2.1 §5.5), done before the answer: each object is
 * validated (STIX 2.1), the valid ones are written in batches, one store
 * transaction each, and joined to the collection; the status returned is
 * already `complete`. An invalid or conflicting object is a failure with its
 * reason; the others still land.
 */
export async function addObjects(store: Store, collectionId: string, objects: readonly unknown[], options: AddObjectsOptions = {}): Promise<Status> {
  const requestTimestamp = taxiiTimestamp(options.requestTime ?? new Date());
  const successes: StatusDetails[] = [];
  const failures: StatusDetails[] = [];
  let duplicates = 0;
  const ingest = new ValidatedIngest<undefined>(store, {
    accepted(_tag, object, outcome) {
      successes.push(detailsOf(object, requestTimestamp));
      if (outcome === 'duplicate') duplicates += 1;
    },
    rejected(_tag, value, problems) {
      const reason = problems.map((problem) => `${problem.path ? `${problem.path}: ` : ''}${problem.message}`).join('; ');
      failures.push({ ...detailsOf(value, requestTimestamp, ''), message: clip(reason) });
    },
  }, { batchSize: ADD_OBJECTS_BATCH_SIZE, collections: [collectionId] });
  let sinceYield = 0;
  const admitted = options.inbound ? await admit(store, objects, options.inbound, (candidate, reason) => failures.push({ ...detailsOf(candidate, requestTimestamp), message: clip(`refused by the sharing policy: ${reason}`) })) : objects;
  for (const candidate of admitted) {
    await ingest.add(candidate, undefined);
    // Let other requests in between batches of a large envelope.
    if (++sinceYield === ADD_OBJECTS_BATCH_SIZE) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
  await ingest.flush();
  const status = statusResource({ id: randomUUID(), requestTimestamp, successes, failures });
  options.audit?.log.append({
    actor: options.audit.actor,
    action: 'objects.add',
    target: collectionId,
    details: { status: status.id, stored: successes.length - duplicates, duplicates, rejected: failures.length, ...(options.audit.apiRoot !== undefined && { apiRoot: options.audit.apiRoot }) },
  });
  return status;
}

async function admit(store: Store, objects: readonly unknown[], inbound: NonNullable<AddObjectsOptions['inbound']>, refuse: (candidate: unknown, reason: string) => void): Promise<unknown[]> {
  const admitted = objects.filter((candidate) => {
    // What is not an object is left to the validator, which says why.
    const reason = typeof candidate === 'object' && candidate !== null ? inbound.admit(candidate as Record<string, unknown>) : undefined;
    if (reason !== undefined) refuse(candidate, reason);
    return reason === undefined;
  });
  inbound.commit(await heldVersions(store, admitted));
  return admitted;
}

/** Ids per store query when looking up which versions are already held. */
const HELD_LOOKUP_IDS = 500;

/** The versions of `objects` the store already holds (`heldVersionKey`s). */
async function heldVersions(store: Store, objects: readonly unknown[]): Promise<Set<string>> {
  const ids = [...new Set(objects.map((object) => (object as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string'))];
  const held = new Set<string>();
  for (let start = 0; start < ids.length; start += HELD_LOOKUP_IDS) {
    let next: string | undefined;
    do {
      const page = await store.query({ ids: ids.slice(start, start + HELD_LOOKUP_IDS), versions: ['all'] }, { limit: MAX_PAGE_LIMIT, ...(next !== undefined && { next }) });
      for (const item of page.items) held.add(heldVersionKey(item.object.id, item.version));
      next = page.more ? page.next : undefined;
    } while (next !== undefined);
  }
  return held;
}

/**
 * The `id` and `version` a status names (§4.3.1 `status-details`): the
 * object's `modified`, else `created`; an object STIX does not version (an
 * SCO) is named by the request's timestamp.
 */
function detailsOf(candidate: unknown, requestTimestamp: string, fallbackVersion = requestTimestamp): StatusDetails {
  const object = (typeof candidate === 'object' && candidate !== null ? candidate : {}) as Record<string, unknown>;
  const id = typeof object.id === 'string' ? object.id : '';
  const version = typeof object.modified === 'string' ? object.modified : typeof object.created === 'string' ? object.created : fallbackVersion;
  return { id, version };
}

function clip(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}
