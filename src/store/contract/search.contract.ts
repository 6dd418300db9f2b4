import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Store } from '../store.ts';
import { indicator, malware, sdo } from './fixtures.ts';

const mimikatz = sdo('tool', 1, 0, { name: 'Mimikatz', description: 'Dumps credentials from memory.', aliases: ['mimi'] });
const sofacy = sdo('intrusion-set', 1, 0, { name: 'APT28', description: 'A group also tracked as Fancy Bear.', aliases: ['Sofacy', 'Sednit'] });
const mitreAliased = sdo('intrusion-set', 2, 0, { name: 'Group Two', x_mitre_aliases: ['Wizard Spider'] });
const customAliased = sdo('malware', 3, 0, { name: 'Thing', is_family: true, x_acme_aliases: ['Zeroday Zebra'] });
const mentions = indicator(1, 0, { description: 'Seen beside Mimikatz in several intrusions.' });

/** Full-text search: what is indexed, latest versions only, and input that must never throw. */
export function searchContract(store: () => Store): void {
  const ids = (items: Array<{ object: { id: string } }>): string[] => items.map((item) => item.object.id);

  const hits: Array<[string, string, string]> = [
    ['a name', 'apt28', sofacy.id],
    ['a description', 'fancy bear', sofacy.id],
    ['aliases', 'sednit', sofacy.id],
    ['x_mitre_aliases', 'wizard spider', mitreAliased.id],
    ['any other *_aliases list', 'zebra', customAliased.id],
    ['a prefix of the last word', 'mimik', mimikatz.id],
    ['text with diacritics folded', 'Mïmïkatz', mimikatz.id],
  ];
  for (const [what, text, id] of hits) {
    it(`finds ${what}`, async () => {
      await store().ingest([mimikatz, sofacy, mitreAliased, customAliased, mentions]);
      assert.ok(ids(await store().search(text)).includes(id), text);
    });
  }

  it('ranks a name match above a description mention when ranking is supported', async (t) => {
    if (!store().capabilities.rankedSearch) return t.skip('unranked search');
    await store().ingest([mentions, mimikatz]);
    assert.deepEqual(ids(await store().search('mimikatz')), [mimikatz.id, mentions.id]);
  });

  it('searches latest versions only', async () => {
    await store().ingest([malware(1, 1, { name: 'Oldname' })]);
    await store().ingest([malware(1, 2, { name: 'Newname' })]);
    assert.deepEqual(await store().search('oldname'), []);
    const [hit] = await store().search('newname');
    assert.equal(hit!.version, malware(1, 2).modified);
    // An older version arriving late does not take the index back.
    await store().ingest([malware(1, 0, { name: 'Ancient' })]);
    assert.deepEqual(await store().search('ancient'), []);
  });

  it('filters by type and honours the limit', async () => {
    await store().ingest([mimikatz, mentions, sofacy]);
    assert.deepEqual(ids(await store().search('mimikatz', { types: ['indicator'] })), [mentions.id]);
    assert.equal((await store().search('mimikatz', { limit: 1 })).length, 1);
  });

  const oddInputs = ['"foo', 'AND (', 'OR', 'NOT', '*', '"', '', '   ', 'NEAR(a b', 'name:foo', '^x', '-x', 'foo"bar', 'a\u0000b', '{name}: x', '(((', ')', "'; DROP TABLE objects; --"];
  for (const text of oddInputs) {
    it(`tolerates odd input ${JSON.stringify(text)}`, async () => {
      await store().ingest([mimikatz, sofacy]);
      assert.ok(Array.isArray(await store().search(text)));
    });
  }

  it('still finds words wrapped in query syntax', async () => {
    await store().ingest([mimikatz, sofacy]);
    assert.deepEqual(ids(await store().search('"sofacy AND (')), []);
    assert.deepEqual(ids(await store().search('(sofacy')), [sofacy.id]);
  });
}
