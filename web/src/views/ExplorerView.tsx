/**
 * The intelligence explorer: the server searches, filters, sorts and pages
 * (never all rows in the browser); the state lives in the URL.
 */
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Facets, ObjectList, ObjectSummary } from '../../../src/server/api/contract.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useDebounced, useFetch } from '../app/use-fetch.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TlpBanner } from '../components/TlpBanner.tsx';
import { listValue, PAGE_SIZE, parseExplorerQuery, toApiQuery, toSearchString, withFilter, withSort, type ExplorerState } from '../lib/explorer-query.ts';
import { formatCount, formatDateTime, formatNumber } from '../lib/format.ts';
import { objectPath } from '../lib/routes.ts';
import { TLP_LEVELS, tlpLabel } from '../lib/tlp.ts';

const SEARCH_DEBOUNCE_MS = 300;
const SORTABLE = ['name', 'type', 'modified', 'added'] as const;

const column = createColumnHelper<ObjectSummary>();
const columns = [
  column.accessor('tlp', { header: 'TLP', cell: (c) => <TlpBanner tlp={c.getValue()} marked={c.row.original.marked} compact /> }),
  column.accessor('name', { header: 'Name', cell: (c) => <Link to={objectPath(c.row.original.id)}>{c.getValue()}</Link> }),
  column.accessor('type', { header: 'Type' }),
  column.accessor('origin', { header: 'Origin', cell: (c) => c.getValue() ?? 'local' }),
  column.accessor('labels', { header: 'Labels', cell: (c) => c.getValue().join(', ') }),
  column.accessor('modified', { header: 'Modified', cell: (c) => formatDateTime(c.getValue()) }),
  column.accessor('dateAdded', { id: 'added', header: 'Added', cell: (c) => formatDateTime(c.getValue()) }),
];

function go(state: ExplorerState, replace = false): void {
  navigate(`/explore${toSearchString(state)}`, { replace });
}

type ListFilter = 'type' | 'partner' | 'tlp' | 'label';

/**
 * One filter as a select of its facet values. A value in the URL that the
 * facets do not list (a hand-made link, a rare label) stays selectable, so
 * the control never shows a filter other than the one applied.
 */
function FilterSelect({ state, name, label, any, options }: { state: ExplorerState; name: ListFilter; label: string; any: string; options: { value: string; text: string }[] | undefined }) {
  const current = listValue(state, name);
  const id = `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={current} onChange={(e) => go(withFilter(state, { [name]: e.target.value ? [e.target.value] : [] }))}>
        <option value="">{any}</option>
        {options?.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
        {current && !options?.some((o) => o.value === current) && <option value={current}>{current}</option>}
      </select>
    </div>
  );
}

function Filters({ state, facets }: { state: ExplorerState; facets: Facets | undefined }) {
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">Filters</legend>
      <FilterSelect state={state} name="type" label="Type" any="Any type" options={facets?.types.map((t) => ({ value: t.type, text: `${t.type} (${formatNumber(t.count)})` }))} />
      <FilterSelect state={state} name="partner" label="Partner" any="Any origin" options={facets?.origins.map((o) => ({ value: o, text: o === 'local' ? 'local (this node)' : o }))} />
      <FilterSelect state={state} name="tlp" label="TLP" any="Any level" options={TLP_OPTIONS} />
      <FilterSelect state={state} name="label" label="Label" any="Any label" options={facets?.labels.map((l) => ({ value: l.label, text: `${l.label} (${formatNumber(l.count)})` }))} />
      <div className="field">
        <label htmlFor="f-from">From</label>
        <input id="f-from" type="date" value={state.from} max={state.to || undefined} onChange={(e) => go(withFilter(state, { from: e.target.value }))} />
      </div>
      <div className="field">
        <label htmlFor="f-to">To</label>
        <input id="f-to" type="date" value={state.to} min={state.from || undefined} onChange={(e) => go(withFilter(state, { to: e.target.value }))} />
      </div>
      <button type="button" className="link-button" onClick={() => go(withFilter(state, { type: [], partner: [], tlp: [], label: [], from: '', to: '' }))}>
        Clear filters
      </button>
    </fieldset>
  );
}

const TLP_OPTIONS = TLP_LEVELS.map((l) => ({ value: l, text: tlpLabel(l) }));

export function ExplorerView() {
  const location = useLocation();
  const state = useMemo(() => parseExplorerQuery(location.search), [location.search]);
  const facets = useFetch<Facets>('/api/facets');
  const results = useFetch<ObjectList>(`/api/objects?${toApiQuery(state)}`);

  // The box follows the URL (Back, links) and the URL follows the box once typing pauses.
  const [text, setText] = useState(state.q);
  useEffect(() => setText(state.q), [state.q]);
  const settled = useDebounced(text, SEARCH_DEBOUNCE_MS);
  const current = useRef(state);
  current.current = state;
  useEffect(() => {
    if (settled.trim() !== current.current.q) go(withFilter(current.current, { q: settled.trim() }), true);
  }, [settled]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() !== state.q) go(withFilter(state, { q: text.trim() }));
  };

  const list = results.data;
  const items = list?.items ?? NO_ROWS;
  const total = list?.total ?? 0;
  const first = state.offset + 1;
  const last = state.offset + items.length;

  return (
    <>
      <PageTitle title="Explorer">Explorer</PageTitle>
      <form role="search" className="search-row" onSubmit={submit}>
        <label htmlFor="explorer-search">Search</label>
        <input id="explorer-search" type="search" value={text} placeholder="Names, descriptions, patterns, labels…" onChange={(e) => setText(e.target.value)} />
      </form>
      <Filters state={state} facets={facets.data} />
      <ErrorAlert error={facets.error ?? results.error} />
      <div className="results-head">
        <p aria-live="polite">
          <span data-testid="result-total">{list ? formatCount(total, 'object') : results.loading ? 'Searching…' : ''}</span>
          {list && items.length > 0 && <span className="muted"> · showing {formatNumber(first)}–{formatNumber(last)}</span>}
          {results.loading && list && <span className="muted"> · updating…</span>}
        </p>
      </div>
      <div aria-busy={results.loading}>
        <DataTable
          data={items}
          columns={columns}
          caption="Objects matching the search and filters"
          testId="results"
          rowId={(o) => o.id}
          rowProps={() => ({ 'data-testid': 'result-row' })}
          sortable={SORTABLE}
          sort={{ column: state.sort, order: state.order }}
          onSort={(c) => go(withSort(state, c as (typeof SORTABLE)[number]))}
          empty={results.loading ? 'Searching…' : 'No objects match.'}
        />
      </div>
      <Pager state={state} total={total} />
    </>
  );
}

const NO_ROWS: ObjectSummary[] = [];

function Pager({ state, total }: { state: ExplorerState; total: number }) {
  return (
    <div className="pager">
      <button type="button" disabled={state.offset === 0} onClick={() => go({ ...state, offset: Math.max(0, state.offset - PAGE_SIZE) })}>Previous</button>
      <button type="button" disabled={state.offset + PAGE_SIZE >= total} onClick={() => go({ ...state, offset: state.offset + PAGE_SIZE })}>Next</button>
    </div>
  );
}
