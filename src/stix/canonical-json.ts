/**
 * JSON Canonicalization Scheme (RFC 8785): object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as ECMAScript's JSON.stringify
 * writes them (RFC 8785 §3.2.2 adopts exactly that serialisation).
 */
export function canonicalize(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`canonical JSON cannot represent ${value}`);
    }
    if (typeof value === 'string') assertWellFormed(value);
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`canonical JSON cannot represent a ${typeof value}`);
    return text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalize(item)).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  // Array.prototype.sort without a comparator orders by UTF-16 code units (RFC 8785 §3.2.3).
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  keys.forEach(assertWellFormed);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalize(record[key])}`).join(',')}}`;
}

// In a `u` regular expression a surrogate pair is one code point, so this finds only lone surrogates.
const LONE_SURROGATE = /\p{Surrogate}/u;

// RFC 8785 §3.2.2.2: a lone surrogate must stop a JCS implementation with an error (it would
// break signatures); JSON.stringify would quietly write it as a \udxxx escape.
function assertWellFormed(text: string): void {
  if (LONE_SURROGATE.test(text)) throw new TypeError('canonical JSON cannot represent a lone UTF-16 surrogate');
}
