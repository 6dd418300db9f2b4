import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../common/errors.ts';
import { formatTaxiiQuery, MAX_LIMIT, parseTaxiiQuery, type TaxiiEndpoint, type TaxiiQuery, type TaxiiQueryParams } from './query.ts';

const ID = 'indicator--3600ad1b-fff1-4c98-bcc9-4de3bc2e2ffb';
const ID2 = 'sighting--4600ad1b-fff1-4c58-bcc9-4de3bc5e2ffd';
const T1 = '2016-01-01T01:01:01.000Z';
const T2 = '2018-03-02T01:01:01.123Z';

function parse(endpoint: TaxiiEndpoint, query: string): TaxiiQuery {
  return endpoint === 'objects' || endpoint === 'manifest'
    ? parseTaxiiQuery(endpoint, query)
    : parseTaxiiQuery(endpoint, query, ID);
}

describe('TAXII query: accepted', () => {
  const rows: [endpoint: TaxiiEndpoint, query: string, expected: TaxiiQuery][] = [
    // Defaults: the latest version (§3.4.1), except where the endpoint is about all versions.
    ['objects', '', { filter: { versions: ['last'] }, page: {} }],
    ['manifest', '?', { filter: { versions: ['last'] }, page: {} }],
    ['object', '', { filter: { versions: ['last'], ids: [ID] }, page: {} }],
    ['versions', '', { filter: { versions: ['all'], ids: [ID] }, page: {} }],
    ['delete', '', { filter: { versions: ['all'], ids: [ID] }, page: {} }],
    // §3.4 examples.
    ['objects', 'match[type]=campaign,malware,threat-actor', { filter: { versions: ['last'], types: ['campaign', 'malware', 'threat-actor'] }, page: {} }],
    ['objects', `match[type]=incident&match[version]=${T1}`, { filter: { versions: [T1], types: ['incident'] }, page: {} }],
    ['objects', `?match[id]=${ID},${ID2}`, { filter: { versions: ['last'], ids: [ID, ID2] }, page: {} }],
    ['manifest', 'match[spec_version]=2.0,2.1', { filter: { versions: ['last'], specVersions: ['2.0', '2.1'] }, page: {} }],
    // §3.4.1 match[version] examples.
    ['objects', 'match[version]=all', { filter: { versions: ['all'] }, page: {} }],
    ['objects', 'match[version]=last,first', { filter: { versions: ['last', 'first'] }, page: {} }],
    ['objects', `match[version]=first,${T2},last`, { filter: { versions: ['first', T2, 'last'] }, page: {} }],
    ['object', `match[version]=${T1},${T2}`, { filter: { versions: [T1, T2], ids: [ID] }, page: {} }],
    ['delete', `match[version]=${T1}&match[spec_version]=2.1`, { filter: { versions: [T1], ids: [ID], specVersions: ['2.1'] }, page: {} }],
    // Paging; percent-encoded names and values; repeated ids or types merge.
    ['objects', 'added_after=2016-02-01T00:00:01.000000Z&limit=50&next=abc', { filter: { versions: ['last'], addedAfter: '2016-02-01T00:00:01.000000Z' }, page: { limit: 50, next: 'abc' } }],
    ['versions', 'added_after=2016-02-01T00%3A00%3A01Z&limit=007', { filter: { versions: ['all'], ids: [ID], addedAfter: '2016-02-01T00:00:01Z' }, page: { limit: 7 } }],
    ['objects', 'match%5Btype%5D=indicator%2Cmalware', { filter: { versions: ['last'], types: ['indicator', 'malware'] }, page: {} }],
    ['objects', 'match[type]=indicator,indicator', { filter: { versions: ['last'], types: ['indicator'] }, page: {} }],
    // A limit above the server's is lowered, not refused (§3.4: the server MAY return fewer).
    ['objects', `limit=${MAX_LIMIT + 1}`, { filter: { versions: ['last'] }, page: { limit: MAX_LIMIT } }],
    ['objects', `limit=${Number.MAX_SAFE_INTEGER}`, { filter: { versions: ['last'] }, page: { limit: MAX_LIMIT } }],
    // Custom STIX types are valid type names.
    ['objects', 'match[type]=x-accord-attribution-case', { filter: { versions: ['last'], types: ['x-accord-attribution-case'] }, page: {} }],
  ];
  for (const [endpoint, query, expected] of rows) {
    it(`${endpoint} ?${query.replace(/^\?/, '')}`, () => {
      assert.deepEqual(parse(endpoint, query), expected);
    });
  }
});

