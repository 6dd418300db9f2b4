/**
 * The attribution workspace of one case: who is named and how, the status
 * and its history, the incidents, the graded evidence, every participant's
 * assessments and opinion side by side (dissent flagged), the concurrence
 * against the rule, this node's forms, and the joint statement with its
 * signatures and publication. Every write answers with the case, reloaded.
 */
import type { CaseDetail } from '../../../src/server/api/contract.ts';
import { Link } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { useFetch } from '../app/use-fetch.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ObjectLink } from '../components/ObjectLink.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TlpBanner } from '../components/TlpBanner.tsx';
import { EvidenceSection } from '../components/workspace/EvidenceSection.tsx';
import { AssessmentForm, OpinionForm } from '../components/workspace/JudgementForms.tsx';
import { ParticipantColumns } from '../components/workspace/ParticipantColumns.tsx';
import { StatementSection } from '../components/workspace/StatementSection.tsx';
import { StatusSection } from '../components/workspace/StatusSection.tsx';
import { concurrenceText, contributionRefusals, dissents, NEXUS_LABEL, OPINION_LABEL, stanceSummary, withNames } from '../lib/workspace.ts';

function names(detail: CaseDetail, nodeTitle: string): Map<string, string> {
  const known = new Map<string, string>([[detail.nodeIdentityId, nodeTitle]]);
  for (const p of detail.participants) if (p.name) known.set(p.identityId, p.name);
  for (const e of detail.evidence) if (e.contributorName) known.set(e.evidence.contributed_by_ref, e.contributorName);
  for (const s of detail.signatures) if (s.signerName) known.set(s.signer, s.signerName);
  return known;
}

function Workspace({ detail, reload }: { detail: CaseDetail; reload: () => void }) {
  const session = useSession();
  const known = names(detail, session.node.title);
  const nameOf = (id: string) => known.get(id) ?? id;
  const named = (text: string) => withNames(text, known);
  const c = detail.case;
  const refusals = contributionRefusals(detail);
  const dissenting = dissents(detail.participants);
  return (
    <>
      <TlpBanner tlp={detail.summary.tlp} marked={detail.summary.marked} />
      <section className="card case-header" aria-labelledby="ws-case">
        <h2 id="ws-case">The case</h2>
        <p className="case-claim">
          Candidate: {detail.candidate ? <ObjectLink object={detail.candidate} /> : <span className="mono">{c.candidate_ref}</span>}
          {', '}{NEXUS_LABEL[c.state_nexus]}
          {c.state_ref && <> — state: {detail.state ? <ObjectLink object={detail.state} /> : <span className="mono">{c.state_ref}</span>}</>}
        </p>
        {c.description && <p>{c.description}</p>}
        <dl className="facts">
          <dt>Opened by</dt><dd>{nameOf(c.created_by_ref)}{detail.editable && ' (this node)'}</dd>
          <dt>Participants</dt><dd>{detail.participants.map((p) => p.name ?? p.identityId).join(', ')}</dd>
          <dt>Stances</dt><dd data-testid="stance-summary">{stanceSummary(detail.participants.map((p) => p.stance))}</dd>
        </dl>
        {detail.missing.length > 0 && <p className="muted">{detail.missing.length} object(s) the case names are not visible here (not shared with this node, or not yet arrived).</p>}
      </section>
      <div className="grid-2">
        <StatusSection detail={detail} nameOf={nameOf} named={named} onChanged={reload} />
        <section className="card" aria-labelledby="ws-incidents">
          <h2 id="ws-incidents">Incidents</h2>
          <ul className="plain">{detail.incidents.map((i) => <li key={i.id}><ObjectLink object={i} /> <Link to={`/incidents/${encodeURIComponent(i.id)}`}>incident page</Link></li>)}</ul>
          {detail.incidents.length === 0 && <p className="muted">No incident visible here.</p>}
        </section>
      </div>
      <EvidenceSection caseId={detail.summary.id} evidence={detail.evidence} refusal={refusals.evidence} onChanged={reload} />
      <section className="card" aria-labelledby="ws-judgements">
        <h2 id="ws-judgements">Assessments and opinions</h2>
        <p data-testid="concurrence" className={detail.concurrence.met ? 'status-ok' : undefined}>
          <strong>Concurrence:</strong> {named(concurrenceText(detail.concurrence, detail.participants.length))}
        </p>
        {dissenting.length > 0 && (
          <p className="dissent" role="note" data-testid="dissent-summary">
            <strong>Dissent on the record:</strong> {dissenting.map((d) => `${d.who} (${OPINION_LABEL[d.opinion]}): ${d.explanation}`).join(' · ')}
          </p>
        )}
        <ParticipantColumns participants={detail.participants} nodeIdentityId={detail.nodeIdentityId} />
        <div className="grid-2 forms">
          {refusals.assessment === undefined ? <AssessmentForm caseId={detail.summary.id} onSaved={reload} /> : <p className="muted">Adding an assessment: {refusals.assessment}.</p>}
          {refusals.opinion === undefined ? <OpinionForm caseId={detail.summary.id} onSaved={reload} /> : <p className="muted">Giving an opinion: {refusals.opinion}.</p>}
        </div>
      </section>
      <StatementSection detail={detail} named={named} onChanged={reload} />
    </>
  );
}

export function CaseView({ id }: { id: string }) {
  const { data, error, loading, reload } = useFetch<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
  return (
    <div data-testid="workspace" className="workspace">
      <p className="breadcrumb"><Link to="/cases">Attribution cases</Link> / <span className="mono">{id}</span></p>
      <PageTitle title={data?.case.name ?? id}>{data?.case.name ?? (loading ? 'Loading…' : id)}</PageTitle>
      <ErrorAlert error={error} />
      {data && <Workspace detail={data} reload={reload} />}
    </div>
  );
}
