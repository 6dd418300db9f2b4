import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateObject } from '../stix/validation/index.ts';
import { openSqliteLocalStore } from '../store/local/index.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { DEFAULT_NODE_NAME, ensureNodeIdentity } from './node-identity.ts';

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
});
