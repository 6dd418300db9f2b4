/**
 * The sharing policy on TAXII reads, through the real server (issue 5): a
 * partner's machine account sees exactly what `decide` allows it, page by page
 * with `more`/`next` still right; and no GET route the app registers lets a
 * withheld object's id out.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { hashSecret, generateSecret } from '../src/common/secrets.ts';
import type { Partner, Reader, SharingAgreement } from '../src/federation/model.ts';
import { decide, localPolicySource, MemoryPolicySource, policyContext, RECIPIENTS_PROPERTY, type PolicySource } from '../src/federation/policy.ts';
import { buildApp } from '../src/server/app.ts';
import { initNode } from '../src/server/node.ts';
import { TLP1_WHITE, TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN, TLP2_RED } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openNode, type NodeStores } from '../src/store/data-dir.ts';
import type { Role } from '../src/store/local/local-store.ts';
import { TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { temporaryDirectory } from './support/cli.ts';

const ROOT = '/taxii2/accord/';
const AU_ID = 'identity--0a0a0a0a-0000-4000-8000-0000000000a0';
const PL_ID = 'identity--0b0b0b0b-0000-4000-8000-0000000000b0';
const T0 = Date.parse('2024-01-01T00:00:00.000Z');

let serial = 0;
function identity(marking: Partial<StixObject>, modified = T0): StixObject {
  serial++;
  return {
    type: 'identity', spec_version: '2.1', id: `identity--00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    created: new Date(T0).toISOString(), modified: new Date(modified).toISOString(), name: `org ${serial}`, identity_class: 'organization', ...marking,
  };
}
const marked = (...refs: string[]): Partial<StixObject> => ({ object_marking_refs: refs });

/** A mix of every kind of marking, in date-added order. */
const MARKINGS: readonly Partial<StixObject>[] = [
  marked(TLP2_CLEAR.id),
  marked(TLP2_GREEN.id),
  marked(TLP2_AMBER.id),
  marked(TLP2_AMBER_STRICT.id),
  { ...marked(TLP2_RED.id), [RECIPIENTS_PROPERTY]: [AU_ID] },
  marked(TLP2_RED.id),
  {},
  marked(TLP1_WHITE.id),
  { ...marked(TLP2_GREEN.id), description: 'd', granular_markings: [{ marking_ref: TLP2_RED.id, selectors: ['description'] }] },
];

