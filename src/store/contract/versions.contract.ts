import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import type { Store, VersionSelector } from '../store.ts';
import { at, ipv4, malware } from './fixtures.ts';

/** Version selection (TAXII 2.1 §3.4.2 match[version]) and "newer wins", revocation included. */
export function versionsContract(store: () => Store): void {
  /** Versions of malware 1 on days 1, 2 and 3, arriving out of order over two batches. */
  async function threeVersions(): Promise<void> {
    await store().ingest([malware(1, 2), malware(2, 0)]);
    await store().ingest([malware(1, 3, { description: 'newest' }), malware(1, 1)]);
  }

  const selections: Array<[readonly VersionSelector[] | undefined, string[]]> = [
    [undefined, [at(3)]],
    [['last'], [at(3)]],
    [['first'], [at(1)]],
    [['all'], [at(2), at(3), at(1)]],
    [[at(2)], [at(2)]],
    [['first', 'last'], [at(3), at(1)]],
    [[at(2), 'last'], [at(2), at(3)]],
    [['all', 'first'], [at(2), at(3), at(1)]],
    [[at(5)], []],
  ];
  for (const [versions, expected] of selections) {
    it(`versions ${JSON.stringify(versions ?? 'default')} selects ${expected.length} version(s)`, async () => {
      await threeVersions();
      const filter = versions === undefined ? { ids: [malware(1).id] } : { ids: [malware(1).id], versions };
      const { items } = await store().query(filter);
      // In date-added order: the order in which the versions reached the store.
      assert.deepEqual(items.map((item) => item.version), expected);
    });
  }

  it('keeps the newest version as the latest when an older one arrives later', async () => {
    await threeVersions();
    const latest = await store().query({ types: ['malware'] });
    assert.deepEqual(latest.items.map((item) => [item.object.id, item.version]), [[malware(2).id, at(0)], [malware(1).id, at(3)]]);
    assert.equal(latest.items[1]!.object.description, 'newest');
  });

  it('returns an SCO for first, last and all, and never for a timestamp', async () => {
    const address = ipv4('198.51.100.7');
    await store().ingest([address]);
    for (const versions of [['first'], ['last'], ['all'], ['first', 'last']]) {
      assert.equal((await store().query({ versions })).items.length, 1, JSON.stringify(versions));
    }
    assert.equal((await store().query({ versions: [at(0)] })).items.length, 0);
  });

  it('refuses selectors that are neither keywords nor timestamps', async () => {
    for (const versions of [['latest'], ['2024-01-01'], ['']]) {
      await assert.rejects(store().query({ versions }), (error) => isAppError(error, 'STORE_BAD_FILTER'), JSON.stringify(versions));
    }
  });

  it('makes a revocation the latest version and keeps the history', async () => {
    await store().ingest([malware(1, 1), malware(1, 2, { revoked: true })]);
    const [latest] = (await store().query()).items;
    assert.equal(latest!.object.revoked, true);
    assert.equal((await store().query({ versions: ['all'] })).items.length, 2);
  });

  it('refuses a version newer than a revocation (STIX 2.1: revocation is permanent), but stores older history', async () => {
    await store().ingest([malware(1, 2, { revoked: true })]);
    const result = await store().ingest([malware(1, 3), malware(1, 1)]);
    assert.deepEqual(result.outcomes, ['conflict', 'stored']);
    assert.match(result.conflicts[0]!.message, /revoked/);
    const [latest] = (await store().query()).items;
    assert.equal(latest!.version, at(2));
  });

  it('applies the revocation rule inside one batch too', async () => {
    const result = await store().ingest([malware(1, 2, { revoked: true }), malware(1, 3)]);
    assert.deepEqual(result.outcomes, ['stored', 'conflict']);
  });
}
