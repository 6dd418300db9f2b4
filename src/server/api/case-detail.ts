import { registeredKeys } from '../../federation/keys.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { Store, StoredObject } from '../../store/store.ts';
import {
  caseView, NEXT_STATUSES, transitionRefusal,
  type AttributionCase, type CaseStatus, type Concurrence, type SignatureView,
} from '../../workflows/attribution/index.ts';
import { unsignedBy, type AccordSignature } from '../../workflows/statements/index.ts';
import type {
  AssessmentObject, AttributionCaseObject, CaseDetail, CaseParticipantView, CaseSignatureView, CaseTransitionOption, EvidenceObject, OpinionObject, StatementView,
} from './contract.ts';
import type { Viewer } from './viewer.ts';
import { nodeIdentityOf, notVisible, summariesOf, visibleById } from './workflow-support.ts';

/** The API's view of one co-signature. */
export function signatureViewOf(view: Omit<SignatureView, 'signature'> & { signature: AccordSignature }): CaseSignatureView {
  const { signature } = view;
  return {
    id: signature.id,
    signer: signature.signer_ref,
    ...(view.signerName !== undefined && { signerName: view.signerName }),
    fingerprint: signature.key_fingerprint,
    signedVersion: signature.object_modified,
    signedAt: String(signature.created),
    valid: view.valid,
    ...(view.reason !== undefined && { reason: view.reason }),
  };
}

function transitionOptions(attributionCase: AttributionCase, agreement: Concurrence, missingSignatures: readonly string[], editable: boolean): CaseTransitionOption[] {
  return NEXT_STATUSES[attributionCase.status].map((to: CaseStatus) => {
    const needsReason = to === 'withdrawn';
    // A reason is asked for with the request; here the question is whether the move is open at all.
    const refusal = editable
      ? transitionRefusal(attributionCase.status, to, {
        concurrence: agreement, hasStatement: attributionCase.statement_ref !== undefined, missingSignatures, ...(needsReason && { reason: 'given with the request' }),
      })
      : `case ${attributionCase.id} was opened by ${attributionCase.created_by_ref}; only that node moves it through its statuses`;
    return { to, allowed: refusal === undefined, needsReason, ...(refusal !== undefined && { reason: refusal }) };
  });
}

/**
 * `GET /api/cases/:id`: `caseView` with every object passed through the
 * viewer: what the account may not see is left out (ids the case names
 * are then listed as missing, like ids this node does not hold).
 */
export async function caseDetail(store: Store, local: LocalStore, viewer: Viewer, caseId: string): Promise<CaseDetail> {
  const caseItem = (await visibleById(store, viewer, [caseId])).get(caseId);
  if (caseItem?.object.type !== 'accord-attribution-case') throw notVisible('case', caseId);
  const view = await caseView(store, caseId);
  const attributionCase = view.case;
  const nodeIdentityId = nodeIdentityOf(local);
  const named = [...attributionCase.incident_refs, attributionCase.candidate_ref, ...(attributionCase.state_ref === undefined ? [] : [attributionCase.state_ref])];
  const ids = [
    ...named,
    ...view.evidence.flatMap((item) => [item.evidence.id, ...item.evidence.object_refs]),
    ...view.participants.flatMap((participant) => [...participant.assessments.map((assessment) => assessment.id), ...(participant.latestOpinion === undefined ? [] : [participant.latestOpinion.id])]),
    ...(view.statement === undefined ? [] : [view.statement.id]),
    ...view.signatures.map((item) => item.signature.id),
  ];
  const visible = await visibleById(store, viewer, ids);
  const seen = (id: string): boolean => visible.has(id);
  const summaryOf = (id: string | undefined) => (id === undefined ? undefined : visible.get(id));

  const participants = view.participants.map((participant): CaseParticipantView => {
    const opinion = participant.latestOpinion !== undefined && seen(participant.latestOpinion.id) ? participant.latestOpinion : undefined;
    return {
      identityId: participant.identityId,
      ...(participant.name !== undefined && { name: participant.name }),
      assessments: participant.assessments.filter((assessment) => seen(assessment.id)) as unknown as AssessmentObject[],
      ...(opinion !== undefined && { latestOpinion: opinion as unknown as OpinionObject }),
      stance: participant.stance,
      ...(participant.dissent !== undefined && opinion !== undefined && { dissent: participant.dissent as CaseParticipantView['dissent'] }),
    };
  });

  const statementItem = summaryOf(view.statement?.id);
  const signatures = statementItem === undefined ? [] : view.signatures.filter((item) => seen(item.signature.id));
  const missingSignatures = statementItem === undefined ? view.concurrence.concurring : unsignedBy(statementItem.object, signatures.map((item) => item.signature), view.concurrence.concurring, registeredKeys(local));
  const { rule, required, concurring, dissenting, met, reason } = view.concurrence;
  const candidate = summaryOf(attributionCase.candidate_ref);
  const state = summaryOf(attributionCase.state_ref);
  const incidents = summariesOf(viewer, visible, attributionCase.incident_refs);
  const detail: CaseDetail = {
    summary: viewer.summary(caseItem),
    case: attributionCase as unknown as AttributionCaseObject,
    incidents: incidents.items,
    ...(candidate !== undefined && { candidate: viewer.summary(candidate) }),
    ...(state !== undefined && { state: viewer.summary(state) }),
    missing: [...new Set([...view.missing, ...named.filter((id) => !seen(id))])],
    evidence: view.evidence.filter((item) => seen(item.evidence.id)).map((item) => ({
      evidence: item.evidence as unknown as EvidenceObject,
      grade: item.grade,
      ...(item.contributorName !== undefined && { contributorName: item.contributorName }),
      objects: summariesOf(viewer, visible, item.evidence.object_refs).items,
    })),
    participants,
    concurrence: { rule, required, concurring, dissenting, met, ...(reason !== undefined && { reason }) },
    signatures: signatures.map((item) => signatureViewOf(item)),
    transitions: transitionOptions(attributionCase, view.concurrence, missingSignatures, attributionCase.created_by_ref === nodeIdentityId),
    nodeIdentityId,
    editable: attributionCase.created_by_ref === nodeIdentityId,
    participating: attributionCase.participant_refs.includes(nodeIdentityId),
  };
  if (statementItem !== undefined) detail.statement = statementViewOf(viewer, statementItem);
  viewer.report('api.case');
  return detail;
}

function statementViewOf(viewer: Viewer, item: StoredObject): StatementView {
  const report = item.object;
  return {
    summary: viewer.summary(item),
    text: typeof report.description === 'string' ? report.description : '',
    ...(typeof report.published === 'string' && { published: report.published }),
    object: JSON.parse(item.json) as Record<string, unknown>,
    bundleHref: `/api/statements/${encodeURIComponent(report.id)}/bundle`,
  };
}
