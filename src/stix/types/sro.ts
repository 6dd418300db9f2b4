/** STIX Relationship Objects (STIX 2.1 §5) and the `StixRelationshipObject` union. */
import type { Identifier, StixCommonProperties, Timestamp } from './common.ts';

/** STIX 2.1 §5.1 Relationship. */
export interface Relationship extends StixCommonProperties<'relationship'> {
  /** A relationship name from the spec (e.g. `indicates`, `uses`) or a custom one. */
  relationship_type: string;
  description?: string;
  source_ref: Identifier;
  target_ref: Identifier;
  start_time?: Timestamp;
  stop_time?: Timestamp;
}

/** STIX 2.1 §5.2 Sighting. */
export interface Sighting extends StixCommonProperties<'sighting'> {
  description?: string;
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  /** 0–999999999. */
  count?: number;
  sighting_of_ref: Identifier;
  observed_data_refs?: Identifier[];
  /** Identity or location SDOs. */
  where_sighted_refs?: Identifier[];
  summary?: boolean;
}

/** Every SRO type of STIX 2.1 §5. */
export const SRO_TYPES = ['relationship', 'sighting'] as const;
export type SroTypeName = (typeof SRO_TYPES)[number];

export type StixRelationshipObject = Relationship | Sighting;
