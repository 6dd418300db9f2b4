/**
 * The pattern parser: tokens → AST (STIX 2.1 §9). A recursive-descent parser
 * driven by the operator tables in grammar.ts. It never evaluates. It collects
 * every error it can: after a bad comparison it skips to the next AND/OR or
 * closing bracket and goes on, so one call reports all broken comparisons.
 */
import { ErrorCode } from '../common/errors.ts';
import type {
  ComparisonExpression, Literal, NumberLiteral, ObjectPath, ObservationExpression, PathStep, Pattern,
  Qualifier, SetLiteral, StringLiteral, TimestampLiteral,
} from './ast.ts';
import { patternDiagnostic, type PatternDiagnostic, type PatternErrorCode } from './errors.ts';
import {
  COMPARISON_BOOLEAN_OPERATORS, COMPARISON_OPERATORS, EXISTS_VERSIONS, INDEX_TOKENS, MAX_NESTING,
  OBSERVATION_OPERATORS, OPERAND_TOKENS, QUALIFIERS, START_STOP_TOKENS, type StixVersion,
} from './grammar.ts';
import { lex } from './lexer.ts';
import { checkSemantics } from './semantic/check.ts';
import { describeKind, type Span, type Token, type TokenKind } from './token.ts';
import { validatePattern } from './validate.ts';

export interface ParseOptions {
  /** Which patterning grammar to apply; default '2.1'. */
  readonly stixVersion?: StixVersion;
  /** Compute semantic warnings (default true); a bulk compiler that never shows them skips the cost. */
  readonly warnings?: boolean;
}

export interface ParseResult {
  /** True when there are no errors. */
  readonly ok: boolean;
  /**
   * The AST, present whenever the text is grammatical (even if a later check,
   * such as a duplicate qualifier or a bad hash value, reported an error).
   */
  readonly ast?: Pattern;
  /** Every error found, in source order. */
  readonly errors: readonly PatternDiagnostic[];
  /**
   * Semantic warnings against the STIX 2.1 SCO definitions (unknown object type or
   * property, a constant the property can never equal), in source order. Always
   * present; computed only when there is an AST and not turned off; never make `ok` false.
   */
  readonly warnings: readonly PatternDiagnostic[];
}

/** Thrown inside the parser to unwind to the nearest recovery point; never escapes. */
class SyntaxFailure extends Error {}
/** Thrown when nesting is too deep; unwinds to the top without recovery. */
class FatalFailure extends Error {}

const LITERAL_TYPE: Partial<Record<TokenKind, Literal['type']>> = {
  Int: 'int', Float: 'float', String: 'string', Bool: 'bool', Binary: 'binary', Hex: 'hex', Timestamp: 'timestamp',
};

function freeze<T extends object>(node: T): T {
  return Object.freeze(node);
}

function join(a: Span, b: Span): Span {
  return Object.freeze({ start: a.start, end: b.end, line: a.line, column: a.column });
}

class Parser {
  private index = 0;
  private depth = 0;
  readonly errors: PatternDiagnostic[] = [];

