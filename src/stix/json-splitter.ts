import { AppError, ErrorCode } from '../common/errors.ts';

/**
 * Cuts a JSON document of the shape `{ …, "objects": [ e0, e1, … ], … }` or
 * `[ e0, e1, … ]` into the text of each element, byte by byte across chunk
 * boundaries, so that each element can be `JSON.parse`d on its own. Only the
 * bracket structure and strings are tracked here; the detail of each element's
 * syntax is left to JSON.parse, which reports it with a position.
 *
 * Memory holds one element at a time (bounded by `maxElementBytes`), never the
 * document.
 */
export interface SplitPosition {
  /** Byte offset of the value's first byte in the whole input. */
  offset: number;
  /** 1-based line and column (in bytes) of that byte. */
  line: number;
  column: number;
}

export type SplitValue =
  | ({ kind: 'element'; text: string } & SplitPosition)
  | ({ kind: 'oversize'; bytes: number } & SplitPosition);

/** The document's shape once it is complete, and its properties other than the split array. */
export interface SplitEnvelope {
  kind: 'object-with-array' | 'bare-object' | 'array';
  properties: Record<string, unknown>;
}

const enum State {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  PropertyValue,
  PropertyCommaOrEnd,
  ElementOrEnd,
  Element,
  ElementCommaOrEnd,
  Done,
  Capture,
}

const enum Byte {
  Tab = 0x09, Newline = 0x0a, Return = 0x0d, Space = 0x20, Quote = 0x22, Comma = 0x2c, Colon = 0x3a,
  OpenSquare = 0x5b, Backslash = 0x5c, CloseSquare = 0x5d, OpenCurly = 0x7b, CloseCurly = 0x7d,
}

/** What a finished capture is for. */
const enum Purpose { Key, PropertyValue, Element }

const ARRAY_PROPERTY = 'objects';

export class JsonSplitter {
  private readonly maxElementBytes: number;
  /** A structural error met in the middle of a chunk, thrown once the elements before it are out. */
  private failure: AppError | undefined;
  private state = State.Start;
  /** State to return to when the current capture ends. */
  private purpose = Purpose.Element;
  private topIsArray = false;
  private arrayDone = false;
  private elements = 0;
  private readonly properties: Record<string, unknown> = {};
  private currentKey = '';

  private base = 0; // global offset of the current chunk's first byte
  private line = 1;
  private lineStart = 0; // global offset of the current line's first byte

  // The capture in progress.
  private captureStart = 0;
  private captureLine = 1;
  private captureColumn = 1;
  private captureKind: 'string' | 'container' | 'scalar' = 'scalar';
  private captureParts: Buffer[] = [];
  private captureBytes = 0;
  private captureOversize = false;
  private inString = false;
  private escaped = false;
  private stack: number[] = [];

  constructor(options: { maxElementBytes: number }) {
    this.maxElementBytes = options.maxElementBytes;
  }

  /**
   * Feeds the next chunk; returns the elements completed in it. When the chunk
   * breaks the document's structure, the elements completed before the break
   * are still returned, and the failure is thrown by the next call.
   */
  push(chunk: Buffer): SplitValue[] {
    if (this.failure) throw this.failure;
    const out: SplitValue[] = [];
    try {
      this.scan(chunk, out);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.failure = error;
    }
    return out;
  }

  private scan(chunk: Buffer, out: SplitValue[]): void {
    let i = 0;
    if (this.base === 0 && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3; // UTF-8 BOM
    let captureFrom = 0;
    const length = chunk.length;
    while (i < length) {
      if (this.state === State.Capture) {
        const end = this.scanCapture(chunk, i);
        if (end === -1) break;
        this.appendCapture(chunk, captureFrom, end);
        this.finishCapture(out);
        i = end;
        continue;
      }
      const byte = chunk[i]!;
      if (byte === Byte.Space || byte === Byte.Newline || byte === Byte.Tab || byte === Byte.Return) {
        if (byte === Byte.Newline) this.newline(i);
        i++;
        continue;
      }
      captureFrom = i;
      // A scalar's first byte is part of its scan; any other value's first byte is consumed here.
      if (!this.step(byte, i) || this.captureKind !== 'scalar') i++;
    }
    if (this.state === State.Capture) this.appendCapture(chunk, captureFrom, length);
    this.base += length;
  }

  /** Signals the end of input; throws when the document is incomplete. */
  end(): SplitValue[] {
    if (this.failure) throw this.failure;
    if (this.state === State.Done) return [];
    if (this.state === State.Start) {
      throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE, 'the input is empty: expected a STIX bundle');
    }
    throw new AppError(ErrorCode.INPUT_MALFORMED_JSON,
      `malformed JSON at ${this.where(this.base)}: the input ends before the JSON document is complete${this.elements > 0 ? ` (after ${this.elements} objects)` : ''}`,
      { offset: this.base, line: this.line });
  }

