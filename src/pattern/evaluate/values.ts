/**
 * Comparison of one property value with one pattern constant (STIX 2.1 §9.6).
 * Incomparable types make a comparison false (so `!=` true), except where the
 * reference matcher raises: a timestamp constant against a value that is no timestamp.
 */
import { ErrorCode } from '../../common/errors.ts';
import { PatternError } from '../errors.ts';
import type { Literal, SetLiteral } from '../ast.ts';
import type { ComparisonOperator } from '../grammar.ts';

export function matchError(message: string, details?: Record<string, unknown>): PatternError {
  return new PatternError(ErrorCode.PATTERN_MATCH_ERROR, message, details);
}

// STIX 2.1 §3.2: upper-case T and Z, seconds required.
const TIMESTAMP_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?Z$/;

/** A timestamp as microseconds since the epoch; throws PATTERN_MATCH_ERROR when malformed. */
export function parseTimestamp(text: unknown): number {
  const m = typeof text === 'string' ? TIMESTAMP_RE.exec(text) : null;
  if (!m) throw matchError(`not a STIX timestamp: ${JSON.stringify(text)}`);
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), 0);
  const frac = m[7] ? Number((m[7].slice(1) + '000000').slice(0, 6)) : 0;
  return d.getTime() * 1000 + frac;
}

type Cmp = -1 | 0 | 1 | null; // null: incomparable

function cmp<T extends number | string>(a: T, b: T): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Latin-1 bytes of a string, or null when a code point is above 255 (the reference matcher's rule). */
function latin1(s: string): string | null {
  for (const ch of s) if (ch.codePointAt(0)! > 255) return null;
  return s;
}

function literalBytes(lit: Literal): string {
  if (lit.type === 'hex') return lit.value.replace(/../g, (h) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(String(lit.value), "base64").toString('latin1');
}

/** Order `value` relative to `lit`; null when they cannot be compared. */
function compareValue(value: unknown, lit: Literal): Cmp {
  switch (lit.type) {
    case 'int':
    case 'float':
      return typeof value === 'number' ? cmp(value, lit.value) : null;
    case 'bool':
      return typeof value === 'boolean' ? (value === lit.value ? 0 : null) : null;
    case 'string':
      return typeof value === 'string' ? cmp(value.normalize('NFC'), lit.value.normalize('NFC')) : null;
    case 'timestamp':
      if (typeof value !== 'string') return null;
      return cmp(parseTimestamp(value), parseTimestamp(lit.value));
    case 'binary':
    case 'hex': {
      if (typeof value !== 'string') return null;
      const bytes = latin1(value);
      return bytes === null ? null : cmp(bytes, literalBytes(lit));
    }
  }
}

function likeToRegExp(like: string): RegExp {
  let out = '';
  for (const ch of like.normalize('NFC')) {
    if (ch === '%') out += '.*';
    else if (ch === '_') out += '.';
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 'su');
}

// A quantified group that itself contains a quantifier, or a back-reference:
// the shapes that make a backtracking engine exponential.
const UNSAFE_REGEX = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]|\\[1-9]/;
const MAX_REGEX_INPUT = 100_000;

/** Compile a MATCHES regex (PCRE-like, STIX 2.1 §9.6) for JavaScript, refusing shapes that can backtrack catastrophically. */
export function compileMatches(source: string): RegExp {
  if (UNSAFE_REGEX.test(source)) throw matchError(`MATCHES regex refused as potentially catastrophic: ${source}`);
  try {
    return new RegExp(source, 'su');
  } catch {
    try {
      return new RegExp(source, 's');
    } catch (e) {
      throw matchError(`invalid MATCHES regex: ${source}`, { cause: String(e) });
    }
  }
}

function ipToBits(text: string): { bits: bigint; width: number } | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    let n = 0n;
    for (let i = 1; i <= 4; i++) {
      const o = Number(v4[i]);
      if (o > 255) return null;
      n = (n << 8n) | BigInt(o);
    }
    return { bits: n, width: 32 };
  }
  return null;
}

/** A CIDR (or a bare address, as a /32) → [network, prefix length]. */
function parseCidr(text: unknown): { net: bigint; prefix: number; width: number } | null {
  if (typeof text !== 'string') return null;
  const [addr, len, ...rest] = text.split('/');
  if (rest.length || addr === undefined) return null;
  const ip = ipToBits(addr);
  if (!ip) return null;
  const prefix = len === undefined ? ip.width : /^\d+$/.test(len) ? Number(len) : NaN;
  if (!(prefix >= 0 && prefix <= ip.width)) return null;
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(ip.width - prefix);
  return { net: ip.bits & mask, prefix, width: ip.width };
}

/** `inner` lies within `outer` (both CIDRs). */
function cidrWithin(inner: unknown, outer: unknown): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.width !== b.width || a.prefix < b.prefix) return false;
  const mask = ((1n << BigInt(b.prefix)) - 1n) << BigInt(b.width - b.prefix);
  return (a.net & mask) === b.net;
}

function typeClass(lit: Literal): string {
  return lit.type === 'int' || lit.type === 'float' ? 'number' : lit.type === 'hex' ? 'binary' : lit.type;
}

/** Check a set constant has one type (the reference matcher rejects mixed sets at match time). */
export function checkSet(set: SetLiteral): void {
  const classes = new Set(set.items.map(typeClass));
  if (classes.size > 1) throw matchError(`set constant mixes types: ${[...classes].join(', ')}`);
}

/** A predicate for one comparison, applied to each value the object path yields. */
export function comparisonPredicate(operator: ComparisonOperator, value: Literal | SetLiteral): (v: unknown) => boolean {
  if (value.kind === 'Set') {
    checkSet(value);
    const items = value.items;
    return (v) => items.some((lit) => compareValue(v, lit) === 0);
  }
  const lit = value;
  switch (operator) {
    case '=':
      return (v) => compareValue(v, lit) === 0;
    case '!=':
      return (v) => compareValue(v, lit) !== 0;
    case '<':
      return (v) => { const c = compareValue(v, lit); return c !== null && c < 0; };
    case '<=':
      return (v) => { const c = compareValue(v, lit); return c !== null && c <= 0; };
    case '>':
      return (v) => { const c = compareValue(v, lit); return c !== null && c > 0; };
    case '>=':
      return (v) => { const c = compareValue(v, lit); return c !== null && c >= 0; };
    case 'LIKE': {
      const re = likeToRegExp(String(lit.value));
      return (v) => typeof v === 'string' && re.test(v.normalize('NFC'));
    }
    case 'MATCHES': {
      const re = compileMatches(String(lit.value));
      return (v) => typeof v === 'string' && v.length <= MAX_REGEX_INPUT && re.test(v);
    }
    case 'ISSUBSET':
      return (v) => cidrWithin(v, lit.value);
    case 'ISSUPERSET':
      return (v) => cidrWithin(lit.value, v);
    case 'IN':
      return (v) => compareValue(v, lit) === 0;
  }
}
