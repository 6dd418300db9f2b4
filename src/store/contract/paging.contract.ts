import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { iterateObjects } from '../iterate.ts';
import type { Page, Store, StoredObject } from '../store.ts';
import { idOf, ipv4, malware } from './fixtures.ts';

const DATE_ADDED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const key = (item: StoredObject): string => `${item.object.id}@${item.version}`;

/** Keyset paging in date-added order: stateless cursors that survive concurrent writes. */
export function pagingContract(store: () => Store): void {
  it('pages through every version in date-added order', async () => {
    for (let batch = 0; batch < 3; batch += 1) {
      await store().ingest(Array.from({ length: 10 }, (_, n) => malware(batch * 10 + n)));
    }
    const seen: StoredObject[] = [];
    let page: Page = await store().query({}, { limit: 7 });
    for (;;) {
      seen.push(...page.items);
      if (!page.more) break;
      assert.equal(page.items.length, 7);
      assert.ok(page.next);
      page = await store().query({}, { limit: 7, next: page.next });
    }
    assert.equal(page.next, undefined);
    assert.equal(seen.length, 30);
    assert.deepEqual(seen.map((item) => item.object.id), Array.from({ length: 30 }, (_, n) => idOf('malware', n)));
    for (const item of seen) assert.match(item.dateAdded, DATE_ADDED);
    for (let n = 1; n < seen.length; n += 1) assert.ok(seen[n - 1]!.dateAdded < seen[n]!.dateAdded, 'date_added strictly increases');
  });

  it('says there is no more when the last page is exactly full', async () => {
    await store().ingest([malware(1), malware(2)]);
    const page = await store().query({}, { limit: 2 });
    assert.equal(page.more, false);
    assert.equal(page.next, undefined);
  });

  it('defaults to 100 versions a page and caps a page at 10,000', async () => {
    await store().ingest(Array.from({ length: 10_001 }, (_, n) => ipv4(`10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`)));
    const first = await store().query();
    assert.equal(first.items.length, 100);
    const big = await store().query({}, { limit: 50_000 });
    assert.equal(big.items.length, 10_000);
    assert.equal(big.more, true);
  });

  it('neither skips nor repeats a version when writes happen between pages', async () => {
    await store().ingest(Array.from({ length: 20 }, (_, n) => malware(n, 1)));
    const before = new Set((await store().query({ versions: ['all'] }, { limit: 1000 })).items.map(key));
    const seen: string[] = [];
    let next: string | undefined;
    let round = 0;
    do {
      const page = await store().query({ versions: ['all'] }, next === undefined ? { limit: 4 } : { limit: 4, next });
      seen.push(...page.items.map(key));
      next = page.more ? page.next : undefined;
      // Between pages: a new object, a new version of one already paged, and of one not yet paged.
      round += 1;
      await store().ingest([malware(100 + round, 1), malware(round % 20, 1 + round), malware(19 - (round % 20), 1 + round)]);
    } while (next !== undefined && round < 100);
    assert.equal(next, undefined, 'paging caught up with the writes');
    assert.equal(new Set(seen).size, seen.length, 'no version twice');
    for (const version of before) assert.ok(seen.includes(version), `${version} was not skipped`);
    const after = (await store().query({ versions: ['all'] }, { limit: 1000 })).items.map(key);
    const unseen = after.filter((version) => !seen.includes(version));
    // Only what was written after the last page was read is missing.
    assert.equal(unseen.length, 3, `missing ${unseen.join(', ')}`);
  });

  it('refuses a cursor it did not issue', async () => {
    await store().ingest([malware(1)]);
    const forged = Buffer.from(JSON.stringify({ offset: 5 })).toString('base64url');
    for (const next of ['not a cursor', forged, '']) {
      await assert.rejects(store().query({}, { next }), (error) => isAppError(error, 'STORE_BAD_CURSOR'), next);
    }
  });

  it('refuses a page size that is not a positive integer', async () => {
    for (const limit of [0, -1, 2.5]) {
      await assert.rejects(store().query({}, { limit }), (error) => isAppError(error, 'STORE_BAD_FILTER'), String(limit));
    }
  });

  it('iterateObjects yields every matching version across pages', async () => {
    await store().ingest(Array.from({ length: 25 }, (_, n) => malware(n)));
    await store().ingest([malware(3, 1)]);
    const ids: string[] = [];
    for await (const item of iterateObjects(store(), { versions: ['all'] }, { pageSize: 4 })) ids.push(key(item));
    assert.equal(ids.length, 26);
    assert.equal(new Set(ids).size, 26);
  });
}
