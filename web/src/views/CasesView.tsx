/** Joint attribution cases this node holds, newest first, filtered by status in the URL. */
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { CaseList, CaseRow, CaseStatus } from '../../../src/server/api/contract.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useFetch } from '../app/use-fetch.ts';
import { StatusBadge } from '../components/CaseBadges.tsx';
import { ChoiceFilter } from '../components/ChoiceFilter.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ObjectLink } from '../components/ObjectLink.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatCount, formatDateTime } from '../lib/format.ts';
import { caseQuery, LIST_PAGE_SIZE, parseCaseFilters } from '../lib/list-query.ts';
import { casePath } from '../lib/routes.ts';
import { NEXUS_LABEL, stanceSummary, STATUS_LABEL } from '../lib/workspace.ts';

const row = createColumnHelper<CaseRow>();
const columns = [
  row.accessor('name', { header: 'Case', cell: (c) => <Link to={casePath(c.row.original.summary.id)}>{c.getValue()}</Link> }),
  row.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  row.accessor('candidate', { header: 'Candidate', cell: (c) => (c.getValue() ? <ObjectLink object={c.getValue()!} /> : <span className="muted">not visible here</span>) }),
  row.accessor('stateNexus', { header: 'State nexus', cell: (c) => NEXUS_LABEL[c.getValue()] }),
  row.accessor('incidentCount', { header: 'Incidents' }),
  row.accessor('stances', {
    header: 'Stances',
    cell: (c) => <span title={c.getValue().map((p) => `${p.name ?? p.identityId}: ${p.stance}`).join('\n')}>{stanceSummary(c.getValue().map((p) => p.stance))}</span>,
  }),
  row.display({ id: 'opened', header: 'Opened by', cell: (c) => c.row.original.summary.origin ?? 'this node' }),
  row.display({ id: 'modified', header: 'Modified', cell: (c) => formatDateTime(c.row.original.summary.modified) }),
];

const STATUSES = Object.keys(STATUS_LABEL) as CaseStatus[];

export function CasesView() {
  const location = useLocation();
  const filters = useMemo(() => parseCaseFilters(location.search), [location.search]);
  const { data, error, loading } = useFetch<CaseList>(`/api/cases${caseQuery(filters, LIST_PAGE_SIZE)}`);
  return (
    <>
      <PageTitle title="Attribution cases">Attribution cases</PageTitle>
      <p className="muted">
        Joint attribution: partners weigh shared evidence, each states its own confidence, and agree (or not) to attribute together.
        Past public attributions are in the <Link to="/attributions">record of public attributions</Link>; cases are opened from an <Link to="/incidents">incident</Link>.
      </p>
      <fieldset className="filters">
        <legend className="visually-hidden">Filters</legend>
        <ChoiceFilter id="case-status" label="Status" value={filters.status[0]} choices={STATUSES} labels={STATUS_LABEL} onChange={(st) => navigate(`/cases${caseQuery({ status: st ? [st] : [], offset: 0 })}`)} />
      </fieldset>
      <p aria-live="polite" className="muted">{loading ? 'Loading…' : data ? formatCount(data.total, 'case') : ''}</p>
      <ErrorAlert error={error} />
      {data && (
        <>
          <DataTable data={data.items} columns={columns} caption="Attribution cases, newest first" testId="cases" rowId={(r) => r.summary.id} rowProps={() => ({ 'data-testid': 'case-row' })} empty="No cases match." />
          <Pager offset={data.offset} limit={data.limit} total={data.total} noun={['case', 'cases']} onOffset={(offset) => navigate(`/cases${caseQuery({ ...filters, offset })}`)} />
        </>
      )}
    </>
  );
}
