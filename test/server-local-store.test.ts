import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../src/common/errors.ts';
import { openSqliteLocalStore, type SqliteLocalStore } from '../src/store/local/index.ts';
import { temporaryDirectory } from './support/cli.ts';

describe('node-local store (SQLite, temp file)', () => {
  const tmp = temporaryDirectory();
  const file = path.join(tmp.dir, 'node.sqlite');
  let local: SqliteLocalStore;
  before(() => {
    local = openSqliteLocalStore({ path: file });
  });
  after(() => {
    local.close();
    tmp.cleanup();
  });

  it('creates accounts with unique names, and disables them', () => {
    const alice = local.createAccount({ name: 'alice', kind: 'person', role: 'analyst', secretHash: 'h1' });
    assert.equal(local.accountByName('alice')?.id, alice.id);
    assert.equal(local.accountById(alice.id)?.role, 'analyst');
    assert.equal(local.countAccounts(), 1);
    assert.throws(() => local.createAccount({ name: 'alice', kind: 'system', role: 'reader', secretHash: 'h2' }), (e) => isAppError(e, 'LOCAL_CONFLICT'));
    local.setAccountDisabled(alice.id, true);
    assert.equal(local.accountByName('alice')?.disabled, true);
    local.setAccountDisabled(alice.id, false);
    assert.equal(local.accountByName('alice')?.disabled, false);
    assert.throws(() => local.setAccountDisabled('nope', true), (e) => isAppError(e, 'LOCAL_NOT_FOUND'));
  });

  it('keeps API keys, revokes them idempotently, and records use at most once a minute', () => {
    const bob = local.createAccount({ name: 'bob', kind: 'system', role: 'partner', secretHash: 'h' });
    local.createApiKey({ keyId: 'key-00001', accountId: bob.id, hash: 'kh', label: 'siem' });
    assert.throws(() => local.createApiKey({ keyId: 'key-00001', accountId: bob.id, hash: 'x' }), (e) => isAppError(e, 'LOCAL_CONFLICT'));
    assert.throws(() => local.createApiKey({ keyId: 'key-00002', accountId: 'nobody', hash: 'x' }), (e) => isAppError(e, 'LOCAL_NOT_FOUND'));
    assert.equal(local.apiKey('key-00001')?.label, 'siem');
    const t0 = new Date('2025-01-01T00:00:00Z');
    local.touchApiKey('key-00001', t0);
    local.touchApiKey('key-00001', new Date(t0.getTime() + 30_000));
    assert.equal(local.apiKey('key-00001')?.lastUsedAt, t0.toISOString());
    local.touchApiKey('key-00001', new Date(t0.getTime() + 61_000));
    assert.equal(local.apiKey('key-00001')?.lastUsedAt, new Date(t0.getTime() + 61_000).toISOString());
    assert.equal(local.revokeApiKey('key-00001'), true);
    const revokedAt = local.apiKey('key-00001')?.revokedAt;
    assert.ok(revokedAt);
    assert.equal(local.revokeApiKey('key-00001'), true);
    assert.equal(local.apiKey('key-00001')?.revokedAt, revokedAt);
    assert.equal(local.revokeApiKey('missing'), false);
    assert.deepEqual(local.listApiKeys(bob.id).map((k) => k.keyId), ['key-00001']);
  });

  it('keeps API roots and grants in creation order, replacing on put', () => {
    local.putApiRoot({ name: 'accord', title: 'Accord', maxContentLength: 1000 });
    local.putApiRoot({ name: 'second', title: 'Second', description: 'd', maxContentLength: 5 });
    local.putApiRoot({ name: 'accord', title: 'Accord (renamed)', maxContentLength: 2000 });
    assert.deepEqual(local.listApiRoots().map((r) => [r.name, r.title, r.maxContentLength]), [['accord', 'Accord (renamed)', 2000], ['second', 'Second', 5]]);
    assert.equal(local.apiRoot('second')?.description, 'd');
    assert.throws(() => local.putGrant({ collectionId: 'c0', apiRoot: 'none', readRoles: [], writeRoles: [] }), (e) => isAppError(e, 'LOCAL_NOT_FOUND'));
    local.putGrant({ collectionId: 'c1', apiRoot: 'accord', readRoles: ['reader'], writeRoles: [] });
    local.putGrant({ collectionId: 'c2', apiRoot: 'second', readRoles: [], writeRoles: ['partner'] });
    local.putGrant({ collectionId: 'c1', apiRoot: 'accord', readRoles: ['reader', 'analyst'], writeRoles: ['analyst'] });
    assert.deepEqual(local.grant('c1'), { collectionId: 'c1', apiRoot: 'accord', readRoles: ['reader', 'analyst'], writeRoles: ['analyst'] });
    assert.deepEqual(local.listGrants('accord').map((g) => g.collectionId), ['c1']);
    assert.deepEqual(local.listGrants().map((g) => g.collectionId), ['c1', 'c2']);
  });

  it('persists status resources and settings across a reopen', () => {
    local.saveStatus({ id: 's1', apiRoot: 'accord', accountId: 'a', resource: { id: 's1', status: 'complete' } });
    assert.deepEqual(local.settings(), { title: 'Accord node' });
    local.putSettings({ title: 'CERT node', contact: 'cert@example.org' });
    local.close();
    local = openSqliteLocalStore({ path: file });
    assert.deepEqual(local.status('s1'), { id: 's1', apiRoot: 'accord', accountId: 'a', resource: { id: 's1', status: 'complete' } });
    assert.equal(local.status('s2'), undefined);
    assert.deepEqual(local.settings(), { title: 'CERT node', contact: 'cert@example.org' });
    assert.equal(local.countAccounts(), 2);
  });
});
