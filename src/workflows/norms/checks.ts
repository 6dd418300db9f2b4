import { isIdentifier, identifierType } from '../../stix/identifier.ts';
import type { ValidationProblem } from '../../stix/validation/index.ts';
import { countryName } from '../../federation/node-identity.ts';
import { Fields, isRecord, show } from '../extensions/fields.ts';
import { NORM_IDS } from './catalogue.ts';
import type { NormSdoType } from './definitions.ts';
import { NORM_TAG_STATUSES, STATE_REF_TYPES } from './model.ts';
import { NORM_RULES } from './rules.ts';

/**
 * The rules of the norms types beyond STIX's common properties, each over
 * the object's `Fields` (so also over builder input, whose paths then name
 * the input's properties).
 */

const RULE_IDS = NORM_RULES.map((rule) => rule.id);
export const NORM_TAG_PROPERTIES = ['incident_ref', 'norm', 'status', 'rules', 'reason', 'decided_by'] as const;
export const NORM_IMPLEMENTATION_PROPERTIES = ['state', 'norm', 'measure', 'evidence', 'date'] as const;

/** accord-norm-tag: a suggestion names its rules and no decider; a decision names its decider and reason and no rules. */
export function checkNormTagFields(fields: Fields): void {
  fields.ref('incident_ref', ['incident'], true);
  fields.oneOf('norm', NORM_IDS, true);
  const status = fields.oneOf('status', NORM_TAG_STATUSES, true);
  const suggested = status === 'suggested';
  fields.strings('rules', suggested, RULE_IDS);
  fields.string('reason', status !== undefined && !suggested, 'the reason for the decision (a non-empty string)');
  fields.ref('decided_by', ['identity'], status !== undefined && !suggested);
  if (suggested && fields.value.decided_by !== undefined) fields.problem('decided_by', 'norm-tag-status', 'a suggestion is the engine\'s, not an analyst\'s decision: leave decided_by out, or set status confirmed or rejected');
  if (status !== undefined && !suggested && fields.value.rules !== undefined) fields.problem('rules', 'norm-tag-status', `only a suggestion names the rules that fired; a ${status} tag gives its reason instead`);
}

/** accord-norm-implementation. */
export function checkNormImplementationFields(fields: Fields): void {
  const state = fields.string('state', true, 'an ISO 3166-1 alpha-2 country code or the id of an identity or location');
  if (state !== undefined && !isStateReference(state)) {
    fields.problem('state', 'value-format', `${show(state)} is neither an ISO 3166-1 alpha-2 country code in capitals (e.g. GB, AU, PL) nor the id of an ${STATE_REF_TYPES.join(' or ')}`);
  }
  fields.oneOf('norm', NORM_IDS, true);
  fields.string('measure', true, 'a description of the measure (a non-empty string)');
  const evidence = fields.strings('evidence', true, undefined, 'URLs (http or https) or STIX ids');
  evidence?.forEach((item, index) => {
    if (!isEvidence(item)) fields.problems.push({ path: `${fields.at('evidence')}[${index}]`, rule: 'value-format', message: `${show(item)} is neither an http(s) URL nor a STIX identifier` });
  });
  fields.timestamp('date', true);
}

function isStateReference(value: string): boolean {
  if (isIdentifier(value)) return (STATE_REF_TYPES as readonly string[]).includes(identifierType(value));
  return countryName(value) !== undefined;
}

function isEvidence(value: string): boolean {
  if (isIdentifier(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export const NORM_FIELD_CHECKS: Readonly<Record<NormSdoType, { check: (fields: Fields) => void; properties: readonly string[] }>> = {
  'accord-norm-tag': { check: checkNormTagFields, properties: NORM_TAG_PROPERTIES },
  'accord-norm-implementation': { check: checkNormImplementationFields, properties: NORM_IMPLEMENTATION_PROPERTIES },
};

/** Every problem of builder input for `type`: its own properties only (a closed shape: a typo must not pass silently). */
export function checkNormInput(type: NormSdoType, input: unknown): ValidationProblem[] {
  if (!isRecord(input)) return [{ path: '$', rule: 'not-an-object', message: `${type} input is an object {${NORM_FIELD_CHECKS[type].properties.join(', ')}}, not ${show(input)}` }];
  const problems: ValidationProblem[] = [];
  const fields = new Fields(input, '$', problems);
  NORM_FIELD_CHECKS[type].check(fields);
  fields.only(NORM_FIELD_CHECKS[type].properties);
  return problems;
}
