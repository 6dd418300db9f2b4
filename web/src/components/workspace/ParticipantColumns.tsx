/**
 * Each participant's judgement side by side, one column per partner: its
 * assessments (level, likelihood in PHIA words with the ICD 203 term and the
 * range, rationale) and its latest opinion with its stance; a dissent is
 * flagged with its reasons.
 */
import type { AssessmentObject, CaseParticipantView } from '../../../../src/server/api/contract.ts';
import { formatDateTime } from '../../lib/format.ts';
import { likelihoodReadings } from '../../lib/likelihood.ts';
import { OPINION_LABEL } from '../../lib/workspace.ts';
import { StanceBadge } from '../CaseBadges.tsx';

function Assessment({ assessment }: { assessment: AssessmentObject }) {
  const { phia, icd203, range } = likelihoodReadings(assessment);
  return (
    <li className="assessment" data-testid="assessment" data-level={assessment.level}>
      <div><span className="badge">{assessment.level}</span> <strong className="likelihood">{phia}</strong></div>
      <div className="muted">ICD 203: {icd203}; {range}</div>
      <p className="rationale">{assessment.rationale}</p>
      <div className="muted small">{formatDateTime(assessment.modified)}</div>
    </li>
  );
}

function Column({ participant, self }: { participant: CaseParticipantView; self: boolean }) {
  const name = participant.name ?? participant.identityId;
  const opinion = participant.latestOpinion;
  return (
    <article className={`participant${participant.dissent ? ' has-dissent' : ''}`} data-testid="participant" data-participant={participant.identityId} data-stance={participant.stance} aria-labelledby={`p-${participant.identityId}`}>
      <h3 id={`p-${participant.identityId}`}>{name}{self && <span className="muted"> (this node)</span>}</h3>
      <StanceBadge stance={participant.stance} />
      {participant.dissent && (
        <div className="dissent" data-testid="dissent">
          <strong>Dissent</strong> ({OPINION_LABEL[participant.dissent.opinion]}): {participant.dissent.explanation}
        </div>
      )}
      <h4>Opinion</h4>
      {opinion ? (
        <p>
          <strong>{OPINION_LABEL[opinion.opinion]}</strong>
          {opinion.explanation && !participant.dissent && <>: {opinion.explanation}</>}
          <span className="muted small"> · {formatDateTime(opinion.modified)}</span>
        </p>
      ) : <p className="muted">No opinion yet.</p>}
      <h4>Assessments</h4>
      {participant.assessments.length === 0 ? <p className="muted">No assessment yet.</p> : (
        <ul className="plain">{participant.assessments.map((a) => <Assessment key={a.id} assessment={a} />)}</ul>
      )}
    </article>
  );
}

export function ParticipantColumns({ participants, nodeIdentityId }: { participants: CaseParticipantView[]; nodeIdentityId: string }) {
  return (
    <div className="side-by-side" data-testid="participants">
      {participants.map((p) => <Column key={p.identityId} participant={p} self={p.identityId === nodeIdentityId} />)}
    </div>
  );
}
