/**
 * STIX Domain Objects (STIX 2.1 §4), one interface per type, and the
 * `StixDomainObject` union discriminated by `type`. Open-vocabulary values
 * (`*-ov`) are plain strings; closed enumerations are literal unions.
 */
import type { Identifier, KillChainPhase, StixCommonProperties, Timestamp } from './common.ts';

/** STIX 2.1 §4.1 Attack Pattern. */
export interface AttackPattern extends StixCommonProperties<'attack-pattern'> {
  name: string;
  description?: string;
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
}

/** STIX 2.1 §4.2 Campaign. */
export interface Campaign extends StixCommonProperties<'campaign'> {
  name: string;
  description?: string;
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  objective?: string;
}

/** STIX 2.1 §4.3 Course of Action (its `action*` properties are reserved in 2.1). */
export interface CourseOfAction extends StixCommonProperties<'course-of-action'> {
  name: string;
  description?: string;
}

/** STIX 2.1 §4.4 Grouping. */
export interface Grouping extends StixCommonProperties<'grouping'> {
  name?: string;
  description?: string;
  /** `grouping-context-ov`. */
  context: string;
  object_refs: Identifier[];
}

/** STIX 2.1 §4.5 Identity. */
export interface Identity extends StixCommonProperties<'identity'> {
  name: string;
  description?: string;
  roles?: string[];
  /** `identity-class-ov`. */
  identity_class?: string;
  /** `industry-sector-ov`. */
  sectors?: string[];
  contact_information?: string;
}

/** STIX 2.1 §4.6 Incident (a stub in 2.1, meant to be extended). */
export interface Incident extends StixCommonProperties<'incident'> {
  name: string;
  description?: string;
}

/** STIX 2.1 §4.7 Indicator. */
export interface Indicator extends StixCommonProperties<'indicator'> {
  name?: string;
  description?: string;
  /** `indicator-type-ov`. */
  indicator_types?: string[];
  pattern: string;
  /** `pattern-type-ov` (`stix`, `pcre`, `sigma`, `snort`, `suricata`, `yara`). */
  pattern_type: string;
  pattern_version?: string;
  valid_from: Timestamp;
  valid_until?: Timestamp;
  kill_chain_phases?: KillChainPhase[];
}

/** STIX 2.1 §4.8 Infrastructure. */
export interface Infrastructure extends StixCommonProperties<'infrastructure'> {
  name: string;
  description?: string;
  /** `infrastructure-type-ov`. */
  infrastructure_types?: string[];
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
}

/** STIX 2.1 §4.9 Intrusion Set. */
export interface IntrusionSet extends StixCommonProperties<'intrusion-set'> {
  name: string;
  description?: string;
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  goals?: string[];
  /** `attack-resource-level-ov`. */
  resource_level?: string;
  /** `attack-motivation-ov`. */
  primary_motivation?: string;
  secondary_motivations?: string[];
}

/**
 * STIX 2.1 §4.10 Location. At least one of `region`, `country`, or
 * `latitude` with `longitude` is present.
 */
export interface Location extends StixCommonProperties<'location'> {
  name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  /** Metres; only with `latitude` and `longitude`. */
  precision?: number;
  /** `region-ov`. */
  region?: string;
  /** ISO 3166-1 alpha-2 code. */
  country?: string;
  administrative_area?: string;
  city?: string;
  street_address?: string;
  postal_code?: string;
}

/** STIX 2.1 §4.11 Malware. `name` is required when `is_family` is true. */
export interface Malware extends StixCommonProperties<'malware'> {
  name?: string;
  description?: string;
  /** `malware-type-ov`. */
  malware_types?: string[];
  is_family: boolean;
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  /** Software SCOs. */
  operating_system_refs?: Identifier[];
  /** `processor-architecture-ov`. */
  architecture_execution_envs?: string[];
  /** `implementation-language-ov`. */
  implementation_languages?: string[];
  /** `malware-capabilities-ov`. */
  capabilities?: string[];
  /** File or artifact SCOs. */
  sample_refs?: Identifier[];
}

