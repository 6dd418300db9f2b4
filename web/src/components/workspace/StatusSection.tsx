/** The case's status with its history (who, when, why) and a button per next status, disabled ones with the node's reason. */
import { useState } from 'react';
import type { CaseDetail } from '../../../../src/server/api/contract.ts';
import { api } from '../../api/client.ts';
import { useAction } from '../../app/use-action.ts';
import { formatDateTime } from '../../lib/format.ts';
import { transitionButtons, type TransitionButton } from '../../lib/workspace.ts';
import { StatusBadge } from '../CaseBadges.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';

function Transition({ button, onClick, reason, setReason }: { button: TransitionButton; onClick: () => void; reason: string; setReason: (r: string) => void }) {
  const id = `tr-${button.to}`;
  return (
    <li className="transition" data-testid="transition" data-to={button.to}>
      {button.needsReason && !button.disabled && (
        <span className="field">
          <label htmlFor={`${id}-reason`}>Reason for the change</label>
          <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </span>
      )}
      <button type="button" className={button.to === 'published' ? 'primary' : undefined} disabled={button.disabled} aria-describedby={button.reason ? `${id}-why` : undefined} onClick={onClick}>
        {button.label}
      </button>
      {button.reason && <span id={`${id}-why`} className="muted refusal">Not now: {button.reason}.</span>}
    </li>
  );
}

/** `named`: the node's reason text with participants' names for their identity ids. */
export function StatusSection({ detail, nameOf, named, onChanged }: { detail: CaseDetail; nameOf: (id: string) => string; named: (text: string) => string; onChanged: () => void }) {
  const action = useAction();
  const [reason, setReason] = useState('');
  const buttons = transitionButtons(detail.transitions, detail.editable).map((b) => (b.reason ? { ...b, reason: named(b.reason) } : b));
  const go = (button: TransitionButton) => {
    const body = button.needsReason ? { to: button.to, reason: reason.trim() } : { to: button.to };
    void action.run(() => api.post(`/api/cases/${encodeURIComponent(detail.summary.id)}/transitions`, body), `The case is now ${button.to}.`, onChanged);
  };
  return (
    <section className="card" aria-labelledby="ws-status">
      <h2 id="ws-status">Status</h2>
      <p>Now: <StatusBadge status={detail.case.status} testId="case-status" /></p>
      <ol className="history" data-testid="status-history">
        {detail.case.status_history.map((change, i) => (
          <li key={i}>
            <StatusBadge status={change.status} /> by {nameOf(change.by)}, {formatDateTime(change.at)}
            {change.reason && <span className="muted"> — {change.reason}</span>}
          </li>
        ))}
      </ol>
      {buttons.length === 0 ? <p className="muted">The case is {detail.case.status}: that is final.</p> : (
        <ul className="plain transitions">{buttons.map((b) => <Transition key={b.to} button={b} reason={reason} setReason={setReason} onClick={() => go(b)} />)}</ul>
      )}
      <ErrorAlert error={action.error} />
      <p aria-live="polite" className="muted">{action.done}</p>
    </section>
  );
}
