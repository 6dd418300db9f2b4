/**
 * `MATCHES` and `LIKE` (STIX 2.1 §9.6.1) on a linear-time engine (RE2, via `re2js`).
 *
 * STIX asks for PCRE; the OASIS reference matcher uses Python `re`. Both backtrack, so a
 * pattern such as `^(a+)+$` can take exponential time. Here the regex is translated from
 * the Python/PCRE dialect into RE2 syntax and run by RE2, whose running time is linear in
 * the value. Constructs RE2 cannot run (back-references, lookaround, atomic groups,
 * possessive quantifiers, conditionals) are refused with PATTERN_MATCH_ERROR.
 * docs/patterning.md ("Regular expressions") lists the translation rules.
 */
import { RE2JS } from 're2js';
import { matchError } from './match-error.ts';

/** `unicode`: a string value (Unicode classes); `bytes`: a binary value, one char per byte (ASCII classes, as Python `re` on bytes). */
export type RegexMode = 'unicode' | 'bytes';

export interface CompiledRegex {
  /** Search: does the regex match anywhere in `text`? */
  readonly test: (text: string) => boolean;
}

// ---------------------------------------------------------------------------------------
// Character sets, as RE2 class bodies (the text between `[` and `]`).

type ClassName = 'd' | 'w' | 's';
type Range = readonly [number, number];

const ASCII_SETS: Record<ClassName, readonly Range[]> = {
  d: [[0x30, 0x39]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  s: [[0x09, 0x0d], [0x20, 0x20]],
};

// Python's str.isspace(): what `\s` matches in a str pattern.
const UNICODE_SPACE: readonly Range[] = [
  [0x09, 0x0d], [0x1c, 0x20], [0x85, 0x85], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000],
];

const MAX_CODE_POINT = 0x10ffff;

