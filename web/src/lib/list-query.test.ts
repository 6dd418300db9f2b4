import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attributionQuery, caseQuery, incidentQuery, parseAttributionFilters, parseCaseFilters, parseIncidentFilters } from './list-query.ts';

describe('list filters in the URL', () => {
  it('reads incident filters, dropping what it does not know', () => {
    assert.deepEqual(parseIncidentFilters('?category=ransomware,bogus&category=ddos&status=open&country=gb,XX1,pl&sector=Health, energy,&offset=50'), {
      category: ['ransomware', 'ddos'], status: ['open'], country: ['GB', 'PL'], sector: ['health', 'energy'], offset: 50,
    });
    assert.deepEqual(parseIncidentFilters('?offset=-3'), { category: [], status: [], country: [], sector: [], offset: 0 });
    assert.deepEqual(parseIncidentFilters('?offset=abc'), { category: [], status: [], country: [], sector: [], offset: 0 });
  });

  it('writes only what is set, and round-trips', () => {
    const filters = { category: ['espionage' as const], status: [], country: ['GB', 'AU'], sector: ['government'], offset: 0 };
    assert.equal(incidentQuery(filters), '?category=espionage&country=GB%2CAU&sector=government');
    assert.deepEqual(parseIncidentFilters(incidentQuery(filters)), filters);
    assert.equal(incidentQuery({ category: [], status: [], country: [], sector: [], offset: 0 }), '');
    assert.equal(incidentQuery({ category: [], status: ['closed'], country: [], sector: [], offset: 100 }, 50), '?status=closed&offset=100&limit=50');
  });

  it('reads and writes case filters', () => {
    assert.deepEqual(parseCaseFilters('?status=consultation,nope'), { status: ['consultation'], offset: 0 });
    assert.equal(caseQuery({ status: ['agreed', 'published'], offset: 0 }, 50), '?status=agreed%2Cpublished&limit=50');
  });

  it('reads and writes the public record search', () => {
    assert.deepEqual(parseAttributionFilters('?actor=%20APT29%20&state=Russia&year=20x4'), { actor: 'APT29', state: 'Russia', year: '' });
    assert.equal(attributionQuery({ actor: 'Lazarus', state: '', year: '2017' }), '?actor=Lazarus&year=2017');
    assert.equal(attributionQuery({ actor: ' ', state: '', year: '' }), '');
    assert.equal(attributionQuery({ actor: '', state: 'DPRK', year: '20' }), '?state=DPRK');
  });
});
