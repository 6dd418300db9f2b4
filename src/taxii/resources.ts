import type { StixObject } from '../stix/object.ts';
import { versionOf } from '../stix/object.ts';
import type { Collection, Page, StoredObject } from '../store/store.ts';
import { STIX_MEDIA_TYPE } from './media-types.ts';

/**
 * The TAXII 2.1 resources as they travel (snake_case, as the spec spells
 * them), and builders that apply the spec's rules a server easily misses:
 * empty lists are omitted, never sent (§2 `list`), `http_status` is a string,
 * timestamps carry microseconds (§2 `timestamp`).
 */

/** §3.2: the `date_added` of the first and last object of a response. */
export const DATE_ADDED_FIRST_HEADER = 'X-TAXII-Date-Added-First';
export const DATE_ADDED_LAST_HEADER = 'X-TAXII-Date-Added-Last';

/** §4.1.1, answered at `/taxii2/`. */
export interface Discovery {
  title: string;
  description?: string;
  contact?: string;
  /** One of `api_roots`. */
  default?: string;
  /** HTTPS absolute URLs or relative URLs starting with a single `/`. */
  api_roots?: string[];
}

/** §4.2.1. */
export interface ApiRoot {
  title: string;
  description?: string;
  /** Media types with the version parameter; includes `application/taxii+json;version=2.1`. */
  versions: string[];
  /** Largest request body accepted, in octets. */
  max_content_length: number;
}

/** §5.2.1. */
export interface TaxiiCollection {
  id: string;
  title: string;
  description?: string;
  alias?: string;
  can_read: boolean;
  can_write: boolean;
  /** Absent means `["application/stix+json"]`. */
  media_types?: string[];
}

/** §5.1.1: `collections` is omitted when there are none. */
export interface Collections {
  collections?: TaxiiCollection[];
}

/** §3.7: the wrapper of STIX content, in both directions. */
export interface Envelope {
  /** Absent means false. */
  more?: boolean;
  /** Opaque; MAY be present when `more` is true. */
  next?: string;
  objects?: StixObject[];
}

/** §5.3.1: one version of one object. */
export interface ManifestRecord {
  id: string;
  /** TAXII timestamp (microseconds). */
  date_added: string;
  version: string;
  media_type?: string;
}

/**
 * §5.3.1. The spec's table has no `next`; Accord (like the reference server,
 * medallion) sends one anyway, so every paged resource pages the same way
 * (§3.5), and clients of servers whose records share a `date_added` do not
 * skip any by paging with `added_after`.
 */
export interface Manifest {
  more?: boolean;
  next?: string;
  objects?: ManifestRecord[];
}

/** §5.8.1 (`next` as for `Manifest`). */
export interface Versions {
  more?: boolean;
  next?: string;
  versions?: string[];
}

/** §4.3.1 `status`: `complete` is final, `pending` MAY still change. */
export type StatusValue = 'complete' | 'pending';

/** §4.3.1 `status-details`. */
export interface StatusDetails {
  id: string;
  version: string;
  message?: string;
}

/** §4.3.1: the outcome of an Add Objects request (§5.5). */
export interface Status {
  id: string;
  status: StatusValue;
  request_timestamp?: string;
  /** 0 means the server has not started processing the request yet. */
  total_count: number;
  success_count: number;
  successes?: StatusDetails[];
  failure_count: number;
  failures?: StatusDetails[];
  pending_count: number;
  pendings?: StatusDetails[];
}

/** §3.6.1: every property is application-specific. */
export interface TaxiiErrorResource {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  /** A string in TAXII, equal to the response's status code. */
  http_status?: string;
  external_details?: string;
  details?: Record<string, unknown>;
}

export interface ErrorResourceInput {
  title: string;
  description?: string;
  errorId?: string;
  errorCode?: string;
  httpStatus?: number;
  externalDetails?: string;
  details?: Record<string, unknown>;
}

/** An error message (§3.6.1), absent properties left out. */
export function errorResource(input: ErrorResourceInput): TaxiiErrorResource {
  return withoutUndefined({
    title: input.title,
    description: input.description,
    error_id: input.errorId,
    error_code: input.errorCode,
    http_status: input.httpStatus?.toString(),
    external_details: input.externalDetails,
    details: input.details,
  });
}

