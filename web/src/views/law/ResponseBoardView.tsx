/**
 * The response board of an attribution case (`/cases/:id/responses`): each
 * option with its legal check (lawful as retorsion, or the countermeasure and
 * self-defence preconditions met, unmet or unknown), each partner's position
 * and reasons, the tally, and the status with the moves open from it.
 */
import { useState, type FormEvent } from 'react';
import type { PositionInputBody, ResponseBoard, ResponseInputBody, ResponseStatusInput, StoredWorkflowObject } from '../../../../src/server/api/contract.ts';
import { api } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useAction } from '../../app/use-action.ts';
import { useFetch } from '../../app/use-fetch.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { nextStatuses, reasonProblem, tallyText, type PositionValue } from '../../lib/law-positions.ts';
import { canWriteLaw } from '../../lib/law-roles.ts';
import { legalPath } from '../../lib/law-routes.ts';
import { REQUIREMENT_BADGES, STANDING_BADGES, VERDICT_BADGES } from '../../lib/law-verdict.ts';
import { casePath } from '../../lib/routes.ts';
import { LawBadge } from './LawBadge.tsx';
import '../../law.css';

type Option = ResponseBoard['options'][number];

const KINDS: readonly [ResponseInputBody['kind'], string][] = [
  ['demarche', 'Diplomatic démarche'], ['joint-statement', 'Joint public statement'], ['partner-support', 'Support to a partner'],
  ['law-enforcement', 'Law-enforcement action or indictment'], ['sanctions-listing', 'Sanctions listing proposal'],
  ['technical-disruption', 'Technical disruption'], ['countermeasures', 'Countermeasures'], ['self-defence', 'Self-defence measures'],
];

