import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedPath } from '../../../test/support/shared.ts';
import { PUBLIC_ATTRIBUTIONS, searchPublicAttributions } from './public-record.ts';

const shared = JSON.parse(readFileSync(sharedPath('reference', 'attribution.json'), 'utf8')) as {
  public_attributions: { date: string; actor: string; attributed_to_state_entity: string }[];
};

describe('record of public attributions', () => {
  it('has a record with the same date, actor and state for every entry of the shared reference list', () => {
    assert.ok(shared.public_attributions.length > 0);
    for (const entry of shared.public_attributions) {
      const found = PUBLIC_ATTRIBUTIONS.filter((record) => record.date === entry.date && record.actor === entry.actor && record.state === entry.attributed_to_state_entity);
      assert.equal(found.length, 1, `no single record for ${entry.date} ${entry.actor} (${entry.attributed_to_state_entity})`);
    }
  });

  it('gives every record a unique key, sources, attributing states and confidence words', () => {
    assert.equal(new Set(PUBLIC_ATTRIBUTIONS.map((record) => record.key)).size, PUBLIC_ATTRIBUTIONS.length);
    for (const record of PUBLIC_ATTRIBUTIONS) {
      assert.match(record.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(record.sources.length > 0 && record.sources.every((url) => /^https?:\/\//.test(url)), record.key);
      assert.ok(record.attributingStates.length > 0 && record.confidenceLanguage !== '' && record.incident !== '', record.key);
    }
  });

  const searches: [name: string, query: Parameters<typeof searchPublicAttributions>[0], expectedDates: string[]][] = [
    ['by actor, any case', { actor: 'lazarus' }, ['2017-12-19']],
    ['by actor alias', { actor: 'apt29' }, ['2020-07-16', '2021-04-15']],
    ['by state', { state: 'DPRK' }, ['2017-12-19', '2020-07-30']],
    ['by year', { year: 2024 }, ['2024-03-25', '2024-07-09', '2024-09-05']],
    ['by state and year', { state: 'russia', year: 2018 }, ['2018-02-15', '2018-10-04']],
    ['with nothing matching', { actor: 'nobody at all' }, []],
  ];
  for (const [name, query, expectedDates] of searches) {
    it(`searches ${name}`, () => {
      assert.deepEqual(searchPublicAttributions(query).map((record) => record.date), expectedDates);
    });
  }

  it('returns every record for an empty query', () => {
    assert.equal(searchPublicAttributions().length, PUBLIC_ATTRIBUTIONS.length);
  });
});
