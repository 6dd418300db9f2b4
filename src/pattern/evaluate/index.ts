export { matchPattern, type MatchOptions, type MatchResult } from './match.ts';