interface LegalCheck {
  standing: string;
  summary: string;
  bases: { basis: string; question: string; verdict: string; engine_verdict: string; override_reason?: string; requirements?: { text: string; status: string }[] }[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function LegalCheckView({ check }: { check: LegalCheck | undefined }) {
  if (!check) return <p className="muted">No legal check.</p>;
  return (
    <div className="law-check">
      <p><LawBadge table={STANDING_BADGES} value={check.standing} testId="standing" /> {check.summary}</p>
      {check.bases.map((b) => (
        <div key={b.basis}>
          <p>
            <strong>{b.question}</strong> <LawBadge table={VERDICT_BADGES} value={b.verdict} />
            {b.verdict !== b.engine_verdict && <span className="small"> (engine: {VERDICT_BADGES[b.engine_verdict as 'yes']?.label ?? b.engine_verdict}; overridden: {b.override_reason})</span>}
          </p>
          {b.requirements && (
            <ul className="law-requirements">
              {b.requirements.map((r) => <li key={r.text}><LawBadge table={REQUIREMENT_BADGES} value={r.status} /> {r.text}</li>)}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

function PositionForm({ option, onDone }: { option: StoredWorkflowObject; onDone: () => void }) {
  const [position, setPosition] = useState<PositionValue>('support');
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = option.id.replace(/[^a-z0-9]/gi, '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = reasonProblem(position, reason);
    if (problem) return action.fail([problem]);
    const body: PositionInputBody = { position, ...(reason.trim() && { reason: reason.trim() }) };
    void action.run(() => api.post(`/api/responses/${encodeURIComponent(option.id)}/positions`, body), 'Position recorded.', onDone);
  };
  return (
    <form className="law-inline-form" onSubmit={submit} aria-label={`Our position on ${text(option.name)}`}>
      <div className="field">
        <label htmlFor={`pos-${id}`}>Our position</label>
        <select id={`pos-${id}`} value={position} onChange={(e) => setPosition(e.target.value as PositionValue)}>
          <option value="support">Support</option><option value="oppose">Oppose</option><option value="abstain">Abstain</option>
        </select>
      </div>
      <div className="field"><label htmlFor={`pos-reason-${id}`}>Reason</label><input id={`pos-reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} /></div>
      <button type="submit" disabled={action.busy}>State position</button>
      <ErrorAlert error={action.error} />
    </form>
  );
}

function StatusMoves({ option, onDone }: { option: StoredWorkflowObject; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const moves = nextStatuses(text(option.status));
  if (moves.length === 0) return null;
  const id = option.id.replace(/[^a-z0-9]/gi, '');
  const move = (status: ResponseStatusInput['status']) => {
    const problem = reasonProblem(status, reason);
    if (problem) return action.fail([problem]);
    const body: ResponseStatusInput = { status, ...(reason.trim() && { reason: reason.trim() }) };
    void action.run(() => api.post(`/api/responses/${encodeURIComponent(option.id)}/status`, body), `Now ${status}.`, onDone);
  };
  return (
    <div className="law-inline-form">
      <div className="field"><label htmlFor={`status-reason-${id}`}>Reason for the status change</label><input id={`status-reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} /></div>
      <div className="buttons">{moves.map((m) => <button key={m} type="button" onClick={() => move(m as ResponseStatusInput['status'])} disabled={action.busy}>Mark {m.replace(/-/g, ' ')}</button>)}</div>
      <ErrorAlert error={action.error} />
    </div>
  );
}

function OptionCard({ entry, writer, onChange }: { entry: Option; writer: boolean; onChange: () => void }) {
  const { option, positions, tally } = entry;
  const history = Array.isArray(option.status_history) ? option.status_history as { status: string; at: string; reason?: string }[] : [];
  return (
    <article className="card" data-testid="response-option" data-kind={text(option.kind)} aria-labelledby={`opt-${option.id}`}>
      <h2 id={`opt-${option.id}`}>{text(option.name) || text(option.kind)} <span className="badge" data-testid="response-status">{text(option.status)}</span></h2>
      <p>{text(option.description)}</p>
      <h3>Legal check</h3>
      <LegalCheckView check={option.legal_check as LegalCheck | undefined} />
      <h3>Positions</h3>
      <p data-testid="tally">{tallyText(tally, tally.silent)}</p>
      {positions.length > 0 && (
        <ul className="plain">
          {positions.map((p) => <li key={p.id}><strong>{p.created_by_ref}</strong>: {text(p.position)}{text(p.reason) && ` — ${text(p.reason)}`} <span className="muted small">{formatDateTime(p.modified)}</span></li>)}
        </ul>
      )}
      {history.length > 0 && <p className="muted small">History: {history.map((h) => `${h.status} ${formatDateTime(h.at)}${h.reason ? ` (${h.reason})` : ''}`).join(' → ')}</p>}
      {writer && <PositionForm option={option} onDone={onChange} />}
      {writer && <StatusMoves option={option} onDone={onChange} />}
    </article>
  );
}

function ProposeForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const [kind, setKind] = useState<ResponseInputBody['kind']>('demarche');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!description.trim()) return action.fail(['Describe the option.']);
    const body: ResponseInputBody = { kind, description: description.trim(), ...(name.trim() && { name: name.trim() }) };
    void action.run(() => api.post(`/api/cases/${encodeURIComponent(caseId)}/responses`, body), 'Option proposed.', () => {
      setName('');
      setDescription('');
      onDone();
    });
  };
  return (
    <form className="card case-form" onSubmit={submit} aria-labelledby="propose-heading">
      <h2 id="propose-heading">Propose an option</h2>
      <p className="muted small">Checked against the case's stored legal assessment (<Link to={legalPath({ case: caseId })}>assess the law</Link> first if there is none).</p>
      <div className="field">
        <label htmlFor="propose-kind">Measure</label>
        <select id="propose-kind" value={kind} onChange={(e) => setKind(e.target.value as ResponseInputBody['kind'])}>
          {KINDS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <div className="field"><label htmlFor="propose-name">Name</label><input id="propose-name" value={name} onChange={(e) => setName(e.target.value)} /></div>
      <div className="field"><label htmlFor="propose-description">Description</label><textarea id="propose-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} /></div>
      <ErrorAlert error={action.error} />
      <p aria-live="polite" className="status-ok">{action.done}</p>
      <div className="buttons"><button type="submit" disabled={action.busy}>Propose</button></div>
    </form>
  );
}

export function ResponseBoardView({ caseId }: { caseId: string }) {
  const session = useSession();
  const writer = canWriteLaw(session.account.role);
  const { data, error, reload } = useFetch<ResponseBoard>(`/api/cases/${encodeURIComponent(caseId)}/responses`);
  return (
    <>
      <PageTitle title="Response board">Response board</PageTitle>
      <p><Link to={casePath(caseId)}>Back to the case</Link> · <Link to={legalPath({ case: caseId })}>Legal assessment</Link></p>
      <p className="law-disclaimer" role="note"><strong>Decision support, not legal advice.</strong> Each option's legal check is the engine's, with analysts' overrides shown.</p>
      <ErrorAlert error={error} />
      {data && data.options.length === 0 && <p>No response option yet.</p>}
      {data?.options.map((entry) => <OptionCard key={entry.option.id} entry={entry} writer={writer} onChange={reload} />)}
      {writer && <ProposeForm caseId={caseId} onDone={reload} />}
    </>
  );
}
