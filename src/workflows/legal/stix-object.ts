import { AppError, ErrorCode } from '../../common/errors.ts';
import { newIdentifier } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import { now as clockNow } from '../../stix/timestamp.ts';
import type { ValidationProblem } from '../../stix/validation/index.ts';
import { newVersion } from '../../stix/versioning.ts';
import { newSdoExtension, WORKFLOW_EXTENSION_IDS } from '../extensions/definitions.ts';
import { Fields, describeProblems } from '../extensions/fields.ts';
import { CONCLUSION_IDS, type Conclusion, type LegalAssessment, type LegalOverride } from './assessment.ts';
import { checkLegalFacts, type LegalFacts } from './facts.ts';
import { checkOverride } from './overrides.ts';
import { LEGAL_ASSESSMENT_TYPE } from './type.ts';

export { LEGAL_ASSESSMENT_DESCRIPTION, LEGAL_ASSESSMENT_TYPE } from './type.ts';

/**
 * A legal assessment as a STIX 2.1 object of Accord's new-sdo type
 * `accord-legal-assessment` (§7.3), declared by an extension-definition like
 * the attribution types. Each re-assessment or override is a new version of
 * the same object (same id and `created`, later `modified`), so the history
 * of an assessment is its version history.
 */

/** The id of the extension-definition that declares the type (../extensions declares and checks it). */
export const LEGAL_ASSESSMENT_EXTENSION_ID = WORKFLOW_EXTENSION_IDS[LEGAL_ASSESSMENT_TYPE];

export interface LegalAssessmentRefs {
  /** The attribution case assessed. */
  case_ref?: string;
  /** The incident assessed. */
  incident_ref?: string;
}

export interface LegalAssessmentObject extends StixObject, LegalAssessmentRefs {
  type: typeof LEGAL_ASSESSMENT_TYPE;
  created_by_ref: string;
  label: LegalAssessment['label'];
  disclaimer: string;
  engine_version: string;
  facts: LegalFacts;
  conclusions: Conclusion[];
  /** Left out while there are none (STIX 2.1 §2.12: no empty lists). */
  overrides?: LegalOverride[];
}

/**
 * The object for `assessment` about `refs` (at least one of them), created by
 * the identity `identityId`. With `previous`, the next version of that object:
 * only its creator may version it, and the refs stay those of the first
 * version unless given. `now` is a millisecond-precision timestamp.
 */
export function legalAssessmentObject(
  assessment: LegalAssessment,
  refs: LegalAssessmentRefs,
  identityId: string,
  previous?: LegalAssessmentObject,
  now: string = clockNow(),
): LegalAssessmentObject {
  const problems: ValidationProblem[] = [];
  const input = new Fields({ ...refs, created_by_ref: identityId }, '$', problems);
  const caseRef = input.ref('case_ref', ['accord-attribution-case'], false);
  const incidentRef = input.ref('incident_ref', ['incident'], false);
  input.ref('created_by_ref', ['identity'], true);
  if (caseRef === undefined && incidentRef === undefined && problems.length === 0 && previous === undefined) {
    problems.push({ path: '$', rule: 'required-property', message: 'a legal assessment is about an attribution case (case_ref) or an incident (incident_ref): give at least one' });
  }
  if (previous !== undefined && previous.created_by_ref !== identityId) {
    problems.push({ path: '$.created_by_ref', rule: 'version-creator', message: `only ${previous.created_by_ref}, which created ${previous.id}, may version it (STIX 2.1 §3.6)` });
  }
  if (problems.length > 0) throw new AppError(ErrorCode.API_BAD_INPUT, `cannot make the legal assessment object: ${describeProblems(problems)}`, { problems });
  const content = {
    ...(caseRef === undefined ? {} : { case_ref: caseRef }),
    ...(incidentRef === undefined ? {} : { incident_ref: incidentRef }),
    label: assessment.label,
    disclaimer: assessment.disclaimer,
    engine_version: assessment.engine_version,
    facts: assessment.facts,
    conclusions: assessment.conclusions,
    // STIX forbids empty lists; `undefined` also drops a previous version's list.
    overrides: assessment.overrides.length > 0 ? assessment.overrides : undefined,
  };
  if (previous !== undefined) return newVersion(previous, content, now);
  return {
    type: LEGAL_ASSESSMENT_TYPE,
    spec_version: '2.1',
    id: newIdentifier(LEGAL_ASSESSMENT_TYPE),
    created: now,
    modified: now,
    created_by_ref: identityId,
    extensions: newSdoExtension(LEGAL_ASSESSMENT_TYPE),
    ...Object.fromEntries(Object.entries(content).filter(([, value]) => value !== undefined)),
  } as unknown as LegalAssessmentObject;
}

/**
 * The rules of the type's own properties, over the object's `Fields`, for the
 * workflow checks in ../extensions (what STIX's validator cannot know): the
 * refs, the facts (by the facts' own validator), the conclusions' ids and
 * verdicts, and every override held to the rules of `applyOverride`.
 */
export function checkLegalAssessmentFields(fields: Fields): void {
  fields.ref('case_ref', ['accord-attribution-case'], false);
  fields.ref('incident_ref', ['incident'], false);
  if (fields.value.case_ref === undefined && fields.value.incident_ref === undefined) fields.problem('case_ref', 'required-property', 'a legal assessment names its case_ref or its incident_ref');
  fields.string('label', true);
  fields.string('disclaimer', true);
  fields.string('engine_version', true);
  for (const problem of checkLegalFacts(fields.value.facts ?? {})) fields.problems.push({ ...problem, path: problem.path.replace(/^\$/, fields.at('facts')) });
  const conclusions = fields.objects('conclusions', true, 'conclusions {id, question, verdict, steps, facts, citations}') ?? [];
  for (const conclusion of conclusions) {
    conclusion.oneOf('id', CONCLUSION_IDS, true);
    conclusion.oneOf('verdict', ['yes', 'no', 'cannot-determine'], true);
    conclusion.string('question', true);
  }
  const overrides = fields.list('overrides', false, 'a non-empty list of overrides (left out when there are none)') ?? [];
  const assessment = { conclusions: conclusions.map((conclusion) => conclusion.value) } as unknown as LegalAssessment;
  overrides.forEach((override, index) => {
    for (const problem of checkOverride(override, assessment)) fields.problems.push({ ...problem, path: problem.path.replace(/^\$/, `${fields.at('overrides')}[${index}]`) });
  });
}
