import { AppError, ErrorCode } from '../../common/errors.ts';
import { TLP_LEVELS, type TlpLevel } from '../../stix/markings.ts';
import { MAX_BROWSE_LIMIT } from '../../store/limits.ts';
import type { BrowseQuery } from '../../store/store.ts';
import { SORT_FIELDS, type ObjectQuery, type SortField } from './contract.ts';

/** The partner-of-origin value for objects made on this node. */
export const LOCAL_ORIGIN = 'local';

const LIST_PARAMETERS = ['type', 'partner', 'tlp', 'label'] as const;
const SINGLE_PARAMETERS = ['q', 'from', 'to', 'sort', 'order', 'offset', 'limit'] as const;
const KNOWN: ReadonlySet<string> = new Set([...LIST_PARAMETERS, ...SINGLE_PARAMETERS]);
const TYPE_NAME = /^[a-z0-9][a-z0-9-]{0,249}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
/** The furthest an explorer pages (deep offsets cost the store a scan). */
export const MAX_OFFSET = 100_000;

/** The `querystring` schema of `GET /api/objects`: documentation only, lenient, so that `parseObjectQuery` gives the precise 400s. */
export const objectQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', description: 'full-text over names, descriptions and aliases' },
    type: { type: 'array', items: { type: 'string' }, description: 'object types (repeat or comma-separate)' },
    partner: { type: 'array', items: { type: 'string' }, description: `partner of origin; "${LOCAL_ORIGIN}": made on this node` },
    tlp: { type: 'array', items: { type: 'string' }, description: `TLP levels: ${TLP_LEVELS.join(', ')}` },
    label: { type: 'array', items: { type: 'string' } },
    from: { type: 'string', description: '`modified` at or after (RFC 3339 or YYYY-MM-DD)' },
    to: { type: 'string', description: '`modified` at or before (RFC 3339, or YYYY-MM-DD: the whole day)' },
    sort: { type: 'string', description: `one of ${SORT_FIELDS.join(', ')} (relevance needs q)` },
    order: { type: 'string', description: 'asc or desc' },
    offset: { type: 'string', description: `0 to ${MAX_OFFSET}` },
    limit: { type: 'string', description: `1 to ${MAX_BROWSE_LIMIT} (default 50)` },
  },
} as const;

/** The explorer's query string as `ObjectQuery`, or a 400 naming the parameter, the value and what is expected. */
export function parseObjectQuery(raw: Record<string, unknown>): ObjectQuery {
  const unknown = Object.keys(raw).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) throw bad(`unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => JSON.stringify(key)).join(', ')}: the explorer takes ${[...KNOWN].join(', ')}`);
  const query: ObjectQuery = {};
  const single = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) {
      if (value.length !== 1) throw bad(`"${name}" is given ${value.length} times; give it once`);
      return String(value[0]);
    }
    return String(value);
  };
  const list = (name: string): string[] | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    return (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter((item) => item !== '');
  };

  const q = single('q')?.trim();
  if (q !== undefined && q !== '') query.q = q;
  const types = list('type');
  if (types !== undefined) {
    const badType = types.find((type) => !TYPE_NAME.test(type));
    if (badType !== undefined) throw bad(`"type" value ${JSON.stringify(badType)} is not an object type name (lower-case letters, digits and hyphens, e.g. indicator, intrusion-set)`);
    query.type = types;
  }
  const partners = list('partner');
  if (partners !== undefined) query.partner = partners;
  const tlp = list('tlp');
  if (tlp !== undefined) {
    const badLevel = tlp.find((level) => !(TLP_LEVELS as readonly string[]).includes(level));
    if (badLevel !== undefined) throw bad(`"tlp" value ${JSON.stringify(badLevel)} is not a TLP level: expected ${TLP_LEVELS.join(', ')}`);
    query.tlp = tlp as TlpLevel[];
  }
  const labels = list('label');
  if (labels !== undefined) query.label = labels;
  const from = single('from');
  if (from !== undefined) query.from = timeOf('from', from, 'start');
  const to = single('to');
  if (to !== undefined) query.to = timeOf('to', to, 'end');
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) throw bad(`"from" (${from}) is after "to" (${to})`);
  const sort = single('sort');
  if (sort !== undefined) {
    if (!(SORT_FIELDS as readonly string[]).includes(sort)) throw bad(`"sort" is ${JSON.stringify(sort)}: expected one of ${SORT_FIELDS.join(', ')}`);
    if (sort === 'relevance' && query.q === undefined) throw bad('"sort=relevance" ranks full-text matches: give "q" too, or sort by name, type, created, modified or added');
    query.sort = sort as SortField;
  }
  const order = single('order');
  if (order !== undefined) {
    if (order !== 'asc' && order !== 'desc') throw bad(`"order" is ${JSON.stringify(order)}: expected asc or desc`);
    query.order = order;
  }
  const offset = single('offset');
  if (offset !== undefined) query.offset = integerOf('offset', offset, 0, MAX_OFFSET);
  const limit = single('limit');
  if (limit !== undefined) query.limit = integerOf('limit', limit, 1, MAX_BROWSE_LIMIT);
  return query;
}

