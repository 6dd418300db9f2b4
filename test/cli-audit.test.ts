import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { addObjects } from '../src/server/add-objects.ts';
import type { AuditEntry } from '../src/store/audit/audit-log.ts';
import { openNode } from '../src/store/data-dir.ts';
import { LOCAL_STORE_FILE } from '../src/store/local/sqlite-local-store.ts';
import { accord, temporaryDirectory } from './support/cli.ts';

function identity(n: number): Record<string, unknown> {
  const id = `identity--${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return { type: 'identity', spec_version: '2.1', id, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: `Org ${n}`, identity_class: 'organization' };
}

describe('accord audit, and the entries the write paths leave', () => {
  const tmp = temporaryDirectory('accord-cli-audit-');
  after(() => tmp.cleanup());
  const data = ['--data', path.join(tmp.dir, 'node')];
  let collectionId: string;
  let keyId: string;
  /** Entries `init` leaves (the node's own key, from the federation work); the tests count from there. */
  let base: number;

  async function ok(...argv: string[]): Promise<string> {
    const run = await accord(...data, ...argv);
    assert.equal(run.code, 0, `accord ${argv.join(' ')}: ${run.stdout}${run.stderr}`);
    return run.stdout;
  }

  async function entries(...filters: string[]): Promise<AuditEntry[]> {
    return JSON.parse(await ok('audit', 'list', '--json', ...filters)) as AuditEntry[];
  }

  before(async () => {
    await ok('init');
    base = (await entries()).length;
    await ok('user', 'add', 'alice', '--role', 'analyst');
    await ok('user', 'add', 'siem', '--role', 'partner', '--kind', 'system');
    keyId = (JSON.parse(await ok('key', 'create', '--user', 'siem', '--label', 'SIEM', '--json')) as { keyId: string }).keyId;
    await ok('key', 'revoke', keyId);
    await ok('user', 'disable', 'siem');
    collectionId = (JSON.parse(await ok('collection', 'create', '--title', 'Partners', '--read', 'partner', '--write', 'analyst', '--json')) as { id: string }).id;
    const bundle = path.join(tmp.dir, 'bundle.json');
    writeFileSync(bundle, JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects: [identity(1), identity(2), { type: 'identity', id: 'nonsense' }] }));
    assert.equal((await accord(...data, 'import', bundle, '--collection', collectionId)).code, 1, 'one object is rejected');
    assert.equal((await accord(...data, 'import', bundle)).code, 1);
  });

  it('records each CLI change and each imported file, in order, as `cli`', async () => {
    const all = await entries('--after', String(base));
    assert.deepEqual(all.map((entry) => [entry.seq - base, entry.actor, entry.action]), [
      [1, 'cli', 'account.create'],
      [2, 'cli', 'account.create'],
      [3, 'cli', 'key.create'],
      [4, 'cli', 'key.revoke'],
      [5, 'cli', 'account.disable'],
      [6, 'cli', 'collection.create'],
      [7, 'cli', 'objects.import'],
      [8, 'cli', 'objects.import'],
    ]);
    assert.deepEqual(all.map((entry) => entry.target), ['alice', 'siem', keyId, keyId, 'siem', collectionId, path.join(tmp.dir, 'bundle.json'), path.join(tmp.dir, 'bundle.json')]);
    assert.deepEqual(all[1]!.details, { kind: 'system', role: 'partner' });
    assert.deepEqual(all[2]!.details, { account: 'siem', label: 'SIEM' });
    assert.deepEqual(all[5]!.details, { title: 'Partners', apiRoot: 'accord', readRoles: ['partner'], writeRoles: ['analyst'] });
    assert.deepEqual(all[6]!.details, { read: 3, stored: 2, duplicates: 0, rejected: 1, collections: [collectionId] });
    assert.deepEqual(all[7]!.details, { read: 3, stored: 0, duplicates: 2, rejected: 1 });
    assert.equal(JSON.stringify(all).includes('scrypt'), false, 'no secret or hash of one is recorded');
  });

  it('records one entry per Add Objects envelope: account, collection, counts', async () => {
    const node = await openNode(data[1]!);
    try {
      const status = await addObjects(node.store, collectionId, [identity(1), identity(3), 42], { audit: { log: node.audit, actor: 'alice', apiRoot: 'accord' } });
      const [entry] = node.audit.list({ action: 'objects.add' });
      assert.equal(node.audit.list({ action: 'objects.add' }).length, 1);
      assert.deepEqual([entry!.actor, entry!.target], ['alice', collectionId]);
      assert.deepEqual(entry!.details, { status: status.id, stored: 1, duplicates: 1, rejected: 1, apiRoot: 'accord' });
    } finally {
      await node.close();
    }
  });

  it('lists with --after, --limit, --action and --text, and as a table', async () => {
    const seqs = async (...filters: string[]): Promise<number[]> => (await entries(...filters)).map((entry) => entry.seq - base);
    assert.deepEqual(await seqs('--after', String(base + 2), '--limit', '2'), [3, 4]);
    assert.deepEqual(await seqs('--action', 'key.revoke'), [4]);
    assert.deepEqual(await seqs('--text', 'SIEM'), [2, 3, 5]);
    const table = await ok('audit', 'list', '--action', 'account.disable');
    assert.match(table, new RegExp(`^seq\\s+at\\s+actor\\s+action\\s+target\\s+details\n${base + 5}\\s+\\S+Z\\s+cli\\s+account\\.disable\\s+siem\n$`));
    assert.equal((await accord(...data, 'audit', 'list', '--limit', '0')).code, 64);
  });

  it('verify: exit 0 with the entry count and head; --expect holds it to a head kept elsewhere', async () => {
    const stdout = await ok('audit', 'verify');
    const count = base + 9;
    const match = new RegExp(`^chain intact: ${count} entries, head ([0-9a-f]{64})\n$`).exec(stdout);
    assert.ok(match, stdout);
    const head = match[1]!;
    assert.deepEqual(JSON.parse(await ok('audit', 'verify', '--json')), { ok: true, entries: count, head });
    await ok('audit', 'verify', '--expect', `${count}:${head.toUpperCase()}`);
    const wrong = await accord(...data, 'audit', 'verify', '--expect', `${count}:${'f'.repeat(64)}`);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, new RegExp(`^chain broken at seq ${count} \\(${count} entries stored\\): .*expected checkpoint`));
    assert.equal((await accord(...data, 'audit', 'verify', '--expect', `${count}:abc`)).code, 64);
  });

  it('verify: exit 1 naming the first bad seq when an entry was edited behind the triggers\' back', async () => {
    const db = new BetterSqlite3(path.join(data[1]!, LOCAL_STORE_FILE));
    try {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET actor = 'someone' WHERE seq = ?").run(base + 3);
    } finally {
      db.close();
    }
    const run = await accord(...data, 'audit', 'verify');
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`^chain broken at seq ${base + 3} \\(${base + 9} entries stored\\): its fields do not hash to its stored hash`));
    const json = JSON.parse((await accord(...data, 'audit', 'verify', '--json')).stdout) as { ok: boolean; firstBad: number };
    assert.deepEqual([json.ok, json.firstBad], [false, base + 3]);
  });

  it('user disable: an unknown name is a usage error; the account is listed as disabled', async () => {
    assert.equal((await accord(...data, 'user', 'disable', 'nobody')).code, 64);
    const list = JSON.parse(await ok('user', 'list', '--json')) as { name: string; disabled: boolean }[];
    assert.deepEqual(list.map((account) => [account.name, account.disabled]), [['alice', false], ['siem', true]]);
  });
});
