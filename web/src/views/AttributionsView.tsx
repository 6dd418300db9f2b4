/** The record of public attributions: past joint and national attributions, searchable by actor, state and year (in the URL). */
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import type { PublicAttributionList, PublicAttributionView } from '../../../src/server/api/contract.ts';
import { navigate, useLocation } from '../app/router.tsx';
import { useDebounced, useFetch } from '../app/use-fetch.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatCount } from '../lib/format.ts';
import { attributionQuery, parseAttributionFilters, type AttributionFilters } from '../lib/list-query.ts';

const SEARCH_DEBOUNCE_MS = 300;

/** A source's site, as its link text (the whole URL is the link). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

const row = createColumnHelper<PublicAttributionView>();
const columns = [
  row.accessor('date', { header: 'Date', cell: (c) => <time dateTime={c.getValue()}>{c.getValue()}</time> }),
  row.accessor('actor', { header: 'Actor' }),
  row.accessor('state', { header: 'State' }),
  row.accessor('incident', { header: 'What happened' }),
  row.accessor('attributingStates', { header: 'Attributed by', cell: (c) => c.getValue().join(', ') }),
  row.accessor('confidenceLanguage', { header: 'Confidence words' }),
  row.accessor('sources', {
    header: 'Sources',
    cell: (c) => (
      <ul className="plain sources">
        {c.getValue().map((url) => <li key={url}><a href={url} rel="noreferrer noopener" target="_blank">{hostOf(url)}</a></li>)}
      </ul>
    ),
  }),
];

export function AttributionsView() {
  const location = useLocation();
  const inUrl = useMemo(() => parseAttributionFilters(location.search), [location.search]);
  const [fields, setFields] = useState<AttributionFilters>(inUrl);
  const settled = useDebounced(fields, SEARCH_DEBOUNCE_MS);
  const query = attributionQuery(inUrl);

  // Typing replaces the history entry (no Back step per keystroke); the URL is what is fetched.
  useEffect(() => {
    const next = attributionQuery(settled);
    if (next !== attributionQuery(parseAttributionFilters(window.location.search))) navigate(`/attributions${next}`, { replace: true });
  }, [settled]);

  const { data, error, loading } = useFetch<PublicAttributionList>(`/api/attributions${query}`);
  const set = (change: Partial<AttributionFilters>) => setFields((f) => ({ ...f, ...change }));

  return (
    <>
      <PageTitle title="Public attributions">Public attributions</PageTitle>
      <p className="muted">Past public attributions of cyber operations, joint and national, with the words each used: precedent for a case. The summaries are Accord's own words; follow the sources.</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="pa-actor">Actor</label>
          <input id="pa-actor" value={fields.actor} placeholder="e.g. APT29" onChange={(e) => set({ actor: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="pa-state">State</label>
          <input id="pa-state" value={fields.state} placeholder="e.g. Russia" onChange={(e) => set({ state: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="pa-year">Year</label>
          <input id="pa-year" value={fields.year} inputMode="numeric" size={6} maxLength={4} placeholder="e.g. 2018" onChange={(e) => set({ year: e.target.value.replace(/\D/g, '') })} />
        </div>
      </form>
      <p aria-live="polite" className="muted" data-testid="attribution-total">{loading ? 'Searching…' : data ? formatCount(data.total, 'attribution') : ''}</p>
      <ErrorAlert error={error} />
      {data && <DataTable data={data.items} columns={columns} caption="Public attributions, oldest first" testId="attributions" rowId={(r) => r.key} rowProps={() => ({ 'data-testid': 'attribution-row' })} empty="No public attribution matches." />}
    </>
  );
}
