import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, ErrorCode } from '../common/errors.ts';
import type { StixObject } from '../stix/object.ts';
import {
  formatTaxiiQuery,
  type DeleteParams,
  type ObjectParams,
  type ObjectsParams,
  type TaxiiQueryParams,
  type VersionsParams,
} from './query.ts';
import {
  DATE_ADDED_FIRST_HEADER,
  DATE_ADDED_LAST_HEADER,
  type ApiRoot,
  type Collections,
  type Discovery,
  type Envelope,
  type Manifest,
  type Status,
  type TaxiiCollection,
  type Versions,
} from './resources.ts';
import { DEFAULT_RETRY_POLICY } from './retry.ts';
import { TaxiiError } from './taxii-error.ts';
import { Transport, type HttpMethod, type HttpResponse, type TaxiiCredentials } from './transport.ts';

export interface TaxiiClientOptions {
  /** The server's root URL: discovery is its `/taxii2/` (§8.2.1) and relative API roots resolve against it. */
  url: string | URL;
  credentials?: TaxiiCredentials;
  /** Per attempt, body included (default 30 s). */
  timeoutMs?: number;
  /** Attempts after the first (default 3). See `Transport` for what is retried. */
  retries?: number;
  /** Backoff cap of the first retry, doubling after (default 250 ms). */
  baseDelayMs?: number;
  /** Longest wait between attempts; a longer Retry-After ends the retries (default 10 s). */
  maxDelayMs?: number;
  /** TAXII clients SHOULD name themselves (§3.2, §8.4.1). Default `Accord`. */
  userAgent?: string;
  /** Allow plain http to hosts other than loopback (default false: TAXII clients use HTTPS, §8.5.1). */
  allowHttp?: boolean;
  /** An undici dispatcher for `fetch`, e.g. an Agent trusting a partner's private CA. */
  dispatcher?: RequestInit['dispatcher'];
  /** The jitter source of the backoff, in [0, 1) (default Math.random). */
  random?: () => number;
}

/** A response whose date-added headers (§3.2) matter: objects, manifest, versions. */
export interface TaxiiPage<T> {
  resource: T;
  /** X-TAXII-Date-Added-First, when sent. */
  dateAddedFirst?: string;
  /** X-TAXII-Date-Added-Last, when sent: the `added_after` of the next page when there is no `next` (§3.5). */
  dateAddedLast?: string;
}

export interface WaitOptions {
  /** Between status requests (default 1 s). */
  pollIntervalMs?: number;
  /** Give up (TAXII_STATUS_PENDING) after this long (default 60 s). */
  timeoutMs?: number;
}

/**
 * A TAXII 2.1 client on Node's global `fetch`, one typed method per endpoint
 * (§4, §5). `apiRoot` arguments are the URLs a discovery lists (absolute, or
 * relative to the server). Errors: TaxiiError (TAXII_REMOTE_ERROR) when the
 * server answers with an error, TAXII_UNREACHABLE when it does not answer,
 * TAXII_CLIENT_CONFIG for a URL the client will not use.
 */
export class TaxiiClient {
  readonly #server: URL;
  readonly #transport: Transport;

