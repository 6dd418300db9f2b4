import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_STATE, parseExplorerQuery, toApiQuery, toSearchString, withFilter, withSort, type ExplorerState } from './explorer-query.ts';

const state = (change: Partial<ExplorerState>): ExplorerState => ({ ...EMPTY_STATE, ...change });

describe('explorer query string', () => {
  it('reads an empty query as the default state', () => {
    assert.deepEqual(parseExplorerQuery(''), EMPTY_STATE);
    assert.equal(toSearchString(EMPTY_STATE), '');
  });

  const roundTrips: [string, Partial<ExplorerState>][] = [
    ['a search', { q: 'apt 29', sort: 'relevance' }],
    ['filters', { type: ['indicator', 'malware'], partner: ['AU'], tlp: ['amber', 'red'], label: ['phishing'] }],
    ['dates', { from: '2024-01-01', to: '2024-12-31' }],
    ['a sort and a page', { sort: 'name', order: 'asc', offset: 100 }],
  ];
  for (const [name, change] of roundTrips) {
    it(`round-trips ${name}`, () => {
      const s = state(change);
      assert.deepEqual(parseExplorerQuery(toSearchString(s)), s);
    });
  }

  it('accepts repeated and comma-separated lists, without duplicates', () => {
    assert.deepEqual(parseExplorerQuery('?type=indicator,malware&type=indicator&type=').type, ['indicator', 'malware']);
  });

  it('drops what it cannot use', () => {
    const parsed = parseExplorerQuery('?tlp=amber,white&sort=colour&order=up&offset=-5&from=yesterday&to=2024-02-30x');
    assert.deepEqual(parsed, state({ tlp: ['amber'] }));
    assert.equal(parseExplorerQuery('?offset=1.5').offset, 0);
  });

  it('sorts by relevance only while searching', () => {
    assert.equal(parseExplorerQuery('?q=x').sort, 'relevance');
    assert.equal(parseExplorerQuery('?sort=relevance').sort, 'added');
  });
});

describe('explorer API query', () => {
  it('sends lists comma-separated, dates as whole UTC days, and the page', () => {
    const query = new URLSearchParams(toApiQuery(state({ q: 'x', type: ['indicator', 'malware'], from: '2024-01-01', to: '2024-01-31', sort: 'relevance', offset: 50 })));
    assert.equal(query.get('type'), 'indicator,malware');
    assert.equal(query.get('from'), '2024-01-01T00:00:00.000Z');
    assert.equal(query.get('to'), '2024-01-31T23:59:59.999Z');
    assert.equal(query.get('sort'), 'relevance');
    assert.equal(query.get('offset'), '50');
    assert.equal(query.get('limit'), '50');
    assert.equal(query.has('partner'), false);
  });
});

describe('explorer state changes', () => {
  it('a filter goes back to the first page', () => {
    assert.equal(withFilter(state({ offset: 150 }), { tlp: ['red'] }).offset, 0);
  });

  it('searching switches to relevance and clearing the search switches back', () => {
    const searching = withFilter(EMPTY_STATE, { q: 'apt' });
    assert.equal(searching.sort, 'relevance');
    assert.equal(withFilter(searching, { q: '' }).sort, 'added');
    assert.equal(withFilter(state({ sort: 'name', order: 'asc' }), { q: 'apt' }).sort, 'relevance');
  });

  it('sorting by the same column flips the order; another column picks its natural order', () => {
    assert.equal(withSort(state({ sort: 'added', order: 'desc' }), 'added').order, 'asc');
    assert.deepEqual(withSort(state({ sort: 'added', offset: 50 }), 'name'), state({ sort: 'name', order: 'asc' }));
    assert.equal(withSort(state({ sort: 'name' }), 'modified').order, 'desc');
  });
});
