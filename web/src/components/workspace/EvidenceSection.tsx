/** The case's evidence with its Admiralty grades (both meanings) and contributor, and the form to add an item as this node. */
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import type { CaseEvidenceView, InformationCredibility, SourceReliability } from '../../../../src/server/api/contract.ts';
import { api } from '../../api/client.ts';
import { useAction } from '../../app/use-action.ts';
import { CREDIBILITY_GRADES, INFORMATION_CREDIBILITY, RELIABILITY_GRADES, SOURCE_RELIABILITY, splitMeaning } from '../../lib/admiralty.ts';
import { evidenceRequest, type EvidenceFields } from '../../lib/case-forms.ts';
import { formatDateTime } from '../../lib/format.ts';
import { DataTable } from '../DataTable.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { ObjectLink } from '../ObjectLink.tsx';

function Meaning({ grade, meaning }: { grade: string; meaning: string }) {
  const { name, detail } = splitMeaning(meaning);
  return <div><strong>{grade}</strong> {name}{detail && <span className="muted"> — {detail}</span>}</div>;
}

const row = createColumnHelper<CaseEvidenceView>();
const columns = [
  row.accessor('grade', {
    header: 'Grade',
    cell: (c) => {
      const { code, reliability, credibility } = c.getValue();
      return (
        <div className="grade">
          <span className="grade-code" aria-label={`Admiralty grade ${code}`}>{code}</span>
          <Meaning grade={`Source ${code.slice(0, 1)}:`} meaning={reliability} />
          <Meaning grade={`Information ${code.slice(1)}:`} meaning={credibility} />
        </div>
      );
    },
  }),
  row.accessor((e) => e.evidence.description, { id: 'description', header: 'Evidence' }),
  row.accessor('objects', {
    header: 'Intelligence',
    cell: (c) => {
      const hidden = c.row.original.evidence.object_refs.length - c.getValue().length;
      return (
        <>
          <ul className="plain">{c.getValue().map((o) => <li key={o.id}><ObjectLink object={o} /></li>)}</ul>
          {hidden > 0 && <span className="muted">and {hidden} not visible here</span>}
        </>
      );
    },
  }),
  row.accessor((e) => e.contributorName ?? e.evidence.contributed_by_ref, { id: 'contributor', header: 'Contributed by' }),
  row.accessor((e) => e.evidence.created, { id: 'added', header: 'Added', cell: (c) => formatDateTime(c.getValue()) }),
];

const EMPTY: EvidenceFields = { objectRefs: '', description: '', reliability: 'B', credibility: 2 };

function EvidenceForm({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const [fields, setFields] = useState<EvidenceFields>(EMPTY);
  const action = useAction();
  const set = (change: Partial<EvidenceFields>) => setFields((f) => ({ ...f, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = evidenceRequest(fields);
    if (!parsed.ok) return action.fail(parsed.problems);
    void action.run(() => api.post(`/api/cases/${encodeURIComponent(caseId)}/evidence`, parsed.input), 'Evidence added.', () => {
      setFields(EMPTY);
      onAdded();
    });
  };
  return (
    <form className="case-form" onSubmit={submit} aria-labelledby="ev-form-title">
      <h3 id="ev-form-title">Add evidence</h3>
      <div className="field">
        <label htmlFor="ev-refs">Intelligence</label>
        <input id="ev-refs" value={fields.objectRefs} aria-describedby="ev-refs-help" onChange={(e) => set({ objectRefs: e.target.value })} />
        <span id="ev-refs-help" className="muted">STIX ids of the indicators, malware, infrastructure … it rests on, comma-separated.</span>
      </div>
      <div className="field">
        <label htmlFor="ev-description">Description</label>
        <textarea id="ev-description" rows={2} value={fields.description} onChange={(e) => set({ description: e.target.value })} />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="ev-reliability">Source reliability</label>
          <select id="ev-reliability" value={fields.reliability} onChange={(e) => set({ reliability: e.target.value as SourceReliability })}>
            {RELIABILITY_GRADES.map((g) => <option key={g} value={g}>{g}: {SOURCE_RELIABILITY[g]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ev-credibility">Information credibility</label>
          <select id="ev-credibility" value={fields.credibility} onChange={(e) => set({ credibility: Number(e.target.value) as InformationCredibility })}>
            {CREDIBILITY_GRADES.map((g) => <option key={g} value={g}>{g}: {INFORMATION_CREDIBILITY[g]}</option>)}
          </select>
        </div>
      </div>
      <ErrorAlert error={action.error} />
      <p aria-live="polite" className="muted">{action.done}</p>
      <button type="submit" disabled={action.busy}>Add evidence</button>
    </form>
  );
}

/** `refusal`: why this node may not add evidence now; undefined when it may. */
export function EvidenceSection({ caseId, evidence, refusal, onChanged }: { caseId: string; evidence: CaseEvidenceView[]; refusal: string | undefined; onChanged: () => void }) {
  return (
    <section className="card" aria-labelledby="ws-evidence">
      <h2 id="ws-evidence">Evidence</h2>
      <p className="muted">Each item graded twice with the Admiralty code: how reliable its source is (A–F) and how credible the information is (1–6); F and 6 mean “cannot be judged”.</p>
      <DataTable data={evidence} columns={columns} caption="Evidence with Admiralty grades" testId="evidence" rowId={(e) => e.evidence.id} rowProps={() => ({ 'data-testid': 'evidence-row' })} empty="No evidence yet." />
      {refusal === undefined ? <EvidenceForm caseId={caseId} onAdded={onChanged} /> : <p className="muted">Adding evidence: {refusal}.</p>}
    </section>
  );
}
