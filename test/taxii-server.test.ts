import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { isAppError } from '../src/common/errors.ts';
import { formatApiKey, generateKeyId, generateSecret, hashSecret } from '../src/common/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { initNode } from '../src/server/node.ts';
import { openNode, type NodeStores } from '../src/store/data-dir.ts';
import type { Role } from '../src/store/local/local-store.ts';
import { TaxiiClient, TaxiiError, TAXII_MEDIA_TYPE, type TaxiiCredentials } from '../src/taxii/index.ts';
import { temporaryDirectory } from './support/cli.ts';

const ROOT = '/taxii2/accord/';

function identity(modified = '2024-01-01T00:00:00.000Z', id = `identity--${randomUUID()}`) {
  return { type: 'identity', spec_version: '2.1', id, created: '2024-01-01T00:00:00.000Z', modified, name: `org ${id.slice(-4)}`, identity_class: 'organization' };
}

describe('TAXII 2.1 server over HTTP', () => {
  const tmp = temporaryDirectory();
  let node: NodeStores;
  let app: FastifyInstance;
  let base: string;
  const secrets: Record<string, string> = {};
  let apiKey = '';
  let revokedKey = '';
  const ids: Record<string, string> = {};

  const client = (credentials?: TaxiiCredentials) => new TaxiiClient({ url: base, retries: 0, ...(credentials && { credentials }) });
  const as = (name: string) => client({ scheme: 'basic', username: name, password: secrets[name]! });
  const raw = (path: string, init: RequestInit & { user?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.user) headers.set('authorization', `Basic ${Buffer.from(`${init.user}:${secrets[init.user]}`).toString('base64')}`);
    return fetch(new URL(path, base), { ...init, headers });
  };
  const rejects = async (promise: Promise<unknown>, status: number) => {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof TaxiiError, String(error));
      assert.equal(error.httpStatus, status, error.message);
      assert.equal(error.resource?.http_status, String(status));
      return true;
    });
  };

  before(async () => {
    node = await openNode(tmp.dir);
    app = await buildApp({ store: node.store, local: node.local });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await node.close();
    tmp.cleanup();
  });

  it('refuses every request on a node without accounts, saying how to create one (401)', async () => {
    const response = await raw('/taxii2/');
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic realm="accord"/);
    assert.equal(response.headers.get('content-type'), TAXII_MEDIA_TYPE);
    const body = (await response.json()) as { description: string; http_status: string };
    assert.match(body.description, /accord user add/);
    assert.equal(body.http_status, '401');
  });

  it('sets up accounts, keys and collections', async () => {
    const { store, local } = node;
    const init = await initNode(store, local);
    ids.default = init.collection.id;
    assert.equal((await initNode(store, local)).collection.id, ids.default, 'init is idempotent');
    for (const [name, role] of [['admin', 'admin'], ['ana', 'analyst'], ['rita', 'reader'], ['pat', 'partner']] as [string, Role][]) {
      secrets[name] = generateSecret();
      local.createAccount({ name, role, kind: role === 'partner' ? 'system' : 'person', secretHash: await hashSecret(secrets[name]!) });
    }
    const add = async (key: string, title: string, readRoles: Role[], writeRoles: Role[]) => {
      ids[key] = (await store.createCollection({ title })).id;
      local.putGrant({ collectionId: ids[key]!, apiRoot: 'accord', readRoles, writeRoles });
    };
    await add('shared', 'Shared', ['analyst', 'reader'], ['analyst']);
    await add('drop', 'Drop box', [], ['partner']);
    const pat = local.accountByName('pat')!;
    for (const which of ['live', 'revoked']) {
      const keyId = generateKeyId();
      const secret = generateSecret();
      local.createApiKey({ keyId, accountId: pat.id, hash: await hashSecret(secret) });
      if (which === 'live') apiKey = formatApiKey(keyId, secret);
      else revokedKey = formatApiKey(keyId, secret);
    }
    local.revokeApiKey(revokedKey.split('_')[1]!);
  });

  it('discovery and API root (§4.1, §4.2)', async () => {
    const discovery = await as('rita').discovery();
    assert.deepEqual(discovery, { title: 'Accord node', default: ROOT, api_roots: [ROOT] });
    const root = await as('rita').apiRoot(ROOT);
    assert.deepEqual(root.versions, [TAXII_MEDIA_TYPE]);
    assert.equal(typeof root.max_content_length, 'number');
    await rejects(as('rita').apiRoot('/taxii2/nope/'), 404);
  });

  it('authenticates Basic and Bearer; refuses wrong, unknown and revoked credentials (401)', async () => {
    assert.ok((await client({ scheme: 'bearer', token: apiKey }).discovery()).title);
    assert.ok((await client({ scheme: 'bearer', token: apiKey }).discovery()).title, 'cached verification');
    await rejects(client({ scheme: 'bearer', token: revokedKey }).discovery(), 401);
    await rejects(client({ scheme: 'bearer', token: 'accord_nosuchkey_' + 'x'.repeat(43) }).discovery(), 401);
    await rejects(client({ scheme: 'basic', username: 'ana', password: 'wrong' }).discovery(), 401);
    await rejects(client({ scheme: 'basic', username: 'nobody', password: 'x' }).discovery(), 401);
    await rejects(client().discovery(), 401);
    const bad = await raw('/taxii2/', { headers: { authorization: 'Digest abc' } });
    assert.equal(bad.status, 401);
    assert.match(bad.headers.get('www-authenticate') ?? '', /Basic/);
  });

  it('re-checks revocation and disabling on cached credentials', async () => {
    const { local } = node;
    const pat = local.accountByName('pat')!;
    const keyId = generateKeyId();
    const secret = generateSecret();
    local.createApiKey({ keyId, accountId: pat.id, hash: await hashSecret(secret) });
    const keyed = client({ scheme: 'bearer', token: formatApiKey(keyId, secret) });
    await keyed.discovery();
    local.revokeApiKey(keyId);
    await rejects(keyed.discovery(), 401);
    await as('ana').discovery();
    local.setAccountDisabled(local.accountByName('ana')!.id, true);
    await rejects(as('ana').discovery(), 401);
    local.setAccountDisabled(local.accountByName('ana')!.id, false);
    await as('ana').discovery();
  });

  it('lists only the collections an account may see, with its access (§5.1, §5.2)', async () => {
    const titles = async (name: string) => ((await as(name).collections(ROOT)).collections ?? []).map((c) => [c.title, c.can_read, c.can_write]);
    assert.deepEqual(await titles('admin'), [['Default', true, true], ['Shared', true, true], ['Drop box', true, true]]);
    assert.deepEqual(await titles('ana'), [['Shared', true, true]]);
    assert.deepEqual(await titles('rita'), [['Shared', true, false]]);
    assert.deepEqual(await titles('pat'), [['Drop box', false, true]]);
    const shared = await as('rita').collection(ROOT, ids.shared!);
    assert.deepEqual(shared.media_types, ['application/stix+json;version=2.1']);
    await rejects(as('rita').collection(ROOT, ids.default!), 404);
    await rejects(as('rita').collection(ROOT, randomUUID()), 404);
    await rejects(as('rita').collections('/taxii2/nope/'), 404);
  });

  it('adds objects: 202 with a complete, persisted status naming each failure (§5.5, §4.3)', async () => {
    const good = [identity(), identity(), identity()];
    const invalid = { type: 'identity', id: 'identity--bad' };
    const status = await as('ana').addObjects(ROOT, ids.shared!, { objects: [good[0]!, invalid as never, good[1]!, 42 as never, good[2]!] });
    assert.equal(status.status, 'complete');
    assert.equal(status.total_count, 5);
    assert.equal(status.success_count, 3);
    assert.equal(status.failure_count, 2);
    assert.equal(status.pending_count, 0);
    assert.deepEqual(status.successes!.map((s) => s.id), good.map((o) => o.id));
    assert.equal(status.successes![0]!.version, '2024-01-01T00:00:00.000Z');
    assert.equal(status.failures![0]!.id, 'identity--bad');
    assert.match(status.failures![0]!.message!, /identifier/);
    assert.match(status.failures![1]!.message!, /must be a JSON object, not 42/);
    assert.deepEqual(await as('ana').status(ROOT, status.id), status);
    await rejects(as('rita').status(ROOT, status.id), 404);
    assert.deepEqual(await as('admin').status(ROOT, status.id), status);
    await rejects(as('ana').status(ROOT, randomUUID()), 404);
    const waited = await as('ana').addObjectsAndWait(ROOT, ids.shared!, { objects: [good[0]!] }, { pollIntervalMs: 10 });
    assert.equal(waited.success_count, 1, 're-adding the same version is a success');
  });

  it('refuses writes it may not make: 403 when readable, 404 when invisible', async () => {
    await rejects(as('rita').addObjects(ROOT, ids.shared!, { objects: [identity()] }), 403);
    await rejects(as('rita').addObjects(ROOT, ids.default!, { objects: [identity()] }), 404);
    // A partner-role account writes only as a partner, under that partner's inbound agreements (docs/policy.md "Inbound").
    const unlinked = await client({ scheme: 'bearer', token: apiKey }).addObjects(ROOT, ids.drop!, { objects: [identity()] });
    assert.deepEqual([unlinked.success_count, unlinked.failures?.[0]?.message], [0, 'refused by the sharing policy: account pat has the partner role but no partner names it (accord partner add … --account pat)']);
    node.local.addPartner({ name: 'pat-org', kind: 'industry', accountName: 'pat', createdAt: '2024-01-01T00:00:00.000Z' });
    node.local.putAgreement({ id: 'pat-in', partner: 'pat-org', direction: 'inbound', collections: [ids.drop!], objectTypes: ['*'], tlp: ['clear', 'green', 'amber'], onward: false, updatedAt: '2024-01-01T00:00:00.000Z' });
    const status = await client({ scheme: 'bearer', token: apiKey }).addObjects(ROOT, ids.drop!, { objects: [identity()] });
    assert.equal(status.success_count, 1);
    await rejects(client({ scheme: 'bearer', token: apiKey }).getObjects(ROOT, ids.drop!), 403);
  });

  it('refuses bodies it cannot read: 415, 400, 413', async () => {
    const post = (body: string, contentType?: string) => raw(`${ROOT}collections/${ids.shared}/objects/`, {
      method: 'POST', user: 'ana', body, headers: { accept: TAXII_MEDIA_TYPE, ...(contentType && { 'content-type': contentType }) },
    });
    for (const type of ['application/json', 'application/taxii+json;version=2.0', 'text/plain', undefined]) {
      const response = await post('{"objects":[]}', type);
      assert.equal(response.status, 415, String(type));
      assert.equal(response.headers.get('content-type'), TAXII_MEDIA_TYPE);
    }
    for (const body of ['not json', '[1,2]', '{"objects":{}}', '{"type":"bundle","id":"bundle--x","objects":[]}']) {
      const response = await post(body, TAXII_MEDIA_TYPE);
      assert.equal(response.status, 400, body);
      const resource = (await response.json()) as { title: string; http_status: string };
      assert.equal(resource.http_status, '400');
    }
    node.local.putApiRoot({ ...node.local.apiRoot('accord')!, maxContentLength: 2000 });
    try {
      const big = JSON.stringify({ objects: Array.from({ length: 20 }, () => identity()) });
      const response = await post(big, TAXII_MEDIA_TYPE);
      assert.equal(response.status, 413);
      assert.match(((await response.json()) as { description: string }).description, /max_content_length of 2000/);
      assert.equal((await as('ana').apiRoot(ROOT)).max_content_length, 2000);
    } finally {
      node.local.putApiRoot({ ...node.local.apiRoot('accord')!, maxContentLength: 64 * 1024 * 1024 });
    }
  });

  it('answers 406 for an Accept it cannot serve, and the exact TAXII media type otherwise', async () => {
    for (const accept of ['application/json', 'application/taxii+json;version=2.0', 'application/stix+json;version=2.1', 'application/taxii+json;q=0']) {
      const response = await raw('/taxii2/', { user: 'rita', headers: { accept } });
      assert.equal(response.status, 406, accept);
      assert.equal(((await response.json()) as { http_status: string }).http_status, '406');
    }
    for (const accept of ['application/taxii+json', '*/*', 'application/taxii+json; version="2.1"; charset=utf-8']) {
      const response = await raw('/taxii2/', { user: 'rita', headers: { accept } });
      assert.equal(response.status, 200, accept);
      assert.equal(response.headers.get('content-type'), TAXII_MEDIA_TYPE);
    }
  });

  it('gets objects with filters, paging and date-added headers (§5.4, §3.2, §3.5)', async () => {
    const objects = Array.from({ length: 25 }, () => identity());
    const v2 = { ...objects[0]!, modified: '2024-06-01T00:00:00.000Z' };
    await as('admin').addObjects(ROOT, ids.default!, { objects: [...objects, v2] });
    const ana = as('admin');
    const first = await ana.getObjects(ROOT, ids.default!, { limit: 10 });
    assert.equal(first.resource.objects?.length, 10);
    assert.equal(first.resource.more, true);
    assert.ok(first.resource.next);
    assert.ok(first.dateAddedFirst && first.dateAddedLast && first.dateAddedFirst <= first.dateAddedLast);
    const all = [];
    for await (const object of ana.objects(ROOT, ids.default!, { limit: 7 })) all.push(object);
    assert.equal(all.length, 25, 'latest versions only');
    assert.equal(all.find((o) => o.id === objects[0]!.id)?.modified, '2024-06-01T00:00:00.000Z');
    const every = await ana.getObjects(ROOT, ids.default!, { versions: ['all'], limit: 100 });
    assert.equal(every.resource.objects?.length, 26);
    const firstVersions = await ana.getObjects(ROOT, ids.default!, { ids: [objects[0]!.id], versions: ['first'] });
    assert.equal(firstVersions.resource.objects?.[0]?.modified, '2024-01-01T00:00:00.000Z');
    const byType = await ana.getObjects(ROOT, ids.default!, { types: ['indicator'] });
    assert.deepEqual(byType.resource, { more: false });
    assert.equal(byType.dateAddedFirst, undefined);
    const bySpec = await ana.getObjects(ROOT, ids.default!, { specVersions: ['2.0'] });
    assert.equal(bySpec.resource.objects, undefined);
    const after = await ana.getObjects(ROOT, ids.default!, { addedAfter: first.dateAddedLast!, limit: 100 });
    assert.ok((after.resource.objects?.length ?? 0) > 0);
    assert.ok(after.dateAddedFirst! > first.dateAddedLast!);
    const rita = await as('rita').getObjects(ROOT, ids.shared!);
    assert.ok((rita.resource.objects?.length ?? 0) >= 3);
    await rejects(as('rita').getObjects(ROOT, ids.default!), 404);
  });

  it('answers 400 for bad filters, cursors and limits, with every problem listed', async () => {
    const get = (query: string) => raw(`${ROOT}collections/${ids.default}/objects/?${query}`, { user: 'admin' });
    for (const query of ['limit=0', 'limit=-1', 'limit=abc', 'limit=99999999999999999999', 'match[id]=nope', 'match[type]=Bad_Type', 'match[version]=yesterday',
      'added_after=2024-13-01', 'next=garbage', 'match[foo]=1', 'limit=1&limit=2', 'match[version]=all,last']) {
      const response = await get(query);
      assert.equal(response.status, 400, query);
      const resource = (await response.json()) as { http_status: string; description: string };
      assert.equal(resource.http_status, '400');
      assert.doesNotMatch(JSON.stringify(resource), /\bat .*\.ts:\d+/, 'no stack trace');
    }
    const huge = await as('admin').getObjects(ROOT, ids.default!, { limit: 10 ** 12 });
    assert.equal(huge.resource.objects?.length, 25, 'a huge limit is lowered, not refused');
    const both = (await (await get('limit=0&match[id]=nope')).json()) as { details: { problems: unknown[] } };
    assert.equal(both.details.problems.length, 2);
  });

  it('gets one object, its versions and the manifest (§5.6, §5.8, §5.3)', async () => {
    const a = as('admin');
    const objects = (await a.getObjects(ROOT, ids.default!, { versions: ['all'], limit: 100 })).resource.objects!;
    const versioned = objects.find((o) => o.modified === '2024-06-01T00:00:00.000Z')!;
    const one = await a.getObject(ROOT, ids.default!, versioned.id);
    assert.equal(one.resource.objects?.length, 1);
    assert.equal(one.resource.objects?.[0]?.modified, '2024-06-01T00:00:00.000Z');
    const allOfIt = await a.getObject(ROOT, ids.default!, versioned.id, { versions: ['all'] });
    assert.equal(allOfIt.resource.objects?.length, 2);
    const versions = await a.versions(ROOT, ids.default!, versioned.id);
    assert.deepEqual(versions.resource.versions, ['2024-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z']);
    assert.ok(versions.dateAddedFirst);
    await rejects(a.getObject(ROOT, ids.default!, `identity--${randomUUID()}`), 404);
    await rejects(a.versions(ROOT, ids.default!, `identity--${randomUUID()}`), 404);
    const badId = await raw(`${ROOT}collections/${ids.default}/objects/not-an-id/`, { user: 'admin' });
    assert.equal(badId.status, 400);
    const notAllowed = await raw(`${ROOT}collections/${ids.default}/objects/${versioned.id}/?match[type]=identity`, { user: 'admin' });
    assert.equal(notAllowed.status, 400);
    const manifest = await a.manifest(ROOT, ids.default!, { limit: 5 });
    assert.equal(manifest.resource.objects?.length, 5);
    assert.equal(manifest.resource.more, true);
    assert.deepEqual(Object.keys(manifest.resource.objects![0]!).sort(), ['date_added', 'id', 'media_type', 'version']);
    assert.ok(manifest.dateAddedLast);
    await rejects(as('rita').manifest(ROOT, ids.default!), 404);
    await rejects(client({ scheme: 'bearer', token: apiKey }).manifest(ROOT, ids.drop!), 403);
  });

  it('deletes selected versions of an object from the collection (§5.7), after access checks', async () => {
    const a = as('admin');
    const id = `identity--${randomUUID()}`;
    const [first, second, third] = ['2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'].map((modified) => identity(modified, id));
    await a.addObjectsAndWait(ROOT, ids.default!, { objects: [first!, second!, third!] }, { pollIntervalMs: 10 });
    const versions = async () => (await a.versions(ROOT, ids.default!, id)).resource.versions;

    await rejects(as('rita').deleteObject(ROOT, ids.shared!, id), 403);
    await rejects(as('rita').deleteObject(ROOT, ids.default!, id), 404);
    await rejects(a.deleteObject(ROOT, ids.default!, `identity--${randomUUID()}`), 404);
    const badFilter = await raw(`${ROOT}collections/${ids.default}/objects/${id}/?match[type]=identity`, { user: 'admin', method: 'DELETE' });
    assert.equal(badFilter.status, 400);
    assert.deepEqual(await versions(), [first!.modified, second!.modified, third!.modified]);

    await a.deleteObject(ROOT, ids.default!, id, { versions: ['first'] });
    assert.deepEqual(await versions(), [second!.modified, third!.modified]);
    await a.deleteObject(ROOT, ids.default!, id, { versions: [third!.modified] });
    assert.deepEqual(await versions(), [second!.modified]);
    await a.deleteObject(ROOT, ids.default!, id);
    await rejects(a.getObject(ROOT, ids.default!, id), 404);
    await rejects(a.deleteObject(ROOT, ids.default!, id), 404);
  });

  it('answers unknown paths with a TAXII 404 and never a stack trace', async () => {
    const response = await raw('/taxii2/accord/nothing/here/', { user: 'admin' });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), TAXII_MEDIA_TYPE);
    assert.ok(response.headers.get('x-request-id'));
  });

  it('serves /healthz openly, /metrics to admins only, and the OpenAPI document', async () => {
    assert.equal((await raw('/healthz')).status, 200);
    assert.equal((await raw('/metrics')).status, 401);
    assert.equal((await raw('/metrics', { user: 'rita' })).status, 403);
    const metrics = await raw('/metrics', { user: 'admin' });
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /accord_http_request_duration_seconds_bucket/);
    const openapi = (await (await raw('/openapi.json')).json()) as { paths: Record<string, unknown> };
    assert.ok(openapi.paths['/taxii2/{apiRoot}/collections/{collectionId}/objects/']);
  });

  it('keeps AppError codes for client errors', () => {
    assert.ok(isAppError(new TaxiiError('x', { method: 'GET', url: 'u', httpStatus: 400, attempts: 1 })));
  });
});
