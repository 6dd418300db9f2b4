import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { generateKeyPair } from '../src/federation/keys.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, Sessions } from '../src/server/session.ts';
import { LOCAL_STORE_FILE } from '../src/store/local/index.ts';
import { Client, signedIn, startApiNode, type ApiNode } from './support/api-node.ts';

const T0 = '2024-01-01T00:00:00.000Z';

/** Every route contract.ts documents, as `METHOD path` in OpenAPI's notation. */
const CONTRACT_ROUTES = [
  'GET /api/node', 'POST /api/session', 'GET /api/session', 'DELETE /api/session', 'GET /api/dashboard', 'GET /api/objects',
  'GET /api/objects/{id}', 'GET /api/facets', 'GET /api/graph/{id}', 'POST /api/pattern/check', 'POST /api/pattern/match',
  'GET /api/partners', 'PATCH /api/partners/{name}', 'GET /api/agreements', 'POST /api/agreements', 'PUT /api/agreements/{id}', 'DELETE /api/agreements/{id}',
  'GET /api/audit', 'GET /api/audit/verify', 'POST /api/match', 'POST /api/statements/verify',
  'GET /api/incidents', 'GET /api/incidents/{id}', 'POST /api/incidents', 'PATCH /api/incidents/{id}', 'GET /api/incidents/{id}/correlations',
  'GET /api/cases', 'GET /api/cases/{id}', 'POST /api/cases', 'POST /api/cases/{id}/evidence', 'POST /api/cases/{id}/assessments',
  'POST /api/cases/{id}/opinions', 'POST /api/cases/{id}/transitions', 'POST /api/cases/{id}/statement',
  'POST /api/statements/{id}/signatures', 'GET /api/statements/{id}/bundle', 'GET /api/attributions',
  'POST /api/legal/assess', 'GET /api/legal/schema', 'GET /api/legal/rules', 'GET /api/legal/assessments', 'POST /api/legal/assessments', 'POST /api/legal/assessments/{id}/overrides',
  'GET /api/norms', 'GET /api/incidents/{id}/norms', 'POST /api/incidents/{id}/norms/{norm}', 'GET /api/norms/matrix', 'GET /api/norms/states/{state}',
  'POST /api/norms/implementations', 'GET /api/cases/{id}/responses', 'POST /api/cases/{id}/responses', 'POST /api/responses/{id}/status',
  'POST /api/responses/{id}/positions', 'GET /api/lessons', 'POST /api/lessons', 'GET /api/lessons/{id}',
];

