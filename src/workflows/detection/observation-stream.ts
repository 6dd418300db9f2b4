/**
 * Observations in: JSON Lines read in constant memory (one observation per
 * line, whatever its form), or a list of values (the match API). A line that
 * is not an observation is reported with its line number and reason and
 * skipped; the stream goes on.
 */
import { FLAT_RECORD_FIELDS, fromFlatRecord } from './flat-record.ts';
import { describeValue, entryOf, fromBundle, fromObservedData, invalid, isObj, type Observation, type ObservationEntry, type ParseOptions } from './observations.ts';

/** The longest line read (default 16 MiB); a longer one is skipped without being held in memory. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface StreamOptions extends ParseOptions {
  maxLineBytes?: number;
}

/**
 * The observations of one JSON value: a STIX bundle (each observed-data with
 * the objects it reaches in the bundle), an observed-data (embedded `objects`,
 * or `object_refs` to objects elsewhere), or a flat log record (a `timestamp`
 * and observable fields, no `type`).
 */
export function observationsOf(value: unknown, options: ParseOptions): Observation[] {
  if (!isObj(value)) return invalid('not-an-object', `an observation must be a JSON object, not ${describeValue(value)}`);
  if (value.type === 'bundle') return fromBundle(value);
  if (value.type === 'observed-data') return [fromObservedData(value)];
  if (value.type === undefined) {
    if (!FLAT_RECORD_FIELDS.some((field) => value[field] !== undefined)) {
      invalid('unknown-shape', 'the object has no "type" and none of the flat log record fields (timestamp, src_ip, dst_ip, domain, url, …)');
    }
    return [fromFlatRecord(value, options)];
  }
  return invalid('unknown-shape', `a ${describeValue(value.type)} object is no observation: expected an observed-data, a bundle or a flat log record`);
}

/** Entries for a list of values, positioned by their index (0-based). */
export function* observationsFromValues(values: readonly unknown[], options: ParseOptions): Generator<ObservationEntry> {
  for (let index = 0; index < values.length; index++) yield entryOf(index, () => observationsOf(values[index], options));
}

/** Entries for JSON Lines, positioned by line number (1-based). Blank lines are passed over. */
export async function* readObservationLines(source: AsyncIterable<Uint8Array>, options: StreamOptions): AsyncGenerator<ObservationEntry> {
  for await (const line of splitLines(source, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)) {
    if (line.text === undefined) {
      yield entryOf(line.number, () => invalid('line-too-long', `the line is longer than ${options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES} bytes`));
      continue;
    }
    if (line.text.trim() === '') continue;
    yield entryOf(line.number, () => observationsOf(parseJson(line.text!), options));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return invalid('not-json', `the line is not JSON: ${message.length > 160 ? `${message.slice(0, 157)}...` : message}`);
  }
}

interface Line {
  number: number;
  /** Absent when the line was too long to keep. */
  text?: string;
}

/** Lines of UTF-8 text (`\n` or `\r\n`), each held only up to `maxBytes`. */
async function* splitLines(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let number = 0;
  const end = (): Line => {
    number++;
    let text: string | undefined;
    if (!tooLong) {
      text = Buffer.concat(parts, size).toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (number === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    }
    parts = [];
    size = 0;
    tooLong = false;
    return text === undefined ? { number } : { number, text };
  };
  const keep = (piece: Buffer): void => {
    if (tooLong || piece.length === 0) return;
    size += piece.length;
    if (size > maxBytes) {
      tooLong = true;
      parts = [];
    } else {
      parts.push(piece);
    }
  };
  for await (const chunk of source) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let newline = buffer.indexOf(10, start); newline !== -1; newline = buffer.indexOf(10, start)) {
      keep(buffer.subarray(start, newline));
      yield end();
      start = newline + 1;
    }
    keep(buffer.subarray(start));
  }
  if (size > 0 || tooLong) yield end();
}
