/**
 * Required literals of `LIKE` and `MATCHES` constants (STIX 2.1 §9.6), and the
 * three-character grams the index files them under.
 *
 * A required literal is text every matching value contains. The extraction is
 * deliberately conservative: whenever a construct is not fully understood it
 * returns '' (no literal), and the comparison falls back to being tried on every
 * object of its type. The evaluator's comparison always has the last word.
 */

/**
 * The longest literal run of a LIKE pattern (`%` any run, `_` any one character).
 * A backslash gives '': should escapes (`\%`) ever be honoured, the runs would change.
 */
export function likeLiteral(pattern: string): string {
  if (pattern.includes('\\')) return '';
  let best = '';
  for (const run of pattern.split(/[%_]/)) if (run.length > best.length) best = run;
  return best;
}

const SIMPLE_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'n', 'r', 't', 'f', 'v']);

/**
 * The longest run of characters every match of the regex (Python / PCRE syntax, as
 * STIX MATCHES is written) must contain, or ''.
 * Alternation at top level, inline flags (`(?i)`, `(?P…)`), and escapes with operands
 * (`\x61`, `\u…`, `\p{…}`, back-references) give ''. Groups and classes end a
 * run; a quantified character is dropped from its run (`?`, `*`, `{…}`) or ends
 * it (`+`).
 */
export function regexLiteral(source: string): string {
  const chars = Array.from(source); // code points: `😀?` makes the whole code point optional
  let best = '';
  let run: string[] = [];
  const endRun = (): void => {
    const text = run.join('');
    if (text.length > best.length) best = text;
    run = [];
  };
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '|') return '';
    if (c === '*' || c === '?' || c === '{' || c === '+') {
      if (c !== '+') run.pop();
      endRun();
      if (c === '{') {
        const close = chars.indexOf('}', i);
        if (close === -1) return '';
        i = close;
      }
      i++;
      if (chars[i] === '?') i++; // lazy quantifier
      continue;
    }
    if (c === '\\') {
      const d = chars[i + 1];
      if (d === undefined) return '';
      if (/[A-Za-z0-9]/.test(d)) {
        if (!SIMPLE_ESCAPES.has(d)) return '';
        endRun();
      } else run.push(d);
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = skipClass(chars, i);
      if (end === -1) return '';
      endRun();
      i = end;
      continue;
    }
    if (c === '(') {
      if (chars[i + 1] === '?' && !':=!<'.includes(chars[i + 2] ?? '')) return '';
      const end = skipGroup(chars, i);
      if (end === -1) return '';
      endRun();
      i = end;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') return '';
    if (c === '.' || c === '^' || c === '$') {
      endRun();
      i++;
      continue;
    }
    run.push(c);
    i++;
  }
  endRun();
  return best;
}

/** The index after a character class starting at `start` ('['), or -1. */
function skipClass(chars: readonly string[], start: number): number {
  let i = start + 1;
  if (chars[i] === '^') i++;
  if (chars[i] === ']') return -1; // `[]` / `[^]`: engine-dependent, give up
  for (; i < chars.length; i++) {
    if (chars[i] === '\\') i++;
    else if (chars[i] === ']') return i + 1;
  }
  return -1;
}

/** The index after the group starting at `start` ('('), or -1; a top-level `|` inside is harmless. */
function skipGroup(chars: readonly string[], start: number): number {
  let depth = 0;
  for (let i = start; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const end = skipClass(chars, i);
      if (end === -1) return -1;
      i = end - 1;
    } else if (c === '(') {
      if (chars[i + 1] === '?' && !':=!<'.includes(chars[i + 2] ?? '')) return -1;
      depth++;
    } else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

const GRAM = 3;
const TABLE_BITS = 20;

/** A gram key: three UTF-16 code units folded to 10 bits each (a small integer; a fold only adds candidates). */
function gramKey(text: string, at: number): number {
  return ((text.charCodeAt(at) & 1023) << 20) | ((text.charCodeAt(at + 1) & 1023) << 10) | (text.charCodeAt(at + 2) & 1023);
}

const tableSlot = (key: number): number => (key ^ (key >>> 13)) & ((1 << TABLE_BITS) - 1);

/**
 * Leaves filed by one three-character gram of a literal they require. A lookup walks the
 * grams of a text: a byte table answers "no leaf here" for most of them without a hash
 * lookup, and a leaf is offered only when the text contains its whole literal. Each leaf
 * goes under the gram of its literal with the fewest leaves so far, so buckets stay small.
 */
export class GramIndex<T> {
  private readonly table = new Uint8Array(1 << TABLE_BITS);
  private readonly buckets = new Map<number, { readonly leaf: T; readonly literal: string }[]>();

  /** File `leaf` under a gram of `literal` (at least three characters). */
  add(literal: string, leaf: T): void {
    let best = gramKey(literal, 0);
    let bestSize = this.buckets.get(best)?.length ?? 0;
    for (let i = 1; i + GRAM <= literal.length && bestSize > 0; i++) {
      const key = gramKey(literal, i);
      const size = this.buckets.get(key)?.length ?? 0;
      if (size < bestSize) [best, bestSize] = [key, size];
    }
    const bucket = this.buckets.get(best);
    if (bucket) bucket.push({ leaf, literal });
    else this.buckets.set(best, [{ leaf, literal }]);
    this.table[tableSlot(best)] = 1;
  }

  /** Every leaf whose literal `text` contains (a leaf may come more than once). */
  query(text: string, visit: (leaf: T) => void): void {
    for (let i = 0; i + GRAM <= text.length; i++) {
      const key = gramKey(text, i);
      if (this.table[tableSlot(key)] === 0) continue;
      const bucket = this.buckets.get(key);
      if (bucket) for (const entry of bucket) if (text.includes(entry.literal)) visit(entry.leaf);
    }
  }
}

export const MIN_LITERAL = GRAM;
