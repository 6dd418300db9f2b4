/**
 * IP addresses and CIDR blocks (STIX 2.1 §9.6 `ISSUBSET`/`ISSUPERSET`): one parser for
 * the evaluator and the match index's prefix index, so the two cannot disagree. IPv4: four dotted decimal octets of
 * one to three digits (leading zeros allowed, as the evaluator allows them).
 * IPv6: eight hex groups, `::` compression, an embedded IPv4 tail, any case,
 * a `%zone` suffix ignored. Either may carry `/length`.
 */

export interface Cidr {
  /** 32 (IPv4) or 128 (IPv6). */
  readonly width: 32 | 128;
  readonly prefix: number;
  /** IPv4: the network as an unsigned 32-bit number; IPv6: as a bigint. Host bits are zero. */
  readonly net: number | bigint;
}

const DIGIT_0 = 48;

/** Parse dotted-quad text[from, to) into an unsigned 32-bit number, or -1. */
function parseV4(text: string, from: number, to: number): number {
  let value = 0;
  let octets = 0;
  let i = from;
  while (octets < 4) {
    let octet = 0;
    let digits = 0;
    while (i < to && digits < 4) {
      const d = text.charCodeAt(i) - DIGIT_0;
      if (d < 0 || d > 9) break;
      octet = octet * 10 + d;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 3 || octet > 255) return -1;
    value = value * 256 + octet;
    octets++;
    if (octets < 4) {
      if (i >= to || text.charCodeAt(i) !== 46 /* . */) return -1;
      i++;
    }
  }
  return i === to ? value : -1;
}

/** Parse IPv6 text (no prefix) into a bigint, or null. */
function parseV6(text: string): bigint | null {
  const zone = text.indexOf('%');
  const addr = zone === -1 ? text : text.slice(0, zone);
  const halves = addr.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let k = 0; k < pieces.length; k++) {
      const piece = pieces[k]!;
      if (k === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseV4(piece, 0, piece.length);
        if (v4 < 0) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(piece)) return null;
        out.push(parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  let value = 0n;
  for (const g of [...head, ...new Array<number>(missing).fill(0), ...tail]) value = (value << 16n) | BigInt(g);
  return value;
}

/** An address (as a full-length prefix) or a CIDR block; null when neither. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const addrEnd = slash === -1 ? text.length : slash;
  let prefix = -1;
  if (slash !== -1) {
    const len = text.slice(slash + 1);
    if (!/^\d+$/.test(len)) return null;
    prefix = Number(len);
  }
  const addr = text.slice(0, addrEnd);
  if (addr.includes(':')) {
    const bits = parseV6(addr);
    if (bits === null) return null;
    if (prefix === -1) prefix = 128;
    if (prefix > 128) return null;
    return { width: 128, prefix, net: prefix === 0 ? 0n : (bits >> BigInt(128 - prefix)) << BigInt(128 - prefix) };
  }
  const bits = parseV4(addr, 0, addr.length);
  if (bits < 0) return null;
  if (prefix === -1) prefix = 32;
  if (prefix > 32) return null;
  return { width: 32, prefix, net: prefix === 0 ? 0 : v4Top(bits, prefix) * 2 ** (32 - prefix) };
}

/** The first `length` bits of an unsigned 32-bit number (length 0 … 32). */
export function v4Top(bits: number, length: number): number {
  return length === 0 ? 0 : Math.floor(bits / 2 ** (32 - length));
}

export function v6Top(bits: bigint, length: number): bigint {
  return length === 0 ? 0n : bits >> BigInt(128 - length);
}
