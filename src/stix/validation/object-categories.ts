/**
 * The object types STIX 2.1 defines, by category: SDOs (§4), SROs (§5),
 * SCOs (§6) and SMOs (§7). Any other well-formed type name is a custom type
 * (§7.3 extensions, or deprecated §11.2 custom objects).
 */
export type Category = 'sdo' | 'sro' | 'sco' | 'smo';

export const SDO_TYPES = [
  'attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator', 'infrastructure',
  'intrusion-set', 'location', 'malware', 'malware-analysis', 'note', 'observed-data', 'opinion', 'report',
  'threat-actor', 'tool', 'vulnerability',
] as const;

export const SRO_TYPES = ['relationship', 'sighting'] as const;

export const SCO_TYPES = [
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr',
  'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account',
  'windows-registry-key', 'x509-certificate',
] as const;

export const SMO_TYPES = ['extension-definition', 'language-content', 'marking-definition'] as const;

const CATEGORY_OF = new Map<string, Category>([
  ...SDO_TYPES.map((type) => [type, 'sdo'] as const),
  ...SRO_TYPES.map((type) => [type, 'sro'] as const),
  ...SCO_TYPES.map((type) => [type, 'sco'] as const),
  ...SMO_TYPES.map((type) => [type, 'smo'] as const),
]);

/**
 * The category of a specification-defined type; `custom` for any other type
 * name, and `bundle` for the bundle (§8), which is not a STIX Object.
 */
export function categoryOf(type: string): Category | 'custom' | 'bundle' {
  if (type === 'bundle') return 'bundle';
  return CATEGORY_OF.get(type) ?? 'custom';
}
