import { VERDICTS } from '../legal/assessment.ts';
import { LEGAL_BASES, RESPONSE_KIND_IDS } from './catalogue.ts';
import type { ResponseSdoType } from './definitions.ts';
import { REQUIREMENT_STATUSES, STANDINGS } from './legal-check.ts';
import { POSITIONS, RESPONSE_STATUSES, RESPONSE_TARGET_TYPES } from './model.ts';

/**
 * The type-specific part of each response type's JSON Schema (draft
 * 2020-12): properties and required names, ready for ../extensions'
 * `sdoSchema(name, properties, required)` to add the common part.
 */

type Schema = Readonly<Record<string, unknown>>;
const text: Schema = { type: 'string', minLength: 1, pattern: '\\S' };
const texts: Schema = { type: 'array', minItems: 1, items: text };
const ref = (...types: string[]): Schema => ({ type: 'string', pattern: `^(${types.join('|')})--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$` });
const timestamp: Schema = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$' };

const basisCheck: Schema = {
  type: 'object',
  properties: {
    basis: { enum: LEGAL_BASES }, question: text, verdict: { enum: VERDICTS }, engine_verdict: { enum: VERDICTS }, override_reason: text,
    requirements: { type: 'array', minItems: 1, items: { type: 'object', properties: { text, status: { enum: REQUIREMENT_STATUSES }, citations: { type: 'array', items: text }, facts: { type: 'array', items: text } }, required: ['text', 'status'] } },
    conditions: { type: 'array', minItems: 1, items: { type: 'object' } },
    steps: texts, decided_by: { type: 'array', minItems: 1, items: { type: 'object' } }, caveats: texts, citations: texts,
  },
  required: ['basis', 'question', 'verdict', 'engine_verdict', 'citations'],
};

export const RESPONSE_SCHEMA_PARTS: Readonly<Record<ResponseSdoType, { properties: Record<string, Schema>; required: string[] }>> = {
  'accord-response-option': {
    properties: {
      case_ref: ref('accord-attribution-case'),
      kind: { enum: RESPONSE_KIND_IDS },
      name: text,
      description: text,
      target_ref: ref(...RESPONSE_TARGET_TYPES),
      status: { enum: RESPONSE_STATUSES },
      status_history: {
        type: 'array', minItems: 1,
        items: { type: 'object', properties: { status: { enum: RESPONSE_STATUSES }, by: ref('identity'), at: timestamp, reason: text }, required: ['status', 'by', 'at'], additionalProperties: false },
      },
      legal_check: {
        type: 'object',
        properties: { label: text, engine_version: text, standing: { enum: STANDINGS }, lawful_basis: { enum: LEGAL_BASES }, summary: text, bases: { type: 'array', minItems: 1, items: basisCheck } },
        required: ['label', 'engine_version', 'standing', 'summary', 'bases'],
      },
      assessment_ref: ref('accord-legal-assessment'),
    },
    required: ['case_ref', 'kind', 'name', 'description', 'status', 'status_history', 'legal_check'],
  },
  'accord-response-position': {
    properties: { option_ref: ref('accord-response-option'), position: { enum: POSITIONS }, reason: text },
    required: ['option_ref', 'position'],
  },
};
