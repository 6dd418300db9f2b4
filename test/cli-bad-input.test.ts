import assert from 'node:assert/strict';
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { uuidV5 } from '../src/stix/identifier.ts';
import { accord, temporaryDirectory } from './support/cli.ts';

/**
 * Bad input through `accord import`: each case gets a clear message, the
 * documented exit code, and leaves the store with exactly the good objects.
 */
const NAMESPACE = '3b8c4f52-2f0e-4a55-8f7e-1f6a5d0c9e21';
const IDENTITY = 'identity--8e2e2d2b-17d4-4cbd-938b-5b6c0b2b3a51';

function note(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'note', spec_version: '2.1', id: `note--${uuidV5(NAMESPACE, String(n))}`,
    created: '2024-03-01T10:00:00.000Z', modified: '2024-03-01T10:00:00.000Z',
    content: `Observation number ${n}`, object_refs: [IDENTITY], ...extra,
  };
}

const bundle = (objects: unknown[]) => JSON.stringify({ type: 'bundle', id: 'bundle--c0ffee00-1d3a-4c6b-9a55-0d7e2f3b4a10', objects }, null, 1);

interface ImportJson {
  total: { read: number; stored: number; duplicates: number; rejected: number; failedFiles: number };
  files: { failure?: { code: string; message: string }; rejections: { index: number; id?: string; path?: string; reason: string; message: string; offset: number }[]; rejectedByReason: Record<string, number> }[];
}

