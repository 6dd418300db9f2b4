/**
 * The Traffic Light Protocol markings. TLP 1.0 markings are the four
 * predefined marking-definitions of STIX 2.1 §7.2.1.4, which MUST be used
 * as published; TLP 2.0 markings use the extension-definition published by
 * OASIS (cti-stix-common-objects), with one property `tlp_2_0`.
 */
interface TlpMarking {
  readonly name: string;
  readonly level: string;
}

/** §7.2.1.4: the only permitted TLP 1.0 marking-definitions, by id. */
export const TLP1_MARKINGS: ReadonlyMap<string, TlpMarking> = new Map([
  ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', { name: 'TLP:WHITE', level: 'white' }],
  ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', { name: 'TLP:GREEN', level: 'green' }],
  ['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', { name: 'TLP:AMBER', level: 'amber' }],
  ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', { name: 'TLP:RED', level: 'red' }],
]);

/** The `created` timestamp of every TLP 1.0 marking-definition. */
export const TLP1_CREATED = '2017-01-20T00:00:00.000Z';

/** The properties a TLP 1.0 marking-definition has, and no others. */
export const TLP1_PROPERTIES: ReadonlySet<string> = new Set([
  'type', 'spec_version', 'id', 'created', 'definition_type', 'name', 'definition',
]);

export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP2_LEVELS: ReadonlySet<string> = new Set(['clear', 'green', 'amber', 'amber+strict', 'red']);

/** The published TLP 2.0 marking-definitions, by id. */
export const TLP2_MARKINGS: ReadonlyMap<string, TlpMarking> = new Map([
  ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', { name: 'TLP:CLEAR', level: 'clear' }],
  ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', { name: 'TLP:GREEN', level: 'green' }],
  ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', { name: 'TLP:AMBER', level: 'amber' }],
  ['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', { name: 'TLP:AMBER+STRICT', level: 'amber+strict' }],
  ['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', { name: 'TLP:RED', level: 'red' }],
]);
