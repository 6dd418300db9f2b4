/**
 * When and how long the TAXII client waits before trying a request again.
 * Pure: no timers and no network, so the policy is tested on its own.
 */

export interface RetryPolicy {
  /** Attempts after the first (default 3). */
  retries: number;
  /** The backoff cap of the first retry; it doubles for each further one (default 250 ms). */
  baseDelayMs: number;
  /** No wait is longer; a Retry-After asking for more ends the retries (default 10 s). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = { retries: 3, baseDelayMs: 250, maxDelayMs: 10_000 };

/** Answers that mean "not now" rather than "no": the request can be made again unchanged. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Exponential backoff with full jitter: a uniform wait in
 * [0, min(maxDelayMs, baseDelayMs · 2^(retry − 1))], so clients that failed
 * together do not retry together. `retry` counts from 1.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(random() * cap);
}

/** A Retry-After value (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) in ms, or `undefined` when absent or malformed. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP-date names its day and month (RFC 9110 §5.6.7); Date.parse alone would read "-1" as a year.
  const date = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What a fetch that got no response tells about the request. */
export interface FetchFailure {
  /** The per-request timeout fired (while connecting, waiting or reading the body). */
  timedOut: boolean;
  /** No connection was made, so the server cannot have seen the request: safe to repeat even a POST. */
  notSent: boolean;
  /** Retrying cannot help (a certificate the client does not trust). */
  permanent: boolean;
  /** The low-level reason, for the error message. */
  reason: string;
}

// Failures to establish the connection (DNS, refused, unreachable, connect timeout).
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT',
]);
// Node's TLS verification failures (e.g. DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID).
const CERTIFICATE_CODE = /^(?:CERT_|ERR_TLS_CERT|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/;

/** Classifies what `fetch` rejected with (undici puts the socket error in `cause`). */
export function describeFetchFailure(error: unknown): FetchFailure {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { timedOut: true, notSent: false, permanent: false, reason: 'timed out' };
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  const reason = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return {
    timedOut: false,
    notSent: code !== undefined && NOT_SENT_CODES.has(code),
    permanent: code !== undefined && CERTIFICATE_CODE.test(code),
    reason: code !== undefined && !reason.includes(code) ? `${code}: ${reason}` : reason,
  };
}
