/**
 * Tokens of the STIX patterning language (STIX 2.1 §9). The lexer produces
 * these; it knows nothing of the AST.
 */

/** A source range: `start`/`end` are UTF-16 offsets (end exclusive); `line` and `column` (both 1-based) locate `start`. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

export type TokenKind =
  // keywords (case-sensitive, STIX 2.1 §9.2)
  | 'AND' | 'OR' | 'NOT' | 'FOLLOWEDBY' | 'LIKE' | 'MATCHES' | 'ISSUPERSET' | 'ISSUBSET' | 'EXISTS'
  | 'LAST' | 'IN' | 'START' | 'STOP' | 'SECONDS' | 'WITHIN' | 'REPEATS' | 'TIMES'
  // constants
  | 'Int' | 'Float' | 'String' | 'Bool' | 'Binary' | 'Hex' | 'Timestamp'
  // names
  | 'Identifier'
  // punctuation and comparison operators
  | 'EQ' | 'NEQ' | 'LT' | 'LE' | 'GT' | 'GE'
  | 'COLON' | 'DOT' | 'COMMA' | 'LPAREN' | 'RPAREN' | 'LBRACK' | 'RBRACK'
  | 'PLUS' | 'MINUS' | 'POWER' | 'DIVIDE' | 'ASTERISK'
  | 'EOF';

/** The keywords, spelled exactly as the grammar wants them. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS',
  'LAST', 'IN', 'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES',
]);

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token, exactly as written. */
  readonly text: string;
  readonly span: Span;
  /**
   * The decoded value of a constant: strings unescaped, numbers as numbers,
   * booleans, hex digits (lower case) for `h'…'`, base64 text for `b'…'`,
   * the timestamp text for `t'…'`. Undefined for other tokens.
   */
  readonly value?: string | number | boolean;
  /** For identifiers: whether the name contains `-` (allowed for object types only). */
  readonly hyphenated?: boolean;
  /** True when the lexer already reported this token as malformed; the parser does not report it again. */
  readonly malformed?: boolean;
}

/** How a token kind is shown in "expected …" messages. */
export function describeKind(kind: TokenKind): string {
  switch (kind) {
    case 'Int': return 'an integer';
    case 'Float': return 'a float';
    case 'String': return "a string ('…')";
    case 'Bool': return 'true or false';
    case 'Binary': return "a binary constant (b'…')";
    case 'Hex': return "a hex constant (h'…')";
    case 'Timestamp': return "a timestamp (t'…')";
    case 'Identifier': return 'a name';
    case 'EQ': return "'='";
    case 'NEQ': return "'!='";
    case 'LT': return "'<'";
    case 'LE': return "'<='";
    case 'GT': return "'>'";
    case 'GE': return "'>='";
    case 'COLON': return "':'";
    case 'DOT': return "'.'";
    case 'COMMA': return "','";
    case 'LPAREN': return "'('";
    case 'RPAREN': return "')'";
    case 'LBRACK': return "'['";
    case 'RBRACK': return "']'";
    case 'PLUS': return "'+'";
    case 'MINUS': return "'-'";
    case 'POWER': return "'^'";
    case 'DIVIDE': return "'/'";
    case 'ASTERISK': return "'*'";
    case 'EOF': return 'end of input';
    default: return `'${kind}'`;
  }
}