/** The store query for `query`; `origin` resolves the partner filter to ids (see `originFilter`). */
export function browseQueryOf(query: ObjectQuery, defaultMarking: TlpLevel, origin: Pick<BrowseQuery, 'ids' | 'excludeIds'>): BrowseQuery {
  return {
    ...(query.q !== undefined && { text: query.q }),
    ...(query.type !== undefined && { types: query.type }),
    ...(query.label !== undefined && { labels: query.label }),
    // An unmarked object is at the node's default level, so a filter on that level includes it.
    ...(query.tlp !== undefined && { tlp: { levels: query.tlp, unmarked: query.tlp.includes(defaultMarking) } }),
    ...origin,
    ...(query.from !== undefined && { modifiedFrom: query.from }),
    ...(query.to !== undefined && { modifiedTo: query.to }),
    ...(query.sort !== undefined && { sort: query.sort }),
    ...(query.order !== undefined && { order: query.order }),
    offset: query.offset ?? 0,
    limit: query.limit ?? 50,
  };
}

/**
 * The partner-of-origin filter as ids: only what came from the named partners,
 * or — with `local` — everything but what came from partners not named.
 * `received(partner?)` lists the ids received from one partner (any: undefined).
 */
export function originFilter(partners: readonly string[] | undefined, known: ReadonlySet<string>, received: (partner?: string) => string[]): Pick<BrowseQuery, 'ids' | 'excludeIds'> {
  if (partners === undefined) return {};
  const unknown = partners.filter((partner) => partner !== LOCAL_ORIGIN && !known.has(partner));
  if (unknown.length > 0) throw bad(`"partner" ${unknown.map((name) => JSON.stringify(name)).join(', ')}: no such partner (known: ${[LOCAL_ORIGIN, ...known].join(', ')})`);
  const named = new Set(partners.filter((partner) => partner !== LOCAL_ORIGIN).flatMap((partner) => received(partner)));
  if (!partners.includes(LOCAL_ORIGIN)) return { ids: [...named] };
  return { excludeIds: received().filter((id) => !named.has(id)) };
}

function timeOf(name: string, value: string, edge: 'start' | 'end'): string {
  if (DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value))) return `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`;
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) throw bad(`"${name}" is ${JSON.stringify(value)}: expected an RFC 3339 timestamp (2024-05-01T10:00:00Z) or a date (2024-05-01)`);
  return new Date(value).toISOString();
}

/** A whole-number query parameter from `min` to `max`, else a 400 naming it. */
export function integerOf(name: string, value: unknown, min: number, max: number): number {
  const text = String(value);
  const number = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!(number >= min && number <= max)) throw bad(`"${name}" is ${JSON.stringify(text)}: expected a whole number from ${min} to ${max}`);
  return number;
}

function bad(message: string): AppError {
  return new AppError(ErrorCode.API_BAD_INPUT, message);
}
