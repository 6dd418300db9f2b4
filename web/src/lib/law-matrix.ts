/**
 * The norms matrix as the view shows it: norm × period, each cell with its
 * incident count, the incidents (for links) and who they are about by the
 * chosen dimension (actor or state), from `GET /api/norms/matrix`. Pure.
 */
import type { NormMatrixView } from '../../../src/server/api/contract.ts';

export type MatrixBy = NormMatrixView['by'];
export type MatrixPeriod = 'year' | 'quarter';
type MatrixIncident = NormMatrixView['rows'][number]['cells'][number]['incidents'][number];

export interface MatrixCell {
  period: string;
  count: number;
  incidents: MatrixIncident[];
  /** "RU ×2, CN": the actors or states of the cell's incidents, most frequent first. */
  groups: string;
}

export interface MatrixRow {
  norm: string;
  title: string;
  citation: string;
  total: number;
  cells: MatrixCell[];
}

export interface ShapedMatrix {
  periods: string[];
  rows: MatrixRow[];
  /** Every actor or state named, sorted: the state records to offer. */
  keys: string[];
}

const keysOf = (incident: MatrixIncident, by: MatrixBy): string[] => (by === 'actor' ? incident.actors : incident.states);

/** "RU ×2, CN": counts per key, most first, then by name. */
export function groupSummary(incidents: readonly MatrixIncident[], by: MatrixBy): string {
  const counts = new Map<string, number>();
  for (const incident of incidents) for (const key of new Set(keysOf(incident, by))) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, n]) => (n > 1 ? `${key} ×${n}` : key)).join(', ');
}

/** Every norm × every period (an empty cell is a 0, not a gap in the table). */
export function shapeMatrix(view: NormMatrixView, by: MatrixBy = view.by): ShapedMatrix {
  const keys = new Set<string>();
  const rows = view.rows.map((row) => {
    const byPeriod = new Map(row.cells.map((cell) => [cell.period, cell.incidents]));
    const cells = view.periods.map((period) => {
      const incidents = byPeriod.get(period) ?? [];
      for (const incident of incidents) for (const key of keysOf(incident, by)) keys.add(key);
      return { period, count: incidents.length, incidents, groups: groupSummary(incidents, by) };
    });
    return { norm: row.norm, title: row.title, citation: row.citation, total: row.total, cells };
  });
  return { periods: [...view.periods], rows, keys: [...keys].sort() };
}

/** The matrix's query (`by`, `period`) read from the page's query string, defaults filled in. */
export function matrixQuery(search: string): { by: MatrixBy; period: MatrixPeriod } {
  const params = new URLSearchParams(search);
  return { by: params.get('by') === 'state' ? 'state' : 'actor', period: params.get('period') === 'quarter' ? 'quarter' : 'year' };
}

export const matrixApiPath = (query: { by: MatrixBy; period: MatrixPeriod }): string => `/api/norms/matrix?by=${query.by}&period=${query.period}`;
