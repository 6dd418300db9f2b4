import { badFilter } from './filter.ts';
import type { NeighbourhoodOptions, PageRequest, SearchOptions } from './store.ts';

/** The port's documented defaults and caps, shared by every adapter. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 10_000;
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 1000;
export const DEFAULT_DEPTH = 1;
export const MAX_DEPTH = 5;
export const DEFAULT_NODE_LIMIT = 500;
export const MAX_NODE_LIMIT = 10_000;
export const DEFAULT_BROWSE_LIMIT = 50;
export const MAX_BROWSE_LIMIT = 500;

export function pageLimit(page: PageRequest = {}): number {
  return boundedLimit(page.limit, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, 'page limit');
}

export function searchLimit(options: SearchOptions = {}): number {
  return boundedLimit(options.limit, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, 'search limit');
}

export function graphBounds(options: NeighbourhoodOptions = {}): { depth: number; limit: number } {
  const depth = options.depth ?? DEFAULT_DEPTH;
  if (!Number.isInteger(depth) || depth < 0) throw badFilter(`depth must be a whole number of hops, not ${depth}`);
  return { depth: Math.min(depth, MAX_DEPTH), limit: boundedLimit(options.limit, DEFAULT_NODE_LIMIT, MAX_NODE_LIMIT, 'node limit') };
}

/** `value` defaulted and capped at `max`; anything but a positive integer is a bad filter. */
function boundedLimit(value: number | undefined, fallback: number, max: number, what: string): number {
  const limit = value ?? fallback;
  if (!Number.isInteger(limit) || limit < 1) throw badFilter(`${what} must be a positive integer, not ${limit}`);
  return Math.min(limit, max);
}
