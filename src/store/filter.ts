import { AppError, ErrorCode } from '../common/errors.ts';
import { timestampProblem } from '../stix/timestamp.ts';
import type { ObjectFilter } from './store.ts';
import { versionKey } from './version-key.ts';

/**
 * An `ObjectFilter` checked and put in the form adapters compile: one filter
 * model, compiled per adapter. A list that is present but empty matches
 * nothing (see `matchesNothing`).
 */
export interface NormalizedFilter {
  ids?: readonly string[];
  types?: readonly string[];
  versions: VersionMatch;
  specVersions?: readonly string[];
  /** Validated STIX timestamp; versions added strictly after it match. */
  addedAfter?: string;
  createdByRefs?: readonly string[];
  markings?: readonly string[];
  collection?: string;
}

/** The OR-ed version selectors; `all` makes the others irrelevant. */
export interface VersionMatch {
  all: boolean;
  first: boolean;
  last: boolean;
  /** Version keys (`versionKey`) of exact versions. */
  exact: string[];
}

export function normalizeFilter(filter: ObjectFilter = {}): NormalizedFilter {
  const normalized: NormalizedFilter = { versions: versionMatch(filter.versions ?? ['last']) };
  if (filter.ids) normalized.ids = filter.ids;
  if (filter.types) normalized.types = filter.types;
  if (filter.specVersions) normalized.specVersions = filter.specVersions;
  if (filter.createdByRefs) normalized.createdByRefs = filter.createdByRefs;
  if (filter.markings) normalized.markings = filter.markings;
  if (filter.collection !== undefined) normalized.collection = filter.collection;
  if (filter.addedAfter !== undefined) {
    const problem = timestampProblem(filter.addedAfter);
    if (problem) throw badFilter(`addedAfter ${JSON.stringify(filter.addedAfter)} ${problem}`);
    normalized.addedAfter = filter.addedAfter;
  }
  return normalized;
}

/** True when some list in the filter is empty, so no version can match. */
export function matchesNothing(filter: NormalizedFilter): boolean {
  const { versions } = filter;
  const noVersion = !versions.all && !versions.first && !versions.last && versions.exact.length === 0;
  return noVersion || [filter.ids, filter.types, filter.specVersions, filter.createdByRefs, filter.markings]
    .some((list) => list !== undefined && list.length === 0);
}

function versionMatch(selectors: readonly string[]): VersionMatch {
  const match: VersionMatch = { all: false, first: false, last: false, exact: [] };
  for (const selector of selectors) {
    if (selector === 'all' || selector === 'first' || selector === 'last') {
      match[selector] = true;
      continue;
    }
    const problem = timestampProblem(selector);
    if (problem) throw badFilter(`version ${JSON.stringify(selector)} is not first, last, all or a timestamp: ${problem}`);
    match.exact.push(versionKey(selector));
  }
  return match;
}

export function badFilter(message: string): AppError {
  return new AppError(ErrorCode.STORE_BAD_FILTER, message);
}
