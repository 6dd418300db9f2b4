import { CORE_COMMON } from './common-properties.ts';
import { timestampOrder } from './constraints.ts';
import {
  BOOLEAN, STRING, TIMESTAMP, integer, ref, refTo, refToCategories, refs, vocab, type Kind,
} from './property-kinds.ts';
import { relationshipTypeName } from './rules.ts';
import { defineType, type TypeSpec } from './type-spec.ts';
import { RELATIONSHIP_TYPE } from './vocabularies.ts';

/** STIX Relationship Objects, STIX 2.1 §5. */

// §5.1: relationships link SDOs and SCOs, never SROs, bundles or meta objects.
const NODE_REF: Kind = ref(refToCategories(['sdo', 'sco'], { custom: true }));

export const SRO_SPECS: readonly TypeSpec[] = [
  defineType({
    type: 'relationship', category: 'sro', section: '5.1', common: CORE_COMMON,
    properties: {
      relationship_type: vocab(RELATIONSHIP_TYPE), description: STRING, source_ref: NODE_REF, target_ref: NODE_REF,
      start_time: TIMESTAMP, stop_time: TIMESTAMP,
    },
    required: ['relationship_type', 'source_ref', 'target_ref'],
    constraints: [relationshipTypeName, timestampOrder('stop_time', 'start_time', '5.1', { strict: true })],
  }),
  defineType({
    type: 'sighting', category: 'sro', section: '5.2', common: CORE_COMMON,
    properties: {
      description: STRING, first_seen: TIMESTAMP, last_seen: TIMESTAMP, count: integer(0, 999_999_999),
      // §5.2: "This property MUST reference only an SDO" (extension SDOs included).
      sighting_of_ref: ref(refToCategories(['sdo'], { custom: true })),
      observed_data_refs: refs(refTo('observed-data')),
      where_sighted_refs: refs(refTo('identity', 'location')),
      // The property table says string but describes a boolean; the published schema uses boolean.
      summary: BOOLEAN,
    },
    required: ['sighting_of_ref'],
    constraints: [timestampOrder('last_seen', 'first_seen', '5.2')],
  }),
];