describe('web API: agreements, audit, OpenAPI', () => {
  let api: ApiNode;
  let ada: Client;
  let ana: Client;
  let rita: Client;

  before(async () => {
    api = await startApiNode(async (node) => {
      node.local.addPartner({ name: 'au', kind: 'state', url: 'https://au.example/taxii2/accord/', createdAt: T0 });
      node.local.addPartner({ name: 'pl', kind: 'state', url: 'https://pl.example/taxii2/accord/', createdAt: T0 });
    });
    [ada, ana, rita] = await Promise.all([signedIn(api, 'ada'), signedIn(api, 'ana'), signedIn(api, 'rita')]);
  });
  after(async () => api.close());

  it('administrators create, change and remove agreements, each change audited with the account as actor', async () => {
    const input = { partner: 'au', direction: 'outbound', collections: [api.collections.shared], objectTypes: ['indicator'], tlp: ['clear', 'green'], onward: false, basis: 'UK-AU MoU' };
    const created = await ada.call('POST', '/api/agreements', input);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.id, 'au-outbound');
    assert.deepEqual({ ...created.body, updatedAt: undefined }, { id: 'au-outbound', ...input, updatedAt: undefined });
    const second = await ada.call('POST', '/api/agreements', { ...input, objectTypes: ['*'] });
    assert.equal(second.body.id, 'au-outbound-2', 'POST never replaces: a new id');
    const conflict = await ada.call('POST', '/api/agreements', { ...input, id: 'au-outbound' });
    assert.equal(conflict.status, 409);

    const changed = await ada.call('PUT', '/api/agreements/au-outbound', { ...input, tlp: ['clear'] });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.body.tlp, ['clear']);
    assert.equal(changed.body.basis, 'UK-AU MoU');
    const cleared = await ada.call('PUT', '/api/agreements/au-outbound', { ...input, basis: undefined });
    assert.equal(cleared.body.basis, undefined, 'PUT replaces: a basis left out is cleared');
    assert.deepEqual(api.node.local.agreement('au-outbound')!.tlp, ['clear', 'green']);

    const listed = await ana.call('GET', '/api/agreements');
    assert.deepEqual(listed.body.map((agreement: { id: string }) => agreement.id), ['au-outbound', 'au-outbound-2']);

    const removed = await ada.call('DELETE', '/api/agreements/au-outbound-2');
    assert.equal(removed.status, 200, removed.text);
    assert.equal((await ada.call('DELETE', '/api/agreements/au-outbound-2')).status, 404);
    assert.equal((await ada.call('PUT', '/api/agreements/nope', input)).status, 404);

    const entries = api.node.audit.list({ order: 'desc' }).filter((entry) => entry.action.startsWith('agreement.'));
    assert.deepEqual(entries.map((entry) => `${entry.actor} ${entry.action} ${entry.target}`), [
      'ada agreement.remove au-outbound-2', 'ada agreement.set au-outbound', 'ada agreement.set au-outbound', 'ada agreement.set au-outbound-2', 'ada agreement.set au-outbound',
    ]);
  });

  it('answers a bad agreement 400 listing every problem, and refuses other roles (403)', async () => {
    const shape = await ada.call('POST', '/api/agreements', { partner: 'au', direction: 'outbound', collections: 'all', tlp: ['green'], onward: 'yes', colour: 1 });
    assert.equal(shape.status, 400);
    assert.deepEqual(shape.body.details.problems, [
      '"colour" is not a field of an agreement (fields: id, partner, direction, collections, objectTypes, tlp, onward, basis)',
      '"collections" must be a list of strings, not "all"',
      '"objectTypes" is missing: a list (["*"] for all)',
      '"onward" must be true or false, not "yes"',
    ]);
    const values = await ada.call('POST', '/api/agreements', { partner: 'pl', direction: 'outbound', collections: ['no-such-collection'], objectTypes: ['not a type'], tlp: ['purple'], onward: false });
    assert.equal(values.status, 400);
    assert.equal(values.body.details.problems.length, 3, values.text);
    assert.match(values.body.description, /no-such-collection.*not a type.*purple/s);
    assert.equal((await ada.call('POST', '/api/agreements', { partner: 'nz', direction: 'outbound', collections: ['*'], objectTypes: ['*'], tlp: ['green'], onward: false })).body.details.problems[0], 'there is no partner named "nz" (see `accord partner list`)');
    const input = { partner: 'pl', direction: 'outbound', collections: ['*'], objectTypes: ['*'], tlp: ['green'], onward: false };
    for (const client of [ana, rita]) assert.equal((await client.call('POST', '/api/agreements', input)).status, 403);
    assert.equal((await ana.call('DELETE', '/api/agreements/au-outbound')).status, 403);
    assert.equal((await rita.call('GET', '/api/agreements')).status, 403);
  });

  it("administrators change a partner's URL, key and credentials in place, audited without the secret; bad changes list every problem", async () => {
    const key = generateKeyPair().publicKey;
    const missing = await ada.call('PATCH', '/api/partners/pl', { url: 'https://pl2.example/taxii2/accord/' });
    assert.equal(missing.status, 400, 'a state partner must name its identity: an update cannot store what add would refuse');
    const identityId = 'identity--4f1c2a3b-9d8e-4f70-a612-3b5c7d9e1f20';
    const changed = await ada.call('PATCH', '/api/partners/pl', { url: 'https://pl2.example/taxii2/accord/', publicKey: key, credentials: 'uk-node:very-secret-1', identityId });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.url, 'https://pl2.example/taxii2/accord/');
    assert.equal(changed.body.publicKey, key);
    assert.equal(changed.body.identityId, identityId);
    assert.match(changed.body.keyFingerprint, /^[0-9a-f]{4}( [0-9a-f]{4})+$/i);
    assert.equal(changed.body.credentials, undefined, 'credentials are never answered back');
    assert.equal(api.node.local.partnerCredentials('pl'), 'uk-node:very-secret-1');
    const entry = api.node.audit.list({ order: 'desc', action: 'partner.update' })[0]!;
    assert.equal(entry.actor, 'ada');
    assert.ok(!JSON.stringify(entry).includes('very-secret'), 'the secret is not in the audit trail');

    const bad = await ada.call('PATCH', '/api/partners/pl', { url: 'ftp://pl.example/', publicKey: 'not-a-key', colour: 'blue' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.description, /"colour" is not a field of a partner change/);
    const badValues = await ada.call('PATCH', '/api/partners/pl', { url: 'ftp://pl.example/', publicKey: 'not-a-key' });
    assert.equal(badValues.status, 400);
    assert.match(badValues.body.description, /url/i);
    assert.match(badValues.body.description, /key/i);
    assert.equal(api.node.local.partner('pl')!.url, 'https://pl2.example/taxii2/accord/', 'nothing changed');
    assert.equal((await ada.call('PATCH', '/api/partners/nope', { url: 'https://x.example/taxii2/a/' })).status, 404);
    assert.equal((await ana.call('PATCH', '/api/partners/pl', { url: 'https://x.example/taxii2/a/' })).status, 403);
    assert.equal((await rita.call('GET', '/api/partners')).status, 403);
  });

  it('reads the audit log newest first, pages back with before, searches, and verifies the chain', async () => {
    const first = await ana.call('GET', '/api/audit?limit=3');
    assert.equal(first.status, 200, first.text);
    const seqs = first.body.items.map((entry: { seq: number }) => entry.seq);
    assert.deepEqual(seqs, [...seqs].sort((a: number, b: number) => b - a));
    assert.equal(first.body.nextBefore, seqs[2]);
    const next = await ana.call('GET', `/api/audit?limit=3&before=${first.body.nextBefore}`);
    assert.equal(next.body.items[0].seq, seqs[2] - 1);
    const login = await ana.call('GET', '/api/audit?action=session.login&limit=500');
    assert.ok(login.body.items.length >= 3 && login.body.items.every((entry: { action: string }) => entry.action === 'session.login'));
    assert.equal(login.body.nextBefore, undefined);
    const search = await ana.call('GET', '/api/audit?q=au-outbound-2');
    assert.ok(search.body.items.length >= 2 && search.body.items.every((entry: { target?: string }) => entry.target === 'au-outbound-2'));
    assert.match((await ana.call('GET', '/api/audit?before=zero')).body.description, /"before" is "zero"/);
    assert.match((await ana.call('GET', '/api/audit?limit=501')).body.description, /from 1 to 500/);
    const verify = await ana.call('GET', '/api/audit/verify');
    assert.equal(verify.body.ok, true);
    assert.equal(verify.body.entries, api.node.audit.list().length);
    assert.match(verify.body.headHash, /^[0-9a-f]{64}$/);
    assert.equal((await rita.call('GET', '/api/audit')).status, 403);
    assert.equal((await rita.call('GET', '/api/audit/verify')).status, 403);
  });

  it('documents every /api/ route in /openapi.json with a summary', async () => {
    const document = (await new Client(api.base).call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { summary?: string }>> };
    const documented = Object.entries(document.paths).filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, methods]) => Object.entries(methods).filter(([method]) => method !== 'head').map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, summary: operation.summary })));
    assert.deepEqual(documented.map((entry) => entry.route).sort(), [...CONTRACT_ROUTES].sort());
    for (const entry of documented) assert.ok((entry.summary ?? '').length > 20, `${entry.route} has a summary`);
  });
});