describe('TAXII query: refused with TAXII_BAD_FILTER', () => {
  const rows: [endpoint: TaxiiEndpoint, query: string, message: RegExp][] = [
    ['objects', 'limit=0', /^limit=0: must be greater than zero$/],
    ['objects', 'limit=-5', /limit=-5: must be a whole number greater than zero/],
    ['objects', 'limit=2.5', /limit=2\.5: must be a whole number/],
    ['objects', 'limit=1e3', /limit=1e3: must be a whole number/],
    ['objects', 'limit=', /limit=: must be a whole number/],
    ['objects', 'limit=+5', /limit= 5: must be a whole number/],
    ['objects', 'limit=9007199254740992', /larger than a TAXII integer/],
    ['objects', 'limit=10&limit=20', /^limit is given 2 times; TAXII 2\.1 §3\.4 allows it once$/],
    ['objects', 'added_after=2016-01-01', /added_after=2016-01-01: must be an RFC 3339 timestamp in UTC/],
    ['objects', 'added_after=2016-02-30T00:00:00Z', /day 30 is out of range/],
    ['objects', 'added_after=2016-01-01T00:00:00+01:00', /RFC 3339 timestamp in UTC/],
    ['objects', `added_after=${T1}&added_after=${T2}`, /added_after is given 2 times/],
    ['objects', 'next=', /next=: must not be empty/],
    ['objects', 'match[id]=indicator--123', /"indicator--123" is not a STIX identifier/],
    ['objects', `match[id]=${ID}&match[id]=${ID2}`, /match\[id\] is given 2 times/],
    ['objects', 'match[type]=Indicator', /"Indicator" is not a STIX type: type names use only lowercase/],
    ['objects', 'match[type]=ab', /"ab" is not a STIX type: type names have at least 3 characters/],
    ['objects', 'match[type]=indicator,+malware', /" malware" has spaces; values are separated by a comma without spaces/],
    ['objects', 'match[type]=indicator,,malware', /has an empty value/],
    ['objects', 'match[type]=', /has an empty value/],
    ['objects', 'match[version]=latest', /"latest" is neither first, last, all nor a STIX timestamp/],
    ['objects', 'match[version]=LAST', /"LAST" is neither first, last, all/],
    ['objects', 'match[version]=2016-13-01T00:00:00Z', /month 13 is out of range/],
    ['objects', 'match[version]=last,last', /"last" is given more than once/],
    ['objects', `match[version]=${T1},${T1}`, /is given more than once/],
    ['objects', 'match[version]=all,last', /all cannot be combined with other versions/],
    ['objects', 'match[spec_version]=2', /"2" is not a specification version such as 2\.1/],
    ['objects', 'match[created_by_ref]=identity--x', /match\[created_by_ref\] is not a TAXII 2\.1 match field \(§3\.4\.1/],
    ['objects', 'match=indicator', /match is not a TAXII 2\.1 query parameter/],
    ['objects', 'page=2', /page is not a TAXII 2\.1 query parameter \(§3\.4\)/],
    ['object', 'match[type]=indicator', /match\[type\] is not accepted by Get an Object \(TAXII 2\.1 §5\.6\), which takes added_after, limit, next, match\[version\], match\[spec_version\]/],
    ['object', `match[id]=${ID}`, /match\[id\] is not accepted by Get an Object/],
    ['versions', 'match[version]=first', /match\[version\] is not accepted by Get Object Versions \(TAXII 2\.1 §5\.8\)/],
    ['delete', 'limit=5', /limit is not accepted by Delete an Object \(TAXII 2\.1 §5\.7\)/],
    ['delete', 'added_after=2016-01-01T00:00:00Z', /added_after is not accepted by Delete an Object/],
  ];
  for (const [endpoint, query, message] of rows) {
    it(`${endpoint} ?${query}`, () => {
      assert.throws(() => parse(endpoint, query), (error) => {
        assert.ok(isAppError(error, 'TAXII_BAD_FILTER'), String(error));
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it('reports every problem of a query at once, each with its parameter and value', () => {
    assert.throws(() => parseTaxiiQuery('objects', 'limit=0&match[type]=Bad&foo=1'), (error) => {
      assert.ok(isAppError(error, 'TAXII_BAD_FILTER'));
      assert.deepEqual(error.details, {
        problems: [
          { parameter: 'limit', value: '0', message: 'limit=0: must be greater than zero' },
          { parameter: 'match[type]', value: 'Bad', message: 'match[type]=Bad: "Bad" is not a STIX type: type names use only lowercase letters a-z, digits and single hyphens, and start with a letter' },
          { parameter: 'foo', value: '1', message: 'foo is not a TAXII 2.1 query parameter (§3.4)' },
        ],
      });
      return true;
    });
  });

  it('refuses an {object-id} from the path that is not a STIX identifier', () => {
    assert.throws(() => parseTaxiiQuery('object', '', 'not-an-id'), /\{object-id\} "not-an-id" is not a STIX identifier/);
  });
});

describe('TAXII query: written by the client', () => {
  it('writes every parameter in a fixed order, commas literal, values encoded', () => {
    const params: TaxiiQueryParams = {
      specVersions: ['2.1'],
      versions: ['first', T2],
      types: ['indicator', 'malware'],
      ids: [ID],
      next: 'a b&c',
      limit: 10,
      addedAfter: T1,
    };
    assert.equal(
      formatTaxiiQuery(params),
      `added_after=2016-01-01T01%3A01%3A01.000Z&limit=10&next=a%20b%26c&match[id]=${ID}&match[type]=indicator,malware` +
        `&match[version]=first,2018-03-02T01%3A01%3A01.123Z&match[spec_version]=2.1`,
    );
  });

  it('reads back what it writes', () => {
    const params: TaxiiQueryParams = { addedAfter: T1, limit: 10, next: 'n+x/=', ids: [ID, ID2], types: ['indicator'], versions: ['all'], specVersions: ['2.1'] };
    const { filter, page } = parseTaxiiQuery('objects', formatTaxiiQuery(params));
    assert.deepEqual({ ...filter, ...page }, params);
  });

  it('writes nothing for no parameter', () => {
    assert.equal(formatTaxiiQuery({}), '');
  });

  it('refuses an empty list, which TAXII cannot express', () => {
    assert.throws(() => formatTaxiiQuery({ types: [] }), (error) => isAppError(error, 'TAXII_BAD_FILTER') && /match\[type\] cannot be an empty list/.test(error.message));
  });
});
