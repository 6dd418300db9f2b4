import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCollectionUrl } from '../src/cli/commands/taxii.ts';
import { startServer, type RunningServer } from '../src/server/main.ts';
import { canonicalize } from '../src/stix/canonical-json.ts';
import { accord, temporaryDirectory } from './support/cli.ts';
import { sharedPath } from './support/shared.ts';

interface Bundle {
  objects: Record<string, unknown>[];
}

describe('accord taxii discover / push / get against a running node', () => {
  const tmp = temporaryDirectory();
  const node = path.join(tmp.dir, 'node');
  let server: RunningServer;
  let collectionUrl: string;

  before(async () => {
    const init = JSON.parse((await accord('--data', node, 'init', '--json')).stdout) as { apiRoot: string; collection: { id: string } };
    const { secret } = JSON.parse((await accord('--data', node, 'user', 'add', 'ops', '--role', 'admin', '--json')).stdout) as { secret: string };
    process.env.ACCORD_TAXII_SECRET = secret;
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir: node, logLevel: 'silent' });
    collectionUrl = `${server.url}${init.apiRoot}collections/${init.collection.id}/`;
  });
  after(async () => {
    await server?.close();
    delete process.env.ACCORD_TAXII_SECRET;
    tmp.cleanup();
  });

  it('splits a collection URL into server, API root and collection', () => {
    assert.deepEqual(parseCollectionUrl('https://taxii.example.org/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/'), {
      server: new URL('https://taxii.example.org'), apiRoot: '/api1/', collection: '91a7b528-80eb-42ed-a74d-c6fbd5a26116',
    });
    assert.throws(() => parseCollectionUrl('https://taxii.example.org/api1/'), /not a collection URL/);
    assert.throws(() => parseCollectionUrl('not a url'), /is not a URL/);
  });

  it('discovers the API roots and collections', async () => {
    const run = await accord('taxii', 'discover', server.url, '--user', 'ops');
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { discovery: { api_roots: string[] }; api_roots: { collections: { title: string }[] }[] };
    assert.equal(result.discovery.api_roots.length, 1);
    assert.equal(result.api_roots[0]!.collections[0]!.title, 'Default');
  });

  it('pushes a bundle in envelopes, then reads the same objects back through every page', async () => {
    const file = sharedPath('conformance', 'stix2.1-examples', 'cti-stix2-json-schemas', 'threat-reports', 'poisonivy.json');
    const pushed = await accord('taxii', 'push', collectionUrl, file, '--user', 'ops', '--batch-size', '40', '--json');
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
    const original = JSON.parse(readFileSync(file, 'utf8')) as Bundle;
    assert.deepEqual(JSON.parse(pushed.stdout), { sent: original.objects.length, succeeded: original.objects.length, failed: 0, failures: [] });

    const out = path.join(tmp.dir, 'read-back.json');
    const got = await accord('taxii', 'get', collectionUrl, '--user', 'ops', '--page-size', '25', '--out', out);
    assert.equal(got.code, 0, got.stderr);
    const readBack = JSON.parse(readFileSync(out, 'utf8')) as Bundle;
    const canonical = (bundle: Bundle) => bundle.objects.map((object) => canonicalize(object)).sort();
    assert.deepEqual(canonical(readBack), canonical(original));
  });

  it('reports objects the server refuses, with exit code 1', async () => {
    const file = path.join(tmp.dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ type: 'bundle', id: 'bundle--1b9a5e4d-5c43-4a1e-9f55-7a1e0a7b0c11', objects: [{ type: 'note', id: 'note--not-a-uuid', spec_version: '2.1' }] }));
    const run = await accord('taxii', 'push', collectionUrl, file, '--user', 'ops');
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /refused 1\b[\s\S]*note--not-a-uuid/);
  });

  it('refuses --user without the secret in the environment', async () => {
    const saved = process.env.ACCORD_TAXII_SECRET;
    delete process.env.ACCORD_TAXII_SECRET;
    try {
      const run = await accord('taxii', 'discover', server.url, '--user', 'ops');
      assert.equal(run.code, 64);
      assert.match(run.stderr, /ACCORD_TAXII_SECRET/);
    } finally {
      process.env.ACCORD_TAXII_SECRET = saved;
    }
  });
});