describe('web API: the web app itself', () => {
  let api: ApiNode;
  before(async () => {
    api = await startApiNode();
  });
  after(async () => api.close());
  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('serves index.html (not cached) at / and for app pages; hashed assets for good', async () => {
    const client = new Client(api.base);
    const root = await client.call('GET', '/', undefined, html);
    assert.equal(root.status, 200);
    assert.match(root.text, /Accord test app/);
    assert.equal(root.headers.get('cache-control'), 'no-cache');
    assert.match(root.headers.get('content-type') ?? '', /^text\/html/);
    for (const page of ['/explorer', '/objects/indicator--1234?tab=versions', '/graph/x/y']) {
      const answer = await client.call('GET', page, undefined, html);
      assert.equal(answer.status, 200, page);
      assert.match(answer.text, /Accord test app/, page);
      assert.equal(answer.headers.get('cache-control'), 'no-cache', page);
    }
    const asset = await client.call('GET', '/assets/app-1a2b3c.js');
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const csp = root.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'", "frame-ancestors 'none'"]) assert.ok(csp.includes(directive), directive);
    assert.doesNotMatch(csp, /https?:|upgrade-insecure-requests/);
  });

  it("never answers the app for the node's own endpoints, a missing asset or a tool's request", async () => {
    const client = new Client(api.base);
    for (const path of ['/api/nothing', '/taxii2/nothing/', '/assets/missing.js', '/metrics/x', '/healthz/x', '/openapi.json/x']) {
      const answer = await client.call('GET', path, undefined, html);
      assert.notEqual(answer.status, 200, path);
      assert.doesNotMatch(answer.text, /Accord test app/, path);
    }
    const tool = await client.call('GET', '/explorer', undefined, { accept: '*/*' });
    assert.equal(tool.status, 404);
    assert.equal(tool.body.http_status, '404');
    const post = await client.call('POST', '/explorer', {}, html);
    assert.equal(post.status, 404);
  });

  it('says how to build the app when it is not built', async () => {
    rmSync(api.webRoot, { recursive: true });
    const bare = await startApiNode(async () => {}, { webRoot: api.webRoot });
    try {
      const answer = await new Client(bare.base).call('GET', '/', undefined, html);
      assert.equal(answer.status, 503);
      assert.match(answer.text, /the web app is not built: run npm run build/i);
      assert.equal((await new Client(bare.base).call('GET', '/explorer', undefined, html)).status, 503);
    } finally {
      await bare.close();
    }
  });
});

