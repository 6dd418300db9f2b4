/** This node's assessment and opinion on the case: each a small form, posted as this node's identity. */
import { useState, type FormEvent } from 'react';
import type { AssessmentLevel, OpinionValue, PhiaTermId } from '../../../../src/server/api/contract.ts';
import { api } from '../../api/client.ts';
import { useAction } from '../../app/use-action.ts';
import { assessmentRequest, opinionRequest, type AssessmentFields, type OpinionFields } from '../../lib/case-forms.ts';
import { likelihoodPhrase, PHIA_SCALE } from '../../lib/likelihood.ts';
import { isDissent, OPINION_LABEL, OPINION_VALUES } from '../../lib/workspace.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

const LEVELS: AssessmentLevel[] = ['technical', 'operational', 'strategic'];
const path = (caseId: string, what: string) => `/api/cases/${encodeURIComponent(caseId)}/${what}`;

export function AssessmentForm({ caseId, onSaved }: { caseId: string; onSaved: () => void }) {
  const [fields, setFields] = useState<AssessmentFields>({ level: 'technical', likelihood: 'likely', rationale: '' });
  const action = useAction();
  const set = (change: Partial<AssessmentFields>) => setFields((f) => ({ ...f, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = assessmentRequest(fields);
    if (!parsed.ok) return action.fail(parsed.problems);
    void action.run(() => api.post(path(caseId, 'assessments'), parsed.input), 'Assessment added.', () => {
      set({ rationale: '' });
      onSaved();
    });
  };
  return (
    <form className="case-form" onSubmit={submit} aria-labelledby="as-form-title">
      <h3 id="as-form-title">Add an assessment as this node</h3>
      <div className="form-row">
        <div className="field">
          <label htmlFor="as-level">Level</label>
          <select id="as-level" value={fields.level} onChange={(e) => set({ level: e.target.value as AssessmentLevel })}>
            {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="as-likelihood">Likelihood</label>
          <select id="as-likelihood" value={fields.likelihood} onChange={(e) => set({ likelihood: e.target.value as PhiaTermId })}>
            {PHIA_SCALE.map((t) => <option key={t.id} value={t.id}>{likelihoodPhrase(t)}</option>)}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="as-rationale">Rationale</label>
        <textarea id="as-rationale" rows={3} value={fields.rationale} onChange={(e) => set({ rationale: e.target.value })} />
      </div>
      <ErrorAlert error={action.error} />
      <p aria-live="polite" className="muted">{action.done}</p>
      <button type="submit" disabled={action.busy}>Add assessment</button>
    </form>
  );
}

export function OpinionForm({ caseId, onSaved }: { caseId: string; onSaved: () => void }) {
  const [fields, setFields] = useState<OpinionFields>({ opinion: 'agree', explanation: '' });
  const action = useAction();
  const set = (change: Partial<OpinionFields>) => setFields((f) => ({ ...f, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = opinionRequest(fields);
    if (!parsed.ok) return action.fail(parsed.problems);
    void action.run(() => api.post(path(caseId, 'opinions'), parsed.input), 'Opinion recorded.', onSaved);
  };
  return (
    <form className="case-form" onSubmit={submit} aria-labelledby="op-form-title">
      <h3 id="op-form-title">Give this node's opinion</h3>
      <div className="field">
        <label htmlFor="op-opinion">Opinion</label>
        <select id="op-opinion" value={fields.opinion} onChange={(e) => set({ opinion: e.target.value as OpinionValue })}>
          {OPINION_VALUES.map((o) => <option key={o} value={o}>{OPINION_LABEL[o]}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="op-explanation">Reasons</label>
        <textarea id="op-explanation" rows={3} value={fields.explanation} aria-describedby="op-explanation-help" onChange={(e) => set({ explanation: e.target.value })} />
        <span id="op-explanation-help" className="muted">{isDissent(fields.opinion) ? 'Required: a dissent gives its reasons, and partners see them.' : 'Optional.'}</span>
      </div>
      <ErrorAlert error={action.error} />
      <p aria-live="polite" className="muted">{action.done}</p>
      <button type="submit" disabled={action.busy}>Record opinion</button>
    </form>
  );
}
