/** The fetch wrapper against a stubbed `fetch`: the CSRF header, the error format, the 401 hand-off. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { api, ApiError, messageOf, setCsrfToken, setUnauthorizedHandler } from './client.ts';

type Call = { url: string; init: RequestInit };
let calls: Call[] = [];
let answer: () => Response;
const realFetch = globalThis.fetch;

beforeEach(() => {
  calls = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  setCsrfToken(undefined);
  setUnauthorizedHandler(undefined);
});

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const header = (call: Call | undefined, name: string) => (call?.init.headers as Record<string, string>)[name];

describe('API client', () => {
  it('sends the CSRF token on state-changing calls only', async () => {
    setCsrfToken('tok-1');
    answer = json(200, { ok: true });
    await api.get('/api/node');
    await api.post('/api/pattern/check', { pattern: '[a:b = 1]' });
    await api.put('/api/agreements/x', {});
    await api.delete('/api/session');
    assert.deepEqual(calls.map((c) => [c.init.method, header(c, 'x-csrf-token')]), [['GET', undefined], ['POST', 'tok-1'], ['PUT', 'tok-1'], ['DELETE', 'tok-1']]);
    assert.equal(calls[1]?.init.body, '{"pattern":"[a:b = 1]"}');
    assert.equal(header(calls[1], 'content-type'), 'application/json');
    assert.equal(calls[0]?.init.credentials, 'same-origin');
  });

  it("turns the node's error format into an ApiError whose message is the description", async () => {
    answer = json(422, { title: 'Bad pattern', description: "line 1, column 5: expected ':'", error_code: 'PATTERN_SYNTAX', http_status: 422 });
    const error = await api.post('/api/pattern/match', {}).catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.deepEqual([error.title, error.description, error.errorCode, error.httpStatus], ['Bad pattern', "line 1, column 5: expected ':'", 'PATTERN_SYNTAX', 422]);
    assert.equal(messageOf(error), "line 1, column 5: expected ':'");
  });

  it('says what happened when the answer is not the error format', async () => {
    answer = () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    await assert.rejects(api.get('/api/dashboard'), { name: 'ApiError', message: 'The node answered 502 Bad Gateway.' });
  });

  it('hands a 401 to the app, except for calls that handle it themselves', async () => {
    let signedOut = 0;
    setUnauthorizedHandler(() => signedOut++);
    answer = json(401, { title: 'Unauthorized', description: 'sign in first', http_status: 401 });
    await assert.rejects(api.get('/api/objects'), { httpStatus: 401 });
    await assert.rejects(api.get('/api/session', { quiet401: true }), { httpStatus: 401 });
    assert.equal(signedOut, 1);
  });

  it('reports a node that cannot be reached', async () => {
    answer = () => {
      throw new TypeError('fetch failed');
    };
    await assert.rejects(api.get('/api/node'), { name: 'ApiError', httpStatus: 0, message: /cannot be reached/ });
  });
});
