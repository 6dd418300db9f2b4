import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateObject } from '../stix/validation/index.ts';
import { openSqliteLocalStore } from '../store/local/index.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { checkIdentityProfile, countryName, DEFAULT_NODE_NAME, ensureNodeIdentity, nodeLocationIds, readNodeIdentity } from './node-identity.ts';

async function stores() {
  return { store: await openSqliteStore({ path: ':memory:' }), local: openSqliteLocalStore({ path: ':memory:' }) };
}

describe('ensureNodeIdentity', () => {
  it('creates one valid organisation identity, stores it and remembers its id; later calls return it unchanged', async () => {
    const { store, local } = await stores();
    const first = await ensureNodeIdentity(store, local, { name: 'CERT-Example', now: '2024-01-01T00:00:00.000Z' });
    assert.equal(first.type, 'identity');
    assert.equal(first.identity_class, 'organization');
    assert.equal(first.name, 'CERT-Example');
    assert.ok(validateObject(first).valid);
    assert.equal(local.settings().identityId, first.id);
    const again = await ensureNodeIdentity(store, local, { name: 'Another name' });
    assert.deepEqual(again, first);
    const stats = await store.stats();
    assert.deepEqual(stats.byType.identity, { objects: 1, versions: 1 });
  });

  it('takes its name from the node title, else a default', async () => {
    const titled = await stores();
    titled.local.putSettings({ title: 'Ministry CERT' });
    assert.equal((await ensureNodeIdentity(titled.store, titled.local)).name, 'Ministry CERT');
    const plain = await stores();
    plain.local.putSettings({ title: '  ' });
    assert.equal((await ensureNodeIdentity(plain.store, plain.local)).name, DEFAULT_NODE_NAME);
  });

  it('makes the identity again, under the remembered id, when the object store lost it', async () => {
    const { store, local } = await stores();
    const first = await ensureNodeIdentity(store, local);
    const emptyStore = await openSqliteStore({ path: ':memory:' });
    const remade = await ensureNodeIdentity(emptyStore, local);
    assert.equal(remade.id, first.id);
    assert.equal((await emptyStore.query({ ids: [first.id] })).items.length, 1);
  });

  it('carries sectors, and the country as a location the identity is located-at (STIX 2.1 §4.10, §4.5)', async () => {
    const { store, local } = await stores();
    const identity = await ensureNodeIdentity(store, local, { name: 'NCSC', sectors: ['government-national'], country: 'GB', now: '2024-01-01T00:00:00.000Z' });
    assert.deepEqual(identity.sectors, ['government-national']);
    const ids = nodeLocationIds(identity.id);
    const [location] = (await store.query({ ids: [ids.location] })).items.map((item) => item.object);
    const [relationship] = (await store.query({ ids: [ids.relationship] })).items.map((item) => item.object);
    assert.deepEqual(location, {
      type: 'location', spec_version: '2.1', id: ids.location, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z',
      created_by_ref: identity.id, name: 'United Kingdom', country: 'GB',
    });
    assert.equal(relationship!.relationship_type, 'located-at');
    assert.equal(relationship!.source_ref, identity.id);
    assert.equal(relationship!.target_ref, ids.location);
    for (const object of [identity, location!, relationship!]) assert.ok(validateObject(object).valid, object.type);
    assert.deepEqual(await readNodeIdentity(store, local), { identity, country: 'GB' });
    assert.notEqual(nodeLocationIds(identity.id).location, nodeLocationIds('identity--0fd60657-d6ec-4ae0-b3f6-772ab484bc9d').location, 'each node its own location');
  });

  it('changes nothing when run again with the same profile, and versions what changed', async () => {
    const { store, local } = await stores();
    const first = await ensureNodeIdentity(store, local, { sectors: ['government-national'], country: 'GB', now: '2024-01-01T00:00:00.000Z' });
    const count = async () => (await store.stats()).versions;
    const before = await count();
    assert.deepEqual(await ensureNodeIdentity(store, local, { sectors: ['government-national'], country: 'GB' }), first);
    assert.equal(await count(), before, 'nothing new');
    const second = await ensureNodeIdentity(store, local, { sectors: ['government-national', 'defense'], country: 'AU', now: '2024-02-01T00:00:00.000Z' });
    assert.deepEqual(second.sectors, ['government-national', 'defense']);
    assert.equal(second.modified, '2024-02-01T00:00:00.000Z');
    assert.equal((await readNodeIdentity(store, local))!.country, 'AU');
    assert.equal(await count(), before + 2, 'a new identity version and a new location version; the relationship stays');
  });

  it('reads nothing before init', async () => {
    const { store, local } = await stores();
    assert.equal(await readNodeIdentity(store, local), undefined);
  });
});

describe('checkIdentityProfile', () => {
  it('accepts industry-sector-ov sectors (comma-separated or repeated) and ISO 3166-1 alpha-2 countries', () => {
    assert.deepEqual(checkIdentityProfile({ sectors: ['government-national,defense', 'defense'], country: 'gb' }), { ok: true, value: { sectors: ['government-national', 'defense'], country: 'GB' }, warnings: [] });
    assert.equal(countryName('PL'), 'Poland');
    assert.equal(countryName('XX'), undefined);
    assert.equal(countryName('gb'), undefined, 'upper case only here; the check upper-cases input');
  });

  it('refuses unknown sectors and countries precisely', () => {
    const checked = checkIdentityProfile({ sectors: ['goverment'], country: 'UK' });
    assert.equal(checked.ok, false);
    assert.deepEqual(!checked.ok && checked.problems, [
      '"goverment" is not an industry sector of STIX 2.1 (industry-sector-ov), e.g. government-national, government, defense, financial-services',
      '"UK" is not an ISO 3166-1 alpha-2 country code (did you mean GB?)',
    ]);
    for (const country of ['GBR', 'EU', 'XX', 'ZZ', '']) assert.equal(checkIdentityProfile({ country }).ok, false, country);
  });
});