describe('TAXII reads under the sharing policy', () => {
  const tmp = temporaryDirectory();
  let node: NodeStores;
  let app: FastifyInstance;
  let base: string;
  let shared = '';
  let nodeIdentityId: string | undefined;
  const secrets: Record<string, string> = {};
  const partners: Partner[] = [
    { name: 'au', kind: 'state', identityId: AU_ID, accountName: 'au-node', createdAt: '2024-01-01T00:00:00.000Z' },
    { name: 'pl', kind: 'state', identityId: PL_ID, accountName: 'pl-node', createdAt: '2024-01-01T00:00:00.000Z' },
  ];
  /** Provenance, which the node-local store does not keep yet. */
  const received = new MemoryPolicySource();
  /** Partners and agreements as the node-local store keeps them; withheld summaries to its audit log. */
  let source: PolicySource;
  /** Every version in the collection, in date-added order (what a local reader sees). */
  const stored: StixObject[] = [];
  let twoVersions: StixObject[] = [];
  let redOnly: StixObject;

  /** A TAXII request as `user` (HTTP Basic) to `server` (default: the app under test). */
  const request = (user: string, path: string, init: RequestInit = {}, server = base) => fetch(new URL(path, server), {
    ...init,
    headers: { accept: TAXII_MEDIA_TYPE, authorization: `Basic ${Buffer.from(`${user}:${secrets[user]}`).toString('base64')}`, ...(init.headers as Record<string, string> | undefined) },
  });
  const get = async (user: string, path: string) => {
    const response = await request(user, path);
    return { status: response.status, text: await response.text(), headers: response.headers };
  };
  const serve = async (instance: FastifyInstance): Promise<string> => {
    await instance.listen({ host: '127.0.0.1', port: 0 });
    return `http://127.0.0.1:${(instance.server.address() as AddressInfo).port}`;
  };
  const readerOf = (user: string): Reader | undefined => {
    if (user === 'rita') return { kind: 'local', role: 'reader' };
    const partner = source.partnerForAccount(user);
    return partner && { kind: 'partner', partner };
  };
  /** What `decide` lets `user` see, in order: the expectation every route must meet. */
  const allowedFor = (user: string): string[] => {
    const reader = readerOf(user);
    if (reader === undefined) return [];
    const context = policyContext(source, reader, { collectionId: shared, nodeIdentityId });
    return stored.filter((object) => decide(reader, object, context).allow).map(key);
  };
  const key = (object: StixObject): string => `${object.id}@${object.modified}`;
  /** Object ids of which `user` may see no version at all. */
  const hiddenFrom = (user: string): string[] => {
    const visible = new Set(allowedFor(user).map((k) => k.split('@')[0]));
    return [...new Set(stored.map((object) => object.id))].filter((id) => !visible.has(id));
  };

  before(async () => {
    node = await openNode(tmp.dir);
    const { store, local } = node;
    nodeIdentityId = (await initNode(store, local)).identity.id;
    for (const [name, role] of [['admin', 'admin'], ['rita', 'reader'], ['au-node', 'partner'], ['pl-node', 'partner'], ['ghost', 'partner']] as [string, Role][]) {
      secrets[name] = generateSecret();
      local.createAccount({ name, role, kind: role === 'partner' ? 'system' : 'person', secretHash: await hashSecret(secrets[name]!) });
    }
    shared = (await store.createCollection({ title: 'Shared' })).id;
    for (const partner of partners) local.addPartner(partner);
    source = localPolicySource(local, { provenanceOf: (id, modified) => received.provenanceOf(id, modified), audit: node.audit });
    local.putGrant({ collectionId: shared, apiRoot: 'accord', readRoles: ['reader', 'partner'], writeRoles: ['partner'] });
    const agreement = (id: string, partner: string, direction: SharingAgreement['direction'], fields: Partial<SharingAgreement>): SharingAgreement =>
      ({ id, partner, direction, collections: ['*'], objectTypes: ['*'], tlp: ['clear', 'green', 'amber', 'amber+strict', 'red'], onward: false, updatedAt: '2024-01-01T00:00:00.000Z', ...fields });
    for (const made of [
      agreement('au-out', 'au', 'outbound', { collections: [shared] }),
      agreement('au-in', 'au', 'inbound', { onward: false }),
      agreement('pl-out', 'pl', 'outbound', { tlp: ['clear', 'green'] }),
      agreement('pl-in', 'pl', 'inbound', { onward: true }),
    ]) local.putAgreement(made);
    // 54 single-version objects of every marking; every fourth received from pl (whose inbound agreement allows onward).
    for (let n = 0; n < 54; n++) {
      const object = identity(MARKINGS[n % MARKINGS.length]!);
      if (n % 4 === 1) received.addProvenance({ objectId: object.id, modified: object.modified!, partner: 'pl', agreementId: 'pl-in', receivedAt: '2024-01-02T00:00:00.000Z' });
      stored.push(object);
    }
    // One object whose first version is GREEN and second RED for nobody; one with only RED versions.
    const first = identity(marked(TLP2_GREEN.id));
    twoVersions = [first, { ...first, modified: new Date(T0 + 86_400_000).toISOString(), object_marking_refs: [TLP2_RED.id] }];
    const red = identity(marked(TLP2_RED.id));
    redOnly = red;
    stored.push(...twoVersions, red, { ...red, modified: new Date(T0 + 86_400_000).toISOString() });
    for (const object of stored) await store.ingest([object], { collections: [shared] });

    app = await buildApp({ store, local, policy: source });
    base = await serve(app);
  });
  after(async () => {
    await app.close();
    await node.close();
    tmp.cleanup();
  });

  /** Follows `next` until `more` is false, checking each page's shape; returns every record's key. */
  const walk = async (user: string, endpoint: 'objects' | 'manifest', limit: number) => {
    const keys: string[] = [];
    let next: string | undefined;
    let shortPages = 0;
    for (let pages = 0; ; pages++) {
      assert.ok(pages <= stored.length + 1, `${user} ${endpoint} limit ${limit}: paging does not end`);
      const query = `limit=${limit}&match[version]=all${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`;
      const response = await get(user, `${ROOT}collections/${shared}/${endpoint}/?${query}`);
      assert.equal(response.status, 200, response.text);
      const page = JSON.parse(response.text) as { more?: boolean; next?: string; objects?: { id: string; modified?: string; version?: string }[] };
      const records = page.objects ?? [];
      assert.ok(records.length <= limit, `a page holds at most ${limit}`);
      keys.push(...records.map((record) => `${record.id}@${record.modified ?? record.version}`));
      if (records.length < limit && page.more === true) shortPages++;
      assert.equal(page.more === true, page.next !== undefined, '`next` is given exactly when `more` is true');
      if (records.length > 0) assert.equal(response.headers.get('x-taxii-date-added-first') !== null, true);
      if (page.more !== true) return { keys, shortPages };
      next = page.next;
    }
  };

  it('gives each account exactly what the policy allows it, page by page, objects and manifest alike', async () => {
    const everything = stored.map(key);
    assert.deepEqual(allowedFor('rita'), everything, 'a local reader sees every version');
    for (const user of ['au-node', 'pl-node', 'ghost', 'rita']) {
      const expected = allowedFor(user);
      for (const limit of [1, 2, 3, 7, 100]) {
        for (const endpoint of ['objects', 'manifest'] as const) {
          const { keys } = await walk(user, endpoint, limit);
          assert.deepEqual(keys, expected, `${user} ${endpoint} limit ${limit}`);
        }
      }
    }
    // The mix is meaningful: each partner sees some and not all, and they differ.
    const au = allowedFor('au-node');
    const pl = allowedFor('pl-node');
    assert.ok(au.length > 10 && au.length < everything.length && pl.length > 5 && pl.length < au.length, `${au.length} / ${pl.length} / ${everything.length}`);
    assert.deepEqual(allowedFor('ghost'), []);
  });

  it('answers a page short, never endlessly, when a long run is withheld', async () => {
    // ghost (a partner account no partner names) sees nothing: each request scans a bounded stretch and moves on.
    const { keys, shortPages } = await walk('ghost', 'objects', 1);
    assert.deepEqual(keys, []);
    assert.ok(shortPages >= 2, `${shortPages} empty pages with more: true`);
  });

  it('hides a withheld version of an object, and an object with no visible version is absent (404)', async () => {
    const [green, red] = twoVersions;
    const au = async (path: string) => get('au-node', `${ROOT}collections/${shared}/objects/${path}`);
    const versions = JSON.parse((await au(`${green!.id}/versions/`)).text) as { versions?: string[] };
    assert.deepEqual(versions.versions, [green!.modified]);
    const all = JSON.parse((await au(`${green!.id}/?match[version]=all`)).text) as { objects?: StixObject[] };
    assert.deepEqual(all.objects?.map((object) => object.modified), [green!.modified]);
    const latest = await au(`${green!.id}/`);
    assert.equal(latest.status, 200, 'the object is visible; its latest version is not');
    assert.equal(JSON.parse(latest.text).objects, undefined);
    assert.ok(red);

    const absent = 'identity--00000000-0000-4000-8000-0000deadbeef';
    for (const suffix of ['/', '/versions/']) {
      const hidden = await au(`${redOnly.id}${suffix}`);
      const missing = await au(`${absent}${suffix}`);
      assert.equal(hidden.status, 404);
      assert.equal(missing.status, 404);
      const strip = (text: string, id: string) => (JSON.parse(text) as { description: string }).description.replace(id, 'ID');
      assert.equal(strip(hidden.text, redOnly.id), strip(missing.text, absent), 'withheld and absent are told apart by nothing');
    }
    assert.equal((await get('rita', `${ROOT}collections/${shared}/objects/${redOnly.id}/`)).status, 200);
  });

  it('deletes only what the partner may see, and answers 404 for what it may not', async () => {
    const del = (user: string, id: string) => request(user, `${ROOT}collections/${shared}/objects/${id}/`, { method: 'DELETE' });
    assert.equal((await del('au-node', redOnly.id)).status, 404);
    const [green, red] = twoVersions;
    assert.equal((await del('au-node', green!.id)).status, 200);
    const left = JSON.parse((await get('rita', `${ROOT}collections/${shared}/objects/${green!.id}/versions/`)).text) as { versions?: string[] };
    assert.deepEqual(left.versions, [red!.modified], 'the withheld version stays');
    const still = JSON.parse((await get('rita', `${ROOT}collections/${shared}/objects/${redOnly.id}/versions/`)).text) as { versions?: string[] };
    assert.equal(still.versions?.length, 2);
    stored.splice(stored.indexOf(green!), 1);
  });

  it('audits what it withheld, once per request, with reasons (policy.deny)', async () => {
    const after = node.audit.list().at(-1)?.seq ?? 0;
    await get('au-node', `${ROOT}collections/${shared}/objects/?limit=100&match[version]=all`);
    await get('rita', `${ROOT}collections/${shared}/objects/?limit=100&match[version]=all`);
    await get('ghost', `${ROOT}collections/${shared}/manifest/`);
    const entries = node.audit.list({ after, action: 'policy.deny' });
    assert.deepEqual(entries.map((entry) => [entry.actor, entry.details?.endpoint, entry.target]),
      [['partner:au', 'taxii.objects', shared], ['ghost', 'taxii.manifest', shared]]);
    const [au, ghost] = entries.map((entry) => entry.details as { count: number; reasons: Record<string, number>; sample: string[] });
    assert.equal(au!.count, stored.length - allowedFor('au-node').length);
    assert.ok(Object.keys(au!.reasons).some((reason) => /x_accord_recipients/.test(reason)), JSON.stringify(au!.reasons));
    assert.ok(Object.keys(au!.reasons).some((reason) => /never travels onward/.test(reason)), JSON.stringify(au!.reasons));
    assert.ok(au!.sample.length > 0 && au!.sample.every((version) => !allowedFor('au-node').includes(version)));
    assert.match(Object.keys(ghost!.reasons)[0]!, /partner role but no partner names it/);
    assert.equal(node.audit.verify().ok, true);
  });

  it("uses the node-local store's partners and agreements when no policy source is given", async () => {
    const plain = await buildApp({ store: node.store, local: node.local, audit: node.audit });
    try {
      const response = await request('pl-node', `${ROOT}collections/${shared}/objects/?limit=1000&match[version]=all`, {}, await serve(plain));
      const got = ((await response.json()) as { objects?: StixObject[] }).objects?.map(key) ?? [];
      const reader: Reader = { kind: 'partner', partner: partners[1]! };
      const context = policyContext(localPolicySource(node.local), reader, { collectionId: shared, nodeIdentityId });
      assert.deepEqual(got, stored.filter((object) => decide(reader, object, context).allow).map(key));
      assert.ok(got.length > 0 && got.length < stored.length);
      // The app's own audit trail gets each Add Objects envelope, with who sent it.
      const after = node.audit.verify().entries;
      const envelope = { objects: [identity(marked(TLP2_GREEN.id))] };
      const posted = await request('au-node', `${ROOT}collections/${shared}/objects/`, { method: 'POST', body: JSON.stringify(envelope), headers: { 'content-type': TAXII_MEDIA_TYPE } }, `http://127.0.0.1:${(plain.server.address() as AddressInfo).port}`);
      assert.equal(posted.status, 202, await posted.text());
      const added = node.audit.list({ after, action: 'objects.add' });
      assert.deepEqual(added.map((entry) => [entry.actor, entry.target, entry.details?.stored]), [['au-node', shared, 1]]);
    } finally {
      await plain.close();
    }
  });

  it("admits a partner's objects only under its inbound agreements, records where they came from, and never passes them on against it", async () => {
    const plain = await buildApp({ store: node.store, local: node.local, audit: node.audit });
    try {
      const server = await serve(plain);
      const green = identity(marked(TLP2_GREEN.id));
      const amber = identity(marked(TLP2_AMBER.id));
      const red = identity(marked(TLP2_RED.id));
      const malware = { ...identity(marked(TLP2_GREEN.id)), type: 'malware', id: green.id.replace('identity', 'malware'), is_family: false };
      node.local.putAgreement({ id: 'au-in', partner: 'au', direction: 'inbound', collections: ['*'], objectTypes: ['identity'], tlp: ['clear', 'green', 'amber'], onward: false, updatedAt: '2024-01-01T00:00:00.000Z' });
      const post = async (user: string, objects: StixObject[]) => {
        const response = await request(user, `${ROOT}collections/${shared}/objects/`, { method: 'POST', body: JSON.stringify({ objects }), headers: { 'content-type': TAXII_MEDIA_TYPE } }, server);
        assert.equal(response.status, 202);
        return (await response.json()) as { success_count: number; failures?: { id: string; message: string }[] };
      };
      const status = await post('au-node', [green, amber, red, malware]);
      assert.equal(status.success_count, 2);
      assert.deepEqual(status.failures?.map((failure) => [failure.id, /refused by the sharing policy: no inbound agreement with partner "au" .*(TLP:RED|type malware)/.test(failure.message)]), [[red.id, true], [malware.id, true]]);
      assert.deepEqual(node.local.provenanceOf(green.id, green.modified!), { objectId: green.id, modified: green.modified!, partner: 'au', agreementId: 'au-in', receivedAt: node.local.provenanceOf(green.id, green.modified!)!.receivedAt });
      assert.equal(node.local.provenanceOf(red.id, red.modified!), undefined, 'nothing is recorded for what was refused');
      const seenBy = async (user: string) => {
        const response = await request(user, `${ROOT}collections/${shared}/objects/?limit=1000`, {}, server);
        return new Set(((await response.json()) as { objects?: StixObject[] }).objects?.map((object) => object.id));
      };
      // pl's outbound agreement lists GREEN, but au's inbound one forbids onward sharing; AMBER never travels onward.
      assert.equal((await seenBy('pl-node')).has(green.id), false);
      assert.equal((await seenBy('au-node')).has(green.id), false, 'never sent back where it came from');
      assert.equal((await seenBy('rita')).has(green.id), true, 'local readers see it');
      node.local.putAgreement({ id: 'au-in', partner: 'au', direction: 'inbound', collections: ['*'], objectTypes: ['identity'], tlp: ['clear', 'green', 'amber'], onward: true, updatedAt: '2024-01-02T00:00:00.000Z' });
      const onward = await seenBy('pl-node');
      assert.deepEqual([onward.has(green.id), onward.has(amber.id)], [true, false], 'with onward allowed, GREEN goes on and AMBER still does not');
      // An echo: a version this node made itself (no provenance) sent back by a partner keeps its origin here.
      const own = identity(marked(TLP2_GREEN.id));
      await node.store.ingest([own], { collections: [shared] });
      const echo = await post('au-node', [own]);
      assert.equal(echo.success_count, 1);
      assert.equal(node.local.provenanceOf(own.id, own.modified!), undefined, 'a version held before it came back is not recorded as received');
    } finally {
      await plain.close();
    }
  });

  it('lets no GET route the app registers reveal a withheld object to a partner', async () => {
    // Every GET route, read from the router itself: a new route fails here until it is classified.
    const routes: string[] = [];
    const stack: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false, method: 'GET' }).split('\n')) {
      const match = /^((?:[│├└─ ]{4})*?)([├└]── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
      if (match === null) continue;
      const depth = match[1]!.length / 4;
      stack.length = depth;
      stack.push(match[3]!);
      if (match[4]?.split(', ').includes('GET')) routes.push(stack.join(''));
    }
    const RETURNS_OBJECTS = new Set([
      '/taxii2/:apiRoot/collections/:collectionId/manifest', '/taxii2/:apiRoot/collections/:collectionId/objects',
      '/taxii2/:apiRoot/collections/:collectionId/objects/:objectId', '/taxii2/:apiRoot/collections/:collectionId/objects/:objectId/versions',
    ]);
    const NO_OBJECTS = new Set(['/taxii2', '/taxii2/:apiRoot', '/taxii2/:apiRoot/status/:statusId', '/taxii2/:apiRoot/collections',
      '/taxii2/:apiRoot/collections/:collectionId', '/healthz', '/metrics', '/openapi.json', '/', '/*', '/api/node', '/api/session']);
    // The JSON API of the node's own people (the web app): objects go through the policy for local readers; a partner account is refused outright.
    const LOCAL_ONLY = new Set(['/api/dashboard', '/api/objects', '/api/objects/:id', '/api/facets', '/api/graph/:id', '/api/partners',
      '/api/agreements', '/api/audit', '/api/audit/verify',
      '/api/incidents', '/api/incidents/:id', '/api/incidents/:id/correlations', '/api/incidents/:id/norms', '/api/cases', '/api/cases/:id',
      '/api/cases/:id/responses', '/api/statements/:id/bundle', '/api/attributions', '/api/legal/schema', '/api/legal/rules', '/api/legal/assessments', '/api/norms',
      '/api/norms/matrix', '/api/norms/states/:state', '/api/lessons', '/api/lessons/:id']);
    // The public pages and feed (no login): objects pass the policy for the reader {kind: 'public'}; checked below. (The router prints `/public/*` as `/public*`.)
    const PUBLIC = new Set(['/public', '/public/statements', '/public/statements/:id', '/public/statements/:id/bundle.json', '/public/feed.atom',
      '/public/style.css', '/public*']);
    const normalise = (route: string) => route.replace(/\/$/, '') || '/';
    for (const route of routes) {
      assert.ok(RETURNS_OBJECTS.has(normalise(route)) || NO_OBJECTS.has(normalise(route)) || LOCAL_ONLY.has(normalise(route)) || PUBLIC.has(normalise(route)),
        `GET ${route} is not classified: if it returns objects or their metadata, pass them through the sharing policy and list it in RETURNS_OBJECTS`);
    }
    assert.ok([...PUBLIC].every((route) => routes.map(normalise).includes(route)), `routes found: ${routes.join(' ')}`);
    assert.ok([...RETURNS_OBJECTS].every((route) => routes.map(normalise).includes(route)), `routes found: ${routes.join(' ')}`);

    // A status resource of the partner's own, so that the status route has something to show.
    const post = await request('au-node', `${ROOT}collections/${shared}/objects/`, {
      method: 'POST', headers: { 'content-type': TAXII_MEDIA_TYPE }, body: JSON.stringify({ objects: [identity(marked(TLP2_CLEAR.id))] }),
    });
    assert.equal(post.status, 202);
    const statusId = ((await post.json()) as { id: string }).id;

    const hidden = hiddenFrom('au-node');
    assert.ok(hidden.length > 10 && hidden.includes(redOnly.id));
    const absent = 'identity--00000000-0000-4000-8000-00000000abcd';
    /** The answer with what varies per request (the error id) and the asked id taken out. */
    const comparable = (text: string, asked: string) => text.replaceAll(asked, 'ID').replace(/"error_id":"[^"]*"/, '');
    let checked = 0;
    for (const route of routes) {
      for (const objectId of [redOnly.id, ...hidden.slice(0, 3)]) {
        const pathOf = (id: string) => {
          const path = route.replace(':apiRoot', 'accord').replace(':collectionId', shared).replace(':objectId', id).replace(':statusId', statusId).replace(':id', id).replace(':state', 'GB');
          return path.endsWith('/') ? path : `${path}/`;
        };
        const queries = RETURNS_OBJECTS.has(normalise(route))
          ? ['', '?match[version]=all', '?match[id]=ID&match[version]=all', '?limit=1', '?match[version]=first']
          : [''];
        for (const query of queries) {
          const asked = `${pathOf(objectId)}${query.replace('ID', objectId)}`;
          const response = await get('au-node', asked);
          assert.ok(response.status < 500, `${asked}: ${response.status}`);
          if (LOCAL_ONLY.has(normalise(route))) assert.equal(response.status, 403, `GET ${asked}: a partner account is refused`);
          // Nothing withheld appears, except the id the partner itself asked for, answered exactly as an absent one.
          for (const id of hidden) if (id !== objectId) assert.ok(!response.text.includes(id), `GET ${asked} (${response.status}) revealed ${id} to partner au`);
          if (asked.includes(objectId)) {
            const control = await get('au-node', `${pathOf(absent)}${query.replace('ID', absent)}`);
            assert.equal(response.status, control.status, `GET ${asked}: withheld and absent answered differently`);
            assert.equal(comparable(response.text, objectId), comparable(control.text, absent), `GET ${asked}: withheld and absent answered differently`);
          } else {
            assert.ok(!response.text.includes(objectId), `GET ${asked} revealed ${objectId}`);
          }
          checked++;
        }
      }
    }
    assert.ok(checked > 40, `${checked} requests checked`);

    // A signed joint statement (issue 7) of every marking, outside the collection: the public routes show only what `decide` gives the public.
    const publicReader: Reader = { kind: 'public' };
    const publicContext = policyContext(source, publicReader, { nodeIdentityId });
    const statements = MARKINGS.map((marking, n) => ({
      ...identity(marking), type: 'report', id: `report--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `statement ${n}`,
      published: new Date(T0).toISOString(), report_types: ['threat-actor'], object_refs: [nodeIdentityId],
    }) as StixObject);
    const signatures = statements.map((report) => ({
      type: 'accord-signature', spec_version: '2.1', id: report.id.replace('report', 'accord-signature'), created: report.created, modified: report.modified,
      object_ref: report.id, object_modified: report.modified, signer_ref: nodeIdentityId, signature: 'not checked by the pages', object_marking_refs: [TLP2_CLEAR.id],
    }) as StixObject);
    await node.store.ingest([...statements, ...signatures]);
    const shown = statements.filter((report) => decide(publicReader, report, publicContext).allow);
    const secret = statements.filter((report) => !shown.includes(report));
    assert.ok(shown.length >= 2 && secret.length >= 5, `${shown.length} shown / ${secret.length} withheld`);
    for (const route of routes.filter((candidate) => PUBLIC.has(normalise(candidate)))) {
      for (const report of statements) {
        const asked = route.replace(':id', report.id).replace(/\/?\*$/, '/anything');
        const response = await fetch(new URL(asked, base));
        const text = await response.text();
        assert.ok(response.status === 200 || response.status === 404, `GET ${asked}: ${response.status}`);
        for (const withheld of [...secret, redOnly]) assert.ok(!text.includes(withheld.id), `GET ${asked} showed ${withheld.id} to the public`);
        if (route.includes(':id')) assert.equal(response.status, shown.includes(report) ? 200 : 404, `GET ${asked}`);
      }
    }
    const list = await (await fetch(new URL('/public/statements/', base))).text();
    for (const report of shown) assert.ok(list.includes(report.id), `the CLEAR statement ${report.id} is listed`);
  });
});
