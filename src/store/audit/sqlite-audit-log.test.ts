import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { temporaryDirectory } from '../../../test/support/cli.ts';
import { LOCAL_MIGRATIONS } from '../local/migrations.ts';
import { openSqliteLocalStore, type SqliteLocalStore } from '../local/sqlite-local-store.ts';
import { migrate } from '../sqlite/migrations.ts';
import type { AuditEntry, AuditLog, AuditVerification } from './audit-log.ts';
import { GENESIS_HASH, hashEntry } from './chain.ts';
import { SqliteAuditLog } from './sqlite-audit-log.ts';

const tmp = temporaryDirectory('accord-audit-');
after(() => tmp.cleanup());
let files = 0;

interface Node {
  file: string;
  local: SqliteLocalStore;
  audit: AuditLog;
}

/** A fresh node-local database holding `count` entries of varied shapes. */
function node(count = 0): Node {
  const file = path.join(tmp.dir, `node-${++files}.sqlite`);
  const local = openSqliteLocalStore({ path: file });
  const audit = local.auditLog();
  for (let i = 1; i <= count; i++) {
    audit.append({ actor: i % 2 === 0 ? 'alice' : 'cli', action: i % 3 === 0 ? 'key.create' : 'objects.ingest', target: `target-${i}`, details: { n: i } });
  }
  after(() => local.close());
  return { file, local, audit };
}

/**
 * What an attacker with write access to the file does: a connection of its
 * own, every audit trigger dropped first, then plain SQL.
 */
function tamper(file: string, work: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(file);
  try {
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'audit_head')").pluck().all() as string[];
    assert.ok(triggers.length >= 2, 'the migration created the triggers');
    for (const name of triggers) db.exec(`DROP TRIGGER ${name}`);
    work(db);
  } finally {
    db.close();
  }
}

/** Rewrites entries from..to with recomputed hashes and links (after the caller changed what it wanted). */
function rehash(db: BetterSqlite3.Database, from: number): void {
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(from) as Record<string, string | number | null>[];
  let prevHash = (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(from - 1) as string | undefined) ?? GENESIS_HASH;
  for (const row of rows) {
    const entry: Omit<AuditEntry, 'hash'> = { seq: row.seq as number, at: row.at as string, actor: row.actor as string, action: row.action as string, prevHash };
    if (row.target !== null) entry.target = row.target as string;
    if (row.details !== null) entry.details = JSON.parse(row.details as string) as Record<string, unknown>;
    const hash = hashEntry(entry);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prevHash, hash, row.seq);
    prevHash = hash;
  }
}

function assertBroken(result: AuditVerification, firstBad: number, reason: RegExp): void {
  assert.equal(result.ok, false, `expected a broken chain, got ${JSON.stringify(result)}`);
  if (result.ok) return;
  assert.equal(result.firstBad, firstBad, result.reason);
  assert.match(result.reason, reason);
}

