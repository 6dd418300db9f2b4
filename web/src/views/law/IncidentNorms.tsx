/**
 * The norms an incident engages (`GET /api/incidents/:id/norms`): each
 * suggestion with the rule that fired and its current tag; analysts confirm
 * or reject it with a reason. `IncidentNormsPanel` embeds in the incident
 * view; `IncidentNormsView` is the page `/incidents/:id/norms`.
 */
import { useState } from 'react';
import type { IncidentNorms } from '../../../../src/server/api/contract.ts';
import { api } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useAction } from '../../app/use-action.ts';
import { useFetch } from '../../app/use-fetch.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { canWriteLaw } from '../../lib/law-roles.ts';
import { legalPath } from '../../lib/law-routes.ts';
import { casePath, incidentPath } from '../../lib/routes.ts';
import '../../law.css';

type Suggestion = IncidentNorms['suggestions'][number];

function Decide({ incidentId, norm, onDone }: { incidentId: string; norm: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const decide = (status: 'confirmed' | 'rejected') => {
    if (reason.trim() === '') return action.fail([`Give the reason to ${status === 'confirmed' ? 'confirm' : 'reject'} ${norm}.`]);
    void action.run(() => api.post(`/api/incidents/${encodeURIComponent(incidentId)}/norms/${encodeURIComponent(norm)}`, { status, reason: reason.trim() }), `${norm} ${status}.`, () => {
      setReason('');
      onDone();
    });
  };
  const id = `norm-reason-${norm}`;
  return (
    <div className="law-decide">
      <div className="field">
        <label htmlFor={id}>Reason for {norm}</label>
        <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="buttons">
        <button type="button" onClick={() => decide('confirmed')} disabled={action.busy}>Confirm {norm}</button>
        <button type="button" onClick={() => decide('rejected')} disabled={action.busy}>Reject {norm}</button>
      </div>
      <ErrorAlert error={action.error} />
      <p aria-live="polite" className="status-ok small">{action.done}</p>
    </div>
  );
}

function ruleText(rule: Suggestion['rules'][number]): string {
  const details = Object.entries(rule).filter(([key]) => key !== 'rule').map(([key, value]) => `${key.replace(/_/g, ' ')}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  return details.length > 0 ? `${rule.rule} (${details.join('; ')})` : rule.rule;
}

export function IncidentNormsPanel({ incidentId }: { incidentId: string }) {
  const session = useSession();
  const { data, error, reload } = useFetch<IncidentNorms>(`/api/incidents/${encodeURIComponent(incidentId)}/norms`);
  const writer = canWriteLaw(session.account.role);
  const tagOf = (norm: string) => data?.tags.find((t) => t.norm === norm);
  // Norms decided by hand without a suggestion still show, with their tag.
  const extra = data ? data.tags.filter((t) => !data.suggestions.some((s) => s.norm === t.norm)) : [];
  return (
    <section aria-labelledby="incident-norms-heading" data-testid="incident-norms">
      <h2 id="incident-norms-heading">Norms engaged</h2>
      <ErrorAlert error={error} />
      {data && (
        <>
          <p className="muted">
            Suggested from the incident's category, sectors and target{data.caseId ? <> and the state nexus of its <Link to={casePath(data.caseId)}>attribution case</Link></> : ''}.{' '}
            <Link to={legalPath({ incident: incidentId, ...(data.caseId && { case: data.caseId }) })}>Assess the law</Link>
          </p>
          {data.suggestions.length === 0 && extra.length === 0 && <p>No norm suggested.</p>}
          <ul className="plain law-norm-list">
            {data.suggestions.map((s) => {
              const tag = tagOf(s.norm);
              const status = typeof tag?.status === 'string' ? tag.status : 'suggested';
              return (
                <li key={s.norm} className="card" data-testid="norm-suggestion" data-norm={s.norm} data-status={status}>
                  <h3>{s.norm} {s.title} <span className="badge">{status}</span></h3>
                  <p className="muted small">{s.citation}{s.weight ? ` · ${s.weight}` : ''}</p>
                  <p>Rule{s.rules.length === 1 ? '' : 's'} that fired: {s.rules.map(ruleText).join('; ')}</p>
                  {typeof tag?.reason === 'string' && <p>Reason: {tag.reason}</p>}
                  {writer && <Decide incidentId={incidentId} norm={s.norm} onDone={reload} />}
                </li>
              );
            })}
            {extra.map((t) => (
              <li key={String(t.norm)} className="card" data-testid="norm-suggestion" data-norm={String(t.norm)} data-status={String(t.status)}>
                <h3>{String(t.norm)} <span className="badge">{String(t.status)}</span></h3>
                {typeof t.reason === 'string' && <p>Reason: {t.reason}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function IncidentNormsView({ id }: { id: string }) {
  return (
    <>
      <PageTitle title="Norms of an incident">Norms of an incident</PageTitle>
      <p><Link to={incidentPath(id)}>Back to the incident</Link> · <Link to="/norms">Norms matrix</Link></p>
      <IncidentNormsPanel incidentId={id} />
    </>
  );
}
