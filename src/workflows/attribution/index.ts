/**
 * Joint attribution cases: open a case from incidents and a candidate actor,
 * add Admiralty-graded evidence, partners' assessments in calibrated
 * probability language and their opinions, move it through the status flow
 * under its concurrence rule, and see it all side by side (`caseView`). Also
 * the record of public attributions.
 */
export {
  addAssessment, addEvidence, openCase, recordOpinion, transitionCase, updateCase,
  type AssessmentInput, type CaseChanges, type CaseInput, type EvidenceInput, type OpinionInput, type TransitionOptions,
} from './cases.ts';
export { caseView, type CaseView, type EvidenceView, type ParticipantView, type SignatureView } from './case-view.ts';
export { concurrence, latestOpinions, type Concurrence, type ParticipantStance } from './concurrence.ts';
export { NEXT_STATUSES, transitionRefusal, type TransitionFacts } from './status-flow.ts';
export { caseAssessments, caseEvidence, caseOpinions, opinionsByCase, readCase } from './records.ts';
export * from './model.ts';
export * from './probability.ts';
export * from './admiralty.ts';
export { PUBLIC_ATTRIBUTIONS, searchPublicAttributions, type PublicAttribution, type PublicAttributionQuery } from './public-record.ts';
