/** Incidents this node holds (its own and partners'), newest first, filtered by category, status and country in the URL. */
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { IncidentList, IncidentRow } from '../../../src/server/api/contract.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useFetch } from '../app/use-fetch.ts';
import { ChoiceFilter } from '../components/ChoiceFilter.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Pager } from '../components/Pager.tsx';
import { TlpBanner } from '../components/TlpBanner.tsx';
import { formatCount, formatDateTime } from '../lib/format.ts';
import { CATEGORY_LABEL, impactBrief, INCIDENT_CATEGORIES, INCIDENT_STATUS_LABEL, INCIDENT_STATUSES } from '../lib/incident-format.ts';
import { incidentQuery, LIST_PAGE_SIZE, parseIncidentFilters, type IncidentFilters } from '../lib/list-query.ts';
import { incidentPath } from '../lib/routes.ts';

const row = createColumnHelper<IncidentRow>();
const columns = [
  row.accessor('summary', {
    header: 'Incident',
    cell: (c) => (
      <span className="object-link">
        <TlpBanner tlp={c.getValue().tlp} marked={c.getValue().marked} compact /> <Link to={incidentPath(c.getValue().id)}>{c.getValue().name}</Link>
      </span>
    ),
  }),
  row.accessor('category', { header: 'Category', cell: (c) => (c.getValue() ? CATEGORY_LABEL[c.getValue()!] : '—') }),
  row.accessor('status', { header: 'Status', cell: (c) => (c.getValue() ? INCIDENT_STATUS_LABEL[c.getValue()!] : '—') }),
  row.accessor('countries', { header: 'Countries', cell: (c) => c.getValue().join(', ') || '—' }),
  row.accessor('sectors', { header: 'Sectors', cell: (c) => c.getValue().join(', ') || '—' }),
  row.accessor('impact', { header: 'Impact', cell: (c) => impactBrief(c.getValue()).join('; ') || '—' }),
  row.display({ id: 'from', header: 'From', cell: (c) => c.row.original.summary.origin ?? 'this node' }),
  row.display({ id: 'modified', header: 'Modified', cell: (c) => formatDateTime(c.row.original.summary.modified) }),
];

export function IncidentsView() {
  const location = useLocation();
  const filters = useMemo(() => parseIncidentFilters(location.search), [location.search]);
  const { data, error, loading } = useFetch<IncidentList>(`/api/incidents${incidentQuery(filters, LIST_PAGE_SIZE)}`);
  const [country, setCountry] = useState(filters.country[0] ?? '');
  const [sector, setSector] = useState(filters.sector[0] ?? '');
  // On Enter or leaving the field, and only when it changed: tabbing through keeps the page.
  const applySector = () => {
    const next = sector.trim().toLowerCase();
    if (next !== (filters.sector[0] ?? '')) change({ sector: next ? [next] : [] });
  };
  const change = (next: Partial<IncidentFilters>) => navigate(`/incidents${incidentQuery({ ...filters, offset: 0, ...next })}`);

  return (
    <>
      <PageTitle title="Incidents">Incidents</PageTitle>
      <p className="muted">
        Incidents recorded here and shared by partners. Open one for its impact, timeline, related intelligence and correlation suggestions;
        attribution cases are under <Link to="/cases">Attribution</Link>.
      </p>
      <fieldset className="filters">
        <legend className="visually-hidden">Filters</legend>
        <ChoiceFilter id="inc-category" label="Category" value={filters.category[0]} choices={INCIDENT_CATEGORIES} labels={CATEGORY_LABEL} onChange={(c) => change({ category: c ? [c] : [] })} />
        <ChoiceFilter id="inc-status" label="Status" value={filters.status[0]} choices={INCIDENT_STATUSES} labels={INCIDENT_STATUS_LABEL} onChange={(st) => change({ status: st ? [st] : [] })} />
        <div className="field">
          <label htmlFor="inc-country">Country</label>
          <input
            id="inc-country" size={6} maxLength={2} placeholder="e.g. GB" aria-describedby="inc-country-help" value={country}
            onChange={(e) => {
              const code = e.target.value.trim().toUpperCase();
              setCountry(code);
              // A filter only once the code is whole (or cleared): no request for a half-typed code.
              if (code.length === 0 || code.length === 2) change({ country: code ? [code] : [] });
            }}
          />
          <span id="inc-country-help" className="visually-hidden">Two-letter ISO 3166 code</span>
        </div>
        <form className="field" onSubmit={(e) => { e.preventDefault(); applySector(); }}>
          <label htmlFor="inc-sector">Sector</label>
          <input id="inc-sector" size={14} placeholder="e.g. health-care" value={sector} onChange={(e) => setSector(e.target.value)} onBlur={applySector} />
        </form>
      </fieldset>
      <p aria-live="polite" className="muted" data-testid="incident-total">{loading ? 'Loading…' : data ? formatCount(data.total, 'incident') : ''}</p>
      <ErrorAlert error={error} />
      {data && (
        <>
          <DataTable
            data={data.items} columns={columns} caption="Incidents, newest first" testId="incidents" rowId={(r) => r.summary.id}
            rowProps={() => ({ 'data-testid': 'incident-row' })} empty="No incidents match."
          />
          <Pager offset={data.offset} limit={data.limit} total={data.total} noun={['incident', 'incidents']} onOffset={(offset) => navigate(`/incidents${incidentQuery({ ...filters, offset })}`)} />
        </>
      )}
    </>
  );
}
