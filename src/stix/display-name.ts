import type { StixObject } from './object.ts';

/**
 * Properties that name an object for people, by preference: SDOs' `name`, an
 * indicator's `pattern`, SCOs' `value`, a relationship's type, a note's
 * abstract, an opinion (STIX 2.1 §4–§6 have no one naming property).
 */
const NAMING_PROPERTIES = ['name', 'pattern', 'value', 'relationship_type', 'abstract', 'opinion'] as const;

/** A readable name for any object: the first non-blank naming property, else its id. Whole, not shortened. */
export function displayName(object: StixObject): string {
  for (const property of NAMING_PROPERTIES) {
    const value = object[property];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return object.id;
}