  /** The document's shape; meaningful once `end()` has returned. */
  envelope(): SplitEnvelope {
    const kind = this.topIsArray ? 'array' : this.arrayDone ? 'object-with-array' : 'bare-object';
    return { kind, properties: this.properties };
  }

  /** The top-level properties read so far (those before the array, while it is being split). */
  propertiesSoFar(): Readonly<Record<string, unknown>> {
    return this.properties;
  }

  private newline(i: number): void {
    this.line++;
    this.lineStart = this.base + i + 1;
  }

  /** "byte N (line L, column C)" for a global offset on the current line. */
  private where(offset: number): string {
    return `byte ${offset} (line ${this.line}, column ${offset - this.lineStart + 1})`;
  }

  /** One significant byte outside any capture; true when it begins a capture. */
  private step(byte: number, i: number): boolean {
    switch (this.state) {
      case State.Start:
        if (byte === Byte.OpenCurly) this.state = State.KeyOrEnd;
        else if (byte === Byte.OpenSquare) {
          this.topIsArray = true;
          this.state = State.ElementOrEnd;
        } else {
          throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE,
            `expected a JSON object (a STIX bundle) or an array of STIX objects at ${this.where(this.base + i)}, found ${describeByte(byte)}`,
            { offset: this.base + i });
        }
        return false;
      case State.KeyOrEnd:
        if (byte === Byte.CloseCurly) {
          this.state = State.Done;
          return false;
        }
        return this.beginKey(byte, i);
      case State.Key:
        return this.beginKey(byte, i);
      case State.Colon:
        if (byte !== Byte.Colon) this.unexpected(byte, i, "':' after a property name");
        this.state = State.PropertyValue;
        return false;
      case State.PropertyValue:
        if (this.currentKey === ARRAY_PROPERTY && byte === Byte.OpenSquare && !this.arrayDone) {
          this.state = State.ElementOrEnd;
          return false;
        }
        this.beginCapture(i, Purpose.PropertyValue, byte);
        return true;
      case State.PropertyCommaOrEnd:
        if (byte === Byte.Comma) this.state = State.Key;
        else if (byte === Byte.CloseCurly) this.state = State.Done;
        else this.unexpected(byte, i, "',' or '}' after a property value");
        return false;
      case State.ElementOrEnd:
        if (byte === Byte.CloseSquare) {
          this.closeArray();
          return false;
        }
        return this.beginElement(byte, i);
      case State.Element:
        return this.beginElement(byte, i);
      case State.ElementCommaOrEnd:
        if (byte === Byte.Comma) this.state = State.Element;
        else if (byte === Byte.CloseSquare) this.closeArray();
        else this.unexpected(byte, i, "',' or ']' after an object");
        return false;
      case State.Done:
        this.unexpected(byte, i, 'nothing after the end of the JSON document');
    }
    return false;
  }

  private beginKey(byte: number, i: number): true {
    if (byte !== Byte.Quote) this.unexpected(byte, i, 'a property name in double quotes');
    this.beginCapture(i, Purpose.Key, byte);
    return true;
  }

  private beginElement(byte: number, i: number): true {
    if (byte === Byte.CloseSquare || byte === Byte.Comma) this.unexpected(byte, i, 'an object');
    this.beginCapture(i, Purpose.Element, byte);
    return true;
  }

  private closeArray(): void {
    if (this.topIsArray) {
      this.state = State.Done;
    } else {
      this.arrayDone = true;
      this.state = State.PropertyCommaOrEnd;
    }
  }

  private beginCapture(i: number, purpose: Purpose, first: number): void {
    this.state = State.Capture;
    this.purpose = purpose;
    this.captureStart = this.base + i;
    this.captureLine = this.line;
    this.captureColumn = this.captureStart - this.lineStart + 1;
    this.captureParts = [];
    this.captureBytes = 0;
    this.captureOversize = false;
    this.escaped = false;
    this.stack.length = 0;
    this.inString = first === Byte.Quote;
    if (first === Byte.Quote) this.captureKind = 'string';
    else if (first === Byte.OpenCurly || first === Byte.OpenSquare) {
      this.captureKind = 'container';
      this.stack.push(first);
    } else this.captureKind = 'scalar';
  }

  /**
   * Advances through the capture from `i`; returns the index just past its
   * last byte, or -1 when it continues into the next chunk.
   */
  private scanCapture(chunk: Buffer, i: number): number {
    const length = chunk.length;
    if (this.captureKind === 'scalar') {
      for (; i < length; i++) {
        const byte = chunk[i]!;
        if (byte === Byte.Comma || byte === Byte.CloseSquare || byte === Byte.CloseCurly || byte === Byte.Space
          || byte === Byte.Newline || byte === Byte.Tab || byte === Byte.Return) return i;
      }
      return -1;
    }
    let backslash = -2;
    while (i < length) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        const quote = chunk.indexOf(Byte.Quote, i);
        if (backslash < i && backslash !== -1) backslash = chunk.indexOf(Byte.Backslash, i);
        if (backslash !== -1 && (quote === -1 || backslash < quote)) {
          this.escaped = true;
          i = backslash + 1;
          continue;
        }
        if (quote === -1) return -1;
        this.inString = false;
        i = quote + 1;
        if (this.captureKind === 'string') return i;
        continue;
      }
      const byte = chunk[i]!;
      if (byte === Byte.Quote) {
        this.inString = true;
      } else if (byte === Byte.OpenCurly || byte === Byte.OpenSquare) {
        this.stack.push(byte);
      } else if (byte === Byte.CloseCurly || byte === Byte.CloseSquare) {
        const open = this.stack.pop();
        if (open !== (byte === Byte.CloseCurly ? Byte.OpenCurly : Byte.OpenSquare)) {
          throw new AppError(ErrorCode.INPUT_MALFORMED_JSON,
            `malformed JSON at ${this.where(this.base + i)}: '${String.fromCharCode(byte)}' does not close the ${open === Byte.OpenCurly ? "object ('{')" : "array ('[')"} opened in the value that starts at byte ${this.captureStart}`,
            { offset: this.base + i, line: this.line });
        }
        if (this.stack.length === 0) return i + 1;
      } else if (byte === Byte.Newline) {
        this.newline(i);
      }
      i++;
    }
    return -1;
  }

  private appendCapture(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.captureBytes += to - from;
    if (this.captureOversize) return;
    if (this.captureBytes > this.maxElementBytes) {
      this.captureOversize = true;
      this.captureParts = [];
      return;
    }
    // A view, not a copy: stream chunks are fresh buffers that are never reused.
    this.captureParts.push(chunk.subarray(from, to));
  }

  private finishCapture(out: SplitValue[]): void {
    const position = { offset: this.captureStart, line: this.captureLine, column: this.captureColumn };
    const { offset, line } = position;
    const oversize = this.captureOversize;
    const text = oversize ? '' : (this.captureParts.length === 1 ? this.captureParts[0]! : Buffer.concat(this.captureParts)).toString('utf8');
    this.captureParts = [];
    switch (this.purpose) {
      case Purpose.Key:
        this.currentKey = JSON.parse(text) as string;
        this.state = State.Colon;
        return;
      case Purpose.PropertyValue:
        if (oversize) {
          throw new AppError(ErrorCode.INPUT_TOO_LARGE,
            `the bundle property ${JSON.stringify(this.currentKey)} at byte ${offset} is larger than ${this.maxElementBytes} bytes`);
        }
        try {
          this.properties[this.currentKey] = JSON.parse(text);
        } catch (error) {
          throw new AppError(ErrorCode.INPUT_MALFORMED_JSON,
            `malformed JSON in the bundle property ${JSON.stringify(this.currentKey)} at byte ${offset} (line ${line}): ${(error as Error).message}`,
            { offset, line });
        }
        this.state = State.PropertyCommaOrEnd;
        return;
      case Purpose.Element:
        this.elements++;
        out.push(oversize ? { kind: 'oversize', bytes: this.captureBytes, ...position } : { kind: 'element', text, ...position });
        this.state = State.ElementCommaOrEnd;
    }
  }

  private unexpected(byte: number, i: number, expected: string): never {
    throw new AppError(ErrorCode.INPUT_MALFORMED_JSON,
      `malformed JSON at ${this.where(this.base + i)}: expected ${expected}, found ${describeByte(byte)}`,
      { offset: this.base + i, line: this.line });
  }
}

function describeByte(byte: number): string {
  if (byte === Byte.Quote) return 'a string';
  if (byte >= 0x30 && byte <= 0x39 || byte === 0x2d) return 'a number';
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