describe('accord import, bad input', () => {
  const { dir, cleanup } = temporaryDirectory();
  after(cleanup);
  let nodes = 0;

  async function importInto(name: string, content: string | Buffer): Promise<{ code: number; json: ImportJson; storedObjects: number; data: string }> {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    const data = path.join(dir, `node-${nodes++}`);
    const run = await accord('--data', data, 'import', file, '--json');
    const json = JSON.parse(run.stdout) as ImportJson;
    const stats = JSON.parse((await accord('--data', data, 'stats', '--json')).stdout) as { objects: number };
    return { code: run.code, json, storedObjects: stats.objects, data };
  }

  it('malformed JSON in one object: its byte offset is reported and the others land', async () => {
    const good = [note(1), note(2)].map((object) => JSON.stringify(object));
    const text = `{"type":"bundle","id":"bundle--c0ffee00-1d3a-4c6b-9a55-0d7e2f3b4a10","objects":[${good[0]},{"type":"note",,"id":"x"},${good[1]}]}`;
    const { code, json, storedObjects } = await importInto('malformed.json', text);
    assert.equal(code, 1);
    assert.equal(storedObjects, 2);
    const [rejection] = json.files[0]!.rejections;
    assert.equal(rejection!.reason, 'INPUT_MALFORMED_JSON');
    assert.match(rejection!.message, new RegExp(`at byte ${text.indexOf(',,') + 1}\\b`));
  });

  it('a broken document structure stops the file with exit 2 and keeps the objects before it', async () => {
    const text = `${bundle([note(1), note(2)]).slice(0, -3)}}`; // the objects array is never closed
    const { code, json, storedObjects } = await importInto('unclosed.json', text);
    assert.equal(code, 2);
    assert.equal(json.files[0]!.failure!.code, 'INPUT_MALFORMED_JSON');
    assert.match(json.files[0]!.failure!.message, /byte \d+ \(line \d+, column \d+\)/);
    assert.equal(storedObjects, 2);
  });

  it('one invalid object among thousands: the rest land, the bad one is reported with id, path and reason', async () => {
    const objects = Array.from({ length: 3000 }, (_, n) => note(n));
    const bad: Record<string, unknown> = { ...note(1500), created: 'yesterday' };
    objects[1500] = bad;
    const { code, json, storedObjects } = await importInto('one-bad.json', bundle(objects));
    assert.equal(code, 1);
    assert.equal(storedObjects, 2999);
    assert.equal(json.total.rejected, 1);
    const [rejection] = json.files[0]!.rejections;
    assert.equal(rejection!.index, 1500);
    assert.equal(rejection!.id, bad.id);
    assert.equal(rejection!.path, '$.created');
    assert.ok(rejection!.reason.length > 0 && rejection!.message.length > 0);
  });

  const invalidObjects: [name: string, object: Record<string, unknown>, path: string][] = [
    ['a missing spec_version', (({ spec_version: _, ...rest }) => rest)(note(1)), '$.spec_version'],
    ['a STIX 2.0 spec_version', note(1, { spec_version: '2.0' }), '$.spec_version'],
    ['a created_by_ref to a type that is not an identity', note(1, { created_by_ref: 'malware--8e2e2d2b-17d4-4cbd-938b-5b6c0b2b3a51' }), '$.created_by_ref'],
    ['a reference that is not a STIX id', note(1, { object_refs: ['not-an-id'] }), '$.object_refs[0]'],
  ];
  for (const [name, object, expectedPath] of invalidObjects) {
    it(`rejects ${name} at ${expectedPath}`, async () => {
      const { code, json, storedObjects } = await importInto(`invalid-${expectedPath.replace(/\W/g, '')}.json`, bundle([object, note(2)]));
      assert.equal(code, 1);
      assert.equal(storedObjects, 1);
      assert.ok(json.files[0]!.rejections[0]!.path?.startsWith(expectedPath), JSON.stringify(json.files[0]!.rejections[0]));
    });
  }

  it('the same id and modified twice with different content: the first is kept, the second rejected as a conflict', async () => {
    const first = note(7);
    const second = { ...note(7), content: 'something else' };
    const { code, json, storedObjects, data } = await importInto('conflict.json', bundle([first, second]));
    assert.equal(code, 1);
    assert.equal(storedObjects, 1);
    assert.equal(json.files[0]!.rejections[0]!.reason, 'STORE_CONFLICT');
    const exported = JSON.parse((await accord('--data', data, 'export')).stdout) as { objects: { content: string }[] };
    assert.equal(exported.objects[0]!.content, first.content);
  });

  it('a truncated gzip file: exit 2, a clear message, nothing half-written', async () => {
    const objects = Array.from({ length: 4000 }, (_, n) => note(n));
    const whole = gzipSync(bundle(objects));
    const { code, json, storedObjects } = await importInto('truncated.json.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    assert.equal(code, 2);
    assert.equal(json.files[0]!.failure!.code, 'INPUT_BAD_COMPRESSION');
    // Only whole objects before the break are stored: fewer than all, and each one valid.
    assert.ok(storedObjects > 0 && storedObjects < 4000, `stored ${storedObjects}`);
    assert.equal(json.total.stored, storedObjects);
  });

  it('an empty file: exit 2 and "empty"', async () => {
    const { code, json, storedObjects } = await importInto('empty.json', '');
    assert.equal(code, 2);
    assert.match(json.files[0]!.failure!.message, /empty/);
    assert.equal(storedObjects, 0);
  });

  it('a 100 MB single string inside an object: that object is refused, the others land, memory stays bounded', async () => {
    const file = path.join(dir, 'huge-string.json');
    const out = createWriteStream(file);
    out.write(`{"type":"bundle","id":"bundle--c0ffee00-1d3a-4c6b-9a55-0d7e2f3b4a10","objects":[${JSON.stringify(note(1))},`);
    out.write(JSON.stringify(note(2)).replace(/"content":"[^"]*"/, '"content":"'));
    const block = 'a'.repeat(1 << 20);
    for (let i = 0; i < 100; i++) if (!out.write(block)) await once(out, 'drain');
    out.write(`"},${JSON.stringify(note(3))}]}`);
    out.end();
    await finished(out);
    const data = path.join(dir, 'node-huge');
    const before = process.memoryUsage().rss;
    const run = await accord('--data', data, 'import', file, '--json', '--max-object-mb', '16');
    const grew = process.memoryUsage().rss - before;
    const json = JSON.parse(run.stdout) as ImportJson;
    assert.equal(run.code, 1);
    assert.equal(json.total.stored, 2);
    assert.equal(json.files[0]!.rejections[0]!.reason, 'INPUT_TOO_LARGE');
    assert.ok(grew < 96 << 20, `RSS grew by ${grew >> 20} MiB`);
  });

  it('a file that is a 100 MB string and no bundle: exit 2 at once', async () => {
    const { code, json, storedObjects } = await importInto('only-string.json', `"${'b'.repeat(100 << 20)}"`);
    assert.equal(code, 2);
    assert.equal(json.files[0]!.failure!.code, 'INPUT_NOT_A_BUNDLE');
    assert.equal(storedObjects, 0);
  });

  it('a missing file: exit 2 with the file named', async () => {
    const run = await accord('--data', path.join(dir, 'node-missing'), 'import', path.join(dir, 'nope.json'));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nope\.json/);
  });

  it('a usage error: exit 64 with help', async () => {
    const run = await accord('import');
    assert.equal(run.code, 64);
    assert.match(run.stderr, /missing required argument/);
  });
});
