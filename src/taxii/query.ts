import { AppError, ErrorCode } from '../common/errors.ts';
import { isIdentifier, typeNameProblem } from '../stix/identifier.ts';
import { timestampProblem } from '../stix/timestamp.ts';
import type { ObjectFilter, PageRequest, VersionSelector } from '../store/store.ts';

/**
 * The URL query of the TAXII 2.1 endpoints that take one (§3.4, §5.3–§5.8),
 * parsed and checked into the store's filter and page request, and written
 * back out for the client. Every problem of a query is reported at once, as
 * one TAXII_BAD_FILTER (→ 400, §3.4: "If any of the URL query parameters are
 * malformed, the TAXII Server MUST return an HTTP 400").
 */

/** The endpoints with a URL query. */
export type TaxiiEndpoint = 'manifest' | 'objects' | 'object' | 'delete' | 'versions';

/**
 * The largest page Accord serves. A larger `limit` is lowered to it, not
 * refused: a server MAY return fewer objects than asked and then says
 * `more` (§3.4 `limit`). Only a value that is not a TAXII integer is refused.
 */
export const MAX_LIMIT = 10_000;

/** The part of the store's filter that TAXII can express. */
export type TaxiiFilter = Pick<ObjectFilter, 'ids' | 'types' | 'versions' | 'specVersions' | 'addedAfter'>;

export interface TaxiiQuery {
  filter: TaxiiFilter;
  page: PageRequest;
}

/** A query as the client writes it; each endpoint takes the subset below. */
export type TaxiiQueryParams = TaxiiFilter & PageRequest;
export type ObjectsParams = TaxiiQueryParams;
export type ObjectParams = Omit<TaxiiQueryParams, 'ids' | 'types'>;
export type DeleteParams = Pick<TaxiiQueryParams, 'versions' | 'specVersions'>;
export type VersionsParams = Omit<TaxiiQueryParams, 'ids' | 'types' | 'versions'>;

const PARAMETERS = ['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]'] as const;
type Parameter = (typeof PARAMETERS)[number];

interface EndpointRule {
  title: string;
  section: string;
  /** The endpoint table's "URL Filtering Parameters" (normative, §3.1). */
  parameters: readonly Parameter[];
  /** The versions selected when the request has no `match[version]`. */
  versions: readonly VersionSelector[];
}

const ENDPOINTS: Readonly<Record<TaxiiEndpoint, EndpointRule>> = {
  manifest: { title: 'Get Object Manifests', section: '§5.3', parameters: PARAMETERS, versions: ['last'] },
  objects: { title: 'Get Objects', section: '§5.4', parameters: PARAMETERS, versions: ['last'] },
  object: {
    title: 'Get an Object',
    section: '§5.6',
    parameters: ['added_after', 'limit', 'next', 'match[version]', 'match[spec_version]'],
    versions: ['last'],
  },
  // "This Endpoint deletes an object … by its id"; match[version] narrows it to versions (§5.7).
  delete: { title: 'Delete an Object', section: '§5.7', parameters: ['match[version]', 'match[spec_version]'], versions: ['all'] },
  // The endpoint lists an object's versions, so all of them are selected (§5.8).
  versions: { title: 'Get Object Versions', section: '§5.8', parameters: ['added_after', 'limit', 'next', 'match[spec_version]'], versions: ['all'] },
};

/** Reads one parameter's value into the query; returns what is wrong with it. */
type Reader = (value: string, query: TaxiiQuery) => string[];

const VERSION_KEYWORDS: ReadonlySet<string> = new Set(['first', 'last', 'all']);
const SPEC_VERSION = /^\d+\.\d+$/;
const WHOLE_NUMBER = /^\d+$/;

const READERS: Readonly<Record<Parameter, Reader>> = {
  added_after: (value, query) => {
    const problem = timestampProblem(value);
    if (problem) return [problem];
    query.filter.addedAfter = value;
    return [];
  },
  limit: (value, query) => {
    if (!WHOLE_NUMBER.test(value)) return ['must be a whole number greater than zero'];
    const limit = Number(value);
    if (limit === 0) return ['must be greater than zero'];
    if (!Number.isSafeInteger(limit)) return ['is larger than a TAXII integer (at most 2^53 - 1, §2)'];
    query.page.limit = Math.min(limit, MAX_LIMIT);
    return [];
  },
  next: (value, query) => {
    if (value === '') return ['must not be empty'];
    query.page.next = value;
    return [];
  },
  'match[id]': listReader(
    (id) => (isIdentifier(id) ? undefined : 'is not a STIX identifier (type--UUID)'),
    (ids, query) => (query.filter.ids = ids),
  ),
  'match[type]': listReader(
    (type) => {
      const problem = typeNameProblem(type);
      return problem && `is not a STIX type: ${problem}`;
    },
    (types, query) => (query.filter.types = types),
  ),
  'match[version]': listReader(
    (version) => {
      if (VERSION_KEYWORDS.has(version)) return undefined;
      const problem = timestampProblem(version);
      return problem && `is neither first, last, all nor a STIX timestamp (a timestamp ${problem})`;
    },
    (versions, query) => (query.filter.versions = versions),
    // "each keyword … and any specific version MUST NOT occur more than once";
    // "The all keyword MUST NOT be used with any other version parameter" (§3.4.1).
    (versions) => [
      ...repeated(versions).map((version) => `${JSON.stringify(version)} is given more than once`),
      ...(versions.includes('all') && versions.length > 1 ? ['all cannot be combined with other versions'] : []),
    ],
  ),
  'match[spec_version]': listReader(
    (version) => (SPEC_VERSION.test(version) ? undefined : 'is not a specification version such as 2.1'),
    (versions, query) => (query.filter.specVersions = versions),
  ),
};

