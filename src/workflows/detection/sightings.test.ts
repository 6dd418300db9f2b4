import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateObject } from '../../stix/validation/index.ts';
import type { IndicatorWindow } from './indicators.ts';
import { SightingTally, withinWindow } from './sightings.ts';

const identityId = 'identity--5f4b7a3c-2f0b-4f4e-9d8a-0c1e2d3f4a5b';
const indicator = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const now = '2024-06-01T00:00:00.000Z';

let serial = 0;
function observed(first: string, last = first, count = 1) {
  serial++;
  return {
    type: 'observed-data', spec_version: '2.1', id: `observed-data--00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    created: now, modified: now, first_observed: first, last_observed: last, number_observed: count,
    object_refs: ['domain-name--0e5a1b3c-6d7e-4f80-9a1b-2c3d4e5f6a7b'],
  };
}

describe('withinWindow: valid_from ≤ end of the observations, start < valid_until', () => {
  const rows: [IndicatorWindow | undefined, string, string, boolean][] = [
    [undefined, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', true],
    [{ validFrom: '2024-01-01T00:00:00Z' }, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', true],
    [{ validFrom: '2024-01-01T00:00:00.001Z' }, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', false],
    [{ validFrom: '2024-01-02T00:00:00Z' }, '2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z', true],
    [{ validUntil: '2024-01-01T00:00:00Z' }, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', false],
    [{ validUntil: '2024-01-01T00:00:00.000001Z' }, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', true],
    [{ validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' }, '2020-06-01T00:00:00Z', '2020-06-01T00:00:00Z', true],
    [{ validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' }, '2021-06-01T00:00:00Z', '2021-06-01T00:00:00Z', false],
  ];
  for (const [window, start, end, expected] of rows) {
    it(`${JSON.stringify(window)} [${start}, ${end}] → ${expected}`, () => assert.equal(withinWindow(window, start, end), expected));
  }
});

describe('SightingTally', () => {
  it('tallies the hits of one indicator into one valid sighting: count by number_observed, seen from first to last', () => {
    const tally = new SightingTally(new Map([[indicator, { validFrom: '2024-01-01T00:00:00Z' }]]));
    const a = observed('2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', 5);
    const b = observed('2024-05-01T09:00:00Z');
    const c = observed('2024-05-01T12:00:00Z');
    assert.deepEqual(tally.record({ indicatorId: indicator, observedData: [a] }).newlyReferenced, [a]);
    tally.record({ indicatorId: indicator, observedData: [b] });
    // A binding of two observations (FOLLOWEDBY) is one sighting, whatever their number_observed.
    assert.deepEqual(tally.record({ indicatorId: indicator, observedData: [a, c] }).newlyReferenced, [c]);
    const [sighting, ...others] = tally.sightings({ identityId, now });
    assert.deepEqual(others, []);
    assert.equal(sighting!.count, 5 + 1 + 1);
    assert.equal(sighting!.first_seen, '2024-05-01T09:00:00Z');
    assert.equal(sighting!.last_seen, '2024-05-01T12:00:00Z');
    assert.deepEqual(sighting!.observed_data_refs, [a.id, b.id, c.id]);
    assert.deepEqual(sighting!.where_sighted_refs, [identityId]);
    assert.equal(sighting!.created_by_ref, identityId);
    assert.equal(sighting!.sighting_of_ref, indicator);
    assert.ok(validateObject(sighting).valid, JSON.stringify(validateObject(sighting).errors));
  });

  it('does not count hits outside the validity window', () => {
    const tally = new SightingTally(new Map([[indicator, { validUntil: '2024-01-01T00:00:00Z' }]]));
    assert.equal(tally.record({ indicatorId: indicator, observedData: [observed('2024-05-01T00:00:00Z')] }).counted, false);
    assert.equal(tally.record({ indicatorId: indicator, observedData: [observed('2023-05-01T00:00:00Z')] }).counted, true);
    assert.equal(tally.sightings({ identityId, now })[0]!.count, 1);
  });

  it('caps observed_data_refs but keeps the count exact; leaves out what could not be stored', () => {
    const tally = new SightingTally(new Map(), { maxRefs: 2 });
    const hits = [observed('2024-05-01T00:00:00Z'), observed('2024-05-01T00:00:01Z'), observed('2024-05-01T00:00:02Z')];
    const added = hits.map((hit) => tally.record({ indicatorId: indicator, observedData: [hit] }).newlyReferenced.length);
    assert.deepEqual(added, [1, 1, 0]);
    const [sighting] = tally.sightings({ identityId, now, unstored: new Set([hits[0]!.id]) });
    assert.equal(sighting!.count, 3);
    assert.deepEqual(sighting!.observed_data_refs, [hits[1]!.id]);
    const [none] = tally.sightings({ identityId, now, unstored: new Set([hits[0]!.id, hits[1]!.id]) });
    assert.equal(none!.observed_data_refs, undefined, 'an empty list is left out (STIX lists are never empty)');
  });

  it('derives the sighting id from node, indicator and hits: the same hits give the same id, other hits another', () => {
    const [a, b] = [observed('2024-05-01T00:00:00Z'), observed('2024-05-01T00:00:01Z')];
    const idOf = (hits: (typeof a)[], node = identityId) => {
      const tally = new SightingTally(new Map());
      for (const hit of hits) tally.record({ indicatorId: indicator, observedData: [hit] });
      return tally.sightings({ identityId: node, now })[0]!.id;
    };
    assert.equal(idOf([a, b]), idOf([a, b]));
    assert.notEqual(idOf([a, b]), idOf([a]));
    assert.notEqual(idOf([a, b]), idOf([a, b], 'identity--0e5a1b3c-6d7e-4f80-9a1b-2c3d4e5f6a7b'));
    assert.match(idOf([a]), /^sighting--[0-9a-f]{8}-[0-9a-f]{4}-5/);
  });
});
