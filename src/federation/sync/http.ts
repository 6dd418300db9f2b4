import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { TAXII_MEDIA_TYPE } from '../../taxii/media-types.ts';
import { backoffDelay, describeFetchFailure, DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, retryAfterMs, type RetryPolicy } from '../../taxii/retry.ts';
import type { TaxiiCredentials } from '../../taxii/transport.ts';

/** The header of a signed transfer (docs/federation.md "Signed transfers"), read and written by the server too (server/access.ts re-exports it). */
export const SIGNATURE_HEADER = 'x-accord-signature';

export interface SyncHttpOptions {
  credentials?: TaxiiCredentials | undefined;
  retry?: RetryPolicy;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** The jitter source, in [0, 1) (default Math.random). */
  random?: () => number;
}

export interface SyncResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body (undefined when empty). */
  body: unknown;
  attempts: number;
}

/**
 * One TAXII request of a sync, with the headers the TAXII client does not send
 * or return (the signature), retried with exponential backoff and full jitter
 * (taxii/retry.ts) on no answer and on 429/502/503/504. A POST is retried too:
 * re-delivery is idempotent (the store keeps one copy of each version).
 * An error answer is TAXII_REMOTE_ERROR; no answer after the retries, TAXII_UNREACHABLE.
 */
export async function syncRequest(method: 'GET' | 'POST', url: URL, options: SyncHttpOptions, body?: string, signature?: string): Promise<SyncResponse> {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE, 'user-agent': 'Accord sync', ...authorization(options.credentials) };
  if (body !== undefined) headers['content-type'] = TAXII_MEDIA_TYPE;
  if (signature !== undefined) headers[SIGNATURE_HEADER] = signature;
  for (let attempt = 1; ; attempt++) {
    let wait: number;
    let problem: string;
    try {
      const response = await fetch(url, { method, headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(body !== undefined && { body }) });
      const text = await response.text();
      if (response.ok) return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) as unknown, attempts: attempt };
      problem = `${method} ${url.href} answered ${response.status}: ${describe(text)}`;
      if (!RETRYABLE_STATUSES.has(response.status) || attempt > retry.retries) {
        throw new AppError(ErrorCode.TAXII_REMOTE_ERROR, problem, { httpStatus: response.status, attempts: attempt });
      }
      wait = retryAfterMs(response.headers.get('retry-after')) ?? backoffDelay(attempt, retry, random);
      if (wait > retry.maxDelayMs) throw new AppError(ErrorCode.TAXII_REMOTE_ERROR, problem, { httpStatus: response.status, attempts: attempt });
    } catch (error) {
      if (error instanceof AppError) throw error;
      const failure = describeFetchFailure(error);
      problem = `${method} ${url.href}: no answer (${failure.reason})`;
      if (failure.permanent || attempt > retry.retries) throw new AppError(ErrorCode.TAXII_UNREACHABLE, `${problem} after ${attempt} attempt(s)`, { attempts: attempt });
      wait = backoffDelay(attempt, retry, random);
    }
    await sleep(wait);
  }
}

function authorization(credentials: TaxiiCredentials | undefined): Record<string, string> {
  if (credentials === undefined) return {};
  if (credentials.scheme === 'bearer') return { authorization: `Bearer ${credentials.token}` };
  return { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}` };
}

/** A TAXII error resource's title and description, else the start of the body. */
function describe(text: string): string {
  try {
    const value = JSON.parse(text) as { title?: unknown; description?: unknown };
    const parts = [value.title, value.description].filter((part): part is string => typeof part === 'string');
    if (parts.length > 0) return parts.join(': ');
  } catch {
    // not JSON: the raw text below
  }
  return text.slice(0, 200) || '(no body)';
}
