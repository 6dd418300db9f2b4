import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import type { ObjectFilter, Store } from '../store.ts';
import { identity, indicator, ipv4, malware, sdo, TLP_AMBER, TLP_GREEN } from './fixtures.ts';

const author = identity(1);
const other = identity(2);
const address = ipv4('203.0.113.9');
/** A pre-2.1 producer's object: only the spec_version filter tells it apart. */
const legacy = sdo('x-legacy-note', 1, 0, { spec_version: '2.0', content: 'old' });
const greenMalware = malware(1, 0, { created_by_ref: author.id, object_marking_refs: [TLP_GREEN] });
const amberIndicator = indicator(1, 0, { created_by_ref: other.id, object_marking_refs: [TLP_AMBER, TLP_GREEN] });
const plainIndicator = indicator(2, 0, { created_by_ref: author.id });
const dataset = [author, other, address, legacy, greenMalware, amberIndicator, plainIndicator];

/** The ObjectFilter fields, alone and together (they are AND-ed). */
export function filtersContract(store: () => Store): void {
  const cases: Array<[string, ObjectFilter, string[]]> = [
    ['no filter: every latest version', {}, dataset.map((object) => object.id)],
    ['ids', { ids: [greenMalware.id, address.id, 'malware--00000000-0000-4000-8000-999999999999'] }, [address.id, greenMalware.id]],
    ['types', { types: ['indicator', 'ipv4-addr'] }, [address.id, amberIndicator.id, plainIndicator.id]],
    ['specVersions 2.1 counts SCOs without spec_version', { specVersions: ['2.1'], types: ['ipv4-addr', 'x-legacy-note'] }, [address.id]],
    ['specVersions 2.0', { specVersions: ['2.0'] }, [legacy.id]],
    ['createdByRefs', { createdByRefs: [author.id] }, [greenMalware.id, plainIndicator.id]],
    ['markings: any of the listed', { markings: [TLP_GREEN] }, [greenMalware.id, amberIndicator.id]],
    ['markings: another', { markings: [TLP_AMBER, 'marking-definition--00000000-0000-4000-8000-000000000000'] }, [amberIndicator.id]],
    ['filters together are AND-ed', { types: ['indicator'], createdByRefs: [author.id] }, [plainIndicator.id]],
    ['an empty list matches nothing', { types: [] }, []],
    ['an empty version list matches nothing', { versions: [] }, []],
  ];
  for (const [name, filter, expected] of cases) {
    it(`filters by ${name}`, async () => {
      await store().ingest(dataset);
      const { items } = await store().query(filter);
      assert.deepEqual(items.map((item) => item.object.id).sort(), [...expected].sort());
    });
  }

  it('addedAfter keeps versions added strictly after the instant, at any precision', async () => {
    await store().ingest(dataset.slice(0, 3));
    await store().ingest(dataset.slice(3));
    const all = (await store().query()).items;
    const pivot = all[2]!.dateAdded;
    const after = (await store().query({ addedAfter: pivot })).items.map((item) => item.object.id);
    assert.deepEqual(after, all.slice(3).map((item) => item.object.id));
    // Nanoseconds beyond the stored microseconds are still after the pivot, before the next one.
    const finer = (await store().query({ addedAfter: pivot.replace('Z', '999Z') })).items;
    assert.deepEqual(finer.map((item) => item.object.id), after);
    const coarse = (await store().query({ addedAfter: '2000-01-01T00:00:00Z' })).items;
    assert.equal(coarse.length, dataset.length);
  });

  it('refuses an addedAfter that is not a timestamp', async () => {
    await assert.rejects(store().query({ addedAfter: 'yesterday' }), (error) => isAppError(error, 'STORE_BAD_FILTER'));
  });
}