  constructor(private readonly tokens: readonly Token[], private readonly version: StixVersion) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }
  private at(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }
  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'EOF') this.index++;
    return token;
  }
  private previous(): Token {
    return this.tokens[Math.max(this.index - 1, 0)]!;
  }

  private report(code: PatternErrorCode, token: Token, message: string, expected: readonly string[] = []): void {
    this.errors.push(patternDiagnostic(code, token.span, token.text, message, expected));
  }

  /** Records "expected …, found …" at the current token and unwinds. */
  private fail(expected: readonly string[], hint?: string): never {
    const token = this.peek();
    if (!token.malformed) {
      const found = token.kind === 'EOF' ? 'end of input' : `'${token.text}'`;
      const message = `expected ${expected.join(' or ')}, found ${found}${hint ? ` (${hint})` : ''}`;
      this.report(ErrorCode.PATTERN_SYNTAX, token, message, expected);
    }
    throw new SyntaxFailure();
  }

  private expect(kind: TokenKind): Token {
    if (this.at(kind)) return this.next();
    return this.fail([describeKind(kind)]);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) {
      this.report(ErrorCode.PATTERN_TOO_DEEP, this.peek(), `pattern nested deeper than ${MAX_NESTING} levels`);
      throw new FatalFailure();
    }
  }
  private leave(): void {
    this.depth--;
  }

  parse(): Pattern | undefined {
    try {
      const body = this.observationLevel(0);
      if (!this.at('EOF')) {
        const expected = [...OBSERVATION_OPERATORS.map((o) => `'${o.token}'`), ...QUALIFIERS.map((q) => `'${q.leading}'`), describeKind('EOF')];
        this.fail(expected);
      }
      return freeze<Pattern>({ kind: 'Pattern', span: body.span, body });
    } catch (error) {
      if (error instanceof SyntaxFailure || error instanceof FatalFailure) return undefined;
      throw error;
    }
  }

  // Observation expressions: precedence climbing over OBSERVATION_OPERATORS (STIX 2.1 §9.5).
  private observationLevel(level: number): ObservationExpression {
    const row = OBSERVATION_OPERATORS[level];
    if (!row) return this.qualifiedObservation();
    let left = this.observationLevel(level + 1);
    while (this.at(row.token)) {
      this.next();
      const right = this.observationLevel(level + 1);
      left = freeze({ kind: 'ObservationBinary', span: join(left.span, right.span), operator: row.token, left, right });
    }
    return left;
  }

  private qualifiedObservation(): ObservationExpression {
    let expr: ObservationExpression;
    const open = this.peek();
    if (open.kind === 'LBRACK') {
      this.next();
      this.enter();
      const body = this.comparisonLevel(0);
      const close = this.expect('RBRACK');
      this.leave();
      expr = freeze({ kind: 'Observation', span: join(open.span, close.span), body });
    } else if (open.kind === 'LPAREN') {
      this.next();
      this.enter();
      const body = this.observationLevel(0);
      const close = this.expect('RPAREN');
      this.leave();
      expr = freeze({ kind: 'ObservationGroup', span: join(open.span, close.span), body });
    } else {
      // STIX 2.1 §9.5: a pattern is built from observation expressions in square brackets.
      return this.fail([describeKind('LBRACK'), describeKind('LPAREN')],
        open.kind === 'Identifier' ? 'an observation expression must be in square brackets' : undefined);
    }
    for (;;) {
      const row = QUALIFIERS.find((q) => q.leading === this.peek().kind);
      if (!row) return expr;
      const qualifier = this.qualifier(row.type);
      expr = freeze({ kind: 'Qualified', span: join(expr.span, qualifier.span), body: expr, qualifier });
    }
  }

  // STIX 2.1 §9.8 qualifiers.
  private qualifier(type: 'WITHIN' | 'REPEATS' | 'STARTSTOP'): Qualifier {
    const first = this.next();
    if (type === 'WITHIN') {
      const seconds = this.positiveNumber(['Int', 'Float']);
      const unit = this.expect('SECONDS');
      return freeze({ kind: 'Within', span: join(first.span, unit.span), seconds });
    }
    if (type === 'REPEATS') {
      const times = this.positiveNumber(['Int']);
      const unit = this.expect('TIMES');
      return freeze({ kind: 'Repeats', span: join(first.span, unit.span), times });
    }
    const start = this.startStopTime();
    this.expect('STOP');
    const stop = this.startStopTime();
    return freeze({ kind: 'StartStop', span: join(first.span, stop.span), start, stop });
  }

  private positiveNumber(kinds: readonly TokenKind[]): NumberLiteral {
    const token = this.peek();
    const expected = kinds.map((k) => `a positive ${k === 'Int' ? 'integer' : 'float'}`);
    if (!kinds.includes(token.kind) || token.text.startsWith('-')) this.fail(expected);
    return this.literal(this.next()) as NumberLiteral;
  }

  private startStopTime(): TimestampLiteral | StringLiteral {
    const kinds = START_STOP_TOKENS[this.version];
    if (!kinds.includes(this.peek().kind)) this.fail(kinds.map(describeKind));
    return this.literal(this.next()) as TimestampLiteral | StringLiteral;
  }

  // Comparison expressions inside brackets: precedence climbing over COMPARISON_BOOLEAN_OPERATORS.
  private comparisonLevel(level: number): ComparisonExpression {
    const row = COMPARISON_BOOLEAN_OPERATORS[level];
    if (!row) return this.recoveringTest();
    let left = this.comparisonLevel(level + 1);
    while (this.at(row.token)) {
      this.next();
      const right = this.comparisonLevel(level + 1);
      left = freeze({ kind: 'ComparisonBinary', span: join(left.span, right.span), operator: row.token, left, right });
    }
    return left;
  }

  /** Parses one comparison; on a syntax error, skips to the next AND/OR/`]`/`)` at this level and goes on. */
  private recoveringTest(): ComparisonExpression {
    const start = this.index;
    const depth = this.depth;
    try {
      return this.test();
    } catch (error) {
      if (!(error instanceof SyntaxFailure)) throw error;
      this.depth = depth;
      let nesting = 0;
      for (;;) {
        const kind = this.peek().kind;
        if (kind === 'EOF') break;
        if (nesting === 0 && (kind === 'AND' || kind === 'OR' || kind === 'RBRACK' || kind === 'RPAREN')) break;
        if (kind === 'LPAREN' || kind === 'LBRACK') nesting++;
        if (kind === 'RPAREN' || kind === 'RBRACK') nesting--;
        this.next();
      }
      // A placeholder so parsing can continue; the AST is dropped because errors exist.
      const token = this.tokens[start]!;
      return freeze({
        kind: 'Exists', span: token.span,
        path: freeze({ kind: 'ObjectPath', span: token.span, objectType: '', steps: Object.freeze([]) }),
      });
    }
  }

  // STIX 2.1 §9.6 comparisons.
  private test(): ComparisonExpression {
    const first = this.peek();
    if (first.kind === 'LPAREN') {
      this.next();
      this.enter();
      const body = this.comparisonLevel(0);
      const close = this.expect('RPAREN');
      this.leave();
      return freeze({ kind: 'ComparisonGroup', span: join(first.span, close.span), body });
    }
    if (first.kind === 'EXISTS') {
      this.next();
      if (!EXISTS_VERSIONS.includes(this.version)) {
        this.report(ErrorCode.PATTERN_UNSUPPORTED, first, `EXISTS is not part of STIX ${this.version} patterning`);
      }
      const path = this.objectPath();
      return freeze({ kind: 'Exists', span: join(first.span, path.span), path });
    }
    const path = this.objectPath();
    const negated = this.at('NOT');
    if (negated) this.next();
    const row = COMPARISON_OPERATORS.find((r) => r.token === this.peek().kind);
    if (!row) {
      this.fail(negated ? COMPARISON_OPERATORS.map((r) => `'${r.operator}'`)
        : ["'NOT'", ...COMPARISON_OPERATORS.map((r) => `'${r.operator}'`)]);
    }
    this.next();
    let value: Literal | SetLiteral;
    if (row.operand === 'set') value = this.setLiteral();
    else {
      const kinds = OPERAND_TOKENS[row.operand];
      if (!kinds.includes(this.peek().kind)) {
        this.fail(kinds.map(describeKind),
          this.peek().kind === 'Identifier' ? 'string constants need single quotes' : undefined);
      }
      value = this.literal(this.next());
    }
    return freeze({ kind: 'Comparison', span: join(path.span, value.span), path, negated, operator: row.operator, value });
  }

  private setLiteral(): SetLiteral {
    const open = this.expect('LPAREN');
    const items: Literal[] = [];
    const kinds = OPERAND_TOKENS.primitive;
    if (!this.at('RPAREN')) {
      for (;;) {
        if (!kinds.includes(this.peek().kind)) this.fail(kinds.map(describeKind));
        items.push(this.literal(this.next()));
        if (this.at('COMMA')) {
          this.next();
          continue;
        }
        if (!this.at('RPAREN')) this.fail([describeKind('COMMA'), describeKind('RPAREN')]);
        break;
      }
    }
    const close = this.expect('RPAREN');
    return freeze({ kind: 'Set', span: join(open.span, close.span), items: Object.freeze(items) });
  }

  private literal(token: Token): Literal {
    const type = LITERAL_TYPE[token.kind]!;
    return freeze({ kind: 'Literal', span: token.span, raw: token.text, type, value: token.value } as Literal);
  }

  // STIX 2.1 §9.7 object paths: type ':' first ( '.' key | '[' index ']' )*.
  private objectPath(): ObjectPath {
    const typeToken = this.peek();
    if (typeToken.kind !== 'Identifier') this.fail(['an object type'], undefined);
    this.next();
    this.expect('COLON');
    const steps: PathStep[] = [this.key()];
    for (;;) {
      if (this.at('DOT')) {
        this.next();
        steps.push(this.key());
      } else if (this.at('LBRACK')) {
        const open = this.next();
        const token = this.peek();
        if (!INDEX_TOKENS.includes(token.kind)) this.fail(['a list index (an integer or *)']);
        this.next();
        const close = this.expect('RBRACK');
        steps.push(freeze({ kind: 'Index', span: join(open.span, close.span), index: token.kind === 'ASTERISK' ? '*' : Number(token.value) }));
      } else break;
    }
    const last = this.previous();
    return freeze({ kind: 'ObjectPath', span: join(typeToken.span, last.span), objectType: String(typeToken.value), steps: Object.freeze(steps) });
  }

  private key(): PathStep {
    const token = this.peek();
    if (token.kind === 'String') {
      this.next();
      return freeze({ kind: 'Key', span: token.span, name: String(token.value), quoted: true });
    }
    if (token.kind === 'Identifier' && !token.hyphenated) {
      this.next();
      return freeze({ kind: 'Key', span: token.span, name: String(token.value), quoted: false });
    }
    return this.fail(['a property name', describeKind('String')],
      token.kind === 'Identifier' ? `a property name with '-' must be quoted: '${token.text}'` : undefined);
  }
}

/**
 * Parses a STIX pattern. Never throws for bad input: every problem comes back
 * in `errors` with its code, line, column, offending text and what was expected.
 */
export function parsePattern(text: string, options: ParseOptions = {}): ParseResult {
  const version = options.stixVersion ?? '2.1';
  const lexed = lex(text);
  const parser = new Parser(lexed.tokens, version);
  const ast = parser.parse();
  const syntaxErrors = [...lexed.errors, ...parser.errors];
  const grammatical = ast !== undefined && !syntaxErrors.some((e) => e.code !== ErrorCode.PATTERN_UNSUPPORTED);
  const errors = grammatical ? [...syntaxErrors, ...validatePattern(ast)] : syntaxErrors;
  errors.sort((a, b) => a.span.start - b.span.start);
  const warnings = grammatical && options.warnings !== false ? checkSemantics(ast, text, version) : [];
  return Object.freeze({
    ok: errors.length === 0,
    ...(grammatical ? { ast } : {}),
    errors: Object.freeze(errors),
    warnings: Object.freeze(warnings),
  });
}
