/** An incident's extension in words: its category, and its impact in brief. */
import type { IncidentCategory, IncidentImpact, IncidentStatus } from '../../../src/server/api/contract.ts';
import { formatNumber } from './format.ts';

export const CATEGORY_LABEL: Readonly<Record<IncidentCategory, string>> = {
  ransomware: 'Ransomware',
  'hack-and-leak': 'Hack and leak',
  espionage: 'Espionage',
  'destructive-wiper': 'Destructive / wiper',
  ddos: 'DDoS',
  'supply-chain': 'Supply chain',
  'election-interference': 'Interference in democratic processes',
  'critical-infrastructure-disruption': 'Critical-infrastructure disruption',
  'fraud-cybercrime': 'Fraud and other cybercrime',
  other: 'Other',
};
export const INCIDENT_CATEGORIES = Object.keys(CATEGORY_LABEL) as IncidentCategory[];

export const INCIDENT_STATUS_LABEL: Readonly<Record<IncidentStatus, string>> = { open: 'Open', contained: 'Contained', closed: 'Closed' };
export const INCIDENT_STATUSES = Object.keys(INCIDENT_STATUS_LABEL) as IncidentStatus[];

/** "US$ 4,500,000". */
export const formatUsd = (amount: number): string => `US$ ${formatNumber(amount)}`;

/** "36 h". */
const hours = (h: number): string => `${formatNumber(h)} h`;

/**
 * The impact in brief, the weightiest first: each part a short phrase
 * ("injury or death", "data stolen and leaked", "disruption 72 h",
 * "cost US$ 4,500,000"); none when nothing is recorded.
 */
export function impactBrief(impact: IncidentImpact | undefined): string[] {
  if (!impact) return [];
  const parts: string[] = [];
  if (impact.injury_or_death) parts.push('injury or death');
  if (impact.physical_damage) parts.push('physical damage');
  const data = impact.data ?? [];
  if (data.length > 0) parts.push(`data ${data.length === 1 ? data[0] : `${data.slice(0, -1).join(', ')} and ${data[data.length - 1]}`}`);
  if (impact.disruption_hours !== undefined) parts.push(`disruption ${hours(impact.disruption_hours)}`);
  if (impact.economic_cost_usd !== undefined) parts.push(`cost ${formatUsd(impact.economic_cost_usd)}`);
  return parts;
}
