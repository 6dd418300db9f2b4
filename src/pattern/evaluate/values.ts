/**
 * Comparison of one property value with one pattern constant (STIX 2.1 §9.6), with the
 * type rules of the OASIS reference matcher (cti-pattern-matcher):
 *
 * - strings compare by code point, never normalised (§9.6.2); LIKE and MATCHES normalise
 *   both sides to NFC (§9.6.1);
 * - properties named `*_bin` / `*_hex` hold bytes (base64 / hex, §9.6.4) and compare as
 *   unsigned octets (§9.6.3) with binary and hex constants, and with a string constant
 *   whose code points are all below U+0100 (otherwise: false, `!=` true);
 * - incomparable types make a comparison false and `!=` true (§9.6.1); an ordering
 *   comparison of incomparable types is false even under NOT, as in the reference;
 * - a timestamp constant against a string that is not a timestamp is a match-time error.
 */
import type { Literal, SetLiteral } from '../ast.ts';
import type { ComparisonOperator } from '../grammar.ts';
import { matchError } from './match-error.ts';
import { compileLike, compileMatches, type CompiledRegex } from './regex.ts';
import { parseCidr, type Cidr } from './cidr.ts';

export { matchError } from './match-error.ts';

/** Decoded bytes of a `*_bin`/`*_hex` property or a `b'…'`/`h'…'` constant: one char (U+0000–U+00FF) per byte. */
export class Bytes {
  constructor(readonly latin1: string) {}
}

// STIX 2.1 §2.16 / RFC 3339: upper-case T and Z, seconds required, fraction optional.
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/** A timestamp as microseconds since the epoch (fraction truncated to 6 digits); throws PATTERN_MATCH_ERROR when malformed or not a calendar date. */
export function parseTimestamp(text: unknown): number {
  const m = typeof text === 'string' ? TIMESTAMP_RE.exec(text) : null;
  if (m) {
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour < 24 && minute < 60 && second <= 60) {
      d.setUTCHours(hour, minute, second, 0); // second 60 (a leap second) counts as the next minute's 0
      const frac = m[7] ? Number((m[7].slice(1) + '000000').slice(0, 6)) : 0;
      return d.getTime() * 1000 + frac;
    }
  }
  throw matchError(`not a STIX timestamp: ${JSON.stringify(text)}`);
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/** The bytes a `*_bin` (base64) or `*_hex` property holds; PATTERN_MATCH_ERROR when the text does not decode (as the reference matcher raises). */
export function decodeBinary(value: unknown, encoding: 'base64' | 'hex', property: string): Bytes {
  if (typeof value === 'string') {
    if (encoding === 'hex' && HEX_RE.test(value)) return new Bytes(Buffer.from(value, 'hex').toString('latin1'));
    const compact = value.replace(/[^A-Za-z0-9+/=]/g, '');
    if (encoding === 'base64' && compact.length % 4 === 0 && BASE64_RE.test(compact)) return new Bytes(Buffer.from(compact, 'base64').toString('latin1'));
  }
  throw matchError(`property ${property} is not valid ${encoding}: ${JSON.stringify(value)?.slice(0, 80)}`);
}

/** Latin-1 text of a string whose code points are all below U+0100, else null (§9.6.4). */
function asLatin1(s: string): string | null {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return null;
  return s;
}

function cmpNumbers(a: number, b: number): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code point order (§9.6.2): UTF-16 order, except that surrogates (code points ≥ U+10000) sort after U+E000–U+FFFF. */
export function compareCodePoints(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return cmpNumbers(a.length, b.length);
}

/** A constant as the evaluator compares it: bytes decoded, timestamps as microseconds. */
type Constant =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'bytes'; readonly value: Bytes }
  | { readonly type: 'timestamp'; readonly value: number };

function constant(lit: Literal): Constant {
  switch (lit.type) {
    case 'int':
    case 'float': return { type: 'number', value: lit.value };
    case 'string': return { type: 'string', value: lit.value };
    case 'bool': return { type: 'bool', value: lit.value };
    case 'binary': return { type: 'bytes', value: decodeBinary(lit.value, 'base64', "b'…'") };
    case 'hex': return { type: 'bytes', value: decodeBinary(lit.value, 'hex', "h'…'") };
    case 'timestamp': return { type: 'timestamp', value: parseTimestamp(lit.value) };
  }
}

/** Bytes vs string (§9.6.4): the string's Latin-1 bytes, or null when a code point is U+0100 or above. */
function bytesAndString(value: unknown, k: Constant): [string, string] | null | undefined {
  if (value instanceof Bytes && k.type === 'string') { const s = asLatin1(k.value); return s === null ? null : [value.latin1, s]; }
  if (typeof value === 'string' && k.type === 'bytes') { const s = asLatin1(value); return s === null ? null : [s, k.value.latin1]; }
  return undefined;
}

const INCOMPARABLE = 'incomparable';
const NOT_LATIN1 = 'not-latin1';
type Order = -1 | 0 | 1 | typeof INCOMPARABLE | typeof NOT_LATIN1;

/** Order `value` against a constant (`=`, `<`, …). */
function order(value: unknown, k: Constant): Order {
  switch (k.type) {
    case 'number': return typeof value === 'number' ? cmpNumbers(value, k.value) : INCOMPARABLE;
    case 'string':
      if (typeof value === 'string') return compareCodePoints(value, k.value);
      break;
    case 'bool': return typeof value === 'boolean' && value === k.value ? 0 : INCOMPARABLE;
    case 'bytes':
      if (value instanceof Bytes) return compareCodePoints(value.latin1, k.value.latin1);
      break;
    case 'timestamp': return typeof value === 'string' ? cmpNumbers(parseTimestamp(value), k.value) : INCOMPARABLE;
  }
  const pair = bytesAndString(value, k);
  if (pair === undefined) return INCOMPARABLE;
  return pair === null ? NOT_LATIN1 : compareCodePoints(pair[0], pair[1]);
}

