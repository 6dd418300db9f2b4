import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AppError } from '../../common/errors.ts';
import { TLP1_GREEN, TLP2_AMBER, TLP2_RED } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import type { BrowsePage, BrowseQuery, Store } from '../store.ts';
import { at, identity, indicator, ipv4, malware, sdo } from './fixtures.ts';

/** Four objects whose every sort differs: added B, D, C, A. */
const A = malware(1, 3, { name: 'Charlie', created: at(2) });
const B = indicator(2, 1, { name: 'alpha', created: at(1) });
const C = sdo('intrusion-set', 3, 5, { name: 'Bravo', created: at(0) });
const D = ipv4('10.9.9.9');
const SORTABLE = [B, D, C, A];

const ids = (page: BrowsePage): string[] => page.items.map((item) => item.object.id);

/**
 * browse() and facets(): latest versions only, every filter, every sort both
 * ways with ties by date added (in the sort's direction), paging, and input
 * refused with STORE_BAD_FILTER.
 */
export function browseContract(store: () => Store): void {
  const browse = async (query: BrowseQuery = {}): Promise<string[]> => ids(await store().browse(query));

  it('lists latest versions, last modified first, objects without dates (SCOs) last', async () => {
    await store().ingest(SORTABLE);
    const page = await store().browse({});
    assert.deepEqual(ids(page), [C.id, A.id, B.id, D.id]);
    assert.equal(page.total, 4);
    assert.equal(page.items[0]!.json, JSON.stringify(C));
  });

  const sorts: Array<[BrowseQuery['sort'], BrowseQuery['order'], StixObject[]]> = [
    ['name', undefined, [D, B, C, A]], // case-insensitive: '10.9.9.9', alpha, Bravo, Charlie
    ['name', 'desc', [A, C, B, D]],
    ['type', undefined, [B, C, D, A]],
    ['type', 'desc', [A, D, C, B]],
    ['created', undefined, [A, B, C, D]],
    ['created', 'asc', [D, C, B, A]],
    ['modified', 'asc', [D, B, A, C]],
    ['modified', 'desc', [C, A, B, D]],
    ['added', undefined, [A, C, D, B]],
    ['added', 'asc', [B, D, C, A]],
  ];
  for (const [sort, order, expected] of sorts) {
    it(`sorts by ${sort} ${order ?? '(default order)'}`, async () => {
      await store().ingest(SORTABLE);
      assert.deepEqual(await browse({ sort, ...(order ? { order } : {}) }), expected.map((object) => object.id));
    });
  }

  it('breaks ties by date added, in the direction of the sort', async () => {
    await store().ingest([malware(2, 1), malware(1, 1), malware(3, 1)]);
    const added = [malware(2).id, malware(1).id, malware(3).id];
    assert.deepEqual(await browse({ sort: 'modified', order: 'asc' }), added);
    assert.deepEqual(await browse({ sort: 'modified', order: 'desc' }), [...added].reverse());
    assert.deepEqual(await browse({ sort: 'type', order: 'asc' }), added);
  });

  it('pages with offset and limit, the total counting every match', async () => {
    await store().ingest(Array.from({ length: 7 }, (_, n) => malware(n + 1, n)));
    const newestFirst = Array.from({ length: 7 }, (_, n) => malware(7 - n).id);
    assert.deepEqual(await store().browse({ limit: 3 }).then(ids), newestFirst.slice(0, 3));
    const middle = await store().browse({ offset: 3, limit: 3 });
    assert.deepEqual(ids(middle), newestFirst.slice(3, 6));
    assert.equal(middle.total, 7);
    assert.deepEqual(await store().browse({ offset: 6, limit: 3 }).then(ids), newestFirst.slice(6));
    assert.deepEqual(await store().browse({ offset: 50 }), { items: [], total: 7 });
  });

  it('filters by type and by label (any of them)', async () => {
    await store().ingest([malware(1, 0, { labels: ['ransomware', 'eu'] }), malware(2, 0, { labels: ['eu'] }), indicator(1, 0, { labels: ['ransomware'] }), indicator(2)]);
    assert.deepEqual(new Set(await browse({ types: ['indicator'] })), new Set([indicator(1).id, indicator(2).id]));
    assert.deepEqual(new Set(await browse({ labels: ['ransomware'] })), new Set([malware(1).id, indicator(1).id]));
    assert.deepEqual(new Set(await browse({ labels: ['ransomware', 'eu'] })), new Set([malware(1).id, malware(2).id, indicator(1).id]));
    const both = await store().browse({ types: ['malware'], labels: ['ransomware'] });
    assert.deepEqual(both, { items: both.items, total: 1 });
    assert.deepEqual(ids(both), [malware(1).id]);
  });

  it('filters by the object-level TLP level, the strictest when several, TLP 1.0 ids included', async () => {
    const amber = malware(1, 0, { object_marking_refs: [TLP2_AMBER.id] });
    const green = malware(2, 0, { object_marking_refs: [TLP1_GREEN.id] });
    const red = malware(3, 0, { object_marking_refs: [TLP1_GREEN.id, TLP2_RED.id] });
    const otherMarking = malware(4, 0, { object_marking_refs: [identity(9).id.replace('identity', 'marking-definition')] });
    const unmarked = malware(5);
    await store().ingest([amber, green, red, otherMarking, unmarked]);
    const tlp = (levels: Array<'green' | 'amber' | 'red'>, unmarkedToo: boolean) => browse({ tlp: { levels, unmarked: unmarkedToo } }).then((found) => new Set(found));
    assert.deepEqual(await tlp(['green'], false), new Set([green.id]));
    assert.deepEqual(await tlp(['green', 'amber'], false), new Set([green.id, amber.id]));
    assert.deepEqual(await tlp(['red'], true), new Set([red.id, otherMarking.id, unmarked.id]));
    assert.deepEqual(await tlp([], true), new Set([otherMarking.id, unmarked.id]));
  });

  it('filters by ids and leaves out excluded ids', async () => {
    await store().ingest([malware(1), malware(2), malware(3)]);
    assert.deepEqual(new Set(await browse({ ids: [malware(1).id, malware(3).id, 'malware--00000000-0000-4000-8000-999999999999'] })), new Set([malware(1).id, malware(3).id]));
    assert.deepEqual(new Set(await browse({ excludeIds: [malware(1).id] })), new Set([malware(2).id, malware(3).id]));
    assert.deepEqual(await browse({ ids: [malware(1).id, malware(2).id], excludeIds: [malware(2).id] }), [malware(1).id]);
  });

  it('filters by collection, through the latest version\'s membership', async () => {
    await store().createCollection({ id: 'eu', title: 'EU' });
    await store().createCollection({ id: 'nato', title: 'NATO' });
    await store().ingest([malware(1), malware(2)], { collections: ['eu'] });
    await store().ingest([malware(3)], { collections: ['nato'] });
    await store().ingest([malware(4)]);
    assert.deepEqual(new Set(await browse({ collections: ['eu'] })), new Set([malware(1).id, malware(2).id]));
    assert.deepEqual(new Set(await browse({ collections: ['eu', 'nato'] })), new Set([malware(1).id, malware(2).id, malware(3).id]));
    // A newer version that reached the store outside the collection is not the collection's.
    await store().ingest([malware(2, 1)]);
    assert.deepEqual(await browse({ collections: ['eu'] }), [malware(1).id]);
  });

  it('filters by modified (else created), bounds included; SCOs have no date to match', async () => {
    const markingDefinition = { type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--00000000-0000-4000-8000-000000000001', created: at(2), name: 'x', definition_type: 'statement', definition: { statement: 'x' } };
    await store().ingest([malware(1, 1), malware(2, 2), malware(3, 3), markingDefinition, ipv4('10.0.0.1')]);
    assert.deepEqual(new Set(await browse({ modifiedFrom: at(2) })), new Set([malware(2).id, malware(3).id, markingDefinition.id]));
    assert.deepEqual(new Set(await browse({ modifiedTo: at(2) })), new Set([malware(1).id, malware(2).id, markingDefinition.id]));
    assert.deepEqual(await browse({ modifiedFrom: at(2), modifiedTo: '2024-01-03T00:00:00.000000Z', types: ['malware'] }), [malware(2).id]);
    assert.deepEqual(await browse({ modifiedFrom: at(3), modifiedTo: at(1) }), []);
  });

  it('searches text like search(), ranked by relevance by default, and sorts matches otherwise', async () => {
    const named = malware(1, 0, { name: 'Mimikatz' });
    const mentioned = indicator(1, 1, { description: 'Seen beside Mimikatz in several intrusions.' });
    await store().ingest([named, mentioned, malware(2, 2, { name: 'Other' })]);
    const page = await store().browse({ text: 'mimik' });
    assert.equal(page.total, 2);
    if (store().capabilities.rankedSearch) {
      assert.deepEqual(ids(page), [named.id, mentioned.id]);
      assert.deepEqual(await browse({ text: 'mimikatz', order: 'asc' }), [mentioned.id, named.id]);
    }
    assert.deepEqual(await browse({ text: 'mimikatz', sort: 'modified' }), [mentioned.id, named.id]);
    assert.deepEqual(await browse({ text: 'mimikatz', types: ['indicator'] }), [mentioned.id]);
    assert.deepEqual(await store().browse({ text: '"*"' }), { items: [], total: 0 }, 'text without a word matches nothing');
    assert.equal((await store().browse({ text: '   ' })).total, 3, 'blank text is no filter');
  });

  it('ranks a name that is the search text first, then names that begin with it, shortest first', async () => {
    // bm25 weighs a hit by the length of the whole row: a long description buries a name that matches exactly.
    const actor = sdo('intrusion-set', 7, 0, { name: 'Glass Heron', description: 'A state-sponsored actor that targets ministries. '.repeat(40) });
    const servers = sdo('infrastructure', 7, 0, { name: 'Glass Heron command-and-control servers', description: 'Glass Heron, Glass Heron and Glass Heron again.' });
    const server = indicator(7, 0, { name: 'Glass Heron server 198.51.100.7', description: 'Used by Glass Heron.' });
    const report = sdo('report', 7, 0, { name: 'A report', description: 'Glass Heron Glass Heron Glass Heron Glass Heron.', published: at(0), object_refs: [actor.id] });
    await store().ingest([report, servers, server, actor]);
    if (store().capabilities.rankedSearch) {
      assert.deepEqual(await browse({ text: 'glass heron' }), [actor.id, server.id, servers.id, report.id]);
      assert.deepEqual(await browse({ text: 'glass heron', order: 'asc' }), [report.id, servers.id, server.id, actor.id]);
    }
  });

  it('shows only the latest version; a new version moves the row and its labels, an older one does not', async () => {
    await store().ingest([malware(1, 1, { labels: ['old'] }), malware(2, 2)]);
    await store().ingest([malware(1, 3, { labels: ['new'], object_marking_refs: [TLP2_RED.id] })]);
    const page = await store().browse({});
    assert.deepEqual(ids(page), [malware(1).id, malware(2).id]);
    assert.equal(page.total, 2);
    assert.equal(page.items[0]!.version, at(3));
    assert.deepEqual(await browse({ labels: ['old'] }), []);
    assert.deepEqual(await browse({ labels: ['new'] }), [malware(1).id]);
    assert.deepEqual(await browse({ tlp: { levels: ['red'], unmarked: false } }), [malware(1).id]);
    await store().ingest([malware(1, 0, { labels: ['ancient'] })]);
    assert.deepEqual(await browse({ labels: ['ancient'] }), []);
    assert.equal((await store().browse({})).items[0]!.version, at(3));
  });

  it('shows a revoked object by its revoked latest version', async () => {
    await store().ingest([malware(1, 1), malware(1, 2, { revoked: true })]);
    const page = await store().browse({});
    assert.equal(page.total, 1);
    assert.equal(page.items[0]!.object.revoked, true);
  });

  it('matches nothing for a present but empty list; an empty excludeIds leaves nothing out', async () => {
    await store().createCollection({ id: 'c', title: 'C' });
    await store().ingest([malware(1, 0, { labels: ['x'] })], { collections: ['c'] });
    const nothing = { items: [], total: 0 };
    for (const query of [{ types: [] }, { labels: [] }, { ids: [] }, { collections: [] }, { tlp: { levels: [], unmarked: false } }] satisfies BrowseQuery[]) {
      assert.deepEqual(await store().browse(query), nothing, JSON.stringify(query));
    }
    assert.deepEqual(await browse({ excludeIds: [] }), [malware(1).id]);
  });

  const refused: Array<[string, BrowseQuery, RegExp]> = [
    ['a limit above 500', { limit: 501 }, /^browse limit must be a whole number from 1 to 500, not 501$/],
    ['a limit of 0', { limit: 0 }, /^browse limit must be a whole number from 1 to 500, not 0$/],
    ['a fractional limit', { limit: 2.5 }, /^browse limit must be a whole number from 1 to 500, not 2\.5$/],
    ['a negative offset', { offset: -1 }, /^browse offset must be a whole number 0 or more, not -1$/],
    ['a modifiedFrom that is no timestamp', { modifiedFrom: 'yesterday' }, /^browse modifiedFrom "yesterday" must be an RFC 3339 timestamp/],
    ['a modifiedTo on a day that does not exist', { modifiedTo: '2024-02-30T00:00:00Z' }, /^browse modifiedTo "2024-02-30T00:00:00Z" day 30 is out of range for 2024-02$/],
    ['relevance without text', { sort: 'relevance' }, /^browse sort relevance needs text to rank by$/],
    ['relevance with blank text', { sort: 'relevance', text: '  ' }, /^browse sort relevance needs text to rank by$/],
    ['an unknown sort', { sort: 'size' as never }, /^browse sort must be one of relevance, name, type, created, modified, added, not "size"$/],
    ['an unknown order', { order: 'up' as never }, /^browse order must be asc or desc, not "up"$/],
    ['an unknown TLP level', { tlp: { levels: ['white' as never], unmarked: false } }, /^browse tlp level "white" is not one of clear, green, amber, amber\+strict, red$/],
  ];
  for (const [what, query, message] of refused) {
    it(`refuses ${what} with STORE_BAD_FILTER`, async () => {
      await assert.rejects(store().browse(query), (error) => error instanceof AppError && error.code === 'STORE_BAD_FILTER' && message.test(error.message));
    });
  }

  it('counts latest versions by type and the most used labels', async () => {
    assert.deepEqual(await store().facets(), { types: [], labels: [] });
    await store().ingest([
      malware(1, 0, { labels: ['b', 'a'] }), malware(2, 0, { labels: ['a'] }), indicator(1, 0, { labels: ['c', 'a'] }), ipv4('10.0.0.1'),
    ]);
    // A new version replaces its labels and counts once.
    await store().ingest([malware(1, 1, { labels: ['c'] })]);
    assert.deepEqual(await store().facets(), {
      types: [{ type: 'malware', count: 2 }, { type: 'indicator', count: 1 }, { type: 'ipv4-addr', count: 1 }],
      labels: [{ label: 'a', count: 2 }, { label: 'c', count: 2 }],
    });
  });

  it('keeps only the 100 most used labels in facets', async () => {
    const labels = Array.from({ length: 105 }, (_, n) => `label-${String(n).padStart(3, '0')}`);
    await store().ingest([malware(1, 0, { labels }), malware(2, 0, { labels: ['label-104'] })]);
    const facets = await store().facets();
    assert.equal(facets.labels.length, 100);
    assert.deepEqual(facets.labels[0], { label: 'label-104', count: 2 });
    assert.deepEqual(facets.labels.at(-1), { label: 'label-098', count: 1 });
  });
}
