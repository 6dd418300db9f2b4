import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, describeFetchFailure, retryAfterMs, type RetryPolicy } from './retry.ts';

const POLICY: RetryPolicy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelay: full jitter under an exponential cap', () => {
  const rows: [retry: number, random: number, expected: number][] = [
    [1, 1, 100],
    [2, 1, 200],
    [3, 1, 400],
    [4, 1, 800],
    [5, 1, 1000],
    [30, 1, 1000],
    [3, 0.5, 200],
    [3, 0, 0],
  ];
  for (const [retry, random, expected] of rows) {
    it(`retry ${retry}, random ${random} → ${expected} ms`, () => assert.equal(backoffDelay(retry, POLICY, () => random), expected));
  }
});

describe('retryAfterMs (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('2024-01-01T00:00:00Z');
  const rows: [header: string | null, expected: number | undefined][] = [
    [null, undefined],
    ['0', 0],
    ['3', 3000],
    [' 2 ', 2000],
    ['Mon, 01 Jan 2024 00:00:05 GMT', 5000],
    ['Sun, 31 Dec 2023 23:59:00 GMT', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
  ];
  for (const [header, expected] of rows) {
    it(`${JSON.stringify(header)} → ${expected}`, () => assert.equal(retryAfterMs(header, now), expected));
  }
});

describe('describeFetchFailure', () => {
  const failed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
  const rows: [name: string, error: unknown, expected: Partial<ReturnType<typeof describeFetchFailure>>][] = [
    ['a timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), { timedOut: true, notSent: false, permanent: false }],
    ['a refused connection', failed('ECONNREFUSED'), { timedOut: false, notSent: true, permanent: false }],
    ['an unknown host', failed('ENOTFOUND'), { notSent: true }],
    ['a reset after sending', failed('ECONNRESET'), { notSent: false, permanent: false }],
    ['an untrusted certificate', failed('DEPTH_ZERO_SELF_SIGNED_CERT'), { permanent: true }],
    ['a certificate for another name', failed('ERR_TLS_CERT_ALTNAME_INVALID'), { permanent: true }],
    ['something else', new Error('boom'), { timedOut: false, notSent: false, permanent: false, reason: 'boom' }],
  ];
  for (const [name, error, expected] of rows) {
    it(name, () => {
      const failure = describeFetchFailure(error);
      for (const [key, value] of Object.entries(expected)) assert.equal(failure[key as keyof typeof failure], value, key);
    });
  }
});
