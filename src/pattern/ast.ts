/**
 * The pattern AST: immutable nodes, each with a `kind` and a `span`
 * (STIX 2.1 §9). The parser builds it; it never evaluates.
 */
import type { ComparisonOperator } from './grammar.ts';
import type { Span } from './token.ts';

export type { Span } from './token.ts';

/** The whole pattern: one observation expression. */
export interface Pattern {
  readonly kind: 'Pattern';
  readonly span: Span;
  readonly body: ObservationExpression;
}

export type ObservationExpression = Observation | ObservationBinary | ObservationGroup | Qualified;

/** `[ comparison expression ]` (STIX 2.1 §9.5). */
export interface Observation {
  readonly kind: 'Observation';
  readonly span: Span;
  readonly body: ComparisonExpression;
}

/** `left AND|OR|FOLLOWEDBY right` between observation expressions, left-associative. */
export interface ObservationBinary {
  readonly kind: 'ObservationBinary';
  readonly span: Span;
  readonly operator: 'AND' | 'OR' | 'FOLLOWEDBY';
  readonly left: ObservationExpression;
  readonly right: ObservationExpression;
}

/** `( observation expressions )`. */
export interface ObservationGroup {
  readonly kind: 'ObservationGroup';
  readonly span: Span;
  readonly body: ObservationExpression;
}

/** An observation expression with one qualifier; several qualifiers nest, innermost first. */
export interface Qualified {
  readonly kind: 'Qualified';
  readonly span: Span;
  readonly body: ObservationExpression;
  readonly qualifier: Qualifier;
}

export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

/** `WITHIN n SECONDS` (STIX 2.1 §9.8). */
export interface WithinQualifier {
  readonly kind: 'Within';
  readonly span: Span;
  readonly seconds: NumberLiteral;
}

/** `REPEATS n TIMES` (STIX 2.1 §9.8). */
export interface RepeatsQualifier {
  readonly kind: 'Repeats';
  readonly span: Span;
  readonly times: NumberLiteral;
}

/** `START t'…' STOP t'…'` (STIX 2.1 §9.8); in 2.0 patterns the times may be plain strings. */
export interface StartStopQualifier {
  readonly kind: 'StartStop';
  readonly span: Span;
  readonly start: TimestampLiteral | StringLiteral;
  readonly stop: TimestampLiteral | StringLiteral;
}

export type ComparisonExpression = ComparisonBinary | ComparisonGroup | Comparison | Exists;

/** `left AND|OR right` inside brackets, left-associative. */
export interface ComparisonBinary {
  readonly kind: 'ComparisonBinary';
  readonly span: Span;
  readonly operator: 'AND' | 'OR';
  readonly left: ComparisonExpression;
  readonly right: ComparisonExpression;
}

/** `( comparison expression )`. */
export interface ComparisonGroup {
  readonly kind: 'ComparisonGroup';
  readonly span: Span;
  readonly body: ComparisonExpression;
}

/** `path [NOT] operator value` (STIX 2.1 §9.6). */
export interface Comparison {
  readonly kind: 'Comparison';
  readonly span: Span;
  readonly path: ObjectPath;
  readonly negated: boolean;
  readonly operator: ComparisonOperator;
  readonly value: Literal | SetLiteral;
}

/** `EXISTS path` (STIX 2.1 only). */
export interface Exists {
  readonly kind: 'Exists';
  readonly span: Span;
  readonly path: ObjectPath;
}

/** `type:prop.key[0].'quoted key'[*]` (STIX 2.1 §9.7). */
export interface ObjectPath {
  readonly kind: 'ObjectPath';
  readonly span: Span;
  readonly objectType: string;
  readonly steps: readonly PathStep[];
}

export type PathStep = KeyStep | IndexStep;

/** A property name; `quoted` when written as a string (`'SHA-256'`). The first step is always a key. */
export interface KeyStep {
  readonly kind: 'Key';
  readonly span: Span;
  readonly name: string;
  readonly quoted: boolean;
}

/** A list index: a number (possibly negative, as the grammar allows) or `*` for "any element". */
export interface IndexStep {
  readonly kind: 'Index';
  readonly span: Span;
  readonly index: number | '*';
}

export type Literal = NumberLiteral | StringLiteral | BoolLiteral | BinaryLiteral | HexLiteral | TimestampLiteral;

interface LiteralBase {
  readonly kind: 'Literal';
  readonly span: Span;
  /** The constant exactly as written in the pattern. */
  readonly raw: string;
}
export interface NumberLiteral extends LiteralBase { readonly type: 'int' | 'float'; readonly value: number }
/** Value unescaped. */
export interface StringLiteral extends LiteralBase { readonly type: 'string'; readonly value: string }
export interface BoolLiteral extends LiteralBase { readonly type: 'bool'; readonly value: boolean }
/** Value: the base64 text between the quotes (decoding is the evaluator's job). */
export interface BinaryLiteral extends LiteralBase { readonly type: 'binary'; readonly value: string }
/** Value: the hex digits, lower case. */
export interface HexLiteral extends LiteralBase { readonly type: 'hex'; readonly value: string }
/** Value: the RFC 3339 text between the quotes. */
export interface TimestampLiteral extends LiteralBase { readonly type: 'timestamp'; readonly value: string }

/** `( c, c, … )` — the right side of IN. */
export interface SetLiteral {
  readonly kind: 'Set';
  readonly span: Span;
  readonly items: readonly Literal[];
}

export type Node =
  | Pattern | ObservationExpression | Qualifier | ComparisonExpression | ObjectPath | PathStep | Literal | SetLiteral;

type Binary = ComparisonBinary | ObservationBinary;
type Operand<B extends Binary> = B extends ComparisonBinary ? ComparisonExpression : ObservationExpression;

/**
 * The operands of a chain of one operator (`a OR b OR c` parses as `(a OR b) OR c`), in
 * source order, gathered without recursion: a list of 10,000 hashes is one flat OR to
 * every walker, never a 10,000-deep recursion.
 */
export function chainOperands<B extends Binary>(expr: B): Operand<B>[] {
  const rights: Operand<B>[] = [];
  let node: Operand<B> = expr as Operand<B>;
  while (node.kind === expr.kind && (node as B).operator === expr.operator) {
    rights.push((node as B).right as Operand<B>);
    node = (node as B).left as Operand<B>;
  }
  rights.push(node);
  return rights.reverse();
}
