import { CORE_COMMON, SCO_COMMON } from './common-properties.ts';
import { SCO_SPECS } from './sco-specs.ts';
import { SDO_SPECS } from './sdo-specs.ts';
import { SMO_SPECS } from './smo-specs.ts';
import { SRO_SPECS } from './sro-specs.ts';
import { defineType, type TypeSpec } from './type-spec.ts';

/** Every type STIX 2.1 defines, by type name. */
export const TYPE_SPECS: ReadonlyMap<string, TypeSpec> = new Map(
  [...SDO_SPECS, ...SRO_SPECS, ...SCO_SPECS, ...SMO_SPECS].map((spec) => [spec.type, spec]),
);

/**
 * Custom objects (§7.3 new-sdo / new-sro extensions, deprecated §11.2 custom
 * objects) carry the common properties of SDOs and SROs; their own properties
 * are unknown here and only checked for well-formedness.
 */
export const CUSTOM_OBJECT_SPEC = defineType({
  type: 'custom object', category: 'sdo', section: '7.3', common: CORE_COMMON, properties: {},
});

/** Custom observables (§7.3 new-sco extensions) carry the common SCO properties. */
export const CUSTOM_OBSERVABLE_SPEC = defineType({
  type: 'custom observable', category: 'sco', section: '7.3', common: SCO_COMMON, properties: {},
});