describe('SqliteAuditLog', () => {
  it('appends a hash chain: seq 1, 2, 3…, each prevHash the hash before, each hash over the canonical fields', () => {
    const { audit } = node();
    const first = audit.append({ actor: 'cli', action: 'account.create', target: 'alice', details: { role: 'admin', dropped: undefined } });
    const second = audit.append({ actor: 'alice', action: 'key.revoke' });
    assert.equal(first.seq, 1);
    assert.equal(first.prevHash, GENESIS_HASH);
    assert.deepEqual(first.details, { role: 'admin' }, 'what canonical JSON drops is not kept');
    assert.match(first.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(second.seq, 2);
    assert.equal(second.prevHash, first.hash);
    assert.equal('target' in second || 'details' in second, false);
    for (const entry of [first, second]) {
      const { hash, ...fields } = entry;
      assert.equal(hash, hashEntry(fields));
    }
    assert.deepEqual(audit.list(), [first, second], 'list returns the entries exactly as appended');
    assert.deepEqual(audit.verify(), { ok: true, entries: 2, head: second.hash });
    assert.throws(() => audit.append({ actor: '', action: 'x' }), TypeError);
  });

  it('verifies an empty chain: 0 entries, head 64 zeros', () => {
    assert.deepEqual(node().audit.verify(), { ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('lists after a seq, up to a limit, by action and by text in actor, target or details', () => {
    const { audit } = node(12);
    const seqs = (entries: AuditEntry[]): number[] => entries.map((entry) => entry.seq);
    assert.deepEqual(seqs(audit.list({ after: 9 })), [10, 11, 12]);
    assert.deepEqual(seqs(audit.list({ after: 2, limit: 3 })), [3, 4, 5]);
    assert.deepEqual(seqs(audit.list({ action: 'key.create' })), [3, 6, 9, 12]);
    assert.deepEqual(seqs(audit.list({ action: 'key.create', after: 6, limit: 1 })), [9]);
    assert.deepEqual(seqs(audit.list({ text: 'ALICE', limit: 2 })), [2, 4], 'actor, case-insensitive');
    assert.deepEqual(seqs(audit.list({ text: 'target-11' })), [11], 'target');
    assert.deepEqual(seqs(audit.list({ text: '"n":7' })), [7], 'details (canonical JSON)');
    assert.deepEqual(seqs(audit.list({ text: 'alice', action: 'key.create' })), [6, 12]);
    assert.deepEqual(audit.list({ text: '%' }), [], 'text is a plain substring, not a LIKE pattern');
  });

  it('verifies a long chain quickly', (t) => {
    // The chain is built with synchronous=OFF to keep the test fast on any disk; the next test times real appends.
    const db = new BetterSqlite3(':memory:');
    after(() => db.close());
    db.pragma('synchronous = OFF');
    migrate(db, LOCAL_MIGRATIONS, 'the node-local database');
    const audit = new SqliteAuditLog(db);
    const count = 10_000;
    for (let i = 1; i <= count; i++) audit.append({ actor: 'cli', action: 'objects.ingest', target: `file-${i}.json`, details: { stored: i, duplicates: 0, rejected: i % 7 } });
    const started = performance.now();
    const result = audit.verify();
    const ms = performance.now() - started;
    assert.deepEqual(result, { ok: true, entries: count, head: audit.list({ after: count - 1 })[0]!.hash });
    t.diagnostic(`verified ${count} entries in ${ms.toFixed(0)} ms`);
  });

  it('appends at a measured rate (diagnostic, not an assertion)', (t) => {
    const { audit } = node();
    const count = 500;
    const started = performance.now();
    for (let i = 1; i <= count; i++) audit.append({ actor: 'cli', action: 'objects.ingest', target: `file-${i}.json`, details: { stored: i } });
    const seconds = (performance.now() - started) / 1000;
    assert.equal(audit.verify().entries, count);
    t.diagnostic(`${Math.round(count / seconds)} appends/s to a file (one IMMEDIATE transaction each, WAL, synchronous=FULL)`);
  });

  it('refuses UPDATE and DELETE of entries, and any head move but the append, with its triggers in place', () => {
    const { file, audit } = node(3);
    const db = new BetterSqlite3(file);
    try {
      assert.throws(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run(), /append-only/);
      assert.throws(() => db.prepare("INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash) VALUES (7, 'x', 'x', 'x', 'x', 'x')").run(), /extend the head/);
      assert.throws(() => db.prepare('UPDATE audit_head SET entries = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2)').run(), /head moves only/);
      assert.throws(() => db.prepare('DELETE FROM audit_head').run(), /one row/);
    } finally {
      db.close();
    }
    assert.equal(audit.verify().ok, true);
  });

  describe('with its triggers dropped, verify names the first bad entry', () => {
    const cases: [name: string, change: string | ((db: BetterSqlite3.Database) => void), firstBad: number, reason: RegExp][] = [
      ['an edited actor', "UPDATE audit_log SET actor = 'mallory' WHERE seq = 4", 4, /edited/],
      ['edited details', `UPDATE audit_log SET details = '{"n":999}' WHERE seq = 6`, 6, /edited/],
      ['an edited timestamp', "UPDATE audit_log SET at = '2000-01-01T00:00:00.000Z' WHERE seq = 2", 2, /edited/],
      ['a removed target', 'UPDATE audit_log SET target = NULL WHERE seq = 9', 9, /edited/],
      ['details that are no longer JSON', "UPDATE audit_log SET details = '{broken' WHERE seq = 5", 5, /edited/],
      ['a deleted middle entry', 'DELETE FROM audit_log WHERE seq = 5', 5, /entry 5 is missing/],
      ['a deleted first entry', 'DELETE FROM audit_log WHERE seq = 1', 1, /entry 1 is missing/],
      ['a deleted entry, later ones renumbered to close the gap',
        'DELETE FROM audit_log WHERE seq = 5; UPDATE audit_log SET seq = seq + 1000 WHERE seq > 5; UPDATE audit_log SET seq = seq - 1001 WHERE seq > 1000', 5, /prevHash/],
      ['two entries with swapped seq', 'UPDATE audit_log SET seq = 1000 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 7; UPDATE audit_log SET seq = 7 WHERE seq = 1000', 3, /prevHash/],
      ['a truncated tail (the last 3 entries deleted)', 'DELETE FROM audit_log WHERE seq > 7', 8, /head anchor records 10 entries.*truncated/],
      ['an entry added behind the anchor', (db) => {
        db.exec("INSERT INTO audit_log SELECT 11, at, actor, action, target, details, hash, '' FROM audit_log WHERE seq = 10");
        rehash(db, 11);
      }, 11, /added without moving it/],
      ['a deleted head anchor', 'DELETE FROM audit_head', 1, /anchor is missing/],
    ];
    for (const [name, change, firstBad, reason] of cases) {
      it(`${name}: seq ${firstBad}`, () => {
        const { file, audit } = node(10);
        assert.equal(audit.verify().ok, true);
        let stored = 0;
        tamper(file, (db) => {
          if (typeof change === 'string') db.exec(change);
          else change(db);
          stored = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
        });
        const result = audit.verify();
        assertBroken(result, firstBad, reason);
        assert.equal(result.entries, stored, 'entries counts what is stored');
      });
    }

    it('a replaced last entry with a recomputed hash: seq 10, against the head anchor', () => {
      const { file, audit } = node(10);
      tamper(file, (db) => {
        db.exec("UPDATE audit_log SET details = '{\"n\":0}' WHERE seq = 10");
        rehash(db, 10);
      });
      assertBroken(audit.verify(), 10, /head anchor/);
    });

    it('a middle entry forged with every later hash recomputed: the head no longer matches the anchor', () => {
      const { file, audit } = node(10);
      const checkpoint = audit.list({ after: 6, limit: 1 })[0]!;
      tamper(file, (db) => {
        db.exec("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 4");
        rehash(db, 4);
      });
      assertBroken(audit.verify(), 10, /head anchor.*recomputed hashes/);
      assertBroken(audit.verify({ expect: { seq: checkpoint.seq, hash: checkpoint.hash } }), 7, /expected checkpoint/);
    });

    it('the documented limit: a truncation that also moves the anchor back passes, unless a checkpoint kept elsewhere is given', () => {
      const { file, audit } = node(10);
      const head = audit.verify();
      assert.ok(head.ok);
      tamper(file, (db) => db.exec('DELETE FROM audit_log WHERE seq > 7; UPDATE audit_head SET entries = 7, hash = (SELECT hash FROM audit_log WHERE seq = 7)'));
      assert.equal(audit.verify().ok, true);
      assertBroken(audit.verify({ expect: { seq: 10, hash: head.head } }), 8, /before the expected checkpoint at 10/);
    });
  });

  it('appends after tampering still land (the gap stays visible), so a write path never fails on the audit', () => {
    const { file, audit } = node(5);
    tamper(file, (db) => db.exec('DELETE FROM audit_log WHERE seq = 5'));
    const next = audit.append({ actor: 'cli', action: 'key.revoke' });
    assert.equal(next.seq, 6);
    assertBroken(audit.verify(), 5, /entry 5 is missing/);
  });

  it('never forks the chain under concurrent appenders in other processes (as server and CLI on one data dir)', async () => {
    const { file, audit } = node();
    const perProcess = 200;
    const processes = 4;
    const module = new URL('../local/sqlite-local-store.ts', import.meta.url).href;
    const source = `
      const { openSqliteLocalStore } = await import(${JSON.stringify(module)});
      const local = openSqliteLocalStore({ path: process.argv[1] });
      const audit = local.auditLog();
      for (let i = 0; i < ${perProcess}; i++) audit.append({ actor: 'process-' + process.argv[2], action: 'test.append', details: { i } });
      local.close();`;
    await Promise.all(Array.from({ length: processes }, (_, id) => new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source, file, String(id)], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`appender ${id} exited ${code}: ${stderr}`))));
    })));
    const total = processes * perProcess;
    assert.deepEqual(audit.verify(), { ok: true, entries: total, head: audit.list({ after: total - 1 })[0]!.hash });
    const byProcess = new Map<string, number>();
    for (const entry of audit.list()) byProcess.set(entry.actor, (byProcess.get(entry.actor) ?? 0) + 1);
    assert.deepEqual([...byProcess.values()], Array.from({ length: processes }, () => perProcess));
  });
});
