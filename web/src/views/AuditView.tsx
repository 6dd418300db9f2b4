/** The node's audit trail, newest first, searchable, paged backwards with "Load older", with the hash chain's verification. */
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import type { AuditEntryView, AuditList, AuditVerification } from '../../../src/server/api/contract.ts';
import { api, isAbort } from '../api/client.ts';
import { useDebounced, useFetch } from '../app/use-fetch.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatCount, formatDateTime, formatNumber } from '../lib/format.ts';

const PAGE = 50;
const SEARCH_DEBOUNCE_MS = 300;

const entry = createColumnHelper<AuditEntryView>();
const columns = [
  entry.accessor('seq', { header: '#', cell: (c) => formatNumber(c.getValue()) }),
  entry.accessor('at', { header: 'When', cell: (c) => formatDateTime(c.getValue()) }),
  entry.accessor('actor', { header: 'Actor' }),
  entry.accessor('action', { header: 'Action', cell: (c) => <span className="mono">{c.getValue()}</span> }),
  entry.accessor('target', { header: 'Target', cell: (c) => <span className="mono break">{c.getValue() ?? '—'}</span> }),
  entry.accessor('details', {
    header: 'Details',
    cell: (c) => (c.getValue() === undefined ? '—' : <code className="details">{JSON.stringify(c.getValue())}</code>),
  }),
  entry.accessor('hash', { header: 'Hash', cell: (c) => <span className="mono" title={c.getValue()}>{c.getValue().slice(0, 12)}…</span> }),
];

function Verification() {
  const { data, error, loading } = useFetch<AuditVerification>('/api/audit/verify');
  return (
    <p data-testid="audit-verify" aria-live="polite" className={data ? (data.ok ? 'status-ok' : 'status-bad') : 'muted'}>
      {loading ? 'Verifying the chain…' : data ? (data.ok ? `Chain verified (${formatCount(data.entries, 'entry', 'entries')})` : `Chain broken: ${data.problem ?? 'no reason given'}`) : ''}
      {error !== undefined && <ErrorAlert error={error} />}
    </p>
  );
}

export function AuditView() {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  // Pages are appended, so the rows live here rather than in useFetch; `rows` changes only when a page arrives.
  const [rows, setRows] = useState<AuditEntryView[]>([]);
  const [nextBefore, setNextBefore] = useState<number | undefined>();
  // "Load older" belongs to one search: a new search starts again from the newest entry.
  const [older, setOlder] = useState<{ q: string; before: number } | undefined>();
  const before = older?.q === q ? older.before : undefined;
  const [status, setStatus] = useState<{ loading: boolean; error?: unknown }>({ loading: true });

  useEffect(() => {
    const controller = new AbortController();
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (q) params.set('q', q);
    if (before !== undefined) params.set('before', String(before));
    setStatus({ loading: true });
    api.get<AuditList>(`/api/audit?${params}`, { signal: controller.signal }).then(
      (page) => {
        setRows((old) => (before === undefined ? page.items : [...old, ...page.items]));
        setNextBefore(page.nextBefore);
        setStatus({ loading: false });
      },
      (error: unknown) => {
        if (!isAbort(error)) setStatus({ loading: false, error });
      },
    );
    return () => controller.abort();
  }, [q, before]);

  return (
    <>
      <PageTitle title="Audit log">Audit log</PageTitle>
      <Verification />
      <form role="search" className="search-row" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="audit-search">Search audit</label>
        <input id="audit-search" type="search" value={text} placeholder="Actor, action, target…" onChange={(e) => setText(e.target.value)} />
      </form>
      <p aria-live="polite" className="muted">{status.loading ? 'Loading…' : `${formatCount(rows.length, 'entry', 'entries')} shown`}</p>
      <ErrorAlert error={status.error} />
      <DataTable data={rows} columns={columns} caption="Audit entries, newest first" testId="audit" rowId={(e) => String(e.seq)} empty={status.loading ? 'Loading…' : 'No entries match.'} />
      <div className="pager">
        <button type="button" disabled={nextBefore === undefined || status.loading} onClick={() => nextBefore !== undefined && setOlder({ q, before: nextBefore })}>Load older</button>
      </div>
    </>
  );
}
