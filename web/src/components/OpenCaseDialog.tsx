/** Opens an attribution case from an incident: a name, the candidate actor, the state nexus, the partners taking part and the rule. */
import { useState, type FormEvent } from 'react';
import type { CaseDetail, ObjectSummary, PartnerView } from '../../../src/server/api/contract.ts';
import { api } from '../api/client.ts';
import { useFetch } from '../app/use-fetch.ts';
import { openCaseRequest, type OpenCaseFields } from '../lib/case-forms.ts';
import { NEXUS_LABEL, STATE_NEXUS_VALUES } from '../lib/workspace.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { ModalDialog } from './ModalDialog.tsx';

export function OpenCaseDialog({ incident, candidates, candidateId, onClose, onOpened }: {
  incident: ObjectSummary;
  /** Intrusion sets and threat actors to choose from (the incident's suggestions). */
  candidates: ObjectSummary[];
  candidateId: string;
  onClose: () => void;
  onOpened: (detail: CaseDetail) => void;
}) {
  const partners = useFetch<PartnerView[]>('/api/partners');
  const states = (partners.data ?? []).filter((p) => p.identityId !== undefined);
  const [fields, setFields] = useState<OpenCaseFields>({
    name: `Attribution of ${incident.name}`, incidentId: incident.id, candidateId, stateNexus: 'unknown', participants: [], rule: 'all', n: '',
  });
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<OpenCaseFields>) => setFields((f) => ({ ...f, ...change }));
  const toggle = (id: string, on: boolean) => setFields((f) => ({ ...f, participants: on ? [...f.participants, id] : f.participants.filter((p) => p !== id) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = openCaseRequest(fields);
    if (!result.ok) return setProblem(new Error(result.problems.join(' ')));
    setBusy(true);
    setProblem(undefined);
    try {
      onOpened(await api.post<CaseDetail>('/api/cases', result.input));
    } catch (error) {
      setProblem(error);
      setBusy(false);
    }
  };

  const id = 'open-case';
  return (
    <ModalDialog id={id} title="Open attribution case" onClose={onClose} onSubmit={submit}>
      <p className="muted">About the incident {incident.name}. This node takes part and opens the case as a draft.</p>
      <label htmlFor={`${id}-name`}>Case name</label>
      <input id={`${id}-name`} value={fields.name} onChange={(e) => set({ name: e.target.value })} />
      <label htmlFor={`${id}-candidate`}>Candidate actor</label>
      <select id={`${id}-candidate`} value={fields.candidateId} onChange={(e) => set({ candidateId: e.target.value })}>
        {candidates.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.type})</option>)}
      </select>
      <label htmlFor={`${id}-nexus`}>State nexus</label>
      <select id={`${id}-nexus`} value={fields.stateNexus} onChange={(e) => set({ stateNexus: e.target.value as OpenCaseFields['stateNexus'] })}>
        {STATE_NEXUS_VALUES.map((n) => <option key={n} value={n}>{NEXUS_LABEL[n]}</option>)}
      </select>
      <fieldset>
        <legend>Partners taking part</legend>
        <ErrorAlert error={partners.error} />
        {states.length === 0 && !partners.loading && <span className="muted">No partner with a registered identity.</span>}
        {states.map((p) => (
          <label key={p.name} className="check">
            <input type="checkbox" checked={fields.participants.includes(p.identityId!)} onChange={(e) => toggle(p.identityId!, e.target.checked)} /> {p.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Concurrence rule</legend>
        <label className="check"><input type="radio" name={`${id}-rule`} checked={fields.rule === 'all'} onChange={() => set({ rule: 'all' })} /> All participants</label>
        <label className="check"><input type="radio" name={`${id}-rule`} checked={fields.rule === 'n-of-m'} onChange={() => set({ rule: 'n-of-m' })} /> At least N</label>
        {fields.rule === 'n-of-m' && (
          <span className="field">
            <label htmlFor={`${id}-n`}>N</label>
            <input id={`${id}-n`} inputMode="numeric" size={3} value={fields.n} onChange={(e) => set({ n: e.target.value })} />
          </span>
        )}
      </fieldset>
      <ErrorAlert error={problem} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>Open case</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </ModalDialog>
  );
}
