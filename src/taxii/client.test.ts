import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isAppError } from '../common/errors.ts';
import { TaxiiClient, type TaxiiClientOptions } from './client.ts';
import { TAXII_MEDIA_TYPE } from './media-types.ts';
import type { StixObject } from '../stix/object.ts';
import type { Envelope, Status } from './resources.ts';
import { TaxiiError } from './taxii-error.ts';

const ROOT = '/api1/';
const COLLECTION = '91a7b528-80eb-42ed-a74d-c6fbd5a26116';
const OBJECTS = `${ROOT}collections/${COLLECTION}/objects/`;
const INDICATOR = 'indicator--252c7c11-daf2-42bd-843b-be65edca9f61';

interface Recorded {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

type Handler = (request: Recorded, response: ServerResponse, count: number) => void;

interface FakeServer {
  url: string;
  requests: Recorded[];
}

/** A TAXII server stand-in on 127.0.0.1, port 0, closed when the test ends. */
async function fakeServer(t: TestContext, handler: Handler, server: Server = createHttpServer(), scheme = 'http'): Promise<FakeServer> {
  const requests: Recorded[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method!, url: new URL(req.url!, 'http://x'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      handler(recorded, res, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;
  return { url: `${scheme}://127.0.0.1:${port}/`, requests };
}

/** A loopback port nothing listens on, so connections to it are refused. */
async function refusingPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': TAXII_MEDIA_TYPE, ...headers });
  res.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
}

function client(server: FakeServer, options: Partial<TaxiiClientOptions> = {}): TaxiiClient {
  return new TaxiiClient({ url: server.url, retries: 0, ...options });
}

/** A one-object list whose id carries `n`, to follow objects across pages. */
function indicator(n: number): StixObject[] {
  return [{ type: 'indicator', id: `indicator--${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`, spec_version: '2.1' }];
}

/** What `promise` rejects with (node:assert's rejects() checks but does not hand the error back). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

describe('TaxiiClient: requests', () => {
  it('discovery: GET /taxii2/ with the TAXII Accept header and a User-Agent (§3.1, §8.4.1)', async (t) => {
    const discovery = { title: 'Node B', api_roots: ['/api1/'] };
    const server = await fakeServer(t, (_req, res) => reply(res, 200, discovery));
    assert.deepEqual(await client(server).discovery(), discovery);
    const [request] = server.requests;
    assert.equal(request!.url.pathname, '/taxii2/');
    assert.equal(request!.headers.accept, 'application/taxii+json;version=2.1');
    assert.equal(request!.headers['user-agent'], 'Accord');
    assert.equal(request!.headers.authorization, undefined);
  });

  it('Basic credentials: base64 of user:password in UTF-8 (RFC 7617)', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 200, { title: 'root', versions: [TAXII_MEDIA_TYPE], max_content_length: 1 }));
    await client(server, { credentials: { scheme: 'basic', username: 'node-b', password: 'pässwörd:1' } }).apiRoot(ROOT);
    assert.equal(server.requests[0]!.headers.authorization, `Basic ${Buffer.from('node-b:pässwörd:1', 'utf8').toString('base64')}`);
    assert.equal(server.requests[0]!.url.pathname, ROOT);
  });

  it('Bearer credentials', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 200, {}));
    await client(server, { credentials: { scheme: 'bearer', token: 'tok.en-1' } }).collections(ROOT);
    assert.equal(server.requests[0]!.headers.authorization, 'Bearer tok.en-1');
    assert.equal(server.requests[0]!.url.pathname, `${ROOT}collections/`);
  });

  it('getObjects writes the filters and returns the date-added headers (§3.2)', async (t) => {
    const server = await fakeServer(t, (_req, res) =>
      reply(res, 200, { more: false, objects: indicator(1) }, {
        'X-TAXII-Date-Added-First': '2024-01-01T00:00:00.000001Z',
        'X-TAXII-Date-Added-Last': '2024-01-01T00:00:00.000009Z',
      }),
    );
    const page = await client(server).getObjects(ROOT, COLLECTION, { types: ['indicator', 'malware'], versions: ['all'], limit: 5, addedAfter: '2023-01-01T00:00:00Z' });
    assert.deepEqual(page, {
      resource: { more: false, objects: indicator(1) },
      dateAddedFirst: '2024-01-01T00:00:00.000001Z',
      dateAddedLast: '2024-01-01T00:00:00.000009Z',
    });
    const { url } = server.requests[0]!;
    assert.equal(url.pathname, OBJECTS);
    assert.equal(url.searchParams.get('match[type]'), 'indicator,malware');
    assert.equal(url.searchParams.get('match[version]'), 'all');
    assert.equal(url.searchParams.get('limit'), '5');
    assert.equal(url.searchParams.get('added_after'), '2023-01-01T00:00:00Z');
  });

  it('getObject, versions, manifest, deleteObject and collection: paths and parameters (§5.2–§5.8)', async (t) => {
    const server = await fakeServer(t, (req, res) => (req.method === 'DELETE' ? reply(res, 200) : reply(res, 200, {}, { 'X-TAXII-Date-Added-Last': '2024-01-01T00:00:00.000000Z' })));
    const taxii = client(server);
    assert.deepEqual(await taxii.getObject(ROOT, COLLECTION, INDICATOR, { versions: ['first'] }), { resource: {}, dateAddedLast: '2024-01-01T00:00:00.000000Z' });
    assert.deepEqual((await taxii.versions(ROOT, COLLECTION, INDICATOR, { specVersions: ['2.1'] })).resource, {});
    assert.deepEqual((await taxii.manifest(ROOT, COLLECTION, { ids: [INDICATOR] })).resource, {});
    assert.equal(await taxii.deleteObject(ROOT, COLLECTION, INDICATOR, { versions: ['2016-01-01T00:00:00.000Z'] }), undefined);
    assert.deepEqual(await taxii.collection('api1', COLLECTION), {});
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.url.pathname}${decodeURIComponent(r.url.search)}`),
      [
        `GET ${OBJECTS}${INDICATOR}/?match[version]=first`,
        `GET ${OBJECTS}${INDICATOR}/versions/?match[spec_version]=2.1`,
        `GET ${ROOT}collections/${COLLECTION}/manifest/?match[id]=${INDICATOR}`,
        `DELETE ${OBJECTS}${INDICATOR}/?match[version]=2016-01-01T00:00:00.000Z`,
        `GET ${ROOT}collections/${COLLECTION}/`,
      ],
    );
  });
});

describe('TaxiiClient: paging (§3.5)', () => {
  it('objects() follows next across 3 pages, repeating the original filters', async (t) => {
    const pages: Record<string, Envelope> = {
      '': { more: true, next: 'p2', objects: [...indicator(1), ...indicator(2)] },
      p2: { more: true, next: 'p3', objects: [...indicator(3), ...indicator(4)] },
      p3: { more: false, objects: indicator(5) },
    };
    const server = await fakeServer(t, (req, res) => reply(res, 200, pages[req.url.searchParams.get('next') ?? '']));
    const ids = [];
    for await (const object of client(server).objects(ROOT, COLLECTION, { types: ['indicator'], limit: 2 })) ids.push(object.id.slice(11, 19));
    assert.deepEqual(ids, ['00000001', '00000002', '00000003', '00000004', '00000005']);
    assert.deepEqual(server.requests.map((r) => decodeURIComponent(r.url.search)), [
      '?limit=2&match[type]=indicator',
      '?limit=2&next=p2&match[type]=indicator',
      '?limit=2&next=p3&match[type]=indicator',
    ]);
  });

  it('objectPages() falls back to added_after = X-TAXII-Date-Added-Last when more comes without next', async (t) => {
    const server = await fakeServer(t, (req, res) => {
      const after = req.url.searchParams.get('added_after');
      if (after === null) reply(res, 200, { more: true, objects: indicator(1) }, { 'X-TAXII-Date-Added-Last': '2024-01-01T00:00:00.000001Z' });
      else reply(res, 200, { more: false, objects: indicator(2) }, { 'X-TAXII-Date-Added-Last': '2024-01-01T00:00:00.000002Z' });
    });
    const pages = [];
    for await (const page of client(server).objectPages(ROOT, COLLECTION)) pages.push(page.dateAddedLast);
    assert.deepEqual(pages, ['2024-01-01T00:00:00.000001Z', '2024-01-01T00:00:00.000002Z']);
    assert.equal(server.requests[1]!.url.searchParams.get('added_after'), '2024-01-01T00:00:00.000001Z');
  });

  it('stops when the server offers no way forward instead of looping', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 200, { more: true, next: 'same' }));
    let pages = 0;
    for await (const _ of client(server).objectPages(ROOT, COLLECTION)) pages++;
    assert.equal(pages, 2);
  });
});

describe('TaxiiClient: errors and retries', () => {
  it('a GET answered 503 is retried with exponential backoff, then succeeds', async (t) => {
    const server = await fakeServer(t, (_req, res, count) => (count < 3 ? reply(res, 503) : reply(res, 200, { title: 'ok' })));
    const started = performance.now();
    const discovery = await client(server, { retries: 3, baseDelayMs: 40, random: () => 1 }).discovery();
    const elapsed = performance.now() - started;
    assert.deepEqual(discovery, { title: 'ok' });
    assert.equal(server.requests.length, 3);
    assert.ok(elapsed >= 115, `waited ${elapsed} ms, expected 40 + 80`);
    assert.ok(elapsed < 1000, `waited ${elapsed} ms`);
  });

  it('Retry-After is waited instead of the backoff', async (t) => {
    const server = await fakeServer(t, (_req, res, count) => (count === 1 ? reply(res, 429, undefined, { 'Retry-After': '1' }) : reply(res, 200, {})));
    const started = performance.now();
    await client(server, { retries: 1, baseDelayMs: 1, random: () => 0 }).collections(ROOT);
    assert.equal(server.requests.length, 2);
    assert.ok(performance.now() - started >= 950);
  });

  it('a Retry-After beyond maxDelayMs ends the retries', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 503, undefined, { 'Retry-After': '120' }));
    const error = await rejection(client(server, { retries: 3, maxDelayMs: 1000 }).collections(ROOT));
    assert.ok(error instanceof TaxiiError && error.httpStatus === 503);
    assert.equal(server.requests.length, 1);
  });

  it('a 400 is not retried; its error resource becomes a TaxiiError (§3.6.1)', async (t) => {
    const resource = { title: 'Bad filter', description: 'limit=0: must be greater than zero', http_status: '400', details: { parameter: 'limit' } };
    const server = await fakeServer(t, (_req, res) => reply(res, 400, resource));
    const error = await rejection(client(server, { retries: 3 }).getObjects(ROOT, COLLECTION));
    assert.ok(error instanceof TaxiiError);
    assert.ok(isAppError(error, 'TAXII_REMOTE_ERROR'));
    assert.equal(error.httpStatus, 400);
    assert.deepEqual(error.resource, resource);
    assert.deepEqual(error.details, { method: 'GET', url: `${server.url}api1/collections/${COLLECTION}/objects/`, httpStatus: 400, attempts: 1, resource });
    assert.match(error.message, /answered 400 Bad Request: Bad filter \(limit=0: must be greater than zero\)$/);
    assert.equal(server.requests.length, 1);
  });

  it('a 502 without a TAXII body, once the retries are spent, is a TaxiiError without resource', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }));
    const error = await rejection(client(server, { retries: 2, random: () => 0 }).discovery());
    assert.ok(error instanceof TaxiiError);
    assert.equal(error.httpStatus, 502);
    assert.equal(error.resource, undefined);
    assert.equal(error.details?.attempts, 3);
    assert.equal(server.requests.length, 3);
  });

  it('a POST answered 503 is not retried: the server may have taken it', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 503));
    const error = await rejection(client(server, { retries: 3, random: () => 0 }).addObjects(ROOT, COLLECTION, { objects: indicator(1) }));
    assert.ok(error instanceof TaxiiError && error.httpStatus === 503);
    assert.equal(server.requests.length, 1);
  });

  it('a refused connection is retried, for a POST too (nothing was sent), then TAXII_UNREACHABLE', async () => {
    const taxii = new TaxiiClient({ url: `http://127.0.0.1:${await refusingPort()}/`, retries: 2, random: () => 0 });
    for (const request of [taxii.discovery(), taxii.addObjects(ROOT, COLLECTION, { objects: indicator(1) })]) {
      const error = await rejection(request);
      assert.ok(isAppError(error, 'TAXII_UNREACHABLE'), String(error));
      assert.equal(error.details?.attempts, 3);
      assert.equal(error.details?.timedOut, false);
      assert.match(error.message, /after 3 attempt\(s\): .*ECONNREFUSED/);
    }
  });

  it('a GET that outlives timeoutMs is aborted and retried, then TAXII_UNREACHABLE with timedOut', async (t) => {
    const server = await fakeServer(t, () => undefined);
    const started = performance.now();
    const error = await rejection(client(server, { timeoutMs: 100, retries: 1, random: () => 0 }).discovery());
    assert.ok(isAppError(error, 'TAXII_UNREACHABLE'), String(error));
    assert.equal(error.details?.timedOut, true);
    assert.equal(server.requests.length, 2);
    assert.ok(performance.now() - started < 2000);
  });

  it('the timeout covers a body that stalls after the headers', async (t) => {
    const server = await fakeServer(t, (_req, res) => {
      res.writeHead(200, { 'content-type': TAXII_MEDIA_TYPE });
      res.write('{"objects":[');
    });
    const error = await rejection(client(server, { timeoutMs: 100 }).getObjects(ROOT, COLLECTION));
    assert.ok(isAppError(error, 'TAXII_UNREACHABLE') && error.details?.timedOut === true, String(error));
  });

  it('a POST that times out is not retried', async (t) => {
    const server = await fakeServer(t, () => undefined);
    const error = await rejection(client(server, { timeoutMs: 100, retries: 2 }).addObjects(ROOT, COLLECTION, {}));
    assert.ok(isAppError(error, 'TAXII_UNREACHABLE'));
    assert.equal(server.requests.length, 1);
  });

  it('a redirect is not followed (it would carry the credentials elsewhere)', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 301, undefined, { location: 'https://elsewhere.example/taxii2/' }));
    const error = await rejection(client(server, { credentials: { scheme: 'bearer', token: 't' } }).discovery());
    assert.ok(error instanceof TaxiiError && error.httpStatus === 301);
    assert.match(error.message, /a redirect to https:\/\/elsewhere\.example\/taxii2\/, which the client does not follow/);
    assert.equal(server.requests.length, 1);
  });

  it('a success whose body is not a JSON object is a TaxiiError', async (t) => {
    const server = await fakeServer(t, (req, res) => reply(res, 200, req.url.pathname === '/taxii2/' ? 'not json' : '[1]'));
    for (const request of [client(server).discovery(), client(server).collections(ROOT)]) {
      const error = await rejection(request);
      assert.ok(error instanceof TaxiiError && error.httpStatus === 200, String(error));
    }
  });

  it('refuses, before any request, URLs it must not use (§8.5.1, RFC 7617)', async () => {
    const cases: [TaxiiClientOptions, RegExp][] = [
      [{ url: 'http://node-b.example/' }, /TAXII 2\.1 clients use HTTPS/],
      [{ url: 'https://user:secret@node-b.example/' }, /credentials belong in the credentials option/],
      [{ url: 'ftp://node-b.example/' }, /ftp: is not http\(s\)/],
    ];
    for (const [options, message] of cases) {
      const error = await rejection(new TaxiiClient(options).discovery());
      assert.ok(isAppError(error, 'TAXII_CLIENT_CONFIG'), String(error));
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /secret/);
    }
    assert.throws(() => new TaxiiClient({ url: 'https://x.example/', credentials: { scheme: 'basic', username: 'a:b', password: 'c' } }), /cannot contain a colon/);
    const error = await rejection(new TaxiiClient({ url: 'https://x.example/' }).collections('/api1/?q=1'));
    assert.ok(isAppError(error, 'TAXII_CLIENT_CONFIG'));
  });
});

describe('TaxiiClient: Add Objects and status (§5.5, §4.3)', () => {
  const status = (pending: number, total = 3): Status => ({
    id: '2d086da7-4bdc-4f91-900e-d77486753710',
    status: pending === 0 ? 'complete' : 'pending',
    total_count: total,
    success_count: total - pending,
    failure_count: 0,
    pending_count: pending,
  });

  it('addObjects POSTs the envelope with the TAXII Content-Type and returns the status', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 202, status(3)));
    const envelope: Envelope = { objects: indicator(1) };
    assert.deepEqual(await client(server).addObjects(ROOT, COLLECTION, envelope), status(3));
    const [request] = server.requests;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.url.pathname, OBJECTS);
    assert.equal(request!.headers['content-type'], 'application/taxii+json;version=2.1');
    assert.equal(request!.headers.accept, 'application/taxii+json;version=2.1');
    assert.deepEqual(JSON.parse(request!.body), envelope);
  });

  it('addObjects posts a serialised envelope as it is, byte for byte', async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 202, status(0)));
    const text = '{"objects":[{"type":"indicator","confidence":1E1}]}';
    await client(server).addObjects(ROOT, COLLECTION, text);
    assert.equal(server.requests[0]!.body, text);
  });

  it('addObjectsAndWait polls the status until pending_count is 0', async (t) => {
    const answers = [status(3), status(3, 0), status(1), status(0)];
    const server = await fakeServer(t, (req, res, count) => reply(res, req.method === 'POST' ? 202 : 200, answers[count - 1]));
    const final = await client(server).addObjectsAndWait(ROOT, COLLECTION, { objects: indicator(1) }, { pollIntervalMs: 10 });
    assert.deepEqual(final, status(0));
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.url.pathname}`),
      ['POST', 'GET', 'GET', 'GET'].map((method, i) => `${method} ${i === 0 ? OBJECTS : `${ROOT}status/2d086da7-4bdc-4f91-900e-d77486753710/`}`),
    );
  });

  it('addObjectsAndWait gives up with TAXII_STATUS_PENDING and the last status', async (t) => {
    const server = await fakeServer(t, (req, res) => reply(res, req.method === 'POST' ? 202 : 200, status(2)));
    const error = await rejection(client(server).addObjectsAndWait(ROOT, COLLECTION, {}, { pollIntervalMs: 20, timeoutMs: 90 }));
    assert.ok(isAppError(error, 'TAXII_STATUS_PENDING'), String(error));
    assert.deepEqual(error.details, { status: status(2) });
    assert.match(error.message, /still has 2 of 3 object\(s\) pending after 90 ms/);
    assert.ok(server.requests.length >= 3 && server.requests.length <= 7, `${server.requests.length} requests`);
  });
});

describe('TaxiiClient: HTTPS', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'accord-taxii-'));
  let certificate: { key: string; cert: string } | undefined;
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    certificate = { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } catch {
    certificate = undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  it('refuses an untrusted certificate at once, then works with a dispatcher trusting it', { skip: certificate === undefined && 'openssl is not available' }, async (t) => {
    const server = await fakeServer(t, (_req, res) => reply(res, 200, { title: 'Node B over TLS' }), createHttpsServer(certificate!), 'https');
    const error = await rejection(new TaxiiClient({ url: server.url, retries: 3 }).discovery());
    assert.ok(isAppError(error, 'TAXII_UNREACHABLE'), String(error));
    assert.equal(error.details?.attempts, 1);
    assert.match(error.message, /certificate is not trusted/);
    // Node bundles undici without exporting it; its global dispatcher (set by the fetch above) is an Agent.
    const Agent = (globalThis as Record<symbol, { constructor: new (options: object) => RequestInit['dispatcher'] }>)[Symbol.for('undici.globalDispatcher.1')]!.constructor;
    const dispatcher = new Agent({ connect: { ca: certificate!.cert } });
    assert.deepEqual(await new TaxiiClient({ url: server.url, dispatcher }).discovery(), { title: 'Node B over TLS' });
  });
});
