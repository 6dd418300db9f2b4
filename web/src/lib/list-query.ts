/**
 * The filters of the incident, case and public-attribution lists ⇄ the URL
 * query string (links, reloads and Back work) → the API's query string.
 * Values the list does not know are dropped, so a hand-edited URL still
 * gives a working page, never a 400.
 */
import type { CaseStatus, IncidentCategory, IncidentStatus } from '../../../src/server/api/contract.ts';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from './incident-format.ts';
import { STATUS_LABEL } from './workspace.ts';

export const LIST_PAGE_SIZE = 50;

function oneOf<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T[] {
  const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim());
  return [...new Set(values.filter((v): v is T => (allowed as readonly string[]).includes(v)))];
}

function offsetOf(params: URLSearchParams): number {
  const offset = Number(params.get('offset') ?? '0');
  return Number.isInteger(offset) && offset > 0 ? offset : 0;
}

/** Only the parameters with a value, in a fixed order: one URL per state. */
function queryString(entries: [string, string | number | undefined][]): string {
  const params = new URLSearchParams();
  for (const [key, value] of entries) if (value !== undefined && value !== '' && value !== 0) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface IncidentFilters {
  category: IncidentCategory[];
  status: IncidentStatus[];
  /** ISO 3166-1 alpha-2, upper case. */
  country: string[];
  /** Lower case, as typed. */
  sector: string[];
  offset: number;
}

const COUNTRY = /^[A-Z]{2}$/;

export function parseIncidentFilters(search: string): IncidentFilters {
  const params = new URLSearchParams(search);
  const country = params.getAll('country').flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase()).filter((v) => COUNTRY.test(v));
  const sector = params.getAll('sector').flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  return {
    category: oneOf(params, 'category', INCIDENT_CATEGORIES), status: oneOf(params, 'status', INCIDENT_STATUSES),
    country: [...new Set(country)], sector: [...new Set(sector)], offset: offsetOf(params),
  };
}

/** The app's URL query and the API's are the same parameters. */
export function incidentQuery(filters: IncidentFilters, limit?: number): string {
  return queryString([
    ['category', filters.category.join(',')], ['status', filters.status.join(',')], ['country', filters.country.join(',')],
    ['sector', filters.sector.join(',')], ['offset', filters.offset], ['limit', limit],
  ]);
}

export interface CaseFilters {
  status: CaseStatus[];
  offset: number;
}

const CASE_STATUSES = Object.keys(STATUS_LABEL) as CaseStatus[];

export function parseCaseFilters(search: string): CaseFilters {
  const params = new URLSearchParams(search);
  return { status: oneOf(params, 'status', CASE_STATUSES), offset: offsetOf(params) };
}

export function caseQuery(filters: CaseFilters, limit?: number): string {
  return queryString([['status', filters.status.join(',')], ['offset', filters.offset], ['limit', limit]]);
}

export interface AttributionFilters {
  actor: string;
  state: string;
  /** A four-digit year, or '' for any. */
  year: string;
}

const YEAR = /^\d{4}$/;

export function parseAttributionFilters(search: string): AttributionFilters {
  const params = new URLSearchParams(search);
  const year = params.get('year')?.trim() ?? '';
  return { actor: params.get('actor')?.trim() ?? '', state: params.get('state')?.trim() ?? '', year: YEAR.test(year) ? year : '' };
}

export function attributionQuery(filters: AttributionFilters): string {
  // A year half typed is no filter yet.
  return queryString([['actor', filters.actor.trim()], ['state', filters.state.trim()], ['year', YEAR.test(filters.year) ? filters.year : undefined]]);
}
