import type { StixObject } from '../stix/object.ts';

/** The text full-text search indexes for one object. */
export interface SearchText {
  name: string;
  description: string;
  /** Every alias, one per line. */
  aliases: string;
}

/**
 * Name, description and aliases of an object, or `undefined` when it has none
 * (most SCOs, relationships without a description), so no index row is kept.
 * Aliases come from every top-level list whose name ends in `aliases`
 * (`aliases`, `x_mitre_aliases`, other producers' custom lists).
 */
export function searchTextOf(object: StixObject): SearchText | undefined {
  const name = typeof object.name === 'string' ? object.name : '';
  const description = typeof object.description === 'string' ? object.description : '';
  const aliases: string[] = [];
  for (const [property, value] of Object.entries(object)) {
    if (!property.endsWith('aliases') || !Array.isArray(value)) continue;
    for (const alias of value) if (typeof alias === 'string') aliases.push(alias);
  }
  if (name === '' && description === '' && aliases.length === 0) return undefined;
  return { name, description, aliases: aliases.join('\n') };
}
