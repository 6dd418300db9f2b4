export { findMatch, matchPattern, type FindOptions, type MatchOptions, type MatchResult } from './match.ts';
