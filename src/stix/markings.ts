/**
 * Data markings (STIX 2.1 §7.2): the predefined TLP marking definitions,
 * object-level and granular markings, and TLP levels.
 */
import { AppError, ErrorCode } from '../common/errors.ts';
import type { StixObject } from './object.ts';
import type { ExtensionDefinition, GranularMarking, MarkingDefinition } from './types/index.ts';

/** Freezes the built-in objects below so that no caller can alter them for everyone. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// TLP 2.0 as published by OASIS in cti-stix-common-objects: an extension-definition
// and five marking-definitions that use it (property order kept as published).

export const TLP2_EXTENSION_DEFINITION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP2_EXTENSION_DEFINITION: ExtensionDefinition = deepFreeze({
  id: TLP2_EXTENSION_DEFINITION_ID,
  type: 'extension-definition',
  spec_version: '2.1',
  name: 'TLP 2.0',
  description: 'This defines TLP 2.0 as a STIX extension',
  created: '2022-10-01T00:00:00.000Z',
  modified: '2022-10-01T00:00:00.000Z',
  created_by_ref: 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
  schema: 'https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0',
  version: '1.0.0',
  extension_types: ['property-extension'],
});

function tlp2Marking(id: string, name: string, level: TlpLevel): MarkingDefinition {
  return deepFreeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: '2022-10-01T00:00:00.000Z',
    name,
    extensions: {
      [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: level },
    },
  });
}

export const TLP2_CLEAR = tlp2Marking('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'TLP:CLEAR', 'clear');
export const TLP2_GREEN = tlp2Marking('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'TLP:GREEN', 'green');
export const TLP2_AMBER = tlp2Marking('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'TLP:AMBER', 'amber');
export const TLP2_AMBER_STRICT = tlp2Marking(
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'TLP:AMBER+STRICT',
  'amber+strict',
);
export const TLP2_RED = tlp2Marking('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'TLP:RED', 'red');

// TLP 1.0: the four marking-definitions predefined by STIX 2.1 §7.2.1.4.

function tlp1Marking(id: string, name: string, tlp: string): MarkingDefinition {
  return deepFreeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name,
    definition: { tlp },
  });
}

export const TLP1_WHITE = tlp1Marking('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', 'TLP:WHITE', 'white');
export const TLP1_GREEN = tlp1Marking('marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', 'TLP:GREEN', 'green');
export const TLP1_AMBER = tlp1Marking('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', 'TLP:AMBER', 'amber');
export const TLP1_RED = tlp1Marking('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'TLP:RED', 'red');

/** TLP levels (TLP 2.0 names), least restrictive first. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

// TLP 1.0 WHITE means the same as TLP 2.0 CLEAR (FIRST TLP 2.0: CLEAR replaces WHITE).
const LEVEL_BY_MARKING_ID = new Map<string, TlpLevel>([
  [TLP2_CLEAR.id, 'clear'],
  [TLP2_GREEN.id, 'green'],
  [TLP2_AMBER.id, 'amber'],
  [TLP2_AMBER_STRICT.id, 'amber+strict'],
  [TLP2_RED.id, 'red'],
  [TLP1_WHITE.id, 'clear'],
  [TLP1_GREEN.id, 'green'],
  [TLP1_AMBER.id, 'amber'],
  [TLP1_RED.id, 'red'],
]);

/** The TLP level of a TLP 1.0 or 2.0 marking-definition id, or `undefined` for any other marking. */
export function tlpOfMarking(markingId: string): TlpLevel | undefined {
  return LEVEL_BY_MARKING_ID.get(markingId);
}

/** The most restrictive of `levels`, or `undefined` when there are none. */
export function strictestTlp(levels: Iterable<TlpLevel>): TlpLevel | undefined {
  let strictest: TlpLevel | undefined;
  for (const level of levels) {
    if (strictest === undefined || TLP_LEVELS.indexOf(level) > TLP_LEVELS.indexOf(strictest)) strictest = level;
  }
  return strictest;
}

/** The object-level markings (`object_marking_refs`, STIX 2.1 §7.2.2) of an object. */
export function markingsOf(object: StixObject): readonly string[] {
  return object.object_marking_refs ?? [];
}

/**
 * The markings that apply to one property of an object: its object-level
 * markings plus every granular marking (§7.2.3) with a selector that is the
 * property itself or one of its ancestors, since a selector covers everything
 * beneath it. Each marking id appears once. Language-only granular markings
 * (`lang` without `marking_ref`) are not markings and are skipped.
 *
 * `selector` uses the syntax of §7.2.3.1, e.g. `description`, `labels.[1]`,
 * `external_references.[0].source_name`. A malformed selector, given or found
 * in the object, throws `STIX_INVALID`: a marking must never be ignored.
 */
export function markingsOnProperty(object: StixObject, selector: string): string[] {
  const path = parseSelector(selector);
  const markings = new Set(markingsOf(object));
  for (const granular of (object.granular_markings as GranularMarking[] | undefined) ?? []) {
    if (granular.marking_ref === undefined) continue;
    if (granular.selectors.some((candidate) => isPrefix(parseSelector(candidate), path))) {
      markings.add(granular.marking_ref);
    }
  }
  return [...markings];
}

// §7.2.3.1: property names and list indices (`[n]`) joined by dots; the first step is a property.
const SELECTOR_STEP = /^(?:\[\d+\]|[^.[\]]+)$/;

function parseSelector(selector: string): string[] {
  const steps = selector.split('.');
  if (!steps.every((step) => SELECTOR_STEP.test(step)) || steps[0]!.startsWith('[')) {
    throw new AppError(ErrorCode.STIX_INVALID, `not a granular marking selector: ${JSON.stringify(selector)}`, {
      selector,
    });
  }
  return steps;
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => step === path[index]);
}
