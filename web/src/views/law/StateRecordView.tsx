/** A state's record of norm implementation (`/norms/states/:state`): every norm, its positive practical measures with evidence and dates, gaps shown as gaps. */
import { useState, type FormEvent } from 'react';
import type { NormImplementationBody, StateRecordView as StateRecord } from '../../../../src/server/api/contract.ts';
import { api } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useAction } from '../../app/use-action.ts';
import { useFetch } from '../../app/use-fetch.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { canWriteLaw } from '../../lib/law-roles.ts';
import '../../law.css';

function MeasureForm({ state, norms, onSaved }: { state: string; norms: StateRecord['norms']; onSaved: () => void }) {
  const [norm, setNorm] = useState(norms[0]?.norm ?? '');
  const [measure, setMeasure] = useState('');
  const [evidence, setEvidence] = useState('');
  const [date, setDate] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = [
      ...(measure.trim() ? [] : ['Describe the measure.']),
      ...(evidence.trim() ? [] : ['Give at least one piece of evidence (one per line).']),
      ...(date ? [] : ['Give the date of the measure.']),
    ];
    if (problems.length > 0) return action.fail(problems);
    const body: NormImplementationBody = { state, norm, measure: measure.trim(), evidence: evidence.split('\n').map((l) => l.trim()).filter(Boolean), date: new Date(`${date}T00:00:00Z`).toISOString() };
    void action.run(() => api.post('/api/norms/implementations', body), 'Measure recorded.', () => {
      setMeasure('');
      setEvidence('');
      onSaved();
    });
  };
  return (
    <form className="card case-form" onSubmit={submit} aria-labelledby="measure-heading">
      <h2 id="measure-heading">Record a measure</h2>
      <div className="field">
        <label htmlFor="measure-norm">Norm</label>
        <select id="measure-norm" value={norm} onChange={(e) => setNorm(e.target.value)}>
          {norms.map((n) => <option key={n.norm} value={n.norm}>{n.norm} {n.title}</option>)}
        </select>
      </div>
      <div className="field"><label htmlFor="measure-text">Measure</label><textarea id="measure-text" rows={2} value={measure} onChange={(e) => setMeasure(e.target.value)} /></div>
      <div className="field"><label htmlFor="measure-evidence">Evidence</label><textarea id="measure-evidence" rows={2} value={evidence} onChange={(e) => setEvidence(e.target.value)} aria-describedby="measure-evidence-help" /><p id="measure-evidence-help" className="muted small">One per line: a URL or a document reference.</p></div>
      <div className="field"><label htmlFor="measure-date">Date</label><input id="measure-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} /></div>
      <ErrorAlert error={action.error} />
      <p aria-live="polite" className="status-ok">{action.done}</p>
      <div className="buttons"><button type="submit" disabled={action.busy}>Record measure</button></div>
    </form>
  );
}

export function StateRecordView({ state }: { state: string }) {
  const session = useSession();
  const { data, error, reload } = useFetch<StateRecord>(`/api/norms/states/${encodeURIComponent(state)}`);
  const gaps = data ? data.norms.filter((n) => n.measures.length === 0).length : 0;
  return (
    <>
      <PageTitle title={`Norms record: ${state}`}>Norms record: {state}</PageTitle>
      <p><Link to="/norms">All norms</Link></p>
      <ErrorAlert error={error} />
      {data && (
        <>
          <p data-testid="state-summary">{data.total} measure{data.total === 1 ? '' : 's'} recorded; {gaps} of {data.norms.length} norms without a measure.</p>
          <div className="table-wrap">
            <table data-testid="state-record">
              <caption className="visually-hidden">Measures of {state} per norm</caption>
              <thead><tr><th scope="col">Norm</th><th scope="col">Measures, evidence and dates</th></tr></thead>
              <tbody>
                {data.norms.map((n) => (
                  <tr key={n.norm} data-testid="state-norm" data-norm={n.norm} data-gap={n.measures.length === 0 ? 'true' : 'false'}>
                    <th scope="row">{n.norm} {n.title}<br /><span className="muted small">{n.citation}</span></th>
                    <td>
                      {n.measures.length === 0 ? <span className="law-gap">Gap: no measure recorded</span> : (
                        <ul className="plain law-measures">
                          {n.measures.map((m) => (
                            <li key={m.id}>
                              <strong>{String(m.measure ?? '')}</strong> <span className="muted small">{formatDateTime(typeof m.date === 'string' ? m.date : undefined)}</span>
                              <ul>{(Array.isArray(m.evidence) ? m.evidence : []).map((e) => <li key={String(e)}>{String(e)}</li>)}</ul>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canWriteLaw(session.account.role) && <MeasureForm state={state} norms={data.norms} onSaved={reload} />}
        </>
      )}
    </>
  );
}
