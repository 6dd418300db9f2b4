import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FailureLimiter } from '../src/server/failure-limiter.ts';
import { basic, Client, signedIn, startApiNode, type ApiNode } from './support/api-node.ts';
import { temporaryDirectory } from './support/cli.ts';

describe('web API sessions and CSRF', () => {
  let api: ApiNode;
  before(async () => {
    api = await startApiNode();
  });
  after(async () => api.close());

  it('logs in: SessionInfo, and a random HttpOnly SameSite=Strict cookie whose id is stored only hashed', async () => {
    const client = new Client(api.base);
    const answer = await client.login('ana', api.secrets.ana!);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.account, { name: 'ana', role: 'analyst' });
    assert.match(answer.body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
    const cookie = answer.headers.get('set-cookie')!;
    assert.match(cookie, /^accord_session=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Secure/, 'plain HTTP: no Secure flag');
    const id = client.cookie!.split('=')[1]!;
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(id).digest('hex');
    assert.ok(api.node.local.session(hash, new Date().toISOString()), 'the hash is the key');
    assert.equal(api.node.local.session(id, new Date().toISOString()), undefined, 'the id itself is not stored');

    const session = await client.call('GET', '/api/session');
    assert.equal(session.status, 200);
    assert.equal(session.body.csrfToken, answer.body.csrfToken);
    assert.equal(typeof session.body.node.identityId, 'string');
    assert.equal(session.body.node.identityId, api.identityId);
  });

  it('records the previous visit: absent at the first login, the start of the last session after', async () => {
    const first = await new Client(api.base).login('ada', api.secrets.ada!);
    assert.equal(first.body.previousVisit, undefined);
    const second = await new Client(api.base).login('ada', api.secrets.ada!);
    assert.equal(typeof second.body.previousVisit, 'string');
    assert.ok(Date.parse(second.body.previousVisit!) <= Date.now());
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const client = await signedIn(api, 'rita');
    const stale = client.cookie;
    const out = await client.call('DELETE', '/api/session');
    assert.equal(out.status, 200, out.text);
    assert.match(out.headers.get('set-cookie') ?? '', /accord_session=;/);
    const again = new Client(api.base);
    again.cookie = stale;
    const refused = await again.call('GET', '/api/session');
    assert.equal(refused.status, 401);
    assert.match(refused.body.description, /session has ended/);
    assert.equal(refused.headers.get('www-authenticate'), null, 'no Basic challenge: a browser would pop up its own login box');
  });

  it('refuses a cookie-authenticated state-changing call without the CSRF token (403 AUTH_CSRF), accepts it with the token', async () => {
    const client = await signedIn(api, 'ana');
    const pattern = { pattern: "[ipv4-addr:value = '198.51.100.7']" };
    const missing = await client.call('POST', '/api/pattern/check', pattern, { 'x-csrf-token': '' });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.error_code, 'AUTH_CSRF');
    const wrong = await client.call('POST', '/api/pattern/check', pattern, { 'x-csrf-token': 'x'.repeat(43) });
    assert.equal(wrong.body.error_code, 'AUTH_CSRF');
    const other = await signedIn(api, 'ana');
    const crossed = await client.call('POST', '/api/pattern/check', pattern, { 'x-csrf-token': other.csrf! });
    assert.equal(crossed.body.error_code, 'AUTH_CSRF', "another session's token does not do");
    const ok = await client.call('POST', '/api/pattern/check', pattern);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.ok, true);
    const logout = await client.call('DELETE', '/api/session', undefined, { 'x-csrf-token': '' });
    assert.equal(logout.body.error_code, 'AUTH_CSRF', 'logging out needs the token too');
  });

  it('needs no CSRF token with an Authorization header, and /api/match takes the session too', async () => {
    const tool = new Client(api.base, basic('ana', api.secrets.ana!));
    const checked = await tool.call('POST', '/api/pattern/check', { pattern: '[x' });
    assert.equal(checked.status, 200, checked.text);
    assert.equal(checked.body.ok, false);
    const browser = await signedIn(api, 'ana');
    const observations = [{ timestamp: '2024-05-01T10:00:00Z', domain: 'benign.example' }];
    const matched = await browser.call('POST', '/api/match', { observations, write: false });
    assert.equal(matched.status, 200, matched.text);
    assert.equal(matched.body.summary.observations, 1);
    const noToken = await browser.call('POST', '/api/match', { observations, write: false }, { 'x-csrf-token': '' });
    assert.equal(noToken.body.error_code, 'AUTH_CSRF');
    const anonymous = await new Client(api.base).call('GET', '/api/objects');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error_code, 'AUTH_UNAUTHENTICATED');
  });

  it("refuses partner accounts a session (403) and bad credentials (401), auditing both; audits a login", async () => {
    const partner = await new Client(api.base).login('pat', api.secrets.pat!);
    assert.equal(partner.status, 403);
    assert.match((partner.body as unknown as { description: string }).description, /partner's machine account/);
    const wrong = await new Client(api.base).login('ana', 'not-the-secret');
    assert.equal(wrong.status, 401);
    const unknown = await new Client(api.base).login('nobody', 'x');
    assert.equal(unknown.status, 401);
    const failed = api.node.audit.list({ action: 'session.login-failed' });
    assert.ok(failed.some((entry) => entry.actor === 'pat' && (entry.details as { reason: string }).reason === 'partner account'));
    assert.ok(failed.some((entry) => entry.actor === 'nobody'));
    assert.ok(api.node.audit.list({ action: 'session.login' }).some((entry) => entry.actor === 'ana'));
    const body = await new Client(api.base).call('POST', '/api/session', { name: 'ana' });
    assert.equal(body.status, 400);
    assert.match(body.body.description, /secret/);
  });

  it('ends the sessions of a disabled account at once', async () => {
    const client = await signedIn(api, 'dora');
    assert.equal((await client.call('GET', '/api/dashboard')).status, 200);
    const dora = api.node.local.accountByName('dora')!;
    api.node.local.setAccountDisabled(dora.id, true);
    const refused = await client.call('GET', '/api/dashboard');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error_code, 'AUTH_UNAUTHENTICATED');
    assert.equal((await new Client(api.base).login('dora', api.secrets.dora!)).status, 401);
    api.node.local.setAccountDisabled(dora.id, false);
    assert.equal((await client.call('GET', '/api/dashboard')).status, 401, 'the ended session stays ended');
  });

});