  constructor(options: TaxiiClientOptions) {
    this.#server = new URL(options.url);
    this.#transport = new Transport({
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: {
        retries: options.retries ?? DEFAULT_RETRY_POLICY.retries,
        baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
        maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      },
      userAgent: options.userAgent ?? 'Accord',
      allowHttp: options.allowHttp ?? false,
      random: options.random ?? Math.random,
      ...(options.credentials && { credentials: options.credentials }),
      ...(options.dispatcher && { dispatcher: options.dispatcher }),
    });
  }

  /** Server Discovery (§4.1). */
  async discovery(): Promise<Discovery> {
    return resourceOf<Discovery>(await this.#send('GET', new URL('/taxii2/', this.#server)));
  }

  /** Get API Root Information (§4.2). */
  async apiRoot(apiRoot: string): Promise<ApiRoot> {
    return resourceOf<ApiRoot>(await this.#send('GET', this.#url(apiRoot)));
  }

  /** Get Status (§4.3). */
  async status(apiRoot: string, statusId: string): Promise<Status> {
    return resourceOf<Status>(await this.#send('GET', this.#url(apiRoot, 'status', statusId)));
  }

  /** Get Collections (§5.1). */
  async collections(apiRoot: string): Promise<Collections> {
    return resourceOf<Collections>(await this.#send('GET', this.#url(apiRoot, 'collections')));
  }

  /** Get a Collection (§5.2). */
  async collection(apiRoot: string, collectionId: string): Promise<TaxiiCollection> {
    return resourceOf<TaxiiCollection>(await this.#send('GET', this.#url(apiRoot, 'collections', collectionId)));
  }

  /** Get Object Manifests (§5.3): one page. */
  async manifest(apiRoot: string, collectionId: string, params: ObjectsParams = {}): Promise<TaxiiPage<Manifest>> {
    return pageOf<Manifest>(await this.#send('GET', this.#url(apiRoot, 'collections', collectionId, 'manifest'), params));
  }

  /** Get Objects (§5.4): one page; see `objectPages` and `objects` for all of them. */
  async getObjects(apiRoot: string, collectionId: string, params: ObjectsParams = {}): Promise<TaxiiPage<Envelope>> {
    return pageOf<Envelope>(await this.#send('GET', this.#url(apiRoot, 'collections', collectionId, 'objects'), params));
  }

  /**
   * Every page of Get Objects (§5.4), following the server (§3.5): `next`
   * with the original filters while `more`; without `next`, `added_after` set
   * to the page's X-TAXII-Date-Added-Last (which can skip objects added in the
   * same instant as the page's last one: a limit of the spec's fallback). Ends
   * when `more` is false, or when the server offers no way forward (no `next`
   * and no new X-TAXII-Date-Added-Last, or the same `next` twice).
   */
  async *objectPages(apiRoot: string, collectionId: string, params: ObjectsParams = {}): AsyncGenerator<TaxiiPage<Envelope>, void, undefined> {
    let request: ObjectsParams | undefined = params;
    while (request !== undefined) {
      const page = await this.getObjects(apiRoot, collectionId, request);
      yield page;
      request = followingRequest(params, request, page);
    }
  }

  /** The objects of every page of Get Objects, in the server's order (date added, §3.3). */
  async *objects(apiRoot: string, collectionId: string, params: ObjectsParams = {}): AsyncGenerator<StixObject, void, undefined> {
    for await (const page of this.objectPages(apiRoot, collectionId, params)) yield* page.resource.objects ?? [];
  }

  /**
   * Add Objects (§5.5): posts an envelope and returns the first status. A
   * string is posted as it is (an envelope already serialised, e.g. with
   * stored objects kept byte for byte).
   */
  async addObjects(apiRoot: string, collectionId: string, envelope: Envelope | string): Promise<Status> {
    const body = typeof envelope === 'string' ? envelope : JSON.stringify(envelope);
    return resourceOf<Status>(await this.#send('POST', this.#url(apiRoot, 'collections', collectionId, 'objects'), {}, body));
  }

  /**
   * Add Objects, then Get Status every `pollIntervalMs` until the request is
   * done (§5.5: the client SHOULD poll until `complete`): `status` is
   * complete, or nothing is pending any more once processing has started
   * (`total_count` 0 means not started, §4.3.1). TAXII_STATUS_PENDING, with the
   * last status in details, after `timeoutMs`.
   */
  async addObjectsAndWait(apiRoot: string, collectionId: string, envelope: Envelope | string, options: WaitOptions = {}): Promise<Status> {
    const { pollIntervalMs = 1000, timeoutMs = 60_000 } = options;
    const deadline = Date.now() + timeoutMs;
    let status = await this.addObjects(apiRoot, collectionId, envelope);
    while (!isDone(status)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new AppError(
          ErrorCode.TAXII_STATUS_PENDING,
          `status ${status.id} still has ${status.pending_count} of ${status.total_count} object(s) pending after ${timeoutMs} ms`,
          { status },
        );
      }
      await sleep(Math.min(pollIntervalMs, remaining));
      status = await this.status(apiRoot, status.id);
    }
    return status;
  }

  /** Get an Object (§5.6): its versions in an envelope (the latest unless `versions` says otherwise). */
  async getObject(apiRoot: string, collectionId: string, objectId: string, params: ObjectParams = {}): Promise<TaxiiPage<Envelope>> {
    return pageOf<Envelope>(await this.#send('GET', this.#url(apiRoot, 'collections', collectionId, 'objects', objectId), params));
  }

  /** Delete an Object (§5.7): every version, or those `versions` names. */
  async deleteObject(apiRoot: string, collectionId: string, objectId: string, params: DeleteParams = {}): Promise<void> {
    await this.#send('DELETE', this.#url(apiRoot, 'collections', collectionId, 'objects', objectId), params);
  }

  /** Get Object Versions (§5.8): one page. */
  async versions(apiRoot: string, collectionId: string, objectId: string, params: VersionsParams = {}): Promise<TaxiiPage<Versions>> {
    return pageOf<Versions>(await this.#send('GET', this.#url(apiRoot, 'collections', collectionId, 'objects', objectId, 'versions'), params));
  }

  async #send(method: HttpMethod, url: URL, params: TaxiiQueryParams = {}, body?: string): Promise<HttpResponse> {
    url.search = formatTaxiiQuery(params);
    return this.#transport.send(method, url, body);
  }

  /** The URL of an endpoint under `apiRoot`; every TAXII path ends in a slash (§3.1). */
  #url(apiRoot: string, ...segments: string[]): URL {
    const url = new URL(apiRoot, this.#server);
    if (url.search !== '' || url.hash !== '') {
      throw new AppError(ErrorCode.TAXII_CLIENT_CONFIG, `API root ${apiRoot} has a query or fragment; API Root URLs MUST NOT (§4.1.1)`);
    }
    const base = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
    url.pathname = base + segments.map((segment) => `${encodeURIComponent(segment)}/`).join('');
    return url;
  }
}

/** The request for the page after `page`, or `undefined` when there is none (TAXII 2.1 §3.5). */
function followingRequest(original: ObjectsParams, previous: ObjectsParams, page: TaxiiPage<Envelope>): ObjectsParams | undefined {
  const { more, next } = page.resource;
  if (more !== true) return undefined;
  if (next !== undefined && next !== '') return next === previous.next ? undefined : { ...original, next };
  const addedAfter = page.dateAddedLast;
  if (addedAfter === undefined || addedAfter === previous.addedAfter) return undefined;
  return { ...original, next: undefined, addedAfter };
}

function isDone(status: Status): boolean {
  return status.status === 'complete' || (status.total_count > 0 && status.pending_count === 0);
}

/** The body as a TAXII resource: a JSON object (the shape is the server's word; only the kind is checked). */
function resourceOf<T>(response: HttpResponse): T {
  const { method, url, status, attempts, body } = response;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TaxiiError(`${method} ${url} answered ${status} with a body that is not a TAXII resource`, { method, url, httpStatus: status, attempts });
  }
  return body as T;
}

function pageOf<T>(response: HttpResponse): TaxiiPage<T> {
  const page: TaxiiPage<T> = { resource: resourceOf<T>(response) };
  const first = response.headers.get(DATE_ADDED_FIRST_HEADER);
  const last = response.headers.get(DATE_ADDED_LAST_HEADER);
  if (first !== null) page.dateAddedFirst = first;
  if (last !== null) page.dateAddedLast = last;
  return page;
}
