import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { isAppError } from '../../common/errors.ts';
import { identity, ipv4, malware, relationship } from '../contract/fixtures.ts';
import { runStoreContract } from '../store.contract.ts';
import { migrate, MIGRATIONS } from './migrations.ts';
import { openSqliteStore } from './sqlite-store.ts';

let directory = '';
let files = 0;
const newFile = (): string => path.join(directory, `store-${(files += 1)}.sqlite`);

before(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'accord-sqlite-store-'));
});
after(() => {
  rmSync(directory, { recursive: true, force: true });
});

runStoreContract({ name: 'sqlite (temp file)', createStore: () => openSqliteStore({ path: newFile() }) });

describe('SqliteStore', () => {
  it('creates the schema at the last migration, in WAL mode', async () => {
    const file = newFile();
    await (await openSqliteStore({ path: file })).close();
    const db = new BetterSqlite3(file, { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('applies only the migrations a database lacks, in order', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE one (x)' }]);
    migrate(db, [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two (x)' },
    ]);
    assert.equal(db.pragma('user_version', { simple: true }), 2);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    assert.deepEqual(tables, ['one', 'two']);
    db.close();
  });

  it('refuses a database whose schema is newer than the program, leaving it untouched', async () => {
    const file = newFile();
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    await assert.rejects(openSqliteStore({ path: file }), (error) => isAppError(error, 'STORE_SCHEMA_TOO_NEW'));
    const check = new BetterSqlite3(file, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.length + 1);
    check.close();
  });

  it('keeps everything across a reopen, cursors included, and keeps date_added increasing', async () => {
    const file = newFile();
    const first = await openSqliteStore({ path: file });
    await first.createCollection({ id: 'c', title: 'C' });
    await first.ingest([identity(1), malware(1, 0, { created_by_ref: identity(1).id }), malware(2)], { collections: ['c'] });
    const page = await first.query({}, { limit: 1 });
    await first.close();

    const second = await openSqliteStore({ path: file });
    try {
      assert.equal((await second.stats()).objects, 3);
      assert.deepEqual(await second.listCollections(), [{ id: 'c', title: 'C' }]);
      assert.equal((await second.search('malware')).length, 2);
      assert.equal((await second.neighbourhood(identity(1).id)).nodes.length, 2);
      const rest = await second.query({}, { limit: 10, next: page.next! });
      assert.equal(rest.items.length, 2);
      await second.ingest([malware(3)]);
      const all = (await second.query({}, { limit: 10 })).items;
      assert.ok(all.at(-2)!.dateAdded < all.at(-1)!.dateAdded);
    } finally {
      await second.close();
    }
  });

  it('shows nothing of a batch whose transaction fails part-way', async () => {
    const file = newFile();
    const store = await openSqliteStore({ path: file });
    const sabotage = new BetterSqlite3(file);
    // A trigger makes the second insert of the batch fail, after the first succeeded.
    sabotage.exec(`CREATE TRIGGER fail_once BEFORE INSERT ON objects WHEN NEW.id = '${malware(2).id}'
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    try {
      await assert.rejects(store.ingest([malware(1), malware(2), malware(3)]), /simulated failure/);
      assert.deepEqual((await store.query({ versions: ['all'] })).items, []);
      assert.deepEqual(await store.stats(), { objects: 0, versions: 0, byType: {} });
      assert.deepEqual(await store.search('malware'), []);
      sabotage.exec('DROP TRIGGER fail_once');
      assert.equal((await store.ingest([malware(1), malware(2), malware(3)])).stored, 3);
    } finally {
      sabotage.close();
      await store.close();
    }
  });

  it('keeps side indexes for latest versions only', async () => {
    const file = newFile();
    const store = await openSqliteStore({ path: file });
    await store.ingest([identity(1), identity(2), malware(1)]);
    await store.ingest([relationship(1, malware(1).id, identity(1).id, 1), relationship(1, malware(1).id, identity(2).id, 2)]);
    await store.ingest([relationship(1, malware(1).id, identity(1).id, 0)]);
    await store.close();
    const db = new BetterSqlite3(file, { readonly: true });
    const edges = db.prepare('SELECT target, property FROM edges ORDER BY target').all();
    assert.deepEqual(edges, [
      { target: identity(2).id, property: 'target_ref' },
      { target: malware(1).id, property: 'source_ref' },
    ]);
    assert.equal(db.prepare('SELECT count(*) FROM search_index').pluck().get(), 3);
    db.close();
  });

  it('checkpoints a long session in the background and closes cleanly', async () => {
    const file = newFile();
    const store = await openSqliteStore({ path: file });
    for (let batch = 0; batch < 3; batch += 1) {
      await store.ingest(Array.from({ length: 8000 }, (_, n) => ipv4(`10.${batch}.${n >> 8}.${n & 255}`)));
    }
    await store.close();
    const reopened = await openSqliteStore({ path: file });
    assert.equal((await reopened.stats()).versions, 24_000);
    await reopened.close();
  });

  it('works in memory and closes twice without complaint', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    await store.ingest([malware(1)]);
    assert.equal((await store.query()).items.length, 1);
    await store.close();
    await store.close();
  });
});

describe('sqlite adapter: planner statistics', () => {
  it('keeps none: statistics of near-empty tables (after init) made ingest scan as the store grew', async () => {
    const file = newFile();
    const first = await openSqliteStore({ path: file });
    await first.ingest([identity(1)]);
    await first.close();
    // A store an earlier version left with statistics gathered on one-row tables.
    const raw = new BetterSqlite3(file);
    raw.exec('ANALYZE');
    assert.ok((raw.prepare('SELECT count(*) AS n FROM sqlite_stat1').get() as { n: number }).n > 0);
    raw.close();
    const reopened = await openSqliteStore({ path: file });
    await reopened.close();
    const check = new BetterSqlite3(file);
    try {
      assert.equal((check.prepare('SELECT count(*) AS n FROM sqlite_stat1').get() as { n: number }).n, 0, 'opening drops stale statistics, closing gathers none');
    } finally {
      check.close();
    }
  });
});
