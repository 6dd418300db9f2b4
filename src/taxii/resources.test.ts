import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page, StoredObject } from '../store/store.ts';
import {
  collectionResource,
  collectionsResource,
  dateAddedHeaders,
  envelopeJson,
  errorResource,
  manifestResource,
  statusResource,
  taxiiTimestamp,
  versionsResource,
} from './resources.ts';

const INDICATOR = 'indicator--252c7c11-daf2-42bd-843b-be65edca9f61';

function stored(json: string, dateAdded: string): StoredObject {
  const object = JSON.parse(json) as StoredObject['object'];
  return { object, json, dateAdded, version: object.modified ?? object.created ?? '' };
}

// The stored JSON keeps an exponent and key order that a JSON round trip would change.
const V1 = stored(`{"type":"indicator","id":"${INDICATOR}","spec_version":"2.1","created":"2016-11-03T12:30:59.000Z","modified":"2016-11-03T12:30:59.000Z","confidence":1E1}`, '2016-11-04T03:04:05.100000Z');
const V2 = stored(`{"id":"${INDICATOR}","type":"indicator","spec_version":"2.1","created":"2016-11-03T12:30:59.000Z","modified":"2016-11-03T12:31:00.000Z"}`, '2016-11-04T03:04:06.200000Z');
const SCO = stored('{"type":"ipv4-addr","id":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","value":"198.51.100.3"}', '2016-11-04T03:04:07.300000Z');

const page = (items: StoredObject[], more = false, next?: string): Page => (next === undefined ? { items, more } : { items, more, next });

describe('TAXII resources', () => {
  it('envelope: stored objects spliced in byte for byte, paging kept (§3.7)', () => {
    const json = envelopeJson(page([V1, V2], true, 'cursor-1'));
    assert.equal(json, `{"more":true,"next":"cursor-1","objects":[${V1.json},${V2.json}]}`);
    assert.deepEqual(JSON.parse(json).objects.map((o: { modified: string }) => o.modified), [V1.object.modified, V2.object.modified]);
  });

  it('envelope: no objects key when empty, no next when there is no more', () => {
    assert.equal(envelopeJson(page([])), '{"more":false}');
    assert.equal(envelopeJson(page([V1], false, 'stale')), `{"more":false,"objects":[${V1.json}]}`);
  });

  it('manifest: one record per version; an SCO is versioned by its date added (§5.3.1)', () => {
    assert.deepEqual(manifestResource(page([V1, SCO], true, 'n')), {
      more: true,
      next: 'n',
      objects: [
        { id: INDICATOR, date_added: V1.dateAdded, version: '2016-11-03T12:30:59.000Z', media_type: 'application/stix+json;version=2.1' },
        { id: SCO.object.id, date_added: SCO.dateAdded, version: SCO.dateAdded, media_type: 'application/stix+json;version=2.1' },
      ],
    });
    assert.deepEqual(manifestResource(page([])), { more: false });
  });

  it('versions: the versions of the page, omitted when none (§5.8.1)', () => {
    assert.deepEqual(versionsResource(page([V1, V2])), { more: false, versions: ['2016-11-03T12:30:59.000Z', '2016-11-03T12:31:00.000Z'] });
    assert.deepEqual(versionsResource(page([])), { more: false });
  });

  it('date-added headers bracket the page, and are absent for an empty one (§3.2)', () => {
    assert.deepEqual(dateAddedHeaders([V1, V2, SCO]), {
      'X-TAXII-Date-Added-First': V1.dateAdded,
      'X-TAXII-Date-Added-Last': SCO.dateAdded,
    });
    assert.deepEqual(dateAddedHeaders([]), {});
  });

  it('error: snake_case, http_status as a string, absent properties left out (§3.6.1)', () => {
    assert.deepEqual(
      errorResource({ title: 'Bad filter', description: 'limit=0', errorCode: 'TAXII_BAD_FILTER', httpStatus: 400, details: { parameter: 'limit' } }),
      { title: 'Bad filter', description: 'limit=0', error_code: 'TAXII_BAD_FILTER', http_status: '400', details: { parameter: 'limit' } },
    );
    assert.deepEqual(errorResource({ title: 'Not Found' }), { title: 'Not Found' });
  });

  it('collections: the collection resource of a stored collection, an empty object when none (§5.1.1, §5.2.1)', () => {
    const collection = collectionResource({ id: '91a7b528-80eb-42ed-a74d-c6fbd5a26116', title: 'High Value' }, { canRead: true, canWrite: false });
    assert.deepEqual(collection, {
      id: '91a7b528-80eb-42ed-a74d-c6fbd5a26116',
      title: 'High Value',
      can_read: true,
      can_write: false,
      media_types: ['application/stix+json;version=2.1'],
    });
    assert.deepEqual(collectionsResource([collection]), { collections: [collection] });
    assert.deepEqual(collectionsResource([]), {});
  });

  it('status: counts from the lists, complete once nothing is pending, empty lists omitted (§4.3.1)', () => {
    const success = { id: INDICATOR, version: '2016-11-03T12:30:59.000Z' };
    const failure = { id: SCO.object.id, version: SCO.dateAdded, message: 'conflict' };
    assert.deepEqual(statusResource({ id: 's1', requestTimestamp: '2016-11-02T12:34:34.123450Z', successes: [success], pendings: [failure] }), {
      id: 's1',
      status: 'pending',
      request_timestamp: '2016-11-02T12:34:34.123450Z',
      total_count: 2,
      success_count: 1,
      successes: [success],
      failure_count: 0,
      pending_count: 1,
      pendings: [failure],
    });
    assert.deepEqual(statusResource({ id: 's2', failures: [failure] }), {
      id: 's2', status: 'complete', total_count: 1, success_count: 0, failure_count: 1, failures: [failure], pending_count: 0,
    });
  });

  it('timestamps have exactly six fractional digits (§2)', () => {
    assert.equal(taxiiTimestamp(new Date('2021-06-10T01:02:03.456Z')), '2021-06-10T01:02:03.456000Z');
    assert.match(taxiiTimestamp(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });
});
