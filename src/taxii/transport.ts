import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, ErrorCode } from '../common/errors.ts';
import { TAXII_MEDIA_TYPE } from './media-types.ts';
import { backoffDelay, describeFetchFailure, RETRYABLE_STATUSES, retryAfterMs, type RetryPolicy } from './retry.ts';
import { isErrorResource, TaxiiError } from './taxii-error.ts';

/** HTTP Basic is the scheme every TAXII client MUST implement (§8.5.1); Bearer for token-based partners. */
export type TaxiiCredentials =
  | { scheme: 'basic'; username: string; password: string }
  | { scheme: 'bearer'; token: string };

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface TransportOptions {
  credentials?: TaxiiCredentials;
  /** Per attempt: connecting, waiting and reading the body. */
  timeoutMs: number;
  retry: RetryPolicy;
  userAgent: string;
  /** Plain http to hosts other than loopback. */
  allowHttp: boolean;
  /** An undici dispatcher (e.g. an Agent with a private CA) handed to `fetch`. */
  dispatcher?: RequestInit['dispatcher'];
  random: () => number;
}

export interface HttpResponse {
  method: HttpMethod;
  url: string;
  status: number;
  /** Requests made, retries included. */
  attempts: number;
  headers: Headers;
  /** The parsed JSON body; `undefined` when the body is empty. */
  body: unknown;
}

/**
 * One TAXII exchange over the global `fetch`: the TAXII Accept header
 * (§3.1), the credentials, a timeout per attempt, retries with backoff.
 *
 * What is retried: a GET, after a network failure, a timeout, or a 429, 502,
 * 503 or 504 (waiting Retry-After when given); a POST or DELETE only when the
 * connection was never made, since a request the server may have seen must
 * not be repeated behind the caller's back. Redirects are not followed: they
 * would carry the credentials to another origin, or down to plain http.
 */
export class Transport {
  readonly #options: TransportOptions;
  readonly #headers: Readonly<Record<string, string>>;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#headers = { accept: TAXII_MEDIA_TYPE, 'user-agent': options.userAgent, ...authorization(options.credentials) };
  }

  async send(method: HttpMethod, url: URL, body?: string): Promise<HttpResponse> {
    assertUsableUrl(url, this.#options.allowHttp);
    const { retries, maxDelayMs } = this.#options.retry;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, this.#init(method, body));
        text = await response.text();
      } catch (error) {
        const failure = describeFetchFailure(error);
        if (!failure.permanent && (method === 'GET' || failure.notSent) && attempt <= retries) {
          await sleep(this.#backoff(attempt));
          continue;
        }
        const hint = failure.permanent ? ' (the server certificate is not trusted: pass a dispatcher with its CA, or set NODE_EXTRA_CA_CERTS)' : '';
        throw new AppError(
          ErrorCode.TAXII_UNREACHABLE,
          `${method} ${url.href} got no answer after ${attempt} attempt(s): ${failure.reason}${hint}`,
          { method, url: url.href, attempts: attempt, timedOut: failure.timedOut },
          { cause: error },
        );
      }
      const context = { method, url: url.href, httpStatus: response.status, attempts: attempt };
      if (response.ok) {
        return { method, url: url.href, status: response.status, attempts: attempt, headers: response.headers, body: parseBody(text, context) };
      }
      if (method === 'GET' && RETRYABLE_STATUSES.has(response.status) && attempt <= retries) {
        const wait = retryAfterMs(response.headers.get('retry-after')) ?? this.#backoff(attempt);
        if (wait <= maxDelayMs) {
          await sleep(wait);
          continue;
        }
      }
      throw remoteError(response, text, context);
    }
  }

  #init(method: HttpMethod, body: string | undefined): RequestInit {
    const headers = body === undefined ? this.#headers : { ...this.#headers, 'content-type': TAXII_MEDIA_TYPE };
    const init: RequestInit = { method, headers, redirect: 'manual', signal: AbortSignal.timeout(this.#options.timeoutMs) };
    if (body !== undefined) init.body = body;
    if (this.#options.dispatcher !== undefined) init.dispatcher = this.#options.dispatcher;
    return init;
  }

  #backoff(attempt: number): number {
    return backoffDelay(attempt, this.#options.retry, this.#options.random);
  }
}

/**
 * Refuses URLs the client must not use: other schemes, credentials in the URL
 * (they belong in `credentials`), and plain http except to loopback (TAXII
 * clients MUST use HTTPS, §8.5.1; http stays open for tests and local nodes).
 */
export function assertUsableUrl(url: URL, allowHttp: boolean): void {
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:' ? `${url.protocol} is not http(s)`
    : url.username !== '' || url.password !== '' ? 'credentials belong in the credentials option, not in the URL'
    : url.protocol === 'http:' && !allowHttp && !isLoopback(url.hostname) ? 'TAXII 2.1 clients use HTTPS (§8.5.1); plain http is allowed only to loopback unless allowHttp is set'
    : undefined;
  if (problem !== undefined) {
    throw new AppError(ErrorCode.TAXII_CLIENT_CONFIG, `cannot use ${url.origin}${url.pathname}: ${problem}`, { url: `${url.origin}${url.pathname}` });
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function authorization(credentials: TaxiiCredentials | undefined): Record<string, string> {
  if (credentials === undefined) return {};
  if (credentials.scheme === 'bearer') return { authorization: `Bearer ${credentials.token}` };
  // RFC 7617 §2: the user-id cannot contain a colon; §2.1: UTF-8.
  if (credentials.username.includes(':')) {
    throw new AppError(ErrorCode.TAXII_CLIENT_CONFIG, 'a Basic authentication user id cannot contain a colon (RFC 7617 §2)');
  }
  return { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}` };
}

type ResponseContext = { method: HttpMethod; url: string; httpStatus: number; attempts: number };

function parseBody(text: string, context: ResponseContext): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new TaxiiError(`${context.method} ${context.url} answered ${context.httpStatus} with a body that is not JSON`, context);
  }
}

function remoteError(response: Response, text: string, context: ResponseContext): TaxiiError {
  let resource: unknown;
  try {
    resource = JSON.parse(text);
  } catch {
    resource = undefined;
  }
  const location = response.headers.get('location');
  const said = isErrorResource(resource)
    ? `: ${resource.title}${resource.description ? ` (${resource.description})` : ''}`
    : location !== null ? `: a redirect to ${location}, which the client does not follow; use that URL` : '';
  const status = [context.httpStatus, response.statusText].filter(Boolean).join(' ');
  const message = `${context.method} ${context.url} answered ${status}${said}`;
  return new TaxiiError(message, isErrorResource(resource) ? { ...context, resource } : context);
}