function hex(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

function rangesBody(ranges: readonly Range[]): string {
  return ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
}

function complement(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [a, b] of ranges) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

let unicodeWordRanges: Range[] | undefined;

/** Python's Unicode `\w` (letters, numbers, `_`) as code point ranges; computed once, on first use. */
function unicodeWord(): readonly Range[] {
  if (unicodeWordRanges) return unicodeWordRanges;
  const word = /[\p{L}\p{N}_]/u;
  const ranges: Range[] = [];
  let start = -1;
  for (let cp = 0; cp <= MAX_CODE_POINT + 1; cp++) {
    const inSet = cp <= MAX_CODE_POINT && !(cp >= 0xd800 && cp <= 0xdfff) && word.test(String.fromCodePoint(cp));
    if (inSet && start < 0) start = cp;
    if (!inSet && start >= 0) { ranges.push([start, cp - 1]); start = -1; }
  }
  return (unicodeWordRanges = ranges);
}

/** The body of `\d`/`\w`/`\s` (or their negation) for use inside an RE2 class. */
function classBody(name: ClassName, negated: boolean, ascii: boolean): string {
  if (ascii) return rangesBody(negated ? complement(ASCII_SETS[name]) : ASCII_SETS[name]);
  switch (name) {
    case 'd': return negated ? '\\P{Nd}' : '\\p{Nd}';
    case 'w': return negated ? rangesBody(complement(unicodeWord())) : '\\p{L}\\p{N}_';
    case 's': return rangesBody(negated ? complement(UNICODE_SPACE) : UNICODE_SPACE);
  }
}

/** `\d` etc. outside a class. */
function classEscape(name: ClassName, negated: boolean, ascii: boolean): string {
  if (!ascii && name === 'w') return negated ? '[^\\p{L}\\p{N}_]' : '[\\p{L}\\p{N}_]';
  if (!ascii && name === 'd') return negated ? '\\P{Nd}' : '\\p{Nd}';
  const set = ascii ? ASCII_SETS[name] : UNICODE_SPACE;
  return `[${negated ? '^' : ''}${rangesBody(set)}]`;
}

// ---------------------------------------------------------------------------------------
// The translator: Python `re` syntax → RE2 syntax.

const HEX = /^[0-9a-fA-F]+$/;
const OCTAL = '01234567';
const VERBOSE_SPACE = ' \t\n\r\v\f';
const REPEAT_LIMIT = 1000; // RE2's bound on {n,m}
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

interface Flags {
  readonly multiline: boolean;
  readonly verbose: boolean;
  readonly ascii: boolean;
}

/** Either a single code point or a class escape, as read inside `[...]`. */
type ClassItem = { readonly cp: number } | { readonly body: string };

class Translator {
  private i = 0;
  private out = '';
  private readonly scopes: Flags[] = [];
  private flags: Flags;
  /** Case-insensitive everywhere (a leading `(?i)`). */
  private globalI = false;
  /** No atom yet to quantify (start, after `(` or `|`). */
  private atStart = true;

  constructor(private readonly src: string, private readonly mode: RegexMode) {
    this.flags = { multiline: false, verbose: false, ascii: mode === 'bytes' };
  }

  translate(): string {
    this.readGlobalFlags();
    // STIX 2.1 §9.6.1: "The DOTALL option MUST be specified."
    let prefix = '(?s';
    if (this.globalI) prefix += 'i';
    if (this.flags.multiline) prefix += 'm';
    prefix += ')';
    while (this.i < this.src.length) this.step();
    if (this.scopes.length > 0) this.fail('missing ), unterminated subpattern');
    return prefix + this.out;
  }

  private fail(message: string): never {
    throw matchError(`MATCHES regex ${JSON.stringify(this.src)}: ${message}`, { regex: this.src, position: this.i });
  }

  private unsupported(what: string): never {
    this.fail(`${what} are not supported (the linear-time regex engine cannot run them)`);
  }

  /** Leading `(?aiLmsux)` groups set flags for the whole pattern (Python allows them only at the start). */
  private readGlobalFlags(): void {
    for (;;) {
      const m = /^\(\?([aiLmsux]+)\)/.exec(this.src.slice(this.i));
      if (!m) return;
      this.applyGlobal(m[1]!);
      this.i += m[0].length;
    }
  }

  private applyGlobal(letters: string): void {
    for (const f of letters) {
      if (f === 'i') this.globalI = true;
      else if (f === 'm') this.flags = { ...this.flags, multiline: true };
      else if (f === 'x') this.flags = { ...this.flags, verbose: true };
      else if (f === 'a') this.flags = { ...this.flags, ascii: true };
      else if (f === 'L') this.fail('the L (locale) flag is not supported');
      // s: always on; u: the default for strings
    }
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.i + offset];
  }

  private step(): void {
    const c = this.src[this.i]!;
    if (this.flags.verbose && VERBOSE_SPACE.includes(c)) { this.i++; return; }
    if (this.flags.verbose && c === '#') {
      while (this.i < this.src.length && this.src[this.i] !== '\n') this.i++;
      return;
    }
    const wasStart = this.atStart;
    this.atStart = false;
    switch (c) {
      case '\\': this.i++; this.out += this.escape(); return;
      case '[': this.i++; this.out += this.charClass(); return;
      case '(': this.i++; this.group(); this.atStart = true; return;
      case ')':
        this.i++;
        if (this.scopes.length === 0) this.fail('unbalanced parenthesis');
        this.flags = this.scopes.pop()!;
        this.out += ')';
        return;
      case '|': this.i++; this.out += '|'; this.atStart = true; return;
      case '$': this.i++; this.out += this.flags.multiline ? '$' : '(?:\\n?\\z)'; return;
      case '^': case '.': this.i++; this.out += c; return;
      case '*': case '+': case '?':
        this.i++;
        if (wasStart) this.fail('nothing to repeat');
        this.out += c + this.lazyOrPossessive();
        return;
      case '{': this.i++; this.out += this.brace(wasStart); return;
      default: this.i += c.length; this.out += literal(this.codePointAt()); return;
    }
  }

  /** The code point that ended just before `this.i` (the char just consumed; surrogate pairs are consumed whole here). */
  private codePointAt(): number {
    const first = this.src.charCodeAt(this.i - 1);
    if (first >= 0xd800 && first <= 0xdbff) {
      const next = this.src.charCodeAt(this.i);
      if (next >= 0xdc00 && next <= 0xdfff) { this.i++; return (first - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000; }
    }
    return first;
  }

  private lazyOrPossessive(): string {
    const next = this.peek();
    if (next === '?') { this.i++; return '?'; }
    if (next === '+') this.unsupported('possessive quantifiers (*+, ++, ?+, {m,n}+)');
    return '';
  }

  /** `{m}`, `{m,}`, `{,n}`, `{m,n}`, `{,}` are quantifiers; any other `{` is a literal (as in Python). */
  private brace(atStart: boolean): string {
    const m = /^(\d*)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
    if (!m || (m[1] === '' && m[2] === undefined)) return '\\{';
    if (atStart) this.fail('nothing to repeat');
    this.i += m[0].length;
    const min = m[1] === '' ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
    if (max !== undefined && max < min) this.fail('min repeat greater than max repeat');
    if (min > REPEAT_LIMIT || (max ?? 0) > REPEAT_LIMIT) this.fail(`repetition counts above ${REPEAT_LIMIT} are not supported`);
    const body = m[2] === undefined ? `{${min}}` : `{${min},${max ?? ''}}`;
    return body + this.lazyOrPossessive();
  }

  private group(): void {
    const rest = this.src.slice(this.i);
    this.scopes.push(this.flags);
    if (!rest.startsWith('?')) { this.out += '('; return; }
    if (rest.startsWith('?:')) { this.i += 2; this.out += '(?:'; return; }
    if (rest.startsWith('?P<')) {
      const end = rest.indexOf('>');
      if (end < 0) this.fail('missing >, unterminated name');
      this.i += end + 1;
      this.out += '(';
      return;
    }
    if (rest.startsWith('?P=')) this.unsupported('back-references ((?P=name))');
    if (rest.startsWith('?=') || rest.startsWith('?!') || rest.startsWith('?<=') || rest.startsWith('?<!')) {
      this.unsupported('lookahead and lookbehind assertions');
    }
    if (rest.startsWith('?>')) this.unsupported('atomic groups ((?>...))');
    if (rest.startsWith('?(')) this.unsupported('conditional groups ((?(id)yes|no))');
    if (rest.startsWith('?#')) {
      this.scopes.pop();
      const end = rest.indexOf(')');
      if (end < 0) this.fail('missing ), unterminated comment');
      this.i += end + 1;
      return;
    }
    const m = /^\?([aiLmsux]*)(?:-([imsx]*))?(:|\))/.exec(rest);
    if (!m) this.fail(`unknown extension ?${rest[1] ?? ''}`);
    if (m[3] === ')') this.fail('global flags not at the start of the expression');
    this.i += m[0].length;
    const on = m[1]!;
    const off = m[2] ?? '';
    if (on.includes('L')) this.fail('the L (locale) flag is not supported');
    this.flags = {
      multiline: on.includes('m') ? true : off.includes('m') ? false : this.flags.multiline,
      verbose: on.includes('x') ? true : off.includes('x') ? false : this.flags.verbose,
      ascii: on.includes('a') ? true : this.flags.ascii,
    };
    const re2On = [...on].filter((f) => 'ims'.includes(f)).join('');
    const re2Off = [...off].filter((f) => 'ims'.includes(f)).join('');
    this.out += re2On || re2Off ? `(?${re2On}${re2Off ? `-${re2Off}` : ''}:` : '(?:';
  }

  /** Read `\xhh`, `\uhhhh`, `\Uhhhhhhhh` after the letter; the code point. */
  private hexEscape(letter: string, digits: number): number {
    if (this.mode === 'bytes' && letter !== 'x') this.fail(`bad escape \\${letter}`);
    const text = this.src.slice(this.i, this.i + digits);
    if (text.length !== digits || !HEX.test(text)) this.fail(`incomplete escape \\${letter}${text}`);
    this.i += digits;
    const cp = parseInt(text, 16);
    if (cp > MAX_CODE_POINT) this.fail(`bad escape \\${letter}${text}`);
    return cp;
  }

  /** An octal escape whose first digit was just consumed; up to two more digits. */
  private octal(first: string, maxDigits: number): number {
    let text = first;
    while (text.length < maxDigits && OCTAL.includes(this.peek() ?? 'x')) { text += this.peek(); this.i++; }
    const cp = parseInt(text, 8);
    if (cp > 0o377) this.fail(`octal escape value \\${text} outside of range 0-0o377`);
    return cp;
  }

  /** A code point escape shared by classes and the pattern body, or undefined when `c` is not one. */
  private codePointEscape(c: string): number | undefined {
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
    if (c === 'x') return this.hexEscape('x', 2);
    if (c === 'u') return this.hexEscape('u', 4);
    if (c === 'U') return this.hexEscape('U', 8);
    if (c === 'N') this.fail('named Unicode escapes (\\N{...}) are not supported');
    return undefined;
  }

  private escape(): string {
    const c = this.src[this.i];
    if (c === undefined) this.fail('bad escape (end of pattern)');
    this.i++;
    const cp = this.codePointEscape(c);
    if (cp !== undefined) return literal(cp);
    switch (c) {
      case 'd': case 'w': case 's': return classEscape(c, false, this.flags.ascii);
      case 'D': case 'W': case 'S': return classEscape(c.toLowerCase() as ClassName, true, this.flags.ascii);
      case 'b': case 'B': case 'A': return `\\${c}`;
      case 'Z': return '\\z';
      case '0': return literal(this.octal('0', 3));
    }
    if (c >= '1' && c <= '9') {
      const [d1, d2] = [this.peek(), this.peek(1)];
      if (OCTAL.includes(c) && d1 !== undefined && d2 !== undefined && OCTAL.includes(d1) && OCTAL.includes(d2)) return literal(this.octal(c, 3));
      this.unsupported('back-references (\\1 ... \\99)');
    }
    if (/[a-zA-Z0-9]/.test(c)) this.fail(`bad escape \\${c}`);
    return literal(this.codePointAt());
  }

  /** One item inside `[...]`: a code point or a class escape. */
  private classItem(): ClassItem {
    const c = this.src[this.i]!;
    this.i++;
    if (c !== '\\') return { cp: this.codePointAt() };
    const e = this.src[this.i];
    if (e === undefined) this.fail('bad escape (end of pattern)');
    this.i++;
    const cp = this.codePointEscape(e);
    if (cp !== undefined) return { cp };
    switch (e) {
      case 'd': case 'w': case 's': return { body: classBody(e, false, this.flags.ascii) };
      case 'D': case 'W': case 'S': return { body: classBody(e.toLowerCase() as ClassName, true, this.flags.ascii) };
      case 'b': return { cp: 8 };
    }
    if (OCTAL.includes(e)) return { cp: this.octal(e, 3) };
    if (/[a-zA-Z0-9]/.test(e)) this.fail(`bad escape \\${e}`);
    return { cp: this.codePointAt() };
  }

  /** `[...]` (the `[` consumed), re-emitted with every member escaped so RE2 reads no syntax of its own (`[[:alpha:]]` …). */
  private charClass(): string {
    let negated = false;
    if (this.peek() === '^') { negated = true; this.i++; }
    let body = '';
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated character set');
      if (c === ']' && !first) { this.i++; break; }
      first = false;
      const item = this.classItem();
      const range = this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']';
      if ('body' in item) {
        if (range) this.fail('bad character range');
        body += item.body;
        continue;
      }
      if (range) {
        this.i++;
        const hi = this.classItem();
        if ('body' in hi) this.fail('bad character range');
        if (hi.cp < item.cp) this.fail('bad character range');
        body += `${hex(item.cp)}-${hex(hi.cp)}`;
      } else body += hex(item.cp);
    }
    return `[${negated ? '^' : ''}${body}]`;
  }
}

