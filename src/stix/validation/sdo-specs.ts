import { CORE_COMMON, KILL_CHAIN_PHASES } from './common-properties.ts';
import { atLeastOneOf, exactlyOneOf, requires, timestampOrder } from './constraints.ts';
import {
  ANY, ANY_OBJECT, BOOLEAN, STRING, STRINGS, TIMESTAMP, float, integer, ref, refTo, refToCategories, refs, vocab, vocabs,
  type Constraint, type Kind,
} from './property-kinds.ts';
import { deprecatedObservableContainer, locationArea, malwareFamilyName } from './rules.ts';
import { defineType, type TypeSpec } from './type-spec.ts';
import * as V from './vocabularies.ts';

/** STIX Domain Objects, STIX 2.1 §4. */

function sdo(
  type: string, section: string, properties: Readonly<Record<string, Kind>>,
  options: { required?: readonly string[]; constraints?: readonly Constraint[] } = {},
): TypeSpec {
  return defineType({ type, category: 'sdo', section, common: CORE_COMMON, properties, ...options });
}

const seenOrder = (section: string): Constraint => timestampOrder('last_seen', 'first_seen', section);
const SOFTWARE_REF = ref(refTo('software'));

export const SDO_SPECS: readonly TypeSpec[] = [
  sdo('attack-pattern', '4.1', {
    name: STRING, description: STRING, aliases: STRINGS, kill_chain_phases: KILL_CHAIN_PHASES,
  }, { required: ['name'] }),

  sdo('campaign', '4.2', {
    name: STRING, description: STRING, aliases: STRINGS, first_seen: TIMESTAMP, last_seen: TIMESTAMP, objective: STRING,
  }, { required: ['name'], constraints: [seenOrder('4.2')] }),

  sdo('course-of-action', '4.3', { name: STRING, description: STRING }, { required: ['name'] }),

  sdo('grouping', '4.4', {
    name: STRING, description: STRING, context: vocab(V.GROUPING_CONTEXT), object_refs: refs(ANY_OBJECT),
  }, { required: ['context', 'object_refs'] }),

  sdo('identity', '4.5', {
    name: STRING, description: STRING, roles: STRINGS, identity_class: vocab(V.IDENTITY_CLASS),
    sectors: vocabs(V.INDUSTRY_SECTOR), contact_information: STRING,
  }, { required: ['name'] }),

  sdo('incident', '4.6', { name: STRING, description: STRING }, { required: ['name'] }),

  sdo('indicator', '4.7', {
    name: STRING, description: STRING, indicator_types: vocabs(V.INDICATOR_TYPE), pattern: STRING,
    pattern_type: vocab(V.PATTERN_TYPE), pattern_version: STRING, valid_from: TIMESTAMP, valid_until: TIMESTAMP,
    kill_chain_phases: KILL_CHAIN_PHASES,
  }, {
    required: ['pattern', 'pattern_type', 'valid_from'],
    constraints: [timestampOrder('valid_until', 'valid_from', '4.7', { strict: true })],
  }),

  sdo('infrastructure', '4.8', {
    name: STRING, description: STRING, infrastructure_types: vocabs(V.INFRASTRUCTURE_TYPE), aliases: STRINGS,
    kill_chain_phases: KILL_CHAIN_PHASES, first_seen: TIMESTAMP, last_seen: TIMESTAMP,
  }, { required: ['name'], constraints: [seenOrder('4.8')] }),

  sdo('intrusion-set', '4.9', {
    name: STRING, description: STRING, aliases: STRINGS, first_seen: TIMESTAMP, last_seen: TIMESTAMP, goals: STRINGS,
    resource_level: vocab(V.ATTACK_RESOURCE_LEVEL), primary_motivation: vocab(V.ATTACK_MOTIVATION),
    secondary_motivations: vocabs(V.ATTACK_MOTIVATION),
  }, { required: ['name'], constraints: [seenOrder('4.9')] }),

  sdo('location', '4.10', {
    name: STRING, description: STRING, latitude: float(-90, 90), longitude: float(-180, 180),
    // Precision is a distance in meters.
    precision: float(0), region: vocab(V.REGION), country: STRING, administrative_area: STRING, city: STRING,
    street_address: STRING, postal_code: STRING,
  }, {
    constraints: [
      locationArea,
      requires('latitude', 'longitude', '4.10'),
      requires('longitude', 'latitude', '4.10'),
      requires('precision', 'latitude', '4.10'),
      requires('precision', 'longitude', '4.10'),
    ],
  }),

  sdo('malware', '4.11', {
    name: STRING, description: STRING, malware_types: vocabs(V.MALWARE_TYPE), is_family: BOOLEAN, aliases: STRINGS,
    kill_chain_phases: KILL_CHAIN_PHASES, first_seen: TIMESTAMP, last_seen: TIMESTAMP,
    operating_system_refs: refs(refTo('software')), architecture_execution_envs: vocabs(V.PROCESSOR_ARCHITECTURE),
    implementation_languages: vocabs(V.IMPLEMENTATION_LANGUAGE), capabilities: vocabs(V.MALWARE_CAPABILITIES),
    sample_refs: refs(refTo('file', 'artifact')),
  }, { required: ['is_family'], constraints: [seenOrder('4.11'), malwareFamilyName] }),

  sdo('malware-analysis', '4.12', {
    product: STRING, version: STRING, host_vm_ref: SOFTWARE_REF, operating_system_ref: SOFTWARE_REF,
    installed_software_refs: refs(refTo('software')), configuration_version: STRING, modules: STRINGS,
    analysis_engine_version: STRING, analysis_definition_version: STRING, submitted: TIMESTAMP,
    analysis_started: TIMESTAMP, analysis_ended: TIMESTAMP, result_name: STRING, result: vocab(V.MALWARE_RESULT),
    analysis_sco_refs: refs(refToCategories(['sco'], { custom: true })),
    sample_ref: ref(refTo('file', 'network-traffic', 'artifact')),
  }, { required: ['product'], constraints: [atLeastOneOf(['result', 'analysis_sco_refs'], '4.12')] }),

  sdo('note', '4.13', {
    abstract: STRING, content: STRING, authors: STRINGS, object_refs: refs(ANY_OBJECT),
  }, { required: ['content', 'object_refs'] }),

  sdo('observed-data', '4.14', {
    first_observed: TIMESTAMP, last_observed: TIMESTAMP, number_observed: integer(1, 999_999_999),
    // The deprecated observable container (§2.13) is checked by its own rule.
    objects: ANY,
    object_refs: refs(refToCategories(['sco', 'sro'], { custom: true })),
  }, {
    required: ['first_observed', 'last_observed', 'number_observed'],
    constraints: [
      exactlyOneOf(['objects', 'object_refs'], '4.14'),
      timestampOrder('last_observed', 'first_observed', '4.14'),
      deprecatedObservableContainer,
    ],
  }),

  sdo('opinion', '4.15', {
    explanation: STRING, authors: STRINGS, opinion: vocab(V.OPINION), object_refs: refs(ANY_OBJECT),
  }, { required: ['opinion', 'object_refs'] }),

  sdo('report', '4.16', {
    name: STRING, description: STRING, report_types: vocabs(V.REPORT_TYPE), published: TIMESTAMP,
    object_refs: refs(ANY_OBJECT),
  }, { required: ['name', 'published', 'object_refs'] }),

  sdo('threat-actor', '4.17', {
    name: STRING, description: STRING, threat_actor_types: vocabs(V.THREAT_ACTOR_TYPE), aliases: STRINGS,
    first_seen: TIMESTAMP, last_seen: TIMESTAMP, roles: vocabs(V.THREAT_ACTOR_ROLE), goals: STRINGS,
    sophistication: vocab(V.THREAT_ACTOR_SOPHISTICATION), resource_level: vocab(V.ATTACK_RESOURCE_LEVEL),
    primary_motivation: vocab(V.ATTACK_MOTIVATION), secondary_motivations: vocabs(V.ATTACK_MOTIVATION),
    personal_motivations: vocabs(V.ATTACK_MOTIVATION),
  }, { required: ['name'], constraints: [seenOrder('4.17')] }),

  sdo('tool', '4.18', {
    name: STRING, description: STRING, tool_types: vocabs(V.TOOL_TYPE), aliases: STRINGS,
    kill_chain_phases: KILL_CHAIN_PHASES, tool_version: STRING,
  }, { required: ['name'] }),

  sdo('vulnerability', '4.19', { name: STRING, description: STRING }, { required: ['name'] }),
];
