import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError, ErrorCode } from '../common/errors.ts';
import type { StixObject } from '../stix/object.ts';
import { validateObject } from '../stix/validation/index.ts';
import type { Store } from '../store/store.ts';
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

/**
 * Add Objects (TAXII 2.1 §5.5), done before the answer: each object is
 * validated (STIX 2.1), the valid ones are written in batches, one store
 * transaction each, and joined to the collection; the status returned is
 * already `complete`. An invalid or conflicting object is a failure with its
 * reason; the others still land.
 */
export async function addObjects(store: Store, collectionId: string, objects: readonly unknown[], requestTime = new Date()): Promise<Status> {
  const requestTimestamp = taxiiTimestamp(requestTime);
  const successes: StatusDetails[] = [];
  const failures: StatusDetails[] = [];
  let batch: StixObject[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const written = batch;
    batch = [];
    const result = await store.ingest(written, { collections: [collectionId] });
    const conflicts = new Map(result.conflicts.map((conflict) => [conflict.index, conflict.message]));
    written.forEach((object, index) => {
      const details = detailsOf(object, requestTimestamp);
      if (result.outcomes[index] === 'conflict') failures.push({ ...details, message: clip(conflicts.get(index) ?? 'refused by the store') });
      else successes.push(details);
    });
    // Let other requests in between batches of a large envelope.
    await yieldToEventLoop();
  };

  for (const candidate of objects) {
    const problem = problemOf(candidate);
    if (problem !== undefined) {
      failures.push({ ...detailsOf(candidate, requestTimestamp, ''), message: clip(problem) });
      continue;
    }
    batch.push(candidate as StixObject);
    if (batch.length >= ADD_OBJECTS_BATCH_SIZE) await flush();
  }
  await flush();
  return statusResource({ id: randomUUID(), requestTimestamp, successes, failures });
}

function problemOf(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return 'not a JSON object, so not a STIX object';
  const result = validateObject(candidate);
  if (result.valid) return undefined;
  return `invalid STIX 2.1 object: ${result.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`;
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