/** One code point as RE2 text: ASCII letters and digits as themselves, everything else escaped. */
function literal(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return String.fromCharCode(cp);
  return hex(cp);
}

/** Translate a Python/PCRE-style regex into RE2 syntax (exported for the tests and the docs' examples). */
export function translateRegex(source: string, mode: RegexMode = 'unicode'): string {
  return new Translator(source, mode).translate();
}

// ---------------------------------------------------------------------------------------
// Compilation, cached by source: a pattern evaluated against many observations compiles once.

const CACHE_LIMIT = 1000;
const cache = new Map<string, CompiledRegex | string>();

function cached(key: string, build: () => CompiledRegex): CompiledRegex {
  let hit = cache.get(key);
  if (hit === undefined) {
    try {
      hit = build();
    } catch (e) {
      hit = e instanceof Error ? e.message : String(e);
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  if (typeof hit === 'string') throw matchError(hit);
  return hit;
}

function compileRe2(translated: string, source: string): CompiledRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(translated);
  } catch (e) {
    throw matchError(`MATCHES regex ${JSON.stringify(source)} is not supported: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { test: (text) => re.test(text) };
}

/** Compile a `MATCHES` regex (search semantics, DOTALL). Throws PATTERN_MATCH_ERROR for what RE2 cannot run. */
export function compileMatches(source: string, mode: RegexMode = 'unicode'): CompiledRegex {
  return cached(`${mode}\u0000${source}`, () => compileRe2(translateRegex(source, mode), source));
}

/** Compile a `LIKE` pattern: `%` any run of characters, `_` any one character, the rest literal, the whole value. */
export function compileLike(pattern: string): CompiledRegex {
  return cached(`like\u0000${pattern}`, () => {
    let body = '';
    for (const ch of pattern) body += ch === '%' ? '.*' : ch === '_' ? '.' : literal(ch.codePointAt(0)!);
    return compileRe2(`(?s)\\A(?:${body})\\z`, pattern);
  });
}
