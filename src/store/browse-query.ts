import { TLP_LEVELS } from '../stix/markings.ts';
import { timestampProblem } from '../stix/timestamp.ts';
import { badFilter } from './filter.ts';
import { DEFAULT_BROWSE_LIMIT, MAX_BROWSE_LIMIT } from './limits.ts';
import { BROWSE_SORTS, type BrowseQuery, type BrowseSort } from './store.ts';
import { versionKey } from './version-key.ts';

/**
 * A `BrowseQuery` checked, defaulted and put in the form adapters compile.
 * Lists stay as given: a present but empty one matches nothing (see
 * `browseMatchesNothing`), except `excludeIds`, where it leaves nothing out.
 */
export interface NormalizedBrowse extends Pick<BrowseQuery, 'types' | 'labels' | 'tlp' | 'ids' | 'excludeIds' | 'collections'> {
  /** Not blank: text of only white space is no text filter. */
  text?: string;
  /** Version keys (`versionKey`) of the inclusive bounds on `modified`, else `created`. */
  modifiedFrom?: string;
  modifiedTo?: string;
  sort: BrowseSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * Checks and defaults a browse query; anything out of range is STORE_BAD_FILTER
 * with the field and the rule it breaks, never clamped silently.
 */
export function normalizeBrowse(query: BrowseQuery): NormalizedBrowse {
  const text = query.text?.trim() ? query.text : undefined;
  const sort = query.sort ?? (text === undefined ? 'modified' : 'relevance');
  if (!(BROWSE_SORTS as readonly string[]).includes(sort)) throw badFilter(`browse sort must be one of ${BROWSE_SORTS.join(', ')}, not ${JSON.stringify(sort)}`);
  if (sort === 'relevance' && text === undefined) throw badFilter('browse sort relevance needs text to rank by');
  const order = query.order ?? (sort === 'name' || sort === 'type' ? 'asc' : 'desc');
  if (order !== 'asc' && order !== 'desc') throw badFilter(`browse order must be asc or desc, not ${JSON.stringify(order)}`);
  const normalized: NormalizedBrowse = {
    sort,
    order,
    offset: wholeNumber(query.offset ?? 0, 0, Number.MAX_SAFE_INTEGER, 'browse offset'),
    limit: wholeNumber(query.limit ?? DEFAULT_BROWSE_LIMIT, 1, MAX_BROWSE_LIMIT, 'browse limit'),
  };
  if (text !== undefined) normalized.text = text;
  if (query.types) normalized.types = query.types;
  if (query.labels) normalized.labels = query.labels;
  if (query.ids) normalized.ids = query.ids;
  if (query.excludeIds) normalized.excludeIds = query.excludeIds;
  if (query.collections) normalized.collections = query.collections;
  if (query.tlp) {
    const unknown = query.tlp.levels.filter((level) => !(TLP_LEVELS as readonly string[]).includes(level));
    if (unknown.length > 0) throw badFilter(`browse tlp level ${unknown.map((level) => JSON.stringify(level)).join(', ')} is not one of ${TLP_LEVELS.join(', ')}`);
    normalized.tlp = { levels: query.tlp.levels, unmarked: query.tlp.unmarked };
  }
  if (query.modifiedFrom !== undefined) normalized.modifiedFrom = boundKey(query.modifiedFrom, 'modifiedFrom');
  if (query.modifiedTo !== undefined) normalized.modifiedTo = boundKey(query.modifiedTo, 'modifiedTo');
  return normalized;
}

/** True when some list in the query is empty (or TLP allows no level and not unmarked), so nothing can match. */
export function browseMatchesNothing(query: NormalizedBrowse): boolean {
  if (query.tlp && query.tlp.levels.length === 0 && !query.tlp.unmarked) return true;
  return [query.types, query.labels, query.ids, query.collections].some((list) => list !== undefined && list.length === 0);
}

function wholeNumber(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw badFilter(`${what} must be a whole number ${range}, not ${value}`);
  }
  return value;
}

function boundKey(timestamp: string, what: string): string {
  const problem = timestampProblem(timestamp);
  if (problem) throw badFilter(`browse ${what} ${JSON.stringify(timestamp)} ${problem}`);
  return versionKey(timestamp);
}