/** Set membership with the reference's (Python) equality: numbers and booleans compare numerically, strings and bytes exactly, never across. */
function member(value: unknown, k: Constant): boolean {
  switch (k.type) {
    case 'number':
    case 'bool':
      return (typeof value === 'number' || typeof value === 'boolean') && Number(value) === Number(k.value);
    case 'string': return typeof value === 'string' && value === k.value;
    case 'bytes': return value instanceof Bytes && value.latin1 === k.value.latin1;
    case 'timestamp': return typeof value === 'string' && parseTimestamp(value) === k.value;
  }
}

function setClass(lit: Literal): string {
  return lit.type === 'int' || lit.type === 'float' ? 'number' : lit.type === 'hex' ? 'binary' : lit.type;
}

/** Check a set constant has one type (ints and floats mix; the reference matcher rejects other mixes at match time). */
export function checkSet(set: SetLiteral): void {
  const classes = new Set(set.items.map(setClass));
  if (classes.size > 1) throw matchError(`set constant mixes types: ${[...classes].join(', ')}`);
}

// ---------------------------------------------------------------------------------------
// IP addresses and CIDR blocks (ISSUBSET / ISSUPERSET, §9.6.1): parsed by the match index's
// parser (one parser, so the index's prefix keys and this test accept the same text).

/** Block `a` lies within block `b`: same family, at least as long a prefix, the same leading `b.prefix` bits. */
function within(a: Cidr | null, b: Cidr | null): boolean {
  if (!a || !b || a.width !== b.width || a.prefix < b.prefix) return false;
  if (b.prefix === 0) return true;
  if (a.width === 32) {
    const scale = 2 ** (32 - b.prefix);
    return Math.floor((a.net as number) / scale) === Math.floor((b.net as number) / scale);
  }
  const shift = BigInt(128 - b.prefix);
  return (a.net as bigint) >> shift === (b.net as bigint) >> shift;
}

// ---------------------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** LIKE on a binary value: its bytes read as UTF-8, as the reference matcher does (PATTERN_MATCH_ERROR when they are not UTF-8). */
function bytesAsText(value: Bytes): string {
  try {
    return utf8.decode(Buffer.from(value.latin1, 'latin1'));
  } catch {
    throw matchError('binary value compared with LIKE is not UTF-8 text');
  }
}

/** LIKE / MATCHES on a value: strings NFC-normalised (§9.6.1); bytes only when the pattern is Latin-1 (as the reference). */
function textTest(re: CompiledRegex, onBytes: ((b: Bytes) => boolean) | null): (v: unknown) => boolean {
  return (v) => {
    if (typeof v === 'string') return re.test(v.normalize('NFC'));
    return v instanceof Bytes && onBytes !== null && onBytes(v);
  };
}

function negate(test: (v: unknown) => boolean, negated: boolean): (v: unknown) => boolean {
  return negated ? (v) => !test(v) : test;
}

/**
 * The test one comparison (`path [NOT] op value`) makes of each value the object path
 * yields; the comparison holds when any value passes. Throws PATTERN_MATCH_ERROR for a
 * constant that cannot be evaluated (mixed set, unsupported regex).
 */
export function comparisonPredicate(operator: ComparisonOperator, value: Literal | SetLiteral, negated = false): (v: unknown) => boolean {
  if (value.kind === 'Set') {
    checkSet(value);
    const items = value.items.map(constant);
    return negate((v) => items.some((k) => member(v, k)), negated);
  }
  const k = constant(value);
  switch (operator) {
    case '=':
    case '!=': {
      const want = operator === '=' !== negated;
      return (v) => (order(v, k) === 0) === want;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const holds = operator === '<' ? (c: number) => c < 0 : operator === '<=' ? (c: number) => c <= 0 : operator === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
      return (v) => {
        const c = order(v, k);
        if (c === INCOMPARABLE) return false;
        return (c !== NOT_LATIN1 && holds(c)) !== negated;
      };
    }
    case 'IN': return negate((v) => member(v, k), negated);
    case 'LIKE': {
      const text = String(k.value).normalize('NFC');
      const re = compileLike(text);
      // A binary value is read as UTF-8 text.
      return negate(textTest(re, asLatin1(text) === null ? null : (b) => re.test(bytesAsText(b).normalize('NFC'))), negated);
    }
    case 'MATCHES': {
      const text = String(k.value).normalize('NFC');
      const re = compileMatches(text);
      // A binary value is searched byte by byte (§9.6.1: no UNICODE flag); that regex is compiled when first needed.
      let bytesRe: CompiledRegex | undefined;
      return negate(textTest(re, asLatin1(text) === null ? null : (b) => (bytesRe ??= compileMatches(text, 'bytes')).test(b.latin1)), negated);
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      // Anything that is not an address or block is in no block (the reference matcher raises instead).
      const block = parseCidr(String(k.value));
      const test = operator === 'ISSUBSET' ? (v: string) => within(parseCidr(v), block) : (v: string) => within(block, parseCidr(v));
      return negate((v) => typeof v === 'string' && test(v), negated);
    }
  }
}