/** The collection resource (§5.2.1) of a stored collection, for a reader with `access`. Accord stores STIX 2.1 only. */
export function collectionResource(collection: Collection, access: { canRead: boolean; canWrite: boolean }): TaxiiCollection {
  return withoutUndefined({
    id: collection.id,
    title: collection.title,
    description: collection.description,
    can_read: access.canRead,
    can_write: access.canWrite,
    media_types: [STIX_MEDIA_TYPE],
  });
}

/** §5.1.1: an empty object when there is no collection. */
export function collectionsResource(collections: readonly TaxiiCollection[]): Collections {
  return collections.length === 0 ? {} : { collections: [...collections] };
}

/**
 * The envelope (§3.7) of a page as JSON text. Objects are spliced in as
 * stored, byte for byte, so signatures over their canonical form survive.
 */
export function envelopeJson(page: Page): string {
  const head = JSON.stringify(paging(page)).slice(0, -1);
  return page.items.length === 0 ? `${head}}` : `${head},"objects":[${page.items.map((item) => item.json).join(',')}]}`;
}

/** The manifest (§5.3.1) of a page: one record per stored version. */
export function manifestResource(page: Page): Manifest {
  const objects = page.items.map((item): ManifestRecord => ({
    id: item.object.id,
    date_added: item.dateAdded,
    version: taxiiVersion(item.object, item.dateAdded),
    media_type: STIX_MEDIA_TYPE,
  }));
  return objects.length === 0 ? paging(page) : { ...paging(page), objects };
}

/** The versions resource (§5.8.1) of a page of one object's versions. */
export function versionsResource(page: Page): Versions {
  const versions = page.items.map((item) => taxiiVersion(item.object, item.dateAdded));
  return versions.length === 0 ? paging(page) : { ...paging(page), versions };
}

/**
 * The version TAXII reports for an object (§5.3.1, §4.3.1 `status-details`):
 * `modified`, else `created`, else (SCOs, which STIX does not version) a value
 * consistent for the server: the time it was added, as medallion does.
 */
export function taxiiVersion(object: StixObject, dateAdded: string): string {
  return versionOf(object) || dateAdded;
}

export interface StatusInput {
  id: string;
  /** A TAXII timestamp (see `taxiiTimestamp`). */
  requestTimestamp?: string;
  successes?: readonly StatusDetails[];
  failures?: readonly StatusDetails[];
  pendings?: readonly StatusDetails[];
}

/** A status resource (§4.3.1) with its counts derived from the lists; complete once nothing is pending. */
export function statusResource(input: StatusInput): Status {
  const successes = input.successes ?? [];
  const failures = input.failures ?? [];
  const pendings = input.pendings ?? [];
  return withoutUndefined({
    id: input.id,
    status: pendings.length === 0 ? 'complete' : 'pending',
    request_timestamp: input.requestTimestamp,
    total_count: successes.length + failures.length + pendings.length,
    success_count: successes.length,
    successes: nonEmpty(successes),
    failure_count: failures.length,
    failures: nonEmpty(failures),
    pending_count: pendings.length,
    pendings: nonEmpty(pendings),
  });
}

/** The date-added headers (§3.2) of a page sorted by date added (§3.3); none for an empty page, which has no first object. */
export function dateAddedHeaders(items: readonly StoredObject[]): Record<string, string> {
  const first = items[0];
  const last = items.at(-1);
  return first === undefined || last === undefined
    ? {}
    : { [DATE_ADDED_FIRST_HEADER]: first.dateAdded, [DATE_ADDED_LAST_HEADER]: last.dateAdded };
}

/** A TAXII timestamp (§2): UTC, `Z`, exactly six fractional digits. */
export function taxiiTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, -1)}000Z`;
}

function paging(page: Page): { more: boolean; next?: string } {
  return page.more && page.next !== undefined ? { more: true, next: page.next } : { more: page.more };
}

function nonEmpty<T>(list: readonly T[]): T[] | undefined {
  return list.length === 0 ? undefined : [...list];
}

type WithoutUndefined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/** Drops absent optional properties so they are omitted, not serialised as null by other encoders. */
function withoutUndefined<T extends object>(value: T): WithoutUndefined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as WithoutUndefined<T>;
}
