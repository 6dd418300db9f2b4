import type { StixObject } from '../../stix/object.ts';

/** The `accord-incident` property-extension on a STIX 2.1 `incident` (§4.6): see docs/attribution.md. */

export const INCIDENT_CATEGORIES = [
  'ransomware', 'hack-and-leak', 'espionage', 'destructive-wiper', 'ddos', 'supply-chain', 'election-interference',
  'critical-infrastructure-disruption', 'fraud-cybercrime', 'other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_STATUSES = ['open', 'contained', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const DATA_IMPACTS = ['stolen', 'leaked', 'destroyed'] as const;
export type DataImpact = (typeof DATA_IMPACTS)[number];

/** What `related_refs` may point at: intelligence about the incident. */
export const RELATED_TYPES = ['indicator', 'malware', 'infrastructure', 'attack-pattern', 'sighting', 'observed-data', 'tool', 'campaign', 'report', 'vulnerability'] as const;
/** Who or what a victim is. */
export const VICTIM_TYPES = ['identity', 'location'] as const;

export interface IncidentImpact {
  physical_damage: boolean;
  injury_or_death: boolean;
  data?: DataImpact[];
  disruption_hours?: number;
  economic_cost_usd?: number;
}

export interface TimelineEntry {
  at: string;
  event: string;
}

export interface IncidentExtension {
  extension_type: 'property-extension';
  category: IncidentCategory;
  sectors?: string[];
  countries?: string[];
  victim_refs?: string[];
  impact?: IncidentImpact;
  timeline?: TimelineEntry[];
  status: IncidentStatus;
  related_refs?: string[];
}

export interface AccordIncident extends StixObject {
  type: 'incident';
  name: string;
  description?: string;
  extensions: Record<string, IncidentExtension>;
}