describe('web sessions expire', () => {
  it('after 8 hours idle, and 24 hours after login however busy', async () => {
    const api = await startApiNode();
    try {
      let now = Date.parse('2025-01-01T08:00:00Z');
      const sessions = new Sessions(api.node.local, { now: () => now });
      const account = api.node.local.accountByName('ana')!;
      const idle = sessions.open(account);
      now += SESSION_IDLE_MS - 1000;
      assert.ok(sessions.find(idle.id), 'just inside the idle limit (and touched now)');
      now += SESSION_IDLE_MS - 1000;
      assert.ok(sessions.find(idle.id), 'the touch moved the idle limit');
      now += SESSION_IDLE_MS;
      assert.equal(sessions.find(idle.id), undefined, '8 h without a request');

      const busy = sessions.open(account);
      for (let hour = 1; hour < 24; hour++) {
        now += 60 * 60 * 1000;
        assert.ok(sessions.find(busy.id), `hour ${hour}`);
      }
      now += 60 * 60 * 1000;
      assert.equal(SESSION_ABSOLUTE_MS, 24 * 60 * 60 * 1000);
      assert.equal(sessions.find(busy.id), undefined, '24 h after login');
    } finally {
      await api.close();
    }
  });
});

describe('web API: the dashboard checks the audit chain', () => {
  it('lists a broken chain as the first thing to look at, for the roles that read the audit log', async () => {
    const api = await startApiNode();
    try {
      const [ada, rita] = await Promise.all([signedIn(api, 'ada'), signedIn(api, 'rita')]);
      assert.ok(!(await ada.call('GET', '/api/dashboard')).body.actions.some((item: { kind: string }) => item.kind === 'audit-broken'), 'an intact chain is not an action');
      const db = new BetterSqlite3(path.join(api.dataDir, LOCAL_STORE_FILE));
      try {
        db.exec('DROP TRIGGER audit_log_no_update');
        db.prepare("UPDATE audit_log SET actor = 'someone' WHERE seq = 1").run();
      } finally {
        db.close();
      }
      const broken = (await ada.call('GET', '/api/dashboard')).body.actions[0];
      assert.deepEqual([broken.kind, broken.severity, broken.href], ['audit-broken', 'high', '/audit']);
      assert.match(broken.detail, /^entry 1: /);
      assert.ok(!(await rita.call('GET', '/api/dashboard')).body.actions.some((item: { kind: string }) => item.kind === 'audit-broken'), 'readers do not read the audit log');
    } finally {
      await api.close();
    }
  });
});
