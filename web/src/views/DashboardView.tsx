import type { ReactNode } from 'react';
import type { Dashboard } from '../../../src/server/api/contract.ts';
import { Link } from '../app/router.tsx';
import { useFetch } from '../app/use-fetch.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ObjectLink } from '../components/ObjectLink.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SyncTable } from '../components/SyncTable.tsx';
import { formatCount, formatDateTime, formatNumber } from '../lib/format.ts';

function ByType({ byType }: { byType: Record<string, number> }) {
  const entries = Object.entries(byType).sort((a, b) => b[1] - a[1]);
  return <span className="muted">{entries.map(([type, n]) => `${type} ${formatNumber(n)}`).join(', ')}</span>;
}

/** A list, or a line saying it is empty. */
function List<T>({ items, empty, className, children }: { items: T[]; empty: string; className: string; children: (item: T, index: number) => ReactNode }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return <ul className={className}>{items.map(children)}</ul>;
}

export function DashboardView() {
  const { data, error, loading } = useFetch<Dashboard>('/api/dashboard');
  return (
    <>
      <PageTitle title="Dashboard">Dashboard</PageTitle>
      <p aria-live="polite" className="muted">{loading ? 'Loading…' : data ? `Since ${formatDateTime(data.since)}` : ''}</p>
      <ErrorAlert error={error} />
      {data && (
        <>
          <ul className="stats" aria-label="Totals">
            <li><strong>{formatNumber(data.counts.objects)}</strong> objects</li>
            <li><strong>{formatNumber(data.counts.indicators)}</strong> indicators</li>
            <li><strong>{formatNumber(data.counts.partners)}</strong> partners</li>
            <li><strong>{formatNumber(data.counts.agreements)}</strong> agreements</li>
          </ul>
          <div className="grid-2">
            <section className="card" aria-labelledby="dash-shared">
              <h2 id="dash-shared">Shared since your last visit</h2>
              {data.sharedSince.length === 0 ? (
                <p className="muted">Nothing new from partners.</p>
              ) : (
                data.sharedSince.map((share) => (
                  <article key={share.partner} className="share">
                    <h3>
                      {share.partner}: <Link to={`/explore?partner=${encodeURIComponent(share.partner)}`}>{formatCount(share.objects, 'object')}</Link>
                    </h3>
                    <ByType byType={share.byType} />
                    <ul className="plain">
                      {share.latest.map((o) => <li key={o.id}><ObjectLink object={o} /></li>)}
                    </ul>
                  </article>
                ))
              )}
            </section>
            <section className="card" aria-labelledby="dash-actions">
              <h2 id="dash-actions">Needs action</h2>
              <List items={data.actions} empty="Nothing needs action." className="plain actions">
                {(a, i) => (
                  <li key={i} className={`action severity-${a.severity}`}>
                    <span className="badge">{a.severity}</span> <Link to={a.href}>{a.title}</Link>
                    <div className="muted">{a.detail}</div>
                  </li>
                )}
              </List>
            </section>
          </div>
          <section className="card" aria-labelledby="dash-sync">
            <h2 id="dash-sync">Sync health</h2>
            <SyncTable links={data.sync} />
          </section>
          <section className="card" aria-labelledby="dash-sightings">
            <h2 id="dash-sightings">Recent sightings</h2>
            <List items={data.sightings} empty="No sightings yet." className="plain">
              {(s) => <li key={s.id}><ObjectLink object={s} /> <span className="muted">{formatDateTime(s.modified ?? s.dateAdded)}{s.origin ? ` from ${s.origin}` : ''}</span></li>}
            </List>
          </section>
        </>
      )}
    </>
  );
}
