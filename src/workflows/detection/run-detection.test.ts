import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoIdentifier } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { IndicatorCache, loadIndicators } from './indicators.ts';
import { observationsFromValues } from './observation-stream.ts';
import { runDetection } from './run-detection.ts';

const identity: StixObject = {
  type: 'identity', spec_version: '2.1', id: 'identity--5f4b7a3c-2f0b-4f4e-9d8a-0c1e2d3f4a5b',
  created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'Test node', identity_class: 'organization',
};
const T0 = '2024-01-01T00:00:00.000Z';

let serial = 0;
function indicator(pattern: string, extra: Record<string, unknown> = {}): StixObject {
  serial++;
  return {
    type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    created: T0, modified: T0, pattern, pattern_type: 'stix', valid_from: T0, ...extra,
  };
}

async function storeWith(...objects: StixObject[]): Promise<Store> {
  const store = await openSqliteStore({ path: ':memory:' });
  const result = await store.ingest(objects);
  assert.deepEqual(result.conflicts, []);
  return store;
}

const run = (store: Store, values: unknown[], write = true) =>
  runDetection({ store, identity, observations: observationsFromValues(values, { producerId: identity.id }), write, now: '2024-06-01T00:00:00.000Z' });

describe('loadIndicators', () => {
  it('compiles the latest, unrevoked STIX indicators and reports the others', async () => {
    const ip = indicator("[ipv4-addr:value = '198.51.100.7']");
    const revoked = indicator("[ipv4-addr:value = '198.51.100.8']");
    const store = await storeWith(
      ip, revoked, { ...revoked, modified: '2024-02-01T00:00:00.000Z', revoked: true },
      indicator('title: x', { pattern_type: 'sigma' }),
      indicator("[ipv4-addr:value = '198.51.100.9'", { name: 'broken' }),
      indicator("[file:hashes.md5 = 'd41d8cd98f00b204e9800998ecf8427e']", { pattern_version: '2.0' }),
    );
    const { report, windows } = await loadIndicators(store);
    assert.deepEqual({ ...report, rejections: report.rejections.length }, { stored: 5, active: 2, revoked: 1, otherPatternTypes: { sigma: 1 }, rejected: 1, rejections: 1 });
    assert.match(report.rejections[0]!.reason, /^PATTERN_/);
    assert.deepEqual(windows.get(ip.id), { validFrom: T0 });
    assert.equal(windows.size, 2);
  });

  it('IndicatorCache keeps the compiled set until an indicator version is added', async () => {
    const first = indicator("[domain-name:value = 'a.example']");
    const store = await storeWith(first);
    const cache = new IndicatorCache(store);
    const a = await cache.get();
    assert.equal(await cache.get(), a);
    await store.ingest([{ type: 'domain-name', id: scoIdentifier({ type: 'domain-name', value: 'x.example' }), value: 'x.example' }]);
    assert.equal(await cache.get(), a, 'other objects do not matter');
    await store.ingest([{ ...first, modified: '2024-03-01T00:00:00.000Z', revoked: true }]);
    const b = await cache.get();
    assert.notEqual(b, a);
    assert.equal(b.report.active, 0);
  });
});

describe('runDetection', () => {
  it('resolves object_refs of a lone observed-data from the store', async () => {
    const domain = { type: 'domain-name', id: scoIdentifier({ type: 'domain-name', value: 'c2.example' }), value: 'c2.example' };
    const hit = indicator("[domain-name:value = 'c2.example']");
    const store = await storeWith(hit, domain);
    const observed = {
      type: 'observed-data', spec_version: '2.1', id: 'observed-data--6b9e3e1a-3c1d-4f7e-8a5b-9c0d1e2f3a4b', created: T0, modified: T0,
      first_observed: '2024-05-01T00:00:00Z', last_observed: '2024-05-01T00:00:00Z', number_observed: 2,
      object_refs: [domain.id, scoIdentifier({ type: 'url', value: 'http://nowhere.example/' })],
    };
    const { summary, sightings } = await run(store, [observed]);
    assert.equal(summary.unresolvedRefs, 1);
    assert.equal(sightings.length, 1);
    assert.equal(sightings[0]!.count, 2);
    assert.equal(summary.stored.observedData, 1);
    assert.equal(summary.stored.observables, 0, 'objects found in the store are not written again');
  });

  it('stores the earlier observation of a FOLLOWEDBY binding with its observables', async () => {
    const sequence = indicator("[ipv4-addr:value = '198.51.100.7'] FOLLOWEDBY [domain-name:value = 'c2.example']");
    const store = await storeWith(sequence);
    const { summary, sightings } = await run(store, [
      { timestamp: '2024-05-01T00:00:00Z', dst_ip: '198.51.100.7' },
      { timestamp: '2024-05-01T00:00:05Z', url: 'http://unrelated.example/' },
      { timestamp: '2024-05-01T00:00:10Z', domain: 'c2.example' },
    ]);
    assert.equal(summary.hits, 1);
    const refs = sightings[0]!.observed_data_refs as string[];
    assert.equal(refs.length, 2);
    const stored = (await store.query({ ids: refs })).items.map((item) => item.object);
    assert.equal(stored.length, 2);
    const objectRefs = stored.flatMap((object) => object.object_refs as string[]);
    assert.equal((await store.query({ ids: objectRefs })).items.length, objectRefs.length, 'every observable of both observations is stored');
    assert.equal(sightings[0]!.first_seen, '2024-05-01T00:00:00Z');
    assert.equal(sightings[0]!.last_seen, '2024-05-01T00:00:10Z');
  });

  it('without write stores nothing and reports the same sightings', async () => {
    const store = await storeWith(indicator("[domain-name:value = 'c2.example']"));
    const before = await store.stats();
    const { summary, sightings } = await run(store, [{ timestamp: '2024-05-01T00:00:00Z', domain: 'c2.example' }], false);
    assert.deepEqual(await store.stats(), before);
    assert.equal(summary.write, false);
    assert.equal(summary.sightingsStored, 1);
    assert.equal(sightings.length, 1);
  });

  it('an observed-data the store refuses (another content under a stored version) is not referred to, and is reported', async () => {
    const hit = indicator("[domain-name:value = 'c2.example']");
    const domain = { type: 'domain-name', id: scoIdentifier({ type: 'domain-name', value: 'c2.example' }), value: 'c2.example' };
    const observed = {
      type: 'observed-data', spec_version: '2.1', id: 'observed-data--6b9e3e1a-3c1d-4f7e-8a5b-9c0d1e2f3a4b', created: T0, modified: T0,
      first_observed: '2024-05-01T00:00:00Z', last_observed: '2024-05-01T00:00:00Z', number_observed: 1, object_refs: [domain.id],
    };
    const store = await storeWith(hit, { ...observed, number_observed: 9 });
    const { summary, sightings } = await run(store, [{ type: 'bundle', id: 'bundle--6b9e3e1a-3c1d-4f7e-8a5b-9c0d1e2f3a4b', objects: [observed, domain] }]);
    assert.equal(summary.stored.rejected, 1);
    assert.equal(summary.stored.rejections[0]!.id, observed.id);
    assert.equal(sightings.length, 1);
    assert.equal(sightings[0]!.observed_data_refs, undefined);
    assert.equal(sightings[0]!.count, 1);
  });
});
