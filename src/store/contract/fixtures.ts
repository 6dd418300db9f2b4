import { scoIdentifier } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';

/** Small STIX 2.1 objects for the contract suite, deterministic so failures read well. */

/** The TLP marking-definitions STIX 2.1 defines (§7.2.1.4). */
export const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
export const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';

/** A stable identifier: `type--00000000-0000-4000-8000-<n>`. */
export function idOf(type: string, n: number): string {
  return `${type}--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** 2024-01-01 plus `day` days, with millisecond precision. */
export function at(day: number): string {
  return new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString();
}

type Properties = Record<string, unknown>;

/** An SDO/SRO of `type` number `n`, created on day 0, last modified on `day`. */
export function sdo(type: string, n: number, day = 0, properties: Properties = {}): StixObject {
  return { type, spec_version: '2.1', id: idOf(type, n), created: at(0), modified: at(day), ...properties };
}

export function identity(n: number, properties: Properties = {}): StixObject {
  return sdo('identity', n, 0, { name: `Identity ${n}`, identity_class: 'organization', ...properties });
}

export function malware(n: number, day = 0, properties: Properties = {}): StixObject {
  return sdo('malware', n, day, { name: `Malware ${n}`, is_family: true, ...properties });
}

export function indicator(n: number, day = 0, properties: Properties = {}): StixObject {
  return sdo('indicator', n, day, {
    name: `Indicator ${n}`, pattern: `[ipv4-addr:value = '10.0.0.${n}']`, pattern_type: 'stix', valid_from: at(0), ...properties,
  });
}

export function relationship(n: number, source: string, target: string, day = 0, properties: Properties = {}): StixObject {
  return sdo('relationship', n, day, { relationship_type: 'indicates', source_ref: source, target_ref: target, ...properties });
}

/** A marking-definition: versioned by `created` alone (STIX 2.1 §7.2). */
export function marking(id: string, name: string): StixObject {
  return { type: 'marking-definition', spec_version: '2.1', id, created: '2017-01-20T00:00:00.000Z', name, definition_type: 'tlp', definition: { tlp: name.toLowerCase() } };
}

/** An SCO without `spec_version`: unversioned, and counted as STIX 2.1. */
export function ipv4(value: string): StixObject {
  const sco = { type: 'ipv4-addr', value };
  return { ...sco, id: scoIdentifier(sco) };
}
