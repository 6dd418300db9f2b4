import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isAppError } from '../common/errors.ts';
import { sharedPath } from '../../test/support/shared.ts';
import { readBundle, type BundleEntry } from './bundle-reader.ts';

const BUNDLE_ID = 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d';

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

async function readAll(source: AsyncIterable<Uint8Array>, options = {}): Promise<BundleEntry[]> {
  const entries: BundleEntry[] = [];
  for await (const batch of readBundle(source, options)) entries.push(...batch);
  return entries;
}

async function failure(source: AsyncIterable<Uint8Array>): Promise<{ code: string; message: string }> {
  try {
    await readAll(source);
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  assert.fail('expected the reader to fail');
}

/** A gzip stream cut in the middle: random content so that it does not compress to a few bytes. */
function truncatedGzip(): Buffer {
  const objects = Array.from({ length: 2000 }, () => JSON.stringify({ type: 'note', id: `note--${randomUUID()}` }));
  const whole = gzipSync(`{"type":"bundle","id":"${BUNDLE_ID}","objects":[${objects.join(',')}]}`);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

const text = (value: string) => chunksOf(Buffer.from(value), 1 << 16);

function exampleFiles(): string[] {
  const root = sharedPath('conformance', 'stix2.1-examples');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json') && !name.endsWith('expectations.json') && !name.endsWith('index.json'))
    .map((name) => path.join(root, name))
    .filter((file) => statSync(file).isFile());
}

describe('bundle reader', () => {
  it('yields exactly what JSON.parse sees, whatever the chunk size (every OASIS example)', async () => {
    let compared = 0;
    for (const file of exampleFiles()) {
      const bytes = readFileSync(file);
      let expected: unknown[];
      try {
        const parsed = JSON.parse(bytes.toString('utf8'));
        expected = Array.isArray(parsed) ? parsed : parsed.type === 'bundle' ? parsed.objects ?? [] : [parsed];
      } catch {
        continue; // the deliberately non-JSON examples are covered below
      }
      for (const size of [1, 7, 64, 4096, bytes.length]) {
        const entries = await readAll(chunksOf(bytes, size));
        assert.deepEqual(entries.map((entry) => (entry.kind === 'object' ? entry.value : entry)), expected, `${file} in chunks of ${size}`);
      }
      compared++;
    }
    assert.ok(compared >= 20, `compared ${compared} files`);
  });

  it('reads gzip input, detected from its magic bytes', async () => {
    const bundle = { type: 'bundle', id: BUNDLE_ID, objects: [{ type: 'ipv4-addr', id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.3' }] };
    const entries = await readAll(chunksOf(gzipSync(JSON.stringify(bundle)), 5));
    assert.deepEqual(entries.map((entry) => entry.kind === 'object' && entry.value), bundle.objects);
  });

  it('gives each object its index, byte offset, line and column', async () => {
    const input = `{\n  "type": "bundle",\n  "id": "${BUNDLE_ID}",\n  "objects": [\n    {"a": "}]\\""},\n    {"b": 2}\n  ]\n}\n`;
    const entries = await readAll(text(input));
    assert.deepEqual(entries.map(({ index, offset, line, column }) => ({ index, offset, line, column })), [
      { index: 0, offset: input.indexOf('{"a"'), line: 5, column: 5 },
      { index: 1, offset: input.indexOf('{"b"'), line: 6, column: 5 },
    ]);
  });

  it('reads a bare array of objects and a single bare object', async () => {
    assert.deepEqual((await readAll(text('[{"type":"x"},{"type":"y"}]'))).map((entry) => entry.kind === 'object' && entry.value), [{ type: 'x' }, { type: 'y' }]);
    assert.deepEqual((await readAll(text('{"type":"note","id":"n"}'))).map((entry) => entry.kind === 'object' && entry.value), [{ type: 'note', id: 'n' }]);
  });

  it('treats a bundle without "objects" as empty', async () => {
    assert.deepEqual(await readAll(text(`{"type":"bundle","id":"${BUNDLE_ID}"}`)), []);
  });
});

describe('bundle reader, bad input', () => {
  it('reports a malformed object with its byte offset and keeps reading the ones after it', async () => {
    const input = `{"type":"bundle","id":"${BUNDLE_ID}","objects":[{"a":1},{"b":2,},{"c":3}]}`;
    const entries = await readAll(text(input));
    assert.equal(entries.length, 3);
    assert.deepEqual(entries[0], { kind: 'object', index: 0, offset: input.indexOf('{"a"'), line: 1, column: input.indexOf('{"a"') + 1, value: { a: 1 } });
    const bad = entries[1]!;
    assert.equal(bad.kind, 'malformed');
    assert.equal(bad.kind === 'malformed' && bad.code, 'INPUT_MALFORMED_JSON');
    const trailingComma = input.indexOf(',}') + 1;
    assert.match(bad.kind === 'malformed' ? bad.message : '', new RegExp(`at byte ${trailingComma} \\(line 1, column ${trailingComma + 1}\\)`));
    assert.deepEqual(entries[2]!.kind === 'object' && entries[2]!.value, { c: 3 });
  });

  it('yields the objects completed before a structural break, then fails', async () => {
    const entries: BundleEntry[] = [];
    await assert.rejects(async () => {
      for await (const batch of readBundle(text(`[{"a":1},{"b":2}}`))) entries.push(...batch);
    }, /expected ',' or '\]' after an object, found '}'/);
    assert.equal(entries.length, 2);
  });

  const fatal: [name: string, input: string | Buffer, code: string, message: RegExp][] = [
    ['an empty file', '', 'INPUT_NOT_A_BUNDLE', /empty/],
    ['only whitespace', '  \n ', 'INPUT_NOT_A_BUNDLE', /empty/],
    ['a top-level string', '"just text"', 'INPUT_NOT_A_BUNDLE', /at byte 0 .*found a string/],
    ['a top-level number', '42', 'INPUT_NOT_A_BUNDLE', /found a number/],
    ['a bracket that does not match', `{"type":"bundle","id":"${BUNDLE_ID}","objects":[{"a":[1}]}`, 'INPUT_MALFORMED_JSON',
      new RegExp(`byte ${`{"type":"bundle","id":"${BUNDLE_ID}","objects":[{"a":[1`.length} .*does not close the array`)],
    ['a bundle cut short', `{"type":"bundle","id":"${BUNDLE_ID}","objects":[{"a":1},{"b"`, 'INPUT_MALFORMED_JSON', /ends before the JSON document is complete \(after 1 objects\)/],
    ['a trailing comma in the objects array', `{"type":"bundle","id":"${BUNDLE_ID}","objects":[{"a":1},]}`, 'INPUT_MALFORMED_JSON', /expected an object, found '\]'/],
    ['garbage after the document', `{"type":"bundle","id":"${BUNDLE_ID}"} x`, 'INPUT_MALFORMED_JSON', /nothing after the end/],
    ['a STIX 2.0 bundle', `{"type":"bundle","id":"${BUNDLE_ID}","spec_version":"2.0","objects":[{"a":1}]}`, 'INPUT_NOT_A_BUNDLE', /STIX 2\.0 bundle/],
    ['a wrong envelope type', `{"type":"report","id":"${BUNDLE_ID}","objects":[{"a":1}]}`, 'INPUT_NOT_A_BUNDLE', /expected "bundle"/],
    ['objects that are not an array', `{"type":"bundle","id":"${BUNDLE_ID}","objects":{"a":1}}`, 'INPUT_NOT_A_BUNDLE', /not an array/],
    ['an object without a type', '{"id":"x"}', 'INPUT_NOT_A_BUNDLE', /no "type"/],
    ['a truncated gzip stream', truncatedGzip(), 'INPUT_BAD_COMPRESSION', /corrupt or truncated/],
  ];
  for (const [name, input, code, message] of fatal) {
    it(`fails clearly on ${name}`, async () => {
      const result = await failure(chunksOf(Buffer.from(input), 3));
      assert.equal(result.code, code, result.message);
      assert.match(result.message, message);
    });
  }

  it('refuses a document that starts with a 100 MB string at once, without reading it', async () => {
    let chunksRead = 0;
    async function* hugeString(): AsyncGenerator<Buffer> {
      const block = Buffer.alloc(1 << 20, 0x61);
      yield Buffer.from('"');
      for (let i = 0; i < 100; i++) {
        chunksRead++;
        yield block;
      }
      yield Buffer.from('"');
    }
    const result = await failure(hugeString());
    assert.equal(result.code, 'INPUT_NOT_A_BUNDLE');
    assert.ok(chunksRead <= 1, `read ${chunksRead} chunks`);
  });

  it('skips a 100 MB string inside an object in bounded memory, and reads the next object', async () => {
    async function* bundleWithHugeString(): AsyncGenerator<Buffer> {
      yield Buffer.from(`{"type":"bundle","id":"${BUNDLE_ID}","objects":[{"type":"note","content":"`);
      const block = Buffer.alloc(1 << 20, 0x61);
      for (let i = 0; i < 100; i++) yield block;
      yield Buffer.from('"},{"type":"note","content":"small"}]}');
    }
    const before = process.memoryUsage().rss;
    let peak = before;
    const entries: BundleEntry[] = [];
    for await (const batch of readBundle(bundleWithHugeString(), { maxObjectBytes: 16 << 20 })) {
      entries.push(...batch);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    assert.equal(entries.length, 2);
    assert.equal(entries[0]!.kind === 'malformed' && entries[0]!.code, 'INPUT_TOO_LARGE');
    assert.deepEqual(entries[1]!.kind === 'object' && entries[1]!.value, { type: 'note', content: 'small' });
    assert.ok(peak - before < 64 << 20, `memory grew by ${(peak - before) >> 20} MiB`);
  });
});
