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
 * norm and period, filtered by actor and state, and each state's
 * implementation record. Every norm of the catalogue has a row, so the gaps
 * show.
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

export interface NormMatrix {
  periods: string[];
  rows: { norm: NormId; title: string; citation: string; total: number; cells: { period: string; incidents: MatrixIncident[] }[] }[];
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

/**
 * Incidents per norm per period, from the current tag of each incident and
 * norm (confirmed ones unless `statuses` says otherwise). Withdrawn
 * attribution cases name no actor or state.
 */
export function normMatrix(incidents: readonly AccordIncident[], tags: readonly NormTag[], cases: readonly AttributionCase[], options: NormMatrixOptions = {}): NormMatrix {
  const { period = 'year', statuses = ['confirmed'] } = options;
  const live = cases.filter((entry) => entry.status !== 'withdrawn');
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const cells = new Map<NormId, Map<string, MatrixIncident[]>>();
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
    const row = cells.get(tag.norm) ?? new Map<string, MatrixIncident[]>();
    const key = periodOf(entry.at, period);
    row.set(key, [...(row.get(key) ?? []), entry].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)));
    cells.set(tag.norm, row);
  }
  const periods = unique([...cells.values()].flatMap((row) => [...row.keys()]));
  return {
    periods,
    rows: NORMS.map(({ id, title, citation }) => {
      const row = cells.get(id);
      const columns = periods.map((key) => ({ period: key, incidents: row?.get(key) ?? [] }));
      return { norm: id, title, citation, total: columns.reduce((sum, column) => sum + column.incidents.length, 0), cells: columns };
    }),
  };
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
