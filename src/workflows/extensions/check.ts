import { registerExtensionCheck, type ExtensionCheck, type ExtensionChecks } from '../../stix/validation/extension-checks.ts';
import type { ValidationProblem } from '../../stix/validation/index.ts';
import { checkAssessmentFields, checkCaseFields, checkEvidenceFields } from '../attribution/checks.ts';
import { checkIncidentFields, INCIDENT_EXTENSION_PROPERTIES } from '../incidents/check-incident.ts';
import { checkLegalAssessmentFields } from '../legal/stix-object.ts';
import { checkLessonsFields } from '../lessons/checks.ts';
import { checkNormImplementationFields, checkNormTagFields } from '../norms/checks.ts';
import { checkResponseOptionFields, checkResponsePositionFields } from '../responses/checks.ts';
import { checkSignatureFields } from '../statements/check-signature.ts';
import { INCIDENT_EXTENSION_NAME, WORKFLOW_EXTENSION_IDS, WORKFLOW_SDO_TYPES, type WorkflowSdoType } from './definitions.ts';
import { Fields, isRecord, show } from './fields.ts';

/**
 * `checkWorkflowObject`: the rules of Accord's workflow types (written by
 * hand, no schema engine at run time) for what STIX's own validator cannot
 * know. `validateObject` runs the same checks through the extension-check
 * registry once `registerWorkflowChecks` has been called, so partners' objects
 * of these types are held to them at ingest like any other STIX object.
 */

const SDO_CHECKS: Readonly<Record<WorkflowSdoType, (fields: Fields) => void>> = {
  'accord-attribution-case': checkCaseFields,
  'accord-evidence': checkEvidenceFields,
  'accord-assessment': (fields) => checkAssessmentFields(fields, { derived: true }),
  'accord-signature': checkSignatureFields,
  'accord-legal-assessment': checkLegalAssessmentFields,
  'accord-norm-tag': checkNormTagFields,
  'accord-norm-implementation': checkNormImplementationFields,
  'accord-response-option': checkResponseOptionFields,
  'accord-response-position': checkResponsePositionFields,
  'accord-lessons-learned': checkLessonsFields,
};

function isWorkflowSdoType(type: unknown): type is WorkflowSdoType {
  return typeof type === 'string' && (WORKFLOW_SDO_TYPES as readonly string[]).includes(type);
}

/** The rules of one workflow SDO (type already known). */
function checkWorkflowSdo(object: Readonly<Record<string, unknown>>, type: WorkflowSdoType): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const fields = new Fields(object, '$', problems);
  // The node (or partner) that made it answers for it: every workflow object names its creator.
  fields.ref('created_by_ref', ['identity'], true);
  const id = WORKFLOW_EXTENSION_IDS[type];
  const extension = isRecord(object.extensions) ? object.extensions[id] : undefined;
  if (!isRecord(extension) || extension.extension_type !== 'new-sdo') {
    problems.push({ path: '$.extensions', rule: 'workflow-extension', message: `must hold {"${id}": {"extension_type": "new-sdo"}}, the extension-definition that declares ${type} (STIX 2.1 §7.3)` });
  }
  SDO_CHECKS[type](fields);
  return problems;
}

/** The rules of the accord-incident extension of an incident, found at `extensions[id]`. */
function checkIncidentExtension(extension: Readonly<Record<string, unknown>>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const id = WORKFLOW_EXTENSION_IDS[INCIDENT_EXTENSION_NAME];
  const fields = new Fields(extension, `$.extensions["${id}"]`, problems);
  fields.oneOf('extension_type', ['property-extension'], true);
  checkIncidentFields(fields);
  fields.only(['extension_type', ...INCIDENT_EXTENSION_PROPERTIES]);
  return problems;
}

/**
 * Every problem of an Accord workflow object: one of `WORKFLOW_SDO_TYPES`
 * (attribution case, evidence, assessment, signature, legal assessment, norm
 * tag or implementation), or an `incident` with the accord-incident extension. Each problem names the
 * property (JSON path), the rule and why. Any other object is a problem too
 * (it is not a workflow object); STIX's common rules are `validateObject`'s.
 */
export function checkWorkflowObject(object: unknown): ValidationProblem[] {
  if (!isRecord(object)) return [{ path: '$', rule: 'not-an-object', message: `a workflow object is a JSON object, not ${show(object)}` }];
  if (isWorkflowSdoType(object.type)) return checkWorkflowSdo(object, object.type);
  const extension = isRecord(object.extensions) ? object.extensions[WORKFLOW_EXTENSION_IDS[INCIDENT_EXTENSION_NAME]] : undefined;
  if (object.type === 'incident' && isRecord(extension)) return checkIncidentExtension(extension);
  return [{ path: '$.type', rule: 'workflow-type', message: `${show(object.type)} is not an Accord workflow type (${WORKFLOW_SDO_TYPES.join(', ')}, or an incident with the ${INCIDENT_EXTENSION_NAME} extension)` }];
}

/** The extension checks of the workflow types, by extension-definition id (for `validateObject`). */
export const WORKFLOW_EXTENSION_CHECKS: ExtensionChecks = buildChecks();

/**
 * Makes every `validateObject` in this process (so every ingest path: import,
 * TAXII, sync) hold workflow objects to their rules. The composition roots
 * (server, CLI) call it once at start; calling it again changes nothing.
 */
export function registerWorkflowChecks(): void {
  for (const [id, check] of WORKFLOW_EXTENSION_CHECKS) registerExtensionCheck(id, check);
}

function buildChecks(): ExtensionChecks {
  const checks = new Map<string, ExtensionCheck>();
  for (const type of WORKFLOW_SDO_TYPES) {
    checks.set(WORKFLOW_EXTENSION_IDS[type], (object) => object.type === type
      ? checkWorkflowSdo(object, type)
      : [{ path: '$.type', rule: 'workflow-extension', message: `the extension-definition ${WORKFLOW_EXTENSION_IDS[type]} declares ${type} objects, not ${show(object.type)}` }]);
  }
  checks.set(WORKFLOW_EXTENSION_IDS[INCIDENT_EXTENSION_NAME], (object, extension) => object.type === 'incident'
    ? checkIncidentExtension(extension)
    : [{ path: '$.type', rule: 'workflow-extension', message: `the ${INCIDENT_EXTENSION_NAME} extension extends incidents, not ${show(object.type)}` }]);
  return checks;
}
