/**
 * The shape every STIX 2.1 object shares on the wire. Specific interfaces for
 * each SDO, SRO, SCO and SMO live in `types/`; code that handles objects of any
 * type (the store, the bundle reader) works with this one.
 */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  revoked?: boolean;
  created_by_ref?: string;
  object_marking_refs?: string[];
  [property: string]: unknown;
}

/** STIX 2.1 §8: a bundle is a wrapper with no version of its own. */
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects?: StixObject[];
}

/**
 * The version key of an object (§3.6 versioning): `modified` when present,
 * else `created` (marking-definitions), else the empty string (SCOs, which
 * are not versioned).
 */
export function versionOf(object: StixObject): string {
  return object.modified ?? object.created ?? '';
}
