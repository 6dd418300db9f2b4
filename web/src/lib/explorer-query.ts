/**
 * The explorer's state ⇄ the URL query string (so links and Back work) and
 * → the `GET /api/objects` query. Unknown or malformed parameters are dropped,
 * not passed on: a hand-edited URL gives a working page, never a 400.
 */
import type { SortField, TlpLevel } from '../../../src/server/api/contract.ts';
import { isTlpLevel } from './tlp.ts';

export interface ExplorerState {
  q: string;
  type: string[];
  partner: string[];
  tlp: TlpLevel[];
  label: string[];
  from: string;
  to: string;
  sort: SortField;
  order: 'asc' | 'desc';
  offset: number;
}

// The contract's SORT_FIELDS is a value; the SPA takes only types from it, so
// the list is repeated here and `satisfies` keeps the two in step.
export const SORT_FIELDS = ['relevance', 'name', 'type', 'created', 'modified', 'added'] as const satisfies readonly SortField[];

export const PAGE_SIZE = 50;

export const LIST_KEYS = ['type', 'partner', 'tlp', 'label'] as const;
type ListKey = (typeof LIST_KEYS)[number];

export const EMPTY_STATE: ExplorerState = {
  q: '', type: [], partner: [], tlp: [], label: [], from: '', to: '', sort: 'added', order: 'desc', offset: 0,
};

/** The default sort: relevance while searching, newest first otherwise. */
export function defaultSort(q: string): SortField {
  return q.trim() ? 'relevance' : 'added';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Values of a list parameter, repeated or comma-separated, trimmed, without empties or duplicates. */
function listOf(params: URLSearchParams, key: string): string[] {
  const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return [...new Set(values)];
}

export function parseExplorerQuery(search: string): ExplorerState {
  const params = new URLSearchParams(search);
  const q = params.get('q')?.trim() ?? '';
  const sortParam = params.get('sort') ?? '';
  const sorts: readonly string[] = SORT_FIELDS;
  let sort: SortField = sorts.includes(sortParam) ? (sortParam as SortField) : defaultSort(q);
  if (sort === 'relevance' && !q) sort = 'added'; // relevance needs a search
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const offset = Number(params.get('offset') ?? '0');
  const date = (key: string) => {
    const value = params.get(key) ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    q,
    type: listOf(params, 'type'),
    partner: listOf(params, 'partner'),
    tlp: listOf(params, 'tlp').filter(isTlpLevel),
    label: listOf(params, 'label'),
    from: date('from'),
    to: date('to'),
    sort,
    order,
    offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The canonical query string of a state (defaults left out), with its leading "?" or "" when empty. */
export function toSearchString(state: ExplorerState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of LIST_KEYS) for (const value of state[key]) params.append(key, value);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort !== defaultSort(state.q)) params.set('sort', state.sort);
  if (state.order !== 'desc') params.set('order', state.order);
  if (state.offset > 0) params.set('offset', String(state.offset));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The `GET /api/objects` query string. Dates become whole-day bounds in UTC:
 * `to` includes its day.
 */
export function toApiQuery(state: ExplorerState, limit = PAGE_SIZE): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of LIST_KEYS) if (state[key].length) params.set(key, state[key].join(','));
  if (state.from) params.set('from', `${state.from}T00:00:00.000Z`);
  if (state.to) params.set('to', `${state.to}T23:59:59.999Z`);
  params.set('sort', state.sort);
  params.set('order', state.order);
  params.set('offset', String(state.offset));
  params.set('limit', String(limit));
  return params.toString();
}

/** A change of filters or search starts again at the first page; a change of page keeps them. */
export function withFilter(state: ExplorerState, change: Partial<Omit<ExplorerState, 'offset'>>): ExplorerState {
  const next = { ...state, ...change, offset: 0 };
  if ('q' in change && !('sort' in change)) {
    // Searching switches to relevance order, clearing the search leaves it.
    if (next.q && !state.q) next.sort = 'relevance';
    if (!next.q && next.sort === 'relevance') next.sort = 'added';
  }
  return next;
}

/** Clicking a column header: the same column flips the order, another one sorts by it (newest/largest first for dates). */
export function withSort(state: ExplorerState, sort: SortField): ExplorerState {
  if (state.sort === sort) return { ...state, order: state.order === 'asc' ? 'desc' : 'asc', offset: 0 };
  const ascending = sort === 'name' || sort === 'type';
  return { ...state, sort, order: ascending ? 'asc' : 'desc', offset: 0 };
}

export function listValue(state: ExplorerState, key: ListKey): string {
  return state[key][0] ?? '';
}
