import type { AttributionCase } from '../attribution/model.ts';
import type { AccordIncident } from '../incidents/index.ts';
import { incidentExtension } from '../incidents/index.ts';
import { NORMS, type NormId } from './catalogue.ts';
import { implementationsOfState } from './implementations.ts';
import type { NormImplementation, NormTag, NormTagStatus } from './model.ts';
import { currentNormTags } from './tags.ts';

/**
 * The data behind the norms views, as pure functions over stored objects
 * (the API and the web application read them): the matrix of incidents per
 * norm and period, filtered by actor and state and grouped per actor or
 * state, and each state's implementation record. Every norm of the
 * catalogue has a row, so the gaps show.
 */

export type Period = 'year' | 'quarter' | 'month';

export interface MatrixIncident {
  id: string;
  name: string;
  /** When it happened: its first timeline entry, else when it was recorded. */
  at: string;
  /** The status of its current tag for this norm. */
  status: NormTagStatus;
  /** Candidate actors of the attribution cases naming it. */
  actors: string[];
  /** States those cases point at (`state_ref`). */
  states: string[];
  /** Countries affected (the incident's extension). */
  countries: string[];
}

/** One norm's row: its incidents per period. */
export interface NormMatrixRow {
  norm: NormId;
  title: string;
  citation: string;
  total: number;
  cells: { period: string; incidents: MatrixIncident[] }[];
}

/** What the matrix can be grouped by: the attributions' candidate actors or the states they point at. */
export type MatrixDimension = 'actor' | 'state';

/** The matrix of one actor or state (`key`; null: incidents no live attribution names one for). */
export interface NormMatrixGroup {
  key: string | null;
  /** Incident-norm entries in the group's rows. */
  total: number;
  rows: NormMatrixRow[];
}

export interface NormMatrix {
  periods: string[];
  rows: NormMatrixRow[];
  /** With `by`: the dimension, and one group per actor or state (same periods; an incident naming two is in both). */
  by?: MatrixDimension;
  groups?: NormMatrixGroup[];
}

export interface NormMatrixOptions {
  /** Column width (default year). */
  period?: Period;
  /** Only incidents whose attribution names this actor (intrusion-set or threat-actor id). */
  actor?: string;
  /** Only incidents whose attribution points at this state (`state_ref`). */
  state?: string;
  /** Which current tags count (default: confirmed only). */
  statuses?: readonly NormTagStatus[];
  /** Also group the rows per actor or per state. */
  by?: MatrixDimension;
}

/** The period an instant falls in: `2024`, `2024-Q2` or `2024-05`. */
export function periodOf(at: string, period: Period): string {
  const year = at.slice(0, 4);
  if (period === 'year') return year;
  const month = Number(at.slice(5, 7));
  return period === 'month' ? `${year}-${at.slice(5, 7)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

function incidentTime(incident: AccordIncident): string {
  const times = (incidentExtension(incident)?.timeline ?? []).map((entry) => entry.at).sort();
  // An incident is a STIX SDO, so `created` is always there.
  return times[0] ?? incident.created!;
}

const unique = (values: readonly (string | undefined)[]): string[] => [...new Set(values.filter((value): value is string => value !== undefined))].sort();

/** One incident counted under one norm in one period. */
interface Entry { norm: NormId; period: string; incident: MatrixIncident }

/** A row per norm of the catalogue (so the gaps show) over `periods`, from `entries`. */
function normRows(entries: readonly Entry[], periods: readonly string[]): NormMatrixRow[] {
  return NORMS.map(({ id, title, citation }) => {
    const own = entries.filter((entry) => entry.norm === id);
    const cells = periods.map((period) => ({
      period,
      incidents: own.filter((entry) => entry.period === period).map((entry) => entry.incident).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
    }));
    return { norm: id, title, citation, total: own.length, cells };
  });
}

const DIMENSION_FIELD = { actor: 'actors', state: 'states' } as const;

/** One group per actor or state the entries name, by id, then the entries naming none (key null). */
function groupRows(entries: readonly Entry[], periods: readonly string[], by: MatrixDimension): NormMatrixGroup[] {
  const keysOf = (entry: Entry): string[] => entry.incident[DIMENSION_FIELD[by]];
  const keys: (string | null)[] = unique(entries.flatMap(keysOf));
  if (entries.some((entry) => keysOf(entry).length === 0)) keys.push(null);
  return keys.map((key) => {
    const own = entries.filter((entry) => (key === null ? keysOf(entry).length === 0 : keysOf(entry).includes(key)));
    return { key, total: own.length, rows: normRows(own, periods) };
  });
}

/**
 * Incidents per norm per period, from the current tag of each incident and
 * norm (confirmed ones unless `statuses` says otherwise), and with `by` the
 * same per actor or state. Withdrawn attribution cases name no actor or state.
 */
export function normMatrix(incidents: readonly AccordIncident[], tags: readonly NormTag[], cases: readonly AttributionCase[], options: NormMatrixOptions = {}): NormMatrix {
  const { period = 'year', statuses = ['confirmed'] } = options;
  const live = cases.filter((entry) => entry.status !== 'withdrawn');
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const entries: Entry[] = [];
  for (const tag of currentNormTags(tags).values()) {
    const incident = byId.get(tag.incident_ref);
    if (incident === undefined || !statuses.includes(tag.status)) continue;
    const naming = live.filter((entry) => entry.incident_refs.includes(incident.id));
    const entry: MatrixIncident = {
      id: incident.id, name: incident.name, at: incidentTime(incident), status: tag.status,
      actors: unique(naming.map((item) => item.candidate_ref)), states: unique(naming.map((item) => item.state_ref)),
      countries: [...(incidentExtension(incident)?.countries ?? [])],
    };
    if (options.actor !== undefined && !entry.actors.includes(options.actor)) continue;
    if (options.state !== undefined && !entry.states.includes(options.state)) continue;
    entries.push({ norm: tag.norm, period: periodOf(entry.at, period), incident: entry });
  }
  const periods = unique(entries.map((entry) => entry.period));
  const matrix: NormMatrix = { periods, rows: normRows(entries, periods) };
  return options.by === undefined ? matrix : { ...matrix, by: options.by, groups: groupRows(entries, periods, options.by) };
}

export interface StateRecord {
  state: string;
  /** How many measures, over every norm. */
  total: number;
  norms: { norm: NormId; title: string; citation: string; measures: NormImplementation[] }[];
}

/** `state`'s implementation record: each norm of the catalogue with the state's measures for it, oldest first. */
export function stateRecord(records: readonly NormImplementation[], state: string): StateRecord {
  const own = implementationsOfState(records, state);
  return {
    state,
    total: own.length,
    norms: NORMS.map(({ id, title, citation }) => ({ norm: id, title, citation, measures: own.filter((record) => record.norm === id) })),
  };
}
