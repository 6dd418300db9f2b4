import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../src/common/errors.ts';
import { startServer, type RunningServer } from '../src/server/main.ts';
import { TaxiiClient, TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { accord, temporaryDirectory } from './support/cli.ts';
import { spawnServe } from './support/serve-process.ts';

const ROOT = '/taxii2/accord/';

type Dispatcher = NonNullable<RequestInit['dispatcher']>;

/** An undici Agent trusting `ca`. Node bundles undici without exporting it; its global dispatcher (set by any fetch) is an Agent. */
async function agentTrusting(ca: string): Promise<Dispatcher> {
  await fetch('data:,warm-up');
  const global = (globalThis as Record<symbol, { constructor: new (options: object) => Dispatcher } | undefined>)[Symbol.for('undici.globalDispatcher.1')];
  assert.ok(global, 'undici global dispatcher');
  return new global.constructor({ connect: { ca } });
}

function identity() {
  const id = `identity--${randomUUID()}`;
  return { type: 'identity', spec_version: '2.1', id, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: `TLS partner ${id.slice(-4)}`, identity_class: 'organization' };
}

describe('TAXII 2.1 over TLS (--tls-cert / --tls-key)', () => {
  const tmp = temporaryDirectory('accord-tls-');
  const data = path.join(tmp.dir, 'node');
  const certFile = path.join(tmp.dir, 'cert.pem');
  const keyFile = path.join(tmp.dir, 'key.pem');
  let cert = '';
  let secret = '';
  let collectionId = '';
  let dispatcher: Dispatcher;

  before(async () => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' });
    cert = readFileSync(certFile, 'utf8');
    dispatcher = await agentTrusting(cert);
    const init = await accord('--data', data, 'init', '--json');
    assert.equal(init.code, 0, init.stderr);
    collectionId = (JSON.parse(init.stdout) as { collection: { id: string } }).collection.id;
    const user = await accord('--data', data, 'user', 'add', 'tls-admin', '--role', 'admin', '--json');
    assert.equal(user.code, 0, user.stderr);
    secret = (JSON.parse(user.stdout) as { secret: string }).secret;
  });
  after(() => tmp.cleanup());

  const clientFor = (url: string, options: { trusted?: boolean } = {}) => new TaxiiClient({
    url, retries: 0, credentials: { scheme: 'basic', username: 'tls-admin', password: secret },
    ...(options.trusted !== false && { dispatcher }),
  });

  describe('startServer', () => {
    let server: RunningServer;
    before(async () => {
      server = await startServer({ host: '127.0.0.1', port: 0, dataDir: data, tlsCert: certFile, tlsKey: keyFile, logLevel: 'silent', handleSignals: false });
    });
    after(() => server.close());

    it('serves https; a client trusting the CA reads discovery and posts an envelope', async () => {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const client = clientFor(server.url);
      const discovery = await client.discovery();
      assert.deepEqual(discovery.api_roots, [ROOT]);
      const object = identity();
      const status = await client.addObjectsAndWait(ROOT, collectionId, { objects: [object] }, { pollIntervalMs: 20, timeoutMs: 5000 });
      assert.equal(status.status, 'complete');
      assert.equal(status.success_count, 1);
      assert.equal(status.failure_count, 0);
      assert.equal(status.pending_count, 0);
      const back = await client.getObject(ROOT, collectionId, object.id);
      assert.deepEqual(back.resource.objects, [object]);
    });

    it('matches the certificate by DNS name too (https://localhost)', async () => {
      const port = new URL(server.url).port;
      const discovery = await clientFor(`https://localhost:${port}`).discovery();
      assert.deepEqual(discovery.api_roots, [ROOT]);
    });

    it('a client that does not trust the certificate is refused at once', async () => {
      await assert.rejects(clientFor(server.url, { trusted: false }).discovery(), (error: unknown) => {
        assert.ok(isAppError(error, 'TAXII_UNREACHABLE'), String(error));
        assert.match(error.message, /certificate is not trusted/);
        return true;
      });
    });

    it('plain http to the TLS port fails', async () => {
      const plain = server.url.replace(/^https:/, 'http:');
      const attempt = fetch(`${plain}/taxii2/`, {
        headers: { accept: TAXII_MEDIA_TYPE, authorization: `Basic ${Buffer.from(`tls-admin:${secret}`).toString('base64')}` },
        signal: AbortSignal.timeout(5000),
      });
      // Either the connection is dropped, or something that is not a TAXII answer comes back: never the discovery resource.
      const outcome = await attempt.then(async (response) => ({ status: response.status, body: await response.text() }), (error: unknown) => error);
      if (outcome instanceof Error) {
        assert.notEqual(outcome.name, 'TimeoutError', 'plain http must fail fast, not hang');
      } else {
        assert.fail(`plain http got an answer: ${JSON.stringify(outcome).slice(0, 200)}`);
      }
      await assert.rejects(clientFor(plain).discovery(), (error: unknown) => isAppError(error, 'TAXII_UNREACHABLE'));
    });
  });

  it('accord serve --tls-cert --tls-key: https URL, a trusting TaxiiClient, SIGTERM stops it', async () => {
    const { url, child, exited, stop } = await spawnServe(data, ['--tls-cert', certFile, '--tls-key', keyFile]);
    try {
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const client = clientFor(url);
      assert.deepEqual((await client.discovery()).api_roots, [ROOT]);
      const object = identity();
      const status = await client.addObjectsAndWait(ROOT, collectionId, { objects: [object] }, { pollIntervalMs: 20, timeoutMs: 5000 });
      assert.equal(status.success_count, 1);
      assert.deepEqual((await client.getObject(ROOT, collectionId, object.id)).resource.objects, [object]);
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      stop();
    }
  });
});
