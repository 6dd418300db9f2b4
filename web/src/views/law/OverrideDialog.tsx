/** An analyst's different verdict on one conclusion, with the reason (POST /api/legal/assessments/:id/overrides). */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../app/use-action.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ModalDialog } from '../../components/ModalDialog.tsx';
import type { WireAssessment, WireConclusion } from '../../lib/law-assessment.ts';
import { VERDICT_BADGES, type Verdict } from '../../lib/law-verdict.ts';

export function OverrideDialog({ assessmentId, conclusion, onClose, onSaved }: {
  assessmentId: string; conclusion: WireConclusion; onClose: () => void; onSaved: (stored: WireAssessment) => void;
}) {
  const [verdict, setVerdict] = useState<Verdict>(conclusion.verdict);
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') return action.fail(['Give the reason for the override.']);
    let stored: WireAssessment | undefined;
    void action.run(async () => {
      stored = await api.post<WireAssessment>(`/api/legal/assessments/${encodeURIComponent(assessmentId)}/overrides`, { conclusion: conclusion.id, verdict, reason: reason.trim() });
    }, 'Override saved.', () => stored && onSaved(stored));
  };
  return (
    <ModalDialog id="override" title={`Override: ${conclusion.question}`} onClose={onClose} onSubmit={submit}>
      <p className="muted">The engine's verdict stays beside yours.</p>
      <div className="field">
        <label htmlFor="override-verdict">Verdict</label>
        <select id="override-verdict" value={verdict} onChange={(e) => setVerdict(e.target.value as Verdict)}>
          {Object.entries(VERDICT_BADGES).map(([value, badge]) => <option key={value} value={value}>{badge.label}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="override-reason">Reason</label>
        <textarea id="override-reason" rows={4} required value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ErrorAlert error={action.error} />
      <div className="buttons">
        <button type="submit" disabled={action.busy}>Save</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </ModalDialog>
  );
}