/** STIX 2.1 §4.12 Malware Analysis. Either `result` or `analysis_sco_refs` is present. */
export interface MalwareAnalysis extends StixCommonProperties<'malware-analysis'> {
  product: string;
  version?: string;
  host_vm_ref?: Identifier;
  operating_system_ref?: Identifier;
  installed_software_refs?: Identifier[];
  configuration_version?: string;
  modules?: string[];
  analysis_engine_version?: string;
  analysis_definition_version?: string;
  submitted?: Timestamp;
  analysis_started?: Timestamp;
  analysis_ended?: Timestamp;
  result_name?: string;
  /** `malware-result-ov`. */
  result?: string;
  analysis_sco_refs?: Identifier[];
  sample_ref?: Identifier;
}

/** STIX 2.1 §4.13 Note. */
export interface Note extends StixCommonProperties<'note'> {
  abstract?: string;
  content: string;
  authors?: string[];
  object_refs: Identifier[];
}

/**
 * STIX 2.1 §4.14 Observed Data. Exactly one of `object_refs` and the
 * deprecated `objects` (a dictionary of SCOs without ids) is present.
 */
export interface ObservedData extends StixCommonProperties<'observed-data'> {
  first_observed: Timestamp;
  last_observed: Timestamp;
  number_observed: number;
  objects?: Record<string, EmbeddedObservable>;
  object_refs?: Identifier[];
}

/** An SCO inside the deprecated `observed-data.objects` dictionary: no `id`, refs are dictionary keys. */
export interface EmbeddedObservable {
  type: string;
  [property: string]: unknown;
}

/** STIX 2.1 §4.15 Opinion. */
export interface Opinion extends StixCommonProperties<'opinion'> {
  explanation?: string;
  authors?: string[];
  opinion: 'strongly-disagree' | 'disagree' | 'neutral' | 'agree' | 'strongly-agree';
  object_refs: Identifier[];
}

/** STIX 2.1 §4.16 Report. */
export interface Report extends StixCommonProperties<'report'> {
  name: string;
  description?: string;
  /** `report-type-ov`. */
  report_types?: string[];
  published: Timestamp;
  object_refs: Identifier[];
}

/** STIX 2.1 §4.17 Threat Actor. */
export interface ThreatActor extends StixCommonProperties<'threat-actor'> {
  name: string;
  description?: string;
  /** `threat-actor-type-ov`. */
  threat_actor_types?: string[];
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  /** `threat-actor-role-ov`. */
  roles?: string[];
  goals?: string[];
  /** `threat-actor-sophistication-ov`. */
  sophistication?: string;
  /** `attack-resource-level-ov`. */
  resource_level?: string;
  /** `attack-motivation-ov`. */
  primary_motivation?: string;
  secondary_motivations?: string[];
  personal_motivations?: string[];
}

/** STIX 2.1 §4.18 Tool. */
export interface Tool extends StixCommonProperties<'tool'> {
  name: string;
  description?: string;
  /** `tool-type-ov`. */
  tool_types?: string[];
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  tool_version?: string;
}

/** STIX 2.1 §4.19 Vulnerability (CVE ids go in `external_references`). */
export interface Vulnerability extends StixCommonProperties<'vulnerability'> {
  name: string;
  description?: string;
}

/** Every SDO type of STIX 2.1 §4. */
export const SDO_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;
export type SdoTypeName = (typeof SDO_TYPES)[number];

export type StixDomainObject =
  | AttackPattern
  | Campaign
  | CourseOfAction
  | Grouping
  | Identity
  | Incident
  | Indicator
  | Infrastructure
  | IntrusionSet
  | Location
  | Malware
  | MalwareAnalysis
  | Note
  | ObservedData
  | Opinion
  | Report
  | ThreatActor
  | Tool
  | Vulnerability;
