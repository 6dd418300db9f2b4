import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { TLP2_AMBER } from '../../stix/markings.ts';
import { indicator, ipv4, malware } from '../contract/fixtures.ts';
import { EdgeIndex } from './edges.ts';
import { SearchIndex } from './fts.ts';
import { SqliteIngest } from './ingest.ts';
import { migrate, MIGRATIONS } from './migrations.ts';
import { openSqliteStore } from './sqlite-store.ts';

const directory = mkdtempSync(path.join(tmpdir(), 'accord-browse-index-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('migration 2 (browse index)', () => {
  it('backfills the latest versions of a store written before it', async () => {
    const file = path.join(directory, 'before.sqlite');
    const db = new BetterSqlite3(file);
    // The store as the program before migration 2 wrote it: schema 1, its side indexes only.
    migrate(db, MIGRATIONS.slice(0, 1));
    const ingest = new SqliteIngest(db, [new SearchIndex(db), new EdgeIndex(db)]);
    ingest.run([malware(1, 1, { labels: ['old'] }), indicator(1, 2, { labels: ['c2'], object_marking_refs: [TLP2_AMBER.id] }), ipv4('10.0.0.1')], []);
    ingest.run([malware(1, 3, { name: 'Renamed', labels: ['new'] })], []);
    // More than one backfill batch (1,000 rows).
    ingest.run(Array.from({ length: 2100 }, (_, n) => indicator(100 + n)), []);
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    db.close();

    const store = await openSqliteStore({ path: file });
    try {
      assert.equal((await store.browse({ types: ['indicator'] })).total, 2101);
      const excludeIds = Array.from({ length: 2100 }, (_, n) => indicator(100 + n).id);
      const page = await store.browse({ excludeIds });
      assert.equal(page.total, 3);
      assert.deepEqual(page.items.map((item) => item.object.id), [malware(1).id, indicator(1).id, ipv4('10.0.0.1').id]);
      assert.equal(page.items[0]!.version, malware(1, 3).modified);
      assert.deepEqual((await store.browse({ sort: 'name', excludeIds })).items.map((item) => item.object.id), [ipv4('10.0.0.1').id, indicator(1).id, malware(1).id]);
      assert.deepEqual((await store.browse({ tlp: { levels: ['amber'], unmarked: false } })).items.map((item) => item.object.id), [indicator(1).id]);
      assert.deepEqual((await store.facets()).labels, [{ label: 'c2', count: 1 }, { label: 'new', count: 1 }]);
      // Kept up to date from then on.
      await store.ingest([malware(2, 4, { labels: ['new'] })]);
      assert.deepEqual((await store.facets()).labels, [{ label: 'new', count: 2 }, { label: 'c2', count: 1 }]);
    } finally {
      await store.close();
    }
  });
});
