/**
 * TypeScript shapes of every STIX 2.1 object, the unions over each family,
 * and the runtime lists of type names per family.
 */
import type { StixBundle, StixObject } from '../object.ts';
import { SCO_TYPES, type ScoTypeName, type StixCyberObservable } from './sco.ts';
import { SDO_TYPES, type SdoTypeName, type StixDomainObject } from './sdo.ts';
import { SMO_TYPES, type SmoTypeName, type StixMetaObject } from './smo.ts';
import { SRO_TYPES, type SroTypeName, type StixRelationshipObject } from './sro.ts';

export * from './common.ts';
export * from './sco.ts';
export * from './sdo.ts';
export * from './smo.ts';
export * from './sro.ts';

/** Every object type defined by STIX 2.1 itself. */
export type StixTypeName = SdoTypeName | SroTypeName | ScoTypeName | SmoTypeName;

/** Any object of a type STIX 2.1 defines; custom objects are plain `StixObject`s. */
export type AnyStixObject = StixDomainObject | StixRelationshipObject | StixCyberObservable | StixMetaObject;

/**
 * STIX 2.1 §8 Bundle: a wrapper for sharing objects, not itself a STIX
 * Object. `T` narrows the objects when the caller knows what they are.
 */
export interface Bundle<T extends StixObject = StixObject> extends StixBundle {
  objects?: T[];
}

export type ObjectCategory = 'sdo' | 'sro' | 'sco' | 'smo' | 'custom';

const CATEGORY_BY_TYPE = new Map<string, ObjectCategory>([
  ...SDO_TYPES.map((type) => [type, 'sdo'] as const),
  ...SRO_TYPES.map((type) => [type, 'sro'] as const),
  ...SCO_TYPES.map((type) => [type, 'sco'] as const),
  ...SMO_TYPES.map((type) => [type, 'smo'] as const),
]);

/**
 * The family of a STIX type name: SDO (§4), SRO (§5), SCO (§6), SMO (§7), or
 * `custom` for any other name — custom objects and those defined by an
 * extension-definition (§7.3) alike. `bundle` is not an object (§8), so it
 * is `custom` too.
 */
export function objectCategory(type: string): ObjectCategory {
  return CATEGORY_BY_TYPE.get(type) ?? 'custom';
}
