import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedPath } from '../../test/support/shared.ts';
import { isAppError } from '../common/errors.ts';
import {
  TLP1_AMBER,
  TLP1_GREEN,
  TLP1_RED,
  TLP1_WHITE,
  TLP2_AMBER,
  TLP2_AMBER_STRICT,
  TLP2_CLEAR,
  TLP2_EXTENSION_DEFINITION,
  TLP2_GREEN,
  TLP2_RED,
  markingsOf,
  markingsOnProperty,
  strictestTlp,
  tlpOfMarking,
  type TlpLevel,
} from './markings.ts';
import type { StixBundle, StixObject } from './object.ts';

function sharedBundle(...parts: string[]): StixBundle {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8')) as StixBundle;
}

describe('built-in marking definitions', () => {
  const cases: [string, StixObject[]][] = [
    [
      'tlp2-marking-definitions.json',
      [TLP2_EXTENSION_DEFINITION, TLP2_CLEAR, TLP2_GREEN, TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_RED],
    ],
    ['tlp1-marking-definitions.json', [TLP1_WHITE, TLP1_GREEN, TLP1_AMBER, TLP1_RED]],
  ];
  for (const [file, constants] of cases) {
    it(`equal the objects of shared ${file}, property order included`, () => {
      const published = sharedBundle('conformance', 'markings', file).objects;
      assert.deepEqual(constants, published);
      // Same text, so the canonical form and any hash over it agree too.
      assert.equal(JSON.stringify(constants), JSON.stringify(published));
    });
  }

  it('cannot be altered by a caller', () => {
    assert.throws(() => {
      TLP2_RED.name = 'TLP:CLEAR';
    }, TypeError);
    assert.equal(Object.isFrozen(TLP2_RED.extensions), true);
  });
});

describe('tlpOfMarking', () => {
  // Expected levels come from the published marking objects themselves (their
  // names, TLP:WHITE being TLP 2.0's CLEAR), not from a copy of our table.
  const published = ['tlp2-marking-definitions.json', 'tlp1-marking-definitions.json'].flatMap((file) =>
    (JSON.parse(readFileSync(sharedPath('conformance', 'markings', file), 'utf8')) as { objects: { type: string; id: string; name: string }[] }).objects)
    .filter((object) => object.type === 'marking-definition');
  const rows: [string, TlpLevel | undefined][] = [
    ...published.map(({ id, name }): [string, TlpLevel] => [id, name.replace(/^TLP:/, '').toLowerCase().replace('white', 'clear') as TlpLevel]),
    ['marking-definition--00000000-0000-4000-8000-000000000000', undefined],
    [TLP2_EXTENSION_DEFINITION.id, undefined],
  ];
  it('covers all nine published TLP marking definitions', () => assert.equal(published.length, 9));
  for (const [id, level] of rows) {
    it(`${id} → ${level}`, () => assert.equal(tlpOfMarking(id), level));
  }

  it('agrees with the level written in each TLP 2.0 definition', () => {
    for (const marking of [TLP2_CLEAR, TLP2_GREEN, TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_RED]) {
      assert.equal(tlpOfMarking(marking.id), marking.extensions?.[TLP2_EXTENSION_DEFINITION.id]?.tlp_2_0);
    }
  });
});

describe('strictestTlp', () => {
  const rows: [TlpLevel[], TlpLevel | undefined][] = [
    [[], undefined],
    [['clear'], 'clear'],
    [['green', 'clear'], 'green'],
    [['amber', 'amber+strict', 'green'], 'amber+strict'],
    [['red', 'clear', 'amber'], 'red'],
  ];
  for (const [levels, expected] of rows) {
    it(`[${levels.join(', ')}] → ${expected}`, () => assert.equal(strictestTlp(levels), expected));
  }
});

