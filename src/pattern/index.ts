/** STIX patterning (STIX 2.1 §9): lexer, parser, AST and syntax validation. */
export type * from './ast.ts';
export { PatternError, type PatternDiagnostic, type PatternErrorCode } from './errors.ts';
export type { Span, Token, TokenKind } from './token.ts';
export { lex, type LexResult } from './lexer.ts';
export { parsePattern, type ParseOptions, type ParseResult } from './parser.ts';
export {
  COMPARISON_BOOLEAN_OPERATORS, COMPARISON_OPERATORS, OBSERVATION_OPERATORS, QUALIFIERS,
  type ComparisonOperator, type QualifierType, type StixVersion,
} from './grammar.ts';
export { findMatch, matchPattern, type FindOptions, type MatchOptions, type MatchResult } from './evaluate/index.ts';
export * from './match-index/index.ts';
