import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import type { Store } from '../store.ts';
import { idOf, indicator, ipv4, malware, sdo } from './fixtures.ts';

/** ingest(): outcomes, duplicates versus conflicts, exact storage, one batch as a whole. */
export function ingestContract(store: () => Store): void {
  it('stores new objects and reports one outcome per input, in order', async () => {
    const result = await store().ingest([malware(1), indicator(1), ipv4('10.0.0.1')]);
    assert.deepEqual(result, { stored: 3, duplicates: 0, conflicts: [], outcomes: ['stored', 'stored', 'stored'] });
  });

  it('accepts an empty batch', async () => {
    assert.deepEqual(await store().ingest([]), { stored: 0, duplicates: 0, conflicts: [], outcomes: [] });
  });

  it('keeps every property byte for byte, custom ones included', async () => {
    const object = malware(1, 0, {
      description: 'Ünïcode — "quotes", \\backslashes\\ and emoji 🦠',
      x_acme_score: 1e21,
      x_acme_nested: { list: [1, 2.5, null, true], empty: {} },
      x_acme_small: 0.1,
    });
    await store().ingest([object]);
    const [stored] = (await store().query({ ids: [object.id] })).items;
    assert.equal(stored?.json, JSON.stringify(object));
    assert.deepEqual(stored?.object, object);
    assert.equal(stored?.version, object.modified);
  });

  const duplicateCases: Array<[string, (original: ReturnType<typeof malware>) => ReturnType<typeof malware>]> = [
    ['the same text', (original) => ({ ...original })],
    ['the same content with properties in another order', (original) => Object.fromEntries(Object.entries(original).reverse()) as typeof original],
  ];
  for (const [name, repeat] of duplicateCases) {
    it(`counts a re-ingested version with ${name} as a duplicate, a no-op`, async () => {
      const original = malware(1);
      await store().ingest([original]);
      const result = await store().ingest([repeat(original)]);
      assert.deepEqual(result, { stored: 0, duplicates: 1, conflicts: [], outcomes: ['duplicate'] });
      const { items } = await store().query({ versions: ['all'] });
      assert.equal(items.length, 1);
      assert.equal(items[0]!.json, JSON.stringify(original));
    });
  }

  it('refuses the same id and version with other content as a conflict, and keeps the stored one', async () => {
    const original = malware(1);
    await store().ingest([original]);
    const changed = { ...original, name: 'Renamed without a new modified' };
    const result = await store().ingest([indicator(1), changed]);
    assert.deepEqual(result.outcomes, ['stored', 'conflict']);
    assert.equal(result.stored, 1);
    assert.equal(result.conflicts.length, 1);
    const [conflict] = result.conflicts;
    assert.equal(conflict!.index, 1);
    assert.equal(conflict!.id, original.id);
    assert.equal(conflict!.version, original.modified);
    assert.match(conflict!.message, /different content/);
    const [stored] = (await store().query({ ids: [original.id] })).items;
    assert.equal(stored!.object.name, original.name);
  });

  it('treats repeats inside one batch like repeats across batches', async () => {
    const original = malware(1);
    const result = await store().ingest([original, { ...original }, { ...original, name: 'Other' }]);
    assert.deepEqual(result.outcomes, ['stored', 'duplicate', 'conflict']);
    assert.equal(result.duplicates, 1);
    assert.equal(result.conflicts[0]!.index, 2);
    assert.match(result.conflicts[0]!.message, /earlier in this batch/);
    assert.equal((await store().stats()).versions, 1);
  });

  it('identifies a version by its instant, whatever the number of fractional digits', async () => {
    const short = sdo('malware', 1, 0, { modified: '2024-03-01T10:00:00.1Z', name: 'Precise', is_family: false });
    await store().ingest([short]);
    const { items } = await store().query({ versions: ['2024-03-01T10:00:00.100000Z'] });
    assert.deepEqual(items.map((item) => item.object.id), [short.id]);
    const padded = { ...short, modified: '2024-03-01T10:00:00.100Z' };
    const result = await store().ingest([padded]);
    assert.equal(result.stored, 0, 'the same instant is the same version');
    assert.equal((await store().stats()).versions, 1);
  });

  it('treats an SCO, which has no version, as one version per id', async () => {
    const address = ipv4('192.0.2.1');
    assert.deepEqual((await store().ingest([address, address])).outcomes, ['stored', 'duplicate']);
    const result = await store().ingest([{ ...address, x_note: 'changed' }]);
    assert.deepEqual(result.outcomes, ['conflict']);
    assert.equal(result.conflicts[0]!.version, '');
    const [stored] = (await store().query({ ids: [address.id] })).items;
    assert.equal(stored!.version, '');
  });

  it('refuses a batch naming an unknown collection, storing nothing', async () => {
    await assert.rejects(store().ingest([malware(1)], { collections: ['no-such-collection'] }), (error) => isAppError(error, 'STORE_NOT_FOUND'));
    assert.equal((await store().stats()).versions, 0);
  });

  it('stores many versions of many objects in one batch', async () => {
    const batch = Array.from({ length: 300 }, (_, n) => malware(n % 100, Math.floor(n / 100)));
    const result = await store().ingest(batch);
    assert.equal(result.stored, 300);
    const stats = await store().stats();
    assert.deepEqual(stats.byType.malware, { objects: 100, versions: 300 });
    const latest = await store().query({ ids: [idOf('malware', 7)] });
    assert.equal(latest.items[0]!.version, malware(7, 2).modified);
  });
}
