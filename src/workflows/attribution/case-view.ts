import type { StixObject } from '../../stix/object.ts';
import type { Store } from '../../store/store.ts';
import { statementSignatures } from '../statements/signed-by.ts';
import { signatureProblem, type AccordSignature } from '../statements/signature.ts';
import { admiraltyGrade } from './admiralty.ts';
import { concurrence, type Concurrence } from './concurrence.ts';
import type { Assessment, AttributionCase, CaseOpinion, Evidence } from './model.ts';
import { caseAssessments, caseEvidence, caseOpinions, readCase, storedObjects } from './records.ts';

/**
 * Everything about one case side by side, for the workspace and the CLI:
 * the case, its incidents, candidate and state, the evidence with its
 * Admiralty grades, and per participant its assessments and latest opinion
 * (dissents flagged with their reasons), the concurrence, the statement and
 * its signatures. Read only.
 */

export interface ParticipantView {
  identityId: string;
  name?: string;
  assessments: Assessment[];
  latestOpinion?: CaseOpinion;
  stance: 'concurs' | 'dissents' | 'neutral' | 'silent';
  /** Present for a dissent: the reasons given (or that none were). */
  dissent?: { opinion: string; explanation: string };
}

export interface EvidenceView {
  evidence: Evidence;
  /** "B2" with both meanings. */
  grade: ReturnType<typeof admiraltyGrade>;
  contributorName?: string;
}

export interface SignatureView {
  signature: AccordSignature;
  signerName?: string;
  valid: boolean;
  reason?: string;
}

export interface CaseView {
  case: AttributionCase;
  incidents: StixObject[];
  /** Ids the case names that this node does not hold (yet). */
  missing: string[];
  candidate?: StixObject;
  state?: StixObject;
  evidence: EvidenceView[];
  participants: ParticipantView[];
  concurrence: Concurrence;
  statement?: StixObject;
  signatures: SignatureView[];
}

function nameOf(objects: ReadonlyMap<string, StixObject>, id: string): string | undefined {
  const name = objects.get(id)?.name;
  return typeof name === 'string' ? name : undefined;
}

export async function caseView(store: Store, caseId: string): Promise<CaseView> {
  const attributionCase = await readCase(store, caseId);
  const [evidence, assessments, opinions] = await Promise.all([caseEvidence(store, caseId), caseAssessments(store, caseId), caseOpinions(store, caseId)]);
  const agreement = concurrence(attributionCase.concurrence_rule, attributionCase.participant_refs, opinions);
  const statementId = attributionCase.statement_ref;
  const named = [
    ...attributionCase.incident_refs, attributionCase.candidate_ref, ...attributionCase.participant_refs,
    ...evidence.map((item) => item.contributed_by_ref),
    ...(attributionCase.state_ref === undefined ? [] : [attributionCase.state_ref]),
    ...(statementId === undefined ? [] : [statementId]),
  ];
  const objects = await storedObjects(store, [...new Set(named)]);
  const statement = statementId === undefined ? undefined : objects.get(statementId);
  const signatures = statement === undefined ? [] : await statementSignatures(store, statement);
  const signerNames = await storedObjects(store, signatures.map((signature) => signature.signer_ref));

  const participants = agreement.stances.map(({ participant, opinion, stance }): ParticipantView => {
    const view: ParticipantView = {
      identityId: participant,
      assessments: assessments.filter((assessment) => assessment.created_by_ref === participant),
      stance,
    };
    const name = nameOf(objects, participant);
    if (name !== undefined) view.name = name;
    if (opinion !== undefined) view.latestOpinion = opinion;
    if (stance === 'dissents') view.dissent = { opinion: opinion!.opinion, explanation: opinion!.explanation ?? '(no reasons given)' };
    return view;
  });

  const view: CaseView = {
    case: attributionCase,
    incidents: attributionCase.incident_refs.flatMap((id) => objects.get(id) ?? []),
    missing: [...new Set(named)].filter((id) => !objects.has(id)),
    evidence: evidence.map((item) => {
      const entry: EvidenceView = { evidence: item, grade: admiraltyGrade(item.source_reliability, item.information_credibility) };
      const contributor = nameOf(objects, item.contributed_by_ref);
      if (contributor !== undefined) entry.contributorName = contributor;
      return entry;
    }),
    participants,
    concurrence: agreement,
    signatures: signatures.map((signature) => {
      const reason = signatureProblem(signature, statement!);
      const entry: SignatureView = { signature, valid: reason === undefined };
      const signerName = nameOf(signerNames, signature.signer_ref);
      if (signerName !== undefined) entry.signerName = signerName;
      if (reason !== undefined) entry.reason = reason;
      return entry;
    }),
  };
  const candidate = objects.get(attributionCase.candidate_ref);
  if (candidate !== undefined) view.candidate = candidate;
  const state = attributionCase.state_ref === undefined ? undefined : objects.get(attributionCase.state_ref);
  if (state !== undefined) view.state = state;
  if (statement !== undefined) view.statement = statement;
  return view;
}
