import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { openSqliteLocalStore } from '../../store/local/index.ts';
import { SIGNATURE_HEADER, syncRequest } from './http.ts';

const FAST = { retries: 3, baseDelayMs: 1, maxDelayMs: 50 };

describe('syncRequest', () => {
  let server: Server;
  let base = '';
  let failuresLeft = 0;
  const seen: { method: string; signature: string | undefined; authorization: string | undefined }[] = [];

  before(async () => {
    server = createServer((request, response) => {
      seen.push({ method: request.method!, signature: request.headers[SIGNATURE_HEADER] as string | undefined, authorization: request.headers.authorization });
      if (request.url?.startsWith('/flaky') && failuresLeft-- > 0) {
        response.writeHead(503, { 'content-type': 'application/taxii+json;version=2.1' }).end('{"title":"busy"}');
        return;
      }
      if (request.url?.startsWith('/refuse')) {
        response.writeHead(403, { 'content-type': 'application/taxii+json;version=2.1' }).end('{"title":"Forbidden","description":"bad signature"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/taxii+json;version=2.1', [SIGNATURE_HEADER]: 'sig' }).end('{"objects":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the signature and credentials, and returns the headers and parsed body', async () => {
    const response = await syncRequest('POST', new URL('/ok', base), { credentials: { scheme: 'basic', username: 'uk-node', password: 's' }, retry: FAST }, '{"objects":[]}', 'abc');
    assert.deepEqual(response.body, { objects: [] });
    assert.equal(response.headers.get(SIGNATURE_HEADER), 'sig');
    assert.equal(seen.at(-1)!.signature, 'abc');
    assert.equal(seen.at(-1)!.authorization, `Basic ${Buffer.from('uk-node:s').toString('base64')}`);
  });

  it('retries 503 with backoff until it succeeds', async () => {
    failuresLeft = 2;
    const response = await syncRequest('GET', new URL('/flaky', base), { retry: FAST, random: () => 0.5 });
    assert.equal(response.attempts, 3);
  });

  it('does not retry a refusal, and says what the server said', async () => {
    const before = seen.length;
    await assert.rejects(syncRequest('POST', new URL('/refuse', base), { retry: FAST }, '{}', 'x'),
      (error: unknown) => isAppError(error) && error.code === 'TAXII_REMOTE_ERROR' && /403: Forbidden: bad signature/.test(error.message));
    assert.equal(seen.length - before, 1);
  });

  it('gives up on a server that does not answer: TAXII_UNREACHABLE', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise<void>((resolve) => down.close(() => resolve()));
    await assert.rejects(syncRequest('GET', new URL(`http://127.0.0.1:${port}/`), { retry: FAST }),
      (error: unknown) => isAppError(error) && error.code === 'TAXII_UNREACHABLE' && /after 4 attempt/.test(error.message));
  });
});

describe('sync state in the node-local store', () => {
  it('keeps one row per partner, direction and collection, replaced on put', () => {
    const local = openSqliteLocalStore({ path: ':memory:' });
    try {
      assert.equal(local.syncState('au', 'pull', 'c1'), undefined);
      local.putSyncState({ partner: 'au', direction: 'pull', collectionId: 'c1', cursor: '2025-01-01T00:00:00.000001Z', lastAttemptAt: 't1', lastError: 'down', lastErrorAt: 't1' });
      local.putSyncState({ partner: 'au', direction: 'pull', collectionId: 'c1', cursor: '2025-01-02T00:00:00.000001Z', lastAttemptAt: 't2', lastSuccessAt: 't2' });
      local.putSyncState({ partner: 'au', direction: 'push', collectionId: 'c1' });
      local.putSyncState({ partner: 'pl', direction: 'push', collectionId: '*', lastSuccessAt: 't3' });
      assert.deepEqual(local.syncState('au', 'pull', 'c1'), { partner: 'au', direction: 'pull', collectionId: 'c1', cursor: '2025-01-02T00:00:00.000001Z', lastAttemptAt: 't2', lastSuccessAt: 't2' });
      assert.deepEqual(local.listSyncState('au').map((row) => `${row.direction}:${row.collectionId}`), ['pull:c1', 'push:c1']);
      assert.equal(local.listSyncState().length, 3);
    } finally {
      local.close();
    }
  });
});
