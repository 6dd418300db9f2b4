import type { StixObject } from '../stix/object.ts';

/** A short human name for an object: its name, value, or the start of its description. */
export function displayName(object: StixObject): string {
  for (const property of ['name', 'value', 'pattern', 'relationship_type', 'abstract', 'opinion']) {
    const value = object[property];
    if (typeof value === 'string' && value !== '') return truncate(value);
  }
  return typeof object.description === 'string' ? truncate(object.description) : '';
}

function truncate(text: string, width = 70): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