describe('web API login limits and HTTPS cookies', () => {
  it('limits failed logins from one address (429 with Retry-After), even with the right secret after', async () => {
    const api = await startApiNode();
    try {
      const client = new Client(api.base);
      for (let attempt = 0; attempt < 10; attempt++) assert.equal((await client.login(`nobody-${attempt}`, 'x')).status, 401);
      const limited = await client.login('ana', api.secrets.ana!);
      assert.equal(limited.status, 429, limited.text);
      assert.equal((limited.body as unknown as { error_code: string }).error_code, 'AUTH_RATE_LIMITED');
      const retry = Number(limited.headers.get('retry-after'));
      assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
      const failed = api.node.audit.list({ action: 'session.login-failed' });
      assert.equal(failed.length, 10, 'the refused attempt is not audited one by one');
      assert.match(String((failed.at(-1)!.details as { limited?: string }).limited), /^10 failures/);
      assert.equal((failed.at(-2)!.details as { limited?: string }).limited, undefined);
    } finally {
      await api.close();
    }
  });

  it('counts failures per address and per account name, each in its own window', () => {
    let now = 0;
    const limiter = new FailureLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) limiter.fail(['ip:a', `name:n${i}`]);
    assert.equal(limiter.retryAfter(['ip:a', 'name:x']), 60, 'the address is over its limit');
    assert.equal(limiter.retryAfter(['ip:b', 'name:n0']), undefined, 'one failure for n0 is not enough');
    for (let i = 0; i < 3; i++) limiter.fail([`ip:c${i}`, 'name:target']);
    assert.equal(limiter.retryAfter(['ip:d', 'name:target']), 60, 'the name is over its limit from any address');
    now = 30_000;
    assert.equal(limiter.retryAfter(['ip:d', 'name:target']), 30);
    now = 60_000;
    assert.equal(limiter.retryAfter(['ip:a', 'name:target']), undefined, 'the window has passed');
  });

  it('sets Secure on the cookie when the app serves HTTPS', async () => {
    const tmp = temporaryDirectory();
    const certFile = path.join(tmp.dir, 'cert.pem');
    const keyFile = path.join(tmp.dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    const api = await startApiNode(async () => {}, { https: { cert: readFileSync(certFile), key: readFileSync(keyFile) } });
    try {
      const answer = await api.app.inject({ method: 'POST', url: '/api/session', payload: { name: 'ana', secret: api.secrets.ana } });
      assert.equal(answer.statusCode, 200, answer.body);
      assert.match(String(answer.headers['set-cookie']), /; Secure/);
      assert.match(String(answer.headers['strict-transport-security']), /max-age/);
    } finally {
      await api.close();
      tmp.cleanup();
    }
  });
});
