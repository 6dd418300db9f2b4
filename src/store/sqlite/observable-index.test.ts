import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { StixObject } from '../../stix/object.ts';
import type { KeyDeriver } from '../store.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-02-01T00:00:00.000Z';
const id = (n: number): string => `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const object = (n: number, labels: string[], modified = T1, more: Partial<StixObject> = {}): StixObject =>
  ({ type: 'indicator', spec_version: '2.1', id: id(n), created: T1, modified, labels, ...more });
/** A deriver of the test: an object's labels are its keys. */
const labels = (version: string): KeyDeriver & { calls: number } => ({
  version,
  calls: 0,
  keys(o) {
    this.calls++;
    return Array.isArray(o.labels) ? (o.labels as string[]) : [];
  },
});
const ids = async (store: SqliteStore, key: string): Promise<string[]> =>
  ((await store.observableIndex.carriers([key], 100)).get(key)?.objects ?? []).map((o) => o.object.id).sort();

describe('the SQLite observable index', () => {
  const stores: SqliteStore[] = [];
  after(async () => { for (const store of stores) await store.close(); });
  const open = async (): Promise<SqliteStore> => {
    const store = await openSqliteStore({ path: ':memory:' });
    stores.push(store);
    return store;
  };

  it('derives keys of what arrived since the last refresh, and only that', async () => {
    const store = await open();
    const deriver = labels('v1');
    await store.ingest([object(1, ['a', 'b']), object(2, ['b'])]);
    assert.equal(await store.observableIndex.refresh(deriver), 2);
    await store.ingest([object(3, ['b', 'c'])]);
    assert.equal(await store.observableIndex.refresh(deriver), 1);
    assert.equal(await store.observableIndex.refresh(deriver), 0);
    assert.equal(deriver.calls, 3);
    assert.deepEqual(await ids(store, 'b'), [id(1), id(2), id(3)]);
    assert.deepEqual(await store.observableIndex.keysOf([id(1), id(3), id(9)]), new Map([[id(1), ['a', 'b']], [id(3), ['b', 'c']]]));
  });

  it('drops the keys of a replaced version at ingest; older versions arriving late change nothing', async () => {
    const store = await open();
    const deriver = labels('v1');
    await store.ingest([object(1, ['old'], T2)]);
    await store.observableIndex.refresh(deriver);
    await store.ingest([object(1, ['older'], T1)]);
    await store.observableIndex.refresh(deriver);
    assert.deepEqual(await ids(store, 'old'), [id(1)]);
    assert.deepEqual(await ids(store, 'older'), []);
    await store.ingest([object(1, ['new'], '2025-03-01T00:00:00.000Z')]);
    assert.deepEqual(await ids(store, 'old'), []);
    await store.observableIndex.refresh(deriver);
    assert.deepEqual(await ids(store, 'new'), [id(1)]);
  });

  it('rebuilds everything when the deriver changes', async () => {
    const store = await open();
    await store.ingest([object(1, ['a'])]);
    await store.observableIndex.refresh(labels('v1'));
    const upper: KeyDeriver = { version: 'v2', keys: (o) => (o.labels as string[]).map((l) => l.toUpperCase()) };
    assert.equal(await store.observableIndex.refresh(upper), 1);
    assert.deepEqual(await ids(store, 'a'), []);
    assert.deepEqual(await ids(store, 'A'), [id(1)]);
  });

  it('counts every carrier, returns at most the limit, and leaves revoked ones out', async () => {
    const store = await open();
    await store.ingest([object(1, ['x']), object(2, ['x']), object(3, ['x'], T1, { revoked: true })]);
    await store.observableIndex.refresh(labels('v1'));
    const found = (await store.observableIndex.carriers(['x', 'x', 'none'], 1));
    assert.deepEqual([...found.keys()], ['x']);
    assert.equal(found.get('x')!.count, 3);
    assert.equal(found.get('x')!.objects.length, 1);
    assert.deepEqual(await ids(store, 'x'), [id(1), id(2)]);
  });

  it('lists keys by prefix, distinct and in order, and refuses a prefix it cannot bound', async () => {
    const store = await open();
    await store.ingest([object(1, ['p:b', 'p:a', 'q:z', 'p']), object(2, ['p:a', 'p;'])]);
    await store.observableIndex.refresh(labels('v1'));
    assert.deepEqual(await store.observableIndex.keysWithPrefix('p:', 10), ['p:a', 'p:b']);
    assert.deepEqual(await store.observableIndex.keysWithPrefix('p:', 1), ['p:a']);
    await assert.rejects(store.observableIndex.keysWithPrefix('', 1), RangeError);
  });
});
