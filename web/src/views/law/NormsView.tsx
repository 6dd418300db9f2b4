/**
 * The UN GGE 2015 norms (`/norms`): the catalogue, the matrix of incidents per
 * norm per period (by actor or state, linked to the incidents), and the way
 * to each state's implementation record.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { NormMatrixView } from '../../../../src/server/api/contract.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useFetch } from '../../app/use-fetch.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { matrixApiPath, matrixQuery, shapeMatrix, type MatrixBy, type MatrixPeriod } from '../../lib/law-matrix.ts';
import { stateRecordPath } from '../../lib/law-routes.ts';
import { incidentPath } from '../../lib/routes.ts';
import '../../law.css';

interface Norm { id: string; title: string; citation: string }

function Catalogue() {
  const { data, error } = useFetch<Norm[]>('/api/norms');
  return (
    <section aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">Catalogue</h2>
      <ErrorAlert error={error} />
      <div className="table-wrap">
        <table data-testid="norms-catalogue">
          <caption className="visually-hidden">The UN GGE 2015 norms</caption>
          <thead><tr><th scope="col">Norm</th><th scope="col">Title</th><th scope="col">Citation</th></tr></thead>
          <tbody>
            {(data ?? []).map((norm) => <tr key={norm.id}><td>{norm.id}</td><td>{norm.title}</td><td>{norm.citation}</td></tr>)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Matrix() {
  const location = useLocation();
  const query = matrixQuery(location.search);
  const { data, error, loading } = useFetch<NormMatrixView>(matrixApiPath(query));
  const shaped = useMemo(() => (data ? shapeMatrix(data, query.by) : undefined), [data, query.by]);
  const change = (next: { by?: MatrixBy; period?: MatrixPeriod }) => {
    const q = { ...query, ...next };
    navigate(`/norms?by=${q.by}&period=${q.period}`, { replace: true });
  };
  return (
    <section aria-labelledby="matrix-heading">
      <h2 id="matrix-heading">Norms matrix</h2>
      <p className="muted">Incidents with a confirmed norm, per period; each cell names the {query.by === 'actor' ? 'actors' : 'states'} and links to the incidents.</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="matrix-by">Group by</label>
          <select id="matrix-by" value={query.by} onChange={(e) => change({ by: e.target.value as MatrixBy })}>
            <option value="actor">Actor</option>
            <option value="state">State</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="matrix-period">Period</label>
          <select id="matrix-period" value={query.period} onChange={(e) => change({ period: e.target.value as MatrixPeriod })}>
            <option value="year">Year</option>
            <option value="quarter">Quarter</option>
          </select>
        </div>
      </div>
      <ErrorAlert error={error} />
      {loading && <p aria-live="polite">Loading the matrix…</p>}
      {shaped && (
        <div className="table-wrap">
          <table data-testid="norms-matrix" className="law-matrix">
            <caption className="visually-hidden">Incidents per norm and period</caption>
            <thead>
              <tr>
                <th scope="col">Norm</th>
                {shaped.periods.map((p) => <th key={p} scope="col">{p}</th>)}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {shaped.rows.map((row) => (
                <tr key={row.norm} data-testid="matrix-row" data-norm={row.norm}>
                  <th scope="row"><abbr title={row.citation}>{row.norm}</abbr> {row.title}</th>
                  {row.cells.map((cell) => (
                    <td key={cell.period} data-testid="matrix-cell" data-count={cell.count} className={cell.count === 0 ? 'law-zero' : undefined}>
                      {cell.count === 0 ? <span aria-label="no incidents">0</span> : (
                        <details>
                          <summary>{cell.count} <span className="muted small">{cell.groups}</span></summary>
                          <ul className="plain">
                            {cell.incidents.map((i) => (
                              <li key={i.id}><Link to={incidentPath(i.id)}>{i.name}</Link> <span className="muted small">{(query.by === 'actor' ? i.actors : i.states).join(', ')}</span></li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                  ))}
                  <td>{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shaped.periods.length === 0 && <p className="muted">No incident has a confirmed norm yet.</p>}
        </div>
      )}
      {shaped && query.by === 'state' && shaped.keys.length > 0 && (
        <p>State records: {shaped.keys.map((key, i) => <span key={key}>{i > 0 && ', '}<Link to={stateRecordPath(key)}>{key}</Link></span>)}</p>
      )}
    </section>
  );
}

function StatePicker() {
  const [state, setState] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (state.trim()) navigate(stateRecordPath(state.trim()));
  };
  return (
    <section aria-labelledby="states-heading">
      <h2 id="states-heading">State records</h2>
      <form className="search-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="state-record">State</label>
          <input id="state-record" value={state} onChange={(e) => setState(e.target.value)} placeholder="e.g. GB" />
        </div>
        <button type="submit">Open record</button>
      </form>
    </section>
  );
}

export function NormsView() {
  return (
    <>
      <PageTitle title="Norms">Norms</PageTitle>
      <p className="muted">The 11 voluntary norms of responsible state behaviour (UN GGE 2015, A/70/174 para. 13 (a)–(k)).</p>
      <Matrix />
      <StatePicker />
      <Catalogue />
    </>
  );
}
