import { INFORMATION_CREDIBILITY, SOURCE_RELIABILITY } from '../attribution/admiralty.ts';
import { ASSESSMENT_LEVELS, CANDIDATE_TYPES, CASE_STATUSES, EVIDENCE_TARGET_TYPES, STATE_NEXUS, STATE_TYPES } from '../attribution/model.ts';
import { ICD203_TERMS, PHIA_TERM_IDS } from '../attribution/probability.ts';
import { DATA_IMPACTS, INCIDENT_CATEGORIES, INCIDENT_STATUSES, RELATED_TYPES, VICTIM_TYPES } from '../incidents/model.ts';
import { LEGAL_FACTS_SCHEMA } from '../legal/facts.ts';
import { RECOMMENDATION_STATUSES } from '../lessons/model.ts';
import { NORM_IDS } from '../norms/catalogue.ts';
import { RESPONSE_SCHEMA_PARTS } from '../responses/schemas.ts';
import { NORM_TAG_STATUSES, STATE_REF_TYPES } from '../norms/model.ts';
import { NORM_RULES } from '../norms/rules.ts';
import { SIGNATURE_ALGORITHM, SIGNATURE_CANONICALIZATION } from '../statements/check-signature.ts';
import { WORKFLOW_EXTENSION_IDS, workflowSchemaUrl, type WorkflowExtensionName } from './definitions.ts';

/**
 * The JSON Schema (draft 2020-12) of each workflow type: what the
 * extension-definitions' `schema` URLs stand for, kept in the product so that a
 * node can serve it and partners' tools can check objects offline. The
 * node's own checks are `checkWorkflowObject` (hand-written, with messages);
 * a test holds both to the same examples. Enumerations come from the same
 * tables the services use.
 */

type Schema = Readonly<Record<string, unknown>>;

const identifier = (...types: string[]): Schema => ({ type: 'string', pattern: `^(${types.join('|')})--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$` });
const identifiers = (...types: string[]): Schema => ({ type: 'array', minItems: 1, uniqueItems: true, items: identifier(...types) });
const text: Schema = { type: 'string', minLength: 1, pattern: '\\S' };
const timestamp: Schema = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$' };

/** The common part of every workflow SDO: STIX common properties plus the new-sdo extension entry. */
function sdoSchema(name: WorkflowExtensionName, properties: Record<string, Schema>, required: string[]): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: workflowSchemaUrl(name),
    title: name,
    type: 'object',
    properties: {
      type: { const: name },
      spec_version: { const: '2.1' },
      id: identifier(name),
      created: timestamp,
      modified: timestamp,
      created_by_ref: identifier('identity'),
      extensions: {
        type: 'object',
        required: [WORKFLOW_EXTENSION_IDS[name]],
        properties: { [WORKFLOW_EXTENSION_IDS[name]]: { type: 'object', required: ['extension_type'], properties: { extension_type: { const: 'new-sdo' } } } },
      },
      ...properties,
    },
    required: ['type', 'spec_version', 'id', 'created', 'modified', 'created_by_ref', 'extensions', ...required],
  };
}

const statusChange: Schema = {
  type: 'object',
  properties: { status: { enum: CASE_STATUSES }, by: identifier('identity'), at: timestamp, reason: text },
  required: ['status', 'by', 'at'],
  additionalProperties: false,
};

const concurrenceRule: Schema = {
  oneOf: [
    { type: 'object', properties: { kind: { const: 'all' } }, required: ['kind'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'n-of-m' }, n: { type: 'integer', minimum: 1 } }, required: ['kind', 'n'], additionalProperties: false },
  ],
};

const impact: Schema = {
  type: 'object',
  properties: {
    physical_damage: { type: 'boolean' },
    injury_or_death: { type: 'boolean' },
    data: { type: 'array', minItems: 1, items: { enum: DATA_IMPACTS } },
    disruption_hours: { type: 'number', minimum: 0 },
    economic_cost_usd: { type: 'number', minimum: 0 },
  },
  required: ['physical_damage', 'injury_or_death'],
  additionalProperties: false,
};