export type QueryInput = URLSearchParams | string;

/**
 * Parses and checks the URL query of `endpoint` (a string with or without
 * its leading `?`, or parsed parameters). The endpoints on one object take its
 * `{object-id}` from the path; it becomes the id filter (§5.6: "a search where
 * the match[id] parameter is set to the {object-id}").
 *
 * Refused with TAXII_BAD_FILTER (details.problems: parameter, value, message):
 * a malformed value; a parameter given twice (§3.4: a single value, each
 * field once); an unknown parameter or match field (the spec lets servers
 * ignore them, but a filter silently dropped answers a question the client
 * did not ask); a parameter the endpoint's table does not list.
 */
export function parseTaxiiQuery(endpoint: 'manifest' | 'objects', query: QueryInput): TaxiiQuery;
export function parseTaxiiQuery(endpoint: 'object' | 'delete' | 'versions', query: QueryInput, objectId: string): TaxiiQuery;
export function parseTaxiiQuery(endpoint: TaxiiEndpoint, query: QueryInput, objectId?: string): TaxiiQuery {
  const rule = ENDPOINTS[endpoint];
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const result: TaxiiQuery = { filter: { versions: rule.versions }, page: {} };
  const problems: QueryProblem[] = [];
  if (objectId !== undefined) {
    if (isIdentifier(objectId)) result.filter.ids = [objectId];
    else problems.push({ parameter: '{object-id}', value: objectId, message: `{object-id} ${JSON.stringify(objectId)} is not a STIX identifier (type--UUID)` });
  }
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    const value = values.join(',');
    const refusal = refusalOf(name, values.length, rule);
    if (refusal !== undefined) {
      problems.push({ parameter: name, value, message: refusal });
      continue;
    }
    for (const why of READERS[name as Parameter](value, result)) {
      problems.push({ parameter: name, value, message: `${name}=${value}: ${why}` });
    }
  }
  if (problems.length > 0) {
    throw new AppError(ErrorCode.TAXII_BAD_FILTER, problems.map((problem) => problem.message).join('; '), { problems });
  }
  return result;
}

export interface QueryProblem {
  parameter: string;
  value: string;
  message: string;
}

/**
 * The query string of `params` (no leading `?`), in a fixed order. Commas,
 * the §3.4 list separator, stay literal; values are percent-encoded.
 */
export function formatTaxiiQuery(params: TaxiiQueryParams): string {
  const fields: [Parameter, string | number | readonly string[] | undefined][] = [
    ['added_after', params.addedAfter],
    ['limit', params.limit],
    ['next', params.next],
    ['match[id]', params.ids],
    ['match[type]', params.types],
    ['match[version]', params.versions],
    ['match[spec_version]', params.specVersions],
  ];
  return fields.flatMap(([name, value]) => {
    if (value === undefined) return [];
    if (typeof value !== 'object') return [`${name}=${encodeURIComponent(value)}`];
    if (value.length === 0) {
      throw new AppError(ErrorCode.TAXII_BAD_FILTER, `${name} cannot be an empty list: TAXII has no filter that matches nothing`, { parameter: name });
    }
    return [`${name}=${value.map(encodeURIComponent).join(',')}`];
  }).join('&');
}

function refusalOf(name: string, count: number, rule: EndpointRule): string | undefined {
  if (!(PARAMETERS as readonly string[]).includes(name)) {
    return name.startsWith('match[')
      ? `${name} is not a TAXII 2.1 match field (§3.4.1: id, type, version, spec_version)`
      : `${name} is not a TAXII 2.1 query parameter (§3.4)`;
  }
  if (!rule.parameters.includes(name as Parameter)) {
    return `${name} is not accepted by ${rule.title} (TAXII 2.1 ${rule.section}), which takes ${rule.parameters.join(', ')}`;
  }
  if (count > 1) return `${name} is given ${count} times; TAXII 2.1 §3.4 allows it once`;
  return undefined;
}

/**
 * A reader of a comma-separated list (§3.4: "separated by a comma … without
 * any spaces", OR-ed). `checkAll` adds problems of the list as a whole.
 */
function listReader(
  check: (value: string) => string | undefined,
  apply: (values: string[], query: TaxiiQuery) => void,
  checkAll: (values: string[]) => string[] = () => [],
): Reader {
  return (text, query) => {
    const values = text.split(',');
    const problems = values.flatMap((value) => {
      if (value === '') return ['has an empty value; values are separated by single commas'];
      if (value.trim() !== value) return [`${JSON.stringify(value)} has spaces; values are separated by a comma without spaces`];
      const problem = check(value);
      return problem === undefined ? [] : [`${JSON.stringify(value)} ${problem}`];
    });
    problems.push(...checkAll(values));
    if (problems.length === 0) apply([...new Set(values)], query);
    return problems;
  };
}

function repeated(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
