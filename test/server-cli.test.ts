import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { processContext, type CliContext } from '../src/cli/context.ts';
import { runCli } from '../src/cli/main.ts';
import { TaxiiClient, TaxiiError } from '../src/taxii/index.ts';
import { accord, temporaryDirectory } from './support/cli.ts';

describe('accord init, user, key, collection, serve', () => {
  const tmp = temporaryDirectory();
  after(() => tmp.cleanup());
  const data = ['--data', tmp.dir];

  it('initialises a node idempotently', async () => {
    const first = await accord(...data, 'init', '--title', 'CERT Example', '--json');
    assert.equal(first.code, 0, first.stderr);
    const created = JSON.parse(first.stdout) as { apiRoot: string; collection: { id: string }; created: boolean; identity: string; accounts: number };
    const { object: identity } = JSON.parse((await accord(...data, 'show', created.identity, '--json')).stdout) as { object: { name: string; identity_class: string } };
    assert.deepEqual([identity.name, identity.identity_class], ['CERT Example', 'organization'], 'the node identity is named after --title');
    assert.equal(created.created, true);
    assert.equal(created.apiRoot, '/taxii2/accord/');
    const second = JSON.parse((await accord(...data, 'init', '--json')).stdout) as typeof created;
    assert.equal(second.created, false);
    assert.equal(second.collection.id, created.collection.id);
    assert.equal(second.identity, created.identity);
    assert.equal((second as typeof second & { defaultMarking: string }).defaultMarking, 'amber', 'TLP:AMBER out of the box');
    const green = JSON.parse((await accord(...data, 'init', '--default-marking', 'green', '--json')).stdout) as { defaultMarking: string };
    assert.equal(green.defaultMarking, 'green');
    assert.equal((await accord(...data, 'init', '--default-marking', 'purple')).code, 64);
    const audit = JSON.parse((await accord(...data, 'audit', 'list', '--action', 'settings.update', '--json')).stdout) as { target: string; details: { defaultMarking: string } }[];
    assert.deepEqual(audit.map((entry) => [entry.target, entry.details.defaultMarking]), [['defaultMarking', 'green']]);
  });

  it('adds users (secret shown once), refuses duplicates and unknown roles', async () => {
    const added = await accord(...data, 'user', 'add', 'alice', '--role', 'admin', '--json');
    assert.equal(added.code, 0, added.stderr);
    const body = JSON.parse(added.stdout) as { name: string; role: string; secret: string };
    assert.deepEqual(Object.keys(body), ['name', 'role', 'secret']);
    assert.equal(body.role, 'admin');
    assert.equal((await accord(...data, 'user', 'add', 'alice', '--role', 'reader')).code, 64);
    assert.equal((await accord(...data, 'user', 'add', 'bob', '--role', 'emperor')).code, 64);
    assert.equal((await accord(...data, 'user', 'add', 'bo:b', '--role', 'reader')).code, 64);
    const list = await accord(...data, 'user', 'list', '--json');
    assert.doesNotMatch(list.stdout, /scrypt/);
  });

  it('creates, lists and revokes keys and collections', async () => {
    assert.equal((await accord(...data, 'user', 'add', 'siem', '--role', 'partner', '--kind', 'system')).code, 0);
    const key = JSON.parse((await accord(...data, 'key', 'create', '--user', 'siem', '--label', 'SIEM', '--json')).stdout) as { keyId: string; key: string };
    assert.match(key.key, new RegExp(`^accord_${key.keyId}_`));
    assert.equal((await accord(...data, 'key', 'create', '--user', 'nobody')).code, 64);
    assert.equal((await accord(...data, 'key', 'revoke', key.keyId)).code, 0);
    assert.equal((await accord(...data, 'key', 'revoke', 'missing-key')).code, 3);
    const made = await accord(...data, 'collection', 'create', '--title', 'Partners', '--read', 'partner', '--read', 'analyst', '--write', 'analyst', '--json');
    assert.equal(made.code, 0, made.stderr);
    assert.equal((await accord(...data, 'collection', 'create', '--title', 'X', '--read', 'nobody')).code, 64);
    const list = JSON.parse((await accord(...data, 'collection', 'list', '--json')).stdout) as { title: string; readRoles: string[] }[];
    assert.deepEqual(list.map((c) => [c.title, c.readRoles]), [['Default', []], ['Partners', ['partner', 'analyst']]]);
  });

  it('serves: a TAXII client logs in with HTTP Basic as NAME and the printed secret; SIGTERM stops it', async () => {
    const secret = (JSON.parse((await accord(...data, 'user', 'add', 'carol', '--role', 'admin', '--json')).stdout) as { secret: string }).secret;
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    const context: CliContext = { ...processContext(), stdout: new PassThrough(), stderr };
    const running = runCli([...data, 'serve', '--host', '127.0.0.1', '--port', '0', '--log-level', 'silent'], context);
    let url: string | undefined;
    for (let i = 0; i < 200 && url === undefined; i++) {
      url = /serving TAXII 2\.1 at (http:\/\/[^/\s]+)/.exec(text)?.[1];
      if (url === undefined) await sleep(25);
    }
    assert.ok(url, text);
    const client = new TaxiiClient({ url, retries: 0, credentials: { scheme: 'basic', username: 'carol', password: secret } });
    const discovery = await client.discovery();
    assert.deepEqual(discovery.api_roots, ['/taxii2/accord/']);
    const collections = (await client.collections('/taxii2/accord/')).collections ?? [];
    assert.deepEqual(collections.map((c) => c.title), ['Default', 'Partners']);
    await assert.rejects(
      new TaxiiClient({ url, retries: 0, credentials: { scheme: 'basic', username: 'carol', password: 'wrong' } }).discovery(),
      (error: unknown) => error instanceof TaxiiError && error.httpStatus === 401,
    );
    process.kill(process.pid, 'SIGTERM');
    assert.equal(await running, 0);
  });
});
