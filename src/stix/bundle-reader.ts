import { pipeline, Readable } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { AppError, ErrorCode } from '../common/errors.ts';
import { JsonSplitter, type SplitPosition, type SplitValue } from './json-splitter.ts';

/**
 * Reads a STIX bundle as a stream: `{"type":"bundle","id":…,"objects":[…]}`
 * (STIX 2.1 §8), a bare JSON array of objects, or one bare object, plain or
 * gzip-compressed (detected from the magic bytes, not the file name). Memory
 * stays bounded by the largest single object, whatever the size of the input.
 *
 * Entries come in batches (one per input chunk) so that callers pay one async
 * step per chunk, not per object.
 */
export type BundleEntry = BundleObjectEntry | BundleMalformedEntry;

interface EntryPosition extends SplitPosition {
  /** Position of the element in the bundle's `objects` array. */
  index: number;
}

export interface BundleObjectEntry extends EntryPosition {
  kind: 'object';
  /** The parsed JSON value; the caller validates it (it may not even be an object). */
  value: unknown;
}

/** An element of `objects` that is not valid JSON, or too large. The elements around it are still read. */
export interface BundleMalformedEntry extends EntryPosition {
  kind: 'malformed';
  code: ErrorCode;
  message: string;
}

export interface BundleReaderOptions {
  /** Largest single object accepted, in bytes (default 64 MiB). Larger ones are skipped and reported. */
  maxObjectBytes?: number;
}

export const DEFAULT_MAX_OBJECT_BYTES = 64 * 1024 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];

export async function* readBundle(
  source: AsyncIterable<Uint8Array>,
  options: BundleReaderOptions = {},
): AsyncGenerator<BundleEntry[]> {
  const maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  const splitter = new JsonSplitter({ maxElementBytes: maxObjectBytes });
  let index = 0;
  let envelopeChecked = false;
  const toEntry = (value: SplitValue): BundleEntry => {
    const { offset, line, column } = value;
    const position = { index: index++, offset, line, column };
    if (value.kind === 'oversize') {
      return {
        kind: 'malformed', ...position, code: ErrorCode.INPUT_TOO_LARGE,
        message: `the object at byte ${offset} (line ${line}) is ${value.bytes} bytes or more, over the limit of ${maxObjectBytes} bytes`,
      };
    }
    try {
      return { kind: 'object', ...position, value: JSON.parse(value.text) };
    } catch (error) {
      return { kind: 'malformed', ...position, code: ErrorCode.INPUT_MALFORMED_JSON, message: describeParseError(error, value) };
    }
  };
  const entries = (values: SplitValue[]): BundleEntry[] => {
    if (!envelopeChecked) {
      // Most bundles name their type before "objects": refuse a wrong envelope before any object is used.
      checkBundleProperties(splitter.propertiesSoFar());
      envelopeChecked = true;
    }
    return values.map(toEntry);
  };

  for await (const chunk of decompressed(source)) {
    const values = splitter.push(chunk);
    if (values.length > 0) yield entries(values);
  }
  splitter.end();

  const { kind, properties } = splitter.envelope();
  if (kind === 'array') return;
  if (kind === 'object-with-array' || properties.type === 'bundle') {
    if (properties.type !== 'bundle') {
      throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE,
        `the JSON object holding "objects" has type ${JSON.stringify(properties.type)}, expected "bundle" (STIX 2.1 §8)`);
    }
    checkBundleProperties(properties);
    return;
  }
  if (typeof properties.type !== 'string') {
    throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE, 'the JSON object has no "type": expected a STIX bundle or a STIX object');
  }
  yield [{ kind: 'object', index, offset: 0, line: 1, column: 1, value: properties }];
}

/** The envelope rules that can be checked from the properties seen so far. */
function checkBundleProperties(properties: Readonly<Record<string, unknown>>): void {
  const { type, spec_version: specVersion, objects } = properties;
  if (type !== undefined && type !== 'bundle') {
    throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE,
      `the JSON object holding "objects" has type ${JSON.stringify(type)}, expected "bundle" (STIX 2.1 §8)`);
  }
  if (specVersion !== undefined) {
    // STIX 2.0 bundles carried spec_version; 2.1 removed it from the bundle (§8).
    throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE,
      `the bundle has "spec_version": ${JSON.stringify(specVersion)}, so it is a STIX 2.0 bundle; Accord reads STIX 2.1 (a 2.1 bundle has no spec_version)`);
  }
  if (objects !== undefined) {
    throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE, 'the bundle\'s "objects" is not an array (STIX 2.1 §8)');
  }
}

/** Turns V8's JSON.parse message into one that names the byte, line and column in the whole input. */
function describeParseError(error: unknown, value: { text: string } & SplitPosition): string {
  const message = error instanceof Error ? error.message : String(error);
  const positioned = /^(.*) in JSON at position (\d+)/.exec(message);
  if (!positioned) {
    // V8 gives no position for some errors ("Unexpected token 'x', "…" is not valid JSON").
    const reason = message.split(', "')[0] ?? message;
    return `malformed JSON in the object starting at byte ${value.offset} (line ${value.line}, column ${value.column}): ${reason}`;
  }
  const before = value.text.slice(0, Number(positioned[2]));
  const lines = before.split('\n');
  const lastLine = lines.at(-1)!;
  const line = value.line + lines.length - 1;
  const column = (lines.length === 1 ? value.column : 1) + Buffer.byteLength(lastLine);
  return `malformed JSON at byte ${value.offset + Buffer.byteLength(before)} (line ${line}, column ${column}): ${positioned[1]}`;
}

/** The source's bytes, gunzipped when they start with the gzip magic number (RFC 1952 §2.3.1). */
async function* decompressed(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.from(first.value);
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator };
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    yield head;
    for await (const chunk of rest) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return;
  }
  let compressedBytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    compressedBytes += head.length;
    yield head;
    for await (const chunk of rest) {
      compressedBytes += chunk.byteLength;
      yield chunk;
    }
  }
  // pipeline() passes a failure of either side to the output stream, so the loop below sees it.
  const output = pipeline(Readable.from(counted()), createGunzip({ chunkSize: 256 * 1024, highWaterMark: 8 * 1024 * 1024 } as ZlibOptions), () => {});
  try {
    for await (const chunk of output) yield chunk as Buffer;
  } catch (error) {
    // zlib's own failures carry Z_* codes; anything else (a read error) passes through as it is.
    if (!String((error as NodeJS.ErrnoException).code ?? '').startsWith('Z_')) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(ErrorCode.INPUT_BAD_COMPRESSION,
      `the gzip data is corrupt or truncated (${reason}) after ${compressedBytes} compressed bytes; the rest could not be read`,
      { compressedBytes }, { cause: error });
  }
}
