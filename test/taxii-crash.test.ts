import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { canonicalize } from '../src/stix/canonical-json.ts';
import { TaxiiClient, TAXII_MEDIA_TYPE, type Status } from '../src/taxii/index.ts';
import { accord, temporaryDirectory } from './support/cli.ts';
import { spawnServe } from './support/serve-process.ts';

/**
 * The durability promise of Add Objects: a real `accord serve` process is
 * killed (SIGKILL, no shutdown) right after acknowledging, or in the middle
 * of writing; after a restart nothing acknowledged is missing and nothing
 * half-written is visible.
 */
const ROOT = '/taxii2/accord/';
const BATCH = 1000; // objects per transaction in Add Objects

function notes(count: number) {
  return Array.from({ length: count }, (_, n) => {
    const id = `note--${randomUUID()}`;
    return { type: 'note', spec_version: '2.1', id, created: '2024-05-01T00:00:00.000Z', modified: '2024-05-01T00:00:00.000Z', content: `crash test ${n}`, object_refs: [id.replace('note', 'identity')] };
  });
}

describe('Add Objects survives a crash', () => {
  const tmp = temporaryDirectory('accord-crash-');
  const data = path.join(tmp.dir, 'node');
  let secret = '';
  let collection = '';
  const clientFor = (url: string) => new TaxiiClient({ url, retries: 0, credentials: { scheme: 'basic', username: 'ops', password: secret } });

  before(async () => {
    collection = (JSON.parse((await accord('--data', data, 'init', '--json')).stdout) as { collection: { id: string } }).collection.id;
    secret = (JSON.parse((await accord('--data', data, 'user', 'add', 'ops', '--role', 'admin', '--json')).stdout) as { secret: string }).secret;
  });
  after(() => tmp.cleanup());

  it('keeps every acknowledged object and its status across a SIGKILL right after the 202', async () => {
    const objects = notes(2500);
    const first = await spawnServe(data);
    let status: Status;
    try {
      status = await clientFor(first.url).addObjects(ROOT, collection, { objects });
      assert.equal(status.status, 'complete');
      first.child.kill('SIGKILL');
      await first.exited;
    } finally {
      first.stop();
    }
    const second = await spawnServe(data);
    try {
      const client = clientFor(second.url);
      const again = await client.status(ROOT, status.id);
      assert.equal(again.success_count, objects.length);
      const stored = new Map<string, string>();
      for await (const object of client.objects(ROOT, collection, { types: ['note'], limit: 1000 })) stored.set(object.id, canonicalize(object));
      assert.equal(stored.size, objects.length);
      for (const object of objects) assert.equal(stored.get(object.id), canonicalize(object));
    } finally {
      second.stop();
    }
  });

  it('shows only whole batches, each object whole, after a SIGKILL in the middle of writing', async (t) => {
    const objects = notes(6 * BATCH);
    const server = await spawnServe(data);
    try {
      const body = JSON.stringify({ objects });
      const posting = fetch(`${server.url}${ROOT}collections/${collection}/objects/`, {
        method: 'POST', body,
        headers: { 'content-type': TAXII_MEDIA_TYPE, accept: TAXII_MEDIA_TYPE, authorization: `Basic ${Buffer.from(`ops:${secret}`).toString('base64')}` },
      }).then((response) => response.status, () => 'no answer');
      // Kill it while it works on the request (or just before or after: every timing must hold).
      await new Promise((resolve) => setTimeout(resolve, 150));
      server.child.kill('SIGKILL');
      await server.exited;
      await posting;
    } finally {
      server.stop();
    }
    const restarted = await spawnServe(data);
    try {
      const sent = new Map(objects.map((object) => [object.id, canonicalize(object)]));
      let found = 0;
      for await (const object of clientFor(restarted.url).objects(ROOT, collection, { types: ['note'], limit: 1000 })) {
        if (!sent.has(object.id)) continue; // from the first test
        assert.equal(canonicalize(object), sent.get(object.id), 'an object is whole');
        found++;
      }
      t.diagnostic(`${found} of ${objects.length} objects were written before the kill`);
      assert.equal(found % BATCH, 0, `found ${found} objects: only whole batches may be visible`);
    } finally {
      restarted.stop();
    }
  });
});
