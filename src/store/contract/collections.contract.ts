import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import type { Store } from '../store.ts';
import { indicator, ipv4, malware } from './fixtures.ts';

/** stats(): counts by type; collections: creation, listing, membership per version. */
export function statsAndCollectionsContract(store: () => Store): void {
  it('counts objects and versions by type, ignoring duplicates and conflicts', async () => {
    assert.deepEqual(await store().stats(), { objects: 0, versions: 0, byType: {} });
    await store().ingest([malware(1, 0), malware(1, 1), malware(2), indicator(1), ipv4('10.1.1.1')]);
    await store().ingest([malware(1, 1), { ...malware(2), name: 'conflict' }, malware(1, 0)]);
    assert.deepEqual(await store().stats(), {
      objects: 4,
      versions: 5,
      byType: {
        'indicator': { objects: 1, versions: 1 },
        'ipv4-addr': { objects: 1, versions: 1 },
        'malware': { objects: 2, versions: 3 },
      },
    });
  });

  it('creates and lists collections in creation order', async () => {
    const named = await store().createCollection({ id: 'partners-eu', title: 'EU partners', description: 'Shared with EU CERTs' });
    const generated = await store().createCollection({ title: 'Untitled' });
    assert.deepEqual(named, { id: 'partners-eu', title: 'EU partners', description: 'Shared with EU CERTs' });
    assert.match(generated.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(generated, { id: generated.id, title: 'Untitled' });
    assert.deepEqual(await store().listCollections(), [named, generated]);
  });

  it('refuses a second collection with the same id', async () => {
    await store().createCollection({ id: 'c', title: 'One' });
    await assert.rejects(store().createCollection({ id: 'c', title: 'Two' }), (error) => isAppError(error, 'STORE_COLLECTION_EXISTS'));
  });

  it('puts stored versions and duplicates in the collections named, never conflicts', async () => {
    await store().createCollection({ id: 'a', title: 'A' });
    await store().createCollection({ id: 'b', title: 'B' });
    await store().ingest([malware(1), indicator(1)], { collections: ['a'] });
    await store().ingest([malware(1), malware(1, 1), { ...indicator(1), name: 'conflict' }], { collections: ['b'] });
    const members = async (collection: string): Promise<string[]> =>
      (await store().query({ collection, versions: ['all'] })).items.map((item) => `${item.object.id}@${item.version}`).sort();
    assert.deepEqual(await members('a'), [`${indicator(1).id}@${indicator(1).modified}`, `${malware(1).id}@${malware(1).modified}`].sort());
    assert.deepEqual(await members('b'), [`${malware(1).id}@${malware(1).modified}`, `${malware(1).id}@${malware(1, 1).modified}`].sort());
    // The latest version of malware 1 is in b only.
    assert.deepEqual((await store().query({ collection: 'a' })).items.map((item) => item.object.id), [indicator(1).id]);
  });

  it('removes selected versions of an object from one collection only, keeping them in the store', async () => {
    await store().createCollection({ id: 'a', title: 'A' });
    await store().createCollection({ id: 'b', title: 'B' });
    await store().ingest([malware(1, 0), malware(1, 1), malware(1, 2), indicator(1)], { collections: ['a', 'b'] });
    const versionsIn = async (collection: string): Promise<string[]> =>
      (await store().query({ collection, ids: [malware(1).id], versions: ['all'] })).items.map((item) => item.version).sort();
    const all = [malware(1, 0), malware(1, 1), malware(1, 2)].map((object) => object.modified!).sort();

    assert.equal(await store().removeFromCollection('a', malware(1).id, { specVersions: [] }), 0, 'an empty list matches nothing');
    assert.equal(await store().removeFromCollection('a', malware(1).id, { versions: ['first'] }), 1);
    assert.deepEqual(await versionsIn('a'), all.slice(1));
    assert.equal(await store().removeFromCollection('a', malware(1).id, { versions: [malware(1, 2).modified!] }), 1);
    assert.deepEqual(await versionsIn('a'), [malware(1, 1).modified]);
    assert.equal(await store().removeFromCollection('a', malware(1).id), 1, 'all remaining versions by default');
    assert.deepEqual(await versionsIn('a'), []);
    assert.equal(await store().removeFromCollection('a', malware(1).id), 0, 'nothing left to remove');

    assert.deepEqual(await versionsIn('b'), all, 'the other collection keeps every version');
    assert.equal((await store().query({ ids: [malware(1).id], versions: ['all'] })).items.length, 3, 'the store keeps every version');
    assert.deepEqual((await store().query({ collection: 'a' })).items.map((item) => item.object.id), [indicator(1).id]);
  });
}
