/** One object: its TLP, every property, its versions, its relationships and where it came from. */
import { createColumnHelper } from '@tanstack/react-table';
import type { ObjectDetail, RelationshipInfo, VersionInfo } from '../../../src/server/api/contract.ts';
import { Link } from '../app/router.tsx';
import { useFetch } from '../app/use-fetch.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { JsonView } from '../components/JsonView.tsx';
import { ObjectLink } from '../components/ObjectLink.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TlpBanner } from '../components/TlpBanner.tsx';
import { formatDateTime } from '../lib/format.ts';
import { graphPath, objectPath } from '../lib/routes.ts';

const version = createColumnHelper<VersionInfo>();
const versionColumns = [
  version.accessor('version', { header: 'Version (modified)', cell: (c) => formatDateTime(c.getValue()) }),
  version.accessor('dateAdded', { header: 'Added here', cell: (c) => formatDateTime(c.getValue()) }),
  version.accessor('origin', { header: 'From', cell: (c) => c.getValue() ?? 'this node' }),
  version.accessor('agreementId', { header: 'Agreement', cell: (c) => c.getValue() ?? '—' }),
  version.accessor('receivedAt', { header: 'Received', cell: (c) => formatDateTime(c.getValue()) }),
];

const relationship = createColumnHelper<RelationshipInfo>();
const relationshipColumns = [
  relationship.accessor('direction', { header: 'Direction', cell: (c) => (c.getValue() === 'out' ? 'this →' : '→ this') }),
  relationship.accessor('kind', {
    header: 'Kind',
    cell: (c) => (c.row.original.id ? <Link to={objectPath(c.row.original.id)}>{c.getValue()}</Link> : <span className="mono">{c.getValue()}</span>),
  }),
  relationship.accessor('other', { header: 'Other object', cell: (c) => <ObjectLink object={c.getValue()} /> }),
];

export function ObjectView({ id }: { id: string }) {
  const { data, error, loading } = useFetch<ObjectDetail>(`/api/objects/${encodeURIComponent(id)}`);
  const summary = data?.summary;
  return (
    <div data-testid="object-detail" className="object-detail">
      <p className="breadcrumb"><Link to="/explore">Explorer</Link> / <span className="mono">{id}</span></p>
      <PageTitle title={summary?.name ?? id}>{summary?.name ?? (loading ? 'Loading…' : id)}</PageTitle>
      <ErrorAlert error={error} />
      {data && summary && (
        <>
          <TlpBanner tlp={summary.tlp} marked={summary.marked} />
          <p className="object-meta">
            <span className="badge">{summary.type}</span>{' '}
            {summary.labels.map((l) => <span key={l} className="badge label">{l}</span>)}{' '}
            <Link to={graphPath(summary.id)} className="button">Show graph</Link>
          </p>
          <div className="grid-detail">
            <section className="card" aria-labelledby="od-properties">
              <h2 id="od-properties">Properties</h2>
              <JsonView value={data.object} />
            </section>
            <div>
              <section className="card" aria-labelledby="od-provenance">
                <h2 id="od-provenance">Provenance</h2>
                <dl className="facts">
                  <dt>Origin</dt>
                  <dd>{summary.origin ? `Partner ${summary.origin}` : 'Made on this node'}</dd>
                  <dt>Created by</dt>
                  <dd>{summary.createdByRef ? <Link to={objectPath(summary.createdByRef)} className="mono">{summary.createdByRef}</Link> : '—'}</dd>
                  <dt>Created</dt>
                  <dd>{formatDateTime(summary.created)}</dd>
                  <dt>Modified</dt>
                  <dd>{formatDateTime(summary.modified)}</dd>
                  <dt>Added to this node</dt>
                  <dd>{formatDateTime(summary.dateAdded)}</dd>
                  <dt>Marking</dt>
                  <dd>{summary.marked ? 'Marked on the object' : "The node's default marking (the object is unmarked)"}</dd>
                </dl>
              </section>
              <section className="card" aria-labelledby="od-versions">
                <h2 id="od-versions">Versions</h2>
                <DataTable data={data.versions} columns={versionColumns} caption="Versions, newest first" testId="versions" rowId={(v) => v.version} />
              </section>
            </div>
          </div>
          <section className="card" aria-labelledby="od-relationships">
            <h2 id="od-relationships">Relationships</h2>
            <DataTable
              data={data.relationships}
              columns={relationshipColumns}
              caption="Relationships and references"
              testId="relationships"
              rowId={(r) => r.id ?? `${r.kind}|${r.direction}|${r.other.id}`}
              empty="No relationships you may see."
            />
          </section>
        </>
      )}
    </div>
  );
}
