import { displayName as stixDisplayName } from '../stix/display-name.ts';
import type { StixObject } from '../stix/object.ts';

/** A short human name for an object (stix/display-name.ts), cut to one table cell. */
export function displayName(object: StixObject): string {
  return truncate(stixDisplayName(object));
}

function truncate(text: string, width = 70): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