export const WORKFLOW_SCHEMAS: Readonly<Record<WorkflowExtensionName, Schema>> = {
  'accord-attribution-case': sdoSchema('accord-attribution-case', {
    name: text,
    description: text,
    incident_refs: identifiers('incident'),
    candidate_ref: identifier(...CANDIDATE_TYPES),
    state_nexus: { enum: STATE_NEXUS },
    state_ref: identifier(...STATE_TYPES),
    status: { enum: CASE_STATUSES },
    status_history: { type: 'array', minItems: 1, items: statusChange },
    concurrence_rule: concurrenceRule,
    participant_refs: identifiers('identity'),
    statement_ref: identifier('report'),
  }, ['name', 'incident_refs', 'candidate_ref', 'state_nexus', 'status', 'status_history', 'concurrence_rule', 'participant_refs']),
  'accord-evidence': sdoSchema('accord-evidence', {
    case_ref: identifier('accord-attribution-case'),
    object_refs: identifiers(...EVIDENCE_TARGET_TYPES),
    description: text,
    source_reliability: { enum: Object.keys(SOURCE_RELIABILITY) },
    information_credibility: { enum: Object.keys(INFORMATION_CREDIBILITY).map(Number) },
    contributed_by_ref: identifier('identity'),
  }, ['case_ref', 'object_refs', 'description', 'source_reliability', 'information_credibility', 'contributed_by_ref']),
  'accord-assessment': sdoSchema('accord-assessment', {
    case_ref: identifier('accord-attribution-case'),
    level: { enum: ASSESSMENT_LEVELS },
    likelihood: { enum: PHIA_TERM_IDS },
    probability: { type: 'array', prefixItems: [{ type: 'integer', minimum: 0, maximum: 100 }, { type: 'integer', minimum: 0, maximum: 100 }], minItems: 2, maxItems: 2 },
    icd203_term: { enum: ICD203_TERMS.map((term) => term.term) },
    rationale: text,
  }, ['case_ref', 'level', 'likelihood', 'probability', 'icd203_term', 'rationale']),
  'accord-signature': sdoSchema('accord-signature', {
    object_ref: identifier('report'),
    object_modified: timestamp,
    signer_ref: identifier('identity'),
    algorithm: { const: SIGNATURE_ALGORITHM },
    canonicalization: { const: SIGNATURE_CANONICALIZATION },
    public_key: { type: 'string', pattern: '^[A-Za-z0-9+/]+={0,2}$' },
    key_fingerprint: { type: 'string', pattern: '^[0-9A-F]{4}( [0-9A-F]{4}){15}$' },
    signature: { type: 'string', pattern: '^[A-Za-z0-9+/]{86}==$' },
  }, ['object_ref', 'object_modified', 'signer_ref', 'algorithm', 'canonicalization', 'public_key', 'key_fingerprint', 'signature']),
  'accord-legal-assessment': sdoSchema('accord-legal-assessment', {
    case_ref: identifier('accord-attribution-case'),
    incident_ref: identifier('incident'),
    label: text,
    disclaimer: text,
    engine_version: text,
    facts: LEGAL_FACTS_SCHEMA,
    conclusions: { type: 'array', minItems: 1, items: { type: 'object' } },
    overrides: { type: 'array', minItems: 1, items: { type: 'object' } },
  }, ['label', 'disclaimer', 'engine_version', 'facts', 'conclusions']),
  'accord-norm-tag': sdoSchema('accord-norm-tag', {
    incident_ref: identifier('incident'),
    norm: { enum: NORM_IDS },
    status: { enum: NORM_TAG_STATUSES },
    rules: { type: 'array', minItems: 1, items: { enum: NORM_RULES.map((rule) => rule.id) } },
    reason: text,
    decided_by: identifier('identity'),
  }, ['incident_ref', 'norm', 'status']),
  'accord-norm-implementation': sdoSchema('accord-norm-implementation', {
    state: { oneOf: [{ type: 'string', pattern: '^[A-Z]{2}$' }, identifier(...STATE_REF_TYPES)] },
    norm: { enum: NORM_IDS },
    measure: text,
    evidence: { type: 'array', minItems: 1, items: text },
    date: timestamp,
  }, ['state', 'norm', 'measure', 'evidence', 'date']),
  'accord-response-option': sdoSchema('accord-response-option', RESPONSE_SCHEMA_PARTS['accord-response-option'].properties, RESPONSE_SCHEMA_PARTS['accord-response-option'].required),
  'accord-response-position': sdoSchema('accord-response-position', RESPONSE_SCHEMA_PARTS['accord-response-position'].properties, RESPONSE_SCHEMA_PARTS['accord-response-position'].required),
  'accord-lessons-learned': sdoSchema('accord-lessons-learned', {
    name: text,
    what_happened: text,
    what_worked: { type: 'array', minItems: 1, items: text },
    what_did_not_work: { type: 'array', minItems: 1, items: text },
    recommendations: {
      type: 'array', minItems: 1,
      items: { type: 'object', properties: { text, owner: text, due: timestamp, status: { enum: RECOMMENDATION_STATUSES } }, required: ['text', 'owner', 'due', 'status'], additionalProperties: false },
    },
    incident_refs: identifiers('incident'),
    case_refs: identifiers('accord-attribution-case'),
  }, ['name', 'what_happened', 'incident_refs']),
  'accord-incident': {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: workflowSchemaUrl('accord-incident'),
    title: 'accord-incident (property-extension of incident)',
    type: 'object',
    properties: {
      extension_type: { const: 'property-extension' },
      category: { enum: INCIDENT_CATEGORIES },
      sectors: { type: 'array', minItems: 1, items: text },
      countries: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Z]{2}$' } },
      victim_refs: identifiers(...VICTIM_TYPES),
      impact,
      timeline: { type: 'array', minItems: 1, items: { type: 'object', properties: { at: timestamp, event: text }, required: ['at', 'event'], additionalProperties: false } },
      status: { enum: INCIDENT_STATUSES },
      related_refs: identifiers(...RELATED_TYPES),
    },
    required: ['extension_type', 'category', 'status'],
    additionalProperties: false,
  },
};

/** The schema as the node serves it (pretty JSON text). */
export function workflowSchemaText(name: WorkflowExtensionName): string {
  return `${JSON.stringify(WORKFLOW_SCHEMAS[name], null, 2)}\n`;
}
