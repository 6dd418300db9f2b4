/**
 * Graph colours: a fixed fill per STIX type (the same type always looks the
 * same, across sessions and nodes) on a dark canvas, where FIRST's TLP
 * colours (node borders) read as they were designed to, on black.
 */

export const GRAPH_BACKGROUND = '#14161a';
/** Node labels sit below the nodes, on the canvas. */
export const GRAPH_LABEL = '#f2f4f7';

// Mid-tone fills, each at least 3:1 against the canvas (WCAG 1.4.11, graphical objects).
const PALETTE = ['#2f6fb3', '#b3452f', '#2f8f5b', '#8a4fb3', '#b3832f', '#2f9aa6', '#c2407f', '#6b8236', '#86705f', '#5a66c4'] as const;

/** Well-known types get fixed colours; others a colour from a hash of the name (FNV-1a). */
const KNOWN: Record<string, string> = {
  indicator: '#b3452f',
  malware: '#c2407f',
  'threat-actor': '#8a4fb3',
  'intrusion-set': '#8f55c8',
  campaign: '#b3832f',
  'attack-pattern': '#6b8236',
  identity: '#2f6fb3',
  location: '#2f9aa6',
  sighting: '#c0392b',
  report: '#86705f',
  vulnerability: '#2f8f5b',
  tool: '#5a66c4',
};

export function typeColour(type: string): string {
  const known = KNOWN[type];
  if (known) return known;
  let hash = 0x811c9dc5;
  for (let i = 0; i < type.length; i++) hash = Math.imul(hash ^ type.charCodeAt(i), 0x01000193);
  return PALETTE[(hash >>> 0) % PALETTE.length] as string;
}
