/**
 * The patterning grammar's operator tables, as data (STIX 2.1 §9.5–§9.8).
 * The parser reads these tables; adding an operator means adding a row.
 */
import type { TokenKind } from './token.ts';

export type StixVersion = '2.0' | '2.1';

/** Boolean/temporal operators between observation expressions, lowest precedence first (STIX 2.1 §9.5, Table 9.3). */
export const OBSERVATION_OPERATORS: ReadonlyArray<{ readonly token: 'FOLLOWEDBY' | 'OR' | 'AND'; readonly precedence: number }> = [
  { token: 'FOLLOWEDBY', precedence: 1 },
  { token: 'OR', precedence: 2 },
  { token: 'AND', precedence: 3 },
];

/** Boolean operators between comparisons inside `[…]`, lowest precedence first (STIX 2.1 §9.5). */
export const COMPARISON_BOOLEAN_OPERATORS: ReadonlyArray<{ readonly token: 'OR' | 'AND'; readonly precedence: number }> = [
  { token: 'OR', precedence: 1 },
  { token: 'AND', precedence: 2 },
];

/** Which constants a comparison operator takes on its right (the grammar's primitive/orderable literal rules). */
export type OperandClass =
  | 'primitive' // any constant
  | 'orderable' // any constant but a boolean
  | 'set' // ( c, c, … )
  | 'string'; // a string constant only

export type ComparisonOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export interface ComparisonOperatorRow {
  readonly operator: ComparisonOperator;
  readonly token: TokenKind;
  readonly operand: OperandClass;
}

/** Comparison operators (STIX 2.1 §9.6, Table 9.4); each may be preceded by NOT. */
export const COMPARISON_OPERATORS: readonly ComparisonOperatorRow[] = [
  { operator: '=', token: 'EQ', operand: 'primitive' },
  { operator: '!=', token: 'NEQ', operand: 'primitive' },
  { operator: '<', token: 'LT', operand: 'orderable' },
  { operator: '<=', token: 'LE', operand: 'orderable' },
  { operator: '>', token: 'GT', operand: 'orderable' },
  { operator: '>=', token: 'GE', operand: 'orderable' },
  { operator: 'IN', token: 'IN', operand: 'set' },
  { operator: 'LIKE', token: 'LIKE', operand: 'string' },
  { operator: 'MATCHES', token: 'MATCHES', operand: 'string' },
  { operator: 'ISSUBSET', token: 'ISSUBSET', operand: 'string' },
  { operator: 'ISSUPERSET', token: 'ISSUPERSET', operand: 'string' },
];

/** Constant token kinds accepted by each operand class. */
export const OPERAND_TOKENS: Readonly<Record<Exclude<OperandClass, 'set'>, readonly TokenKind[]>> = {
  primitive: ['Int', 'Float', 'String', 'Binary', 'Hex', 'Timestamp', 'Bool'],
  orderable: ['Int', 'Float', 'String', 'Binary', 'Hex', 'Timestamp'],
  string: ['String'],
};

/** Unary `EXISTS path` (STIX 2.1 §9.6); the 2.0 grammar does not have it. */
export const EXISTS_VERSIONS: readonly StixVersion[] = ['2.1'];

export type QualifierType = 'WITHIN' | 'REPEATS' | 'STARTSTOP';

/** Observation expression qualifiers (STIX 2.1 §9.8, Table 9.5), as token sequences. */
export const QUALIFIERS: ReadonlyArray<{ readonly type: QualifierType; readonly leading: TokenKind }> = [
  { type: 'WITHIN', leading: 'WITHIN' }, // WITHIN <positive int|float> SECONDS
  { type: 'REPEATS', leading: 'REPEATS' }, // REPEATS <positive int> TIMES
  { type: 'STARTSTOP', leading: 'START' }, // START <timestamp> STOP <timestamp>
];

/** Constants accepted after START/STOP: 2.1 wants t'…'; 2.0 used plain strings (and the updated 2.0 grammar accepts t'…' too). */
export const START_STOP_TOKENS: Readonly<Record<StixVersion, readonly TokenKind[]>> = {
  '2.0': ['String', 'Timestamp'],
  '2.1': ['Timestamp'],
};

/** Index tokens allowed inside a path's `[…]` step. */
export const INDEX_TOKENS: readonly TokenKind[] = ['Int', 'ASTERISK'];

/** Nesting depth (parentheses and brackets) beyond which the parser gives up with PATTERN_TOO_DEEP instead of overflowing the stack. */
export const MAX_NESTING = 500;
