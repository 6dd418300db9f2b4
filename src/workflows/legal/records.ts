import type { ValidationProblem } from '../../stix/validation/index.ts';
import type { Store } from '../../store/store.ts';
import { Fields, isRecord } from '../extensions/fields.ts';
import { badInput, creationMarkings, latestWhere, nowOf, refused, requireObject, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';
import { assessLegal } from './assess.ts';
import type { LegalAssessment } from './assessment.ts';
import type { LegalFacts } from './facts.ts';
import { applyOverride } from './overrides.ts';
import { LEGAL_ASSESSMENT_TYPE, legalAssessmentObject, type LegalAssessmentObject, type LegalAssessmentRefs } from './stix-object.ts';

/**
 * Stored legal assessments: assess and store for a case or incident, add an
 * analyst's override (a new version), and find the current assessment of a
 * case (what response options are checked against).
 */

/** The assessment an `accord-legal-assessment` object holds. */
export function assessmentOf(object: LegalAssessmentObject): LegalAssessment {
  return { label: object.label, disclaimer: object.disclaimer, engine_version: object.engine_version, facts: object.facts, conclusions: object.conclusions, overrides: object.overrides ?? [] };
}

/** Assesses `facts` and stores the assessment about `refs` (each must be in the store), created by `actorId`. */
export async function storeLegalAssessment(ctx: WorkflowContext, actorId: string, facts: LegalFacts, refs: LegalAssessmentRefs): Promise<LegalAssessmentObject> {
  const assessment = assessLegal(facts);
  // Marked like every object the context creates, so the agreements carry it at its level (a later version keeps it).
  const object = { ...legalAssessmentObject(assessment, refs, actorId, undefined, nowOf(ctx)), ...creationMarkings(ctx) };
  if (object.case_ref !== undefined) await requireObject(ctx.store, object.case_ref, 'accord-attribution-case', 'attribution case');
  if (object.incident_ref !== undefined) await requireObject(ctx.store, object.incident_ref, 'incident', 'incident');
  return saveWorkflowObject(ctx, object);
}

/** An analyst's override: which conclusion, the verdict that should stand, and why. */
export interface OverrideInput {
  conclusion: string;
  verdict: string;
  reason: string;
}

/** Adds `input` (by the analyst `analystId`) to assessment `id` as its next version; only its creator `actorId` may version it. */
export async function overrideLegalAssessment(ctx: WorkflowContext, actorId: string, analystId: string, id: string, input: OverrideInput): Promise<LegalAssessmentObject> {
  if (!isRecord(input)) throw badInput('the override is not valid', [{ path: '$', rule: 'not-an-object', message: 'an override is an object {conclusion, verdict, reason}' }]);
  const problems: ValidationProblem[] = [];
  new Fields(input, '$', problems).only(['conclusion', 'verdict', 'reason']);
  if (problems.length > 0) throw badInput('the override is not valid', problems);
  const previous = await requireObject<LegalAssessmentObject>(ctx.store, id, LEGAL_ASSESSMENT_TYPE, 'legal assessment');
  if (previous.created_by_ref !== actorId) throw refused(`only ${previous.created_by_ref}, which made legal assessment ${id}, may add to it (STIX 2.1 §3.6)`);
  const now = nowOf(ctx);
  const overridden = applyOverride(assessmentOf(previous), { ...input, by: analystId, at: now } as Parameters<typeof applyOverride>[1]);
  return saveWorkflowObject(ctx, legalAssessmentObject(overridden, {}, actorId, previous, now));
}

/** The current legal assessment of case `caseId`: the most recently modified one naming it, if any. */
export async function caseLegalAssessment(store: Store, caseId: string): Promise<LegalAssessmentObject | undefined> {
  const found = (await latestWhere(store, [LEGAL_ASSESSMENT_TYPE], (object) => object.case_ref === caseId)) as LegalAssessmentObject[];
  return found.sort((a, b) => (b.modified ?? '').localeCompare(a.modified ?? '') || b.id.localeCompare(a.id))[0];
}