describe('markings of the cti-documentation example using-granular-markings.json', () => {
  const objects = sharedBundle('conformance', 'stix2.1-examples', 'cti-documentation', 'using-granular-markings.json')
    .objects!;
  const byId = (id: string): StixObject => objects.find((object) => object.id === id)!;
  const indicator = byId('indicator--1ed8caa7-a708-4706-b651-f1186ede6ca1');
  const threatActor = byId('threat-actor--8b6297fe-cae7-47c6-9256-5584b417849c');

  it('object-level markings', () => {
    assert.deepEqual(markingsOf(threatActor), [TLP1_RED.id]);
    assert.deepEqual(markingsOf(indicator), []);
  });

  // [selector, expected markings] on the indicator; the expectations are read off the example.
  const rows: [string, string[]][] = [
    ['description', [TLP1_RED.id]],
    ['indicator_types.[0]', [TLP1_GREEN.id]],
    ['indicator_types.[1]', [TLP1_AMBER.id]],
    ['name', [TLP1_GREEN.id]],
    ['pattern', [TLP1_GREEN.id]],
    ['valid_from', []],
    // A marked list element does not mark the whole list.
    ['indicator_types', []],
  ];
  for (const [selector, expected] of rows) {
    it(`indicator ${selector} → ${expected.map((id) => tlpOfMarking(id)).join(', ') || 'none'}`, () => {
      assert.deepEqual(markingsOnProperty(indicator, selector), expected);
    });
  }

  it('object-level markings apply to every property', () => {
    assert.deepEqual(markingsOnProperty(threatActor, 'aliases.[1]'), [TLP1_RED.id]);
  });
});

describe('markingsOnProperty selectors', () => {
  const object: StixObject = {
    type: 'report',
    id: 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
    object_marking_refs: [TLP2_GREEN.id],
    granular_markings: [
      { marking_ref: TLP2_AMBER.id, selectors: ['external_references'] },
      { marking_ref: TLP2_RED.id, selectors: ['external_references.[0].source_name', 'labels.[1]'] },
      { marking_ref: TLP2_GREEN.id, selectors: ['name'] },
      { lang: 'en', selectors: ['description'] },
    ],
  };
  const rows: [string, string[]][] = [
    // A selector covers its descendants (STIX 2.1 §7.2.3.1).
    ['external_references', [TLP2_GREEN.id, TLP2_AMBER.id]],
    ['external_references.[0]', [TLP2_GREEN.id, TLP2_AMBER.id]],
    ['external_references.[0].source_name', [TLP2_GREEN.id, TLP2_AMBER.id, TLP2_RED.id]],
    ['external_references.[1].source_name', [TLP2_GREEN.id, TLP2_AMBER.id]],
    ['labels.[1]', [TLP2_GREEN.id, TLP2_RED.id]],
    ['labels.[10]', [TLP2_GREEN.id]],
    // Step-wise, not textual, prefixes: `external` is not an ancestor of `external_references`.
    ['external', [TLP2_GREEN.id]],
    // Object-level and granular marking with the same id are reported once.
    ['name', [TLP2_GREEN.id]],
    // A language granular marking is not a marking.
    ['description', [TLP2_GREEN.id]],
  ];
  for (const [selector, expected] of rows) {
    it(`${selector}`, () => assert.deepEqual(markingsOnProperty(object, selector), expected));
  }

  for (const bad of ['', '[0]', 'labels.', 'labels..[0]', 'labels.[x]', 'labels[0]']) {
    it(`rejects the selector ${JSON.stringify(bad)}`, () => {
      assert.throws(() => markingsOnProperty(object, bad), (error) => isAppError(error, 'STIX_INVALID'));
    });
  }

  it('rejects a malformed selector inside the object rather than ignore its marking', () => {
    const broken: StixObject = { ...object, granular_markings: [{ marking_ref: TLP2_RED.id, selectors: ['labels.'] }] };
    assert.throws(() => markingsOnProperty(broken, 'labels'), (error) => isAppError(error, 'STIX_INVALID'));
  });
});
