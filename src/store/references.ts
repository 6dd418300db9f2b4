import type { StixObject } from '../stix/object.ts';

/** One embedded reference: the object holding it points at `target` through `property`. */
export interface Reference {
  property: string;
  target: string;
}

/**
 * The top-level embedded references of an object (STIX 2.1 §2.6: properties
 * named `*_ref` hold one identifier, `*_refs` a list): `created_by_ref`,
 * `object_marking_refs`, a relationship's `source_ref`/`target_ref`, a
 * sighting's `sighting_of_ref`, a report's `object_refs`… Duplicates are dropped.
 */
export function referencesOf(object: StixObject): Reference[] {
  const references: Reference[] = [];
  const seen = new Set<string>();
  const add = (property: string, target: unknown): void => {
    if (typeof target !== 'string' || target === '') return;
    const key = `${property}\n${target}`;
    if (seen.has(key)) return;
    seen.add(key);
    references.push({ property, target });
  };
  for (const [property, value] of Object.entries(object)) {
    if (property.endsWith('_ref')) add(property, value);
    else if (property.endsWith('_refs') && Array.isArray(value)) for (const target of value) add(property, target);
  }
  return references;
}
