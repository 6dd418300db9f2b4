/**
 * The pattern lexer: text → tokens (STIX 2.1 §9, lexical rules of the
 * reference grammar). It knows no AST. Malformed constants are reported and
 * still emitted (flagged `malformed`) so the parser can go on and find more
 * errors; characters that start no token are reported and skipped.
 */
import { ErrorCode } from '../common/errors.ts';
import { patternDiagnostic, type PatternDiagnostic } from './errors.ts';
import { KEYWORDS, type Span, type Token, type TokenKind } from './token.ts';

export interface LexResult {
  readonly tokens: readonly Token[];
  readonly errors: readonly PatternDiagnostic[];
}

// The grammar's WS rule: ASCII and Unicode spaces.
const WHITESPACE = /[ \t\v\r\n\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

// STIX 2.1 §9.4 timestamp constant: the grammar checks ranges per field, not
// the calendar (so 2024-02-30 lexes), and seconds may be 60 (leap second).
const TIMESTAMP =
  /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

const PUNCTUATION: ReadonlyArray<readonly [string, TokenKind]> = [
  // longest first
  ['==', 'EQ'], ['!=', 'NEQ'], ['<>', 'NEQ'], ['<=', 'LE'], ['>=', 'GE'],
  ['=', 'EQ'], ['<', 'LT'], ['>', 'GT'], [':', 'COLON'], ['.', 'DOT'], [',', 'COMMA'],
  ['(', 'LPAREN'], [')', 'RPAREN'], ['[', 'LBRACK'], [']', 'RBRACK'], ['+', 'PLUS'],
  ['-', 'MINUS'], ['^', 'POWER'], ['/', 'DIVIDE'], ['*', 'ASTERISK'],
];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_-]/.test(c);

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const errors: PatternDiagnostic[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const spanOf = (start: number, end: number): Span => {
    // line/column of `start`; `start` is never before the current line start
    // except for multi-line tokens, which are computed before advancing.
    return Object.freeze({ start, end, line, column: start - lineStart + 1 });
  };
  const advanceTo = (end: number): void => {
    for (let i = pos; i < end; i++) {
      const c = text[i];
      if (c === '\n' || ((c === '\r' || c === '\u2028' || c === '\u2029') && text[i + 1] !== '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    pos = end;
  };
  const push = (kind: TokenKind, start: number, end: number, extra: Partial<Token> = {}): void => {
    tokens.push(Object.freeze({ kind, text: text.slice(start, end), span: spanOf(start, end), ...extra }));
    advanceTo(end);
  };
  const fail = (code: typeof ErrorCode.PATTERN_INVALID_LITERAL | typeof ErrorCode.PATTERN_SYNTAX, start: number, end: number, message: string): void => {
    errors.push(patternDiagnostic(code, spanOf(start, end), text.slice(start, end), message));
  };

  /** Reads a quoted body starting at the opening quote; returns the end (after the closing quote) and the unescaped value. */
  const readQuoted = (quoteAt: number): { end: number; value: string; ok: boolean } => {
    let i = quoteAt + 1;
    let value = '';
    let ok = true;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "'") return { end: i + 1, value, ok };
      if (c === '\\') {
        const next = text[i + 1];
        // STIX 2.1 §9.4: only \' and \\ are escapes in a string constant.
        if (next === "'" || next === '\\') {
          value += next;
          i += 2;
          continue;
        }
        ok = false;
        fail(ErrorCode.PATTERN_INVALID_LITERAL, i, Math.min(i + 2, text.length),
          `invalid escape '${text.slice(i, i + 2)}' in string: only \\' and \\\\ are allowed`);
        value += c;
        i += 1;
        continue;
      }
      value += c;
      i++;
    }
    fail(ErrorCode.PATTERN_INVALID_LITERAL, quoteAt, text.length, 'unterminated string constant: missing closing quote');
    return { end: text.length, value, ok: false };
  };

  while (pos < text.length) {
    const c = text[pos]!;
    if (WHITESPACE.test(c)) {
      advanceTo(pos + 1);
      continue;
    }
    if (c === '/' && text[pos + 1] === '*') {
      const close = text.indexOf('*/', pos + 2);
      if (close < 0) {
        fail(ErrorCode.PATTERN_SYNTAX, pos, text.length, 'unterminated comment: missing */');
        advanceTo(text.length);
      } else advanceTo(close + 2);
      continue;
    }
    if (c === '/' && text[pos + 1] === '/') {
      let end = pos + 2;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      advanceTo(end);
      continue;
    }
    const start = pos;
    // Typed constants: h'…', b'…', t'…' (a single letter right before a quote).
    if ((c === 'h' || c === 'b' || c === 't') && text[pos + 1] === "'" && !isIdentPart(text[pos - 1])) {
      const { end, value, ok } = readQuoted(pos + 1);
      const kind: TokenKind = c === 'h' ? 'Hex' : c === 'b' ? 'Binary' : 'Timestamp';
      const valid = kind === 'Hex' ? HEX.test(value) : kind === 'Binary' ? BASE64.test(value) : TIMESTAMP.test(value);
      if (ok && !valid) {
        const what =
          kind === 'Hex' ? 'hex constant: expected an even number of hex digits'
          : kind === 'Binary' ? 'binary constant: expected base64 text'
          : "timestamp: expected 'YYYY-MM-DDThh:mm:ss[.s+]Z' (STIX 2.1 §9.4)";
        fail(ErrorCode.PATTERN_INVALID_LITERAL, start, end, `invalid ${what}`);
      }
      push(kind, start, end, {
        value: kind === 'Hex' ? value.toLowerCase() : value,
        ...(ok && valid ? {} : { malformed: true }),
      });
      continue;
    }
    if (c === "'") {
      const { end, value, ok } = readQuoted(pos);
      push('String', start, end, { value, ...(ok ? {} : { malformed: true }) });
      continue;
    }
    // Numbers: [+-]? ( int | [0-9]* '.' [0-9]+ )
    {
      let i = pos;
      if ((c === '+' || c === '-') && (isDigit(text[i + 1]) || (text[i + 1] === '.' && isDigit(text[i + 2])))) i++;
      if (isDigit(text[i]) || (text[i] === '.' && isDigit(text[i + 1]))) {
        const digitsStart = i;
        while (isDigit(text[i])) i++;
        let isFloat = false;
        if (text[i] === '.' && isDigit(text[i + 1])) {
          isFloat = true;
          i++;
          while (isDigit(text[i])) i++;
        }
        const raw = text.slice(start, i);
        if (!isFloat && i - digitsStart > 1 && text[digitsStart] === '0') {
          fail(ErrorCode.PATTERN_INVALID_LITERAL, start, i, `invalid integer '${raw}': leading zeros are not allowed`);
          push('Int', start, i, { value: Number(raw), malformed: true });
        } else push(isFloat ? 'Float' : 'Int', start, i, { value: Number(raw) });
        continue;
      }
    }
    if (isIdentStart(c)) {
      let end = pos + 1;
      while (isIdentPart(text[end])) end++;
      const word = text.slice(pos, end);
      if (KEYWORDS.has(word)) push(word as TokenKind, start, end);
      else if (word === 'true' || word === 'false') push('Bool', start, end, { value: word === 'true' });
      else push('Identifier', start, end, { value: word, hyphenated: word.includes('-') });
      continue;
    }
    const punct = PUNCTUATION.find(([p]) => text.startsWith(p, pos));
    if (punct) {
      push(punct[1], start, start + punct[0].length);
      continue;
    }
    // A character that starts no token: report and skip (code point, not half a surrogate pair).
    const cp = text.codePointAt(pos)!;
    const width = cp > 0xffff ? 2 : 1;
    fail(ErrorCode.PATTERN_SYNTAX, pos, pos + width, `unexpected character '${text.slice(pos, pos + width)}'`);
    advanceTo(pos + width);
  }
  tokens.push(Object.freeze({ kind: 'EOF', text: '', span: spanOf(text.length, text.length) }));
  return { tokens, errors };
}
