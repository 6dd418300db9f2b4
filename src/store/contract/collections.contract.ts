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

  it('dates a version by when it joined the collection, so a reader paging by date added does not miss it (TAXII 2.1 §3.3)', async () => {
    await store().createCollection({ id: 'feed', title: 'Feed' });
    await store().ingest([malware(1)]);
    await store().ingest([indicator(1)], { collections: ['feed'] });
    const seen = await store().query({ collection: 'feed' });
    const pastTheFirstPage = seen.items.at(-1)!.dateAdded;
    // malware 1 was stored before indicator 1, but joins the feed after it.
    await store().ingest([malware(1), malware(2)], { collections: ['feed'] });
    const next = await store().query({ collection: 'feed', addedAfter: pastTheFirstPage });
    assert.deepEqual(next.items.map((item) => item.object.id), [malware(1).id, malware(2).id]);
    const whole = await store().query({ collection: 'feed' });
    assert.deepEqual(whole.items.map((item) => item.object.id), [indicator(1).id, malware(1).id, malware(2).id]);
    const dates = whole.items.map((item) => item.dateAdded);
    assert.deepEqual([...dates].sort(), dates, 'in date order');
    assert.ok((await store().query({ ids: [malware(1).id] })).items[0]!.dateAdded < dates[1]!, 'the store keeps its own first date');
    // Joining again changes nothing.
    await store().ingest([malware(1)], { collections: ['feed'] });
    assert.deepEqual((await store().query({ collection: 'feed' })).items.map((item) => item.dateAdded), dates);
  });

  it('pages through a collection by its own dates with the cursor', async () => {
    await store().createCollection({ id: 'feed', title: 'Feed' });
    await store().ingest([malware(1), malware(2), malware(3)]);
    await store().ingest([indicator(1), indicator(2)], { collections: ['feed'] });
    await store().ingest([malware(3), malware(1), malware(2)], { collections: ['feed'] });
    const ids: string[] = [];
    let next: string | undefined;
    do {
      const page = await store().query({ collection: 'feed' }, { limit: 2, next });
      ids.push(...page.items.map((item) => item.object.id));
      next = page.next;
    } while (next !== undefined);
    assert.deepEqual(ids, [indicator(1).id, indicator(2).id, malware(3).id, malware(1).id, malware(2).id]);
  });
}
