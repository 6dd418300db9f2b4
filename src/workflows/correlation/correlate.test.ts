import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { scoIdentifier, uuidV5 } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { correlate } from './correlate.ts';

const NS = '1b671a64-40d5-491e-99b0-da01ff1f3341';
const T = '2025-03-01T00:00:00.000Z';
const EXTENSION = 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62';
let counter = 0;

const sdo = (type: string, props: Record<string, unknown> = {}): StixObject =>
  ({ type, spec_version: '2.1', id: `${type}--${uuidV5(NS, `${type}/${counter++}`)}`, created: T, modified: T, ...props });
const sco = (type: string, props: Record<string, unknown>): StixObject => {
  const object = { type, spec_version: '2.1', ...props };
  return { ...object, id: scoIdentifier(object) };
};
const rel = (source: StixObject, type: string, target: StixObject): StixObject => sdo('relationship', { relationship_type: type, source_ref: source.id, target_ref: target.id });
const indicator = (pattern: string): StixObject => sdo('indicator', { pattern, pattern_type: 'stix', valid_from: T });
const incident = (related: StixObject[]): StixObject =>
  sdo('incident', { name: 'Incident', extensions: { [EXTENSION]: { extension_type: 'property-extension', category: 'espionage', related_refs: related.map((o) => o.id) } } });
const technique = (id: string): StixObject => sdo('attack-pattern', { name: id, external_references: [{ source_name: 'mitre-attack', external_id: id }] });

const stores: SqliteStore[] = [];
after(async () => { for (const store of stores) await store.close(); });
async function storeWith(objects: StixObject[]): Promise<SqliteStore> {
  const store = await openSqliteStore({ path: ':memory:' });
  stores.push(store);
  await store.ingest(objects);
  return store;
}

describe('correlation', () => {
  it('finds an intrusion set through an indicator of an observable the incident holds, and says so', async () => {
    const partner = sdo('identity', { name: 'AU ACSC', identity_class: 'organization' });
    const group = sdo('intrusion-set', { name: 'Silent Lynx', created_by_ref: partner.id });
    const ip = sco('ipv4-addr', { value: '203.0.113.7' });
    const hint = indicator("[ipv4-addr:value = '203.0.113.7']");
    const hit = incident([ip]);
    const store = await storeWith([partner, group, ip, hint, rel(hint, 'indicates', group), hit]);
    const { suggestions } = await correlate(store, hit.id);
    assert.equal(suggestions.length, 1);
    assert.deepEqual(suggestions[0], {
      targetId: group.id, targetType: 'intrusion-set', targetName: 'Silent Lynx', origin: 'AU ACSC', score: 1,
      reasons: [{ kind: 'observables', count: 1, examples: ['ipv4-addr 203.0.113.7'] }],
      explanation: 'shares 1 observable with intrusion set Silent Lynx (from AU ACSC)',
    });
  });

  it('matches a file hash whatever the hash name is spelt, SCO against pattern', async () => {
    const group = sdo('intrusion-set', { name: 'G' });
    const file = sco('file', { hashes: { 'SHA-256': 'AA'.repeat(32) } });
    const hint = indicator(`[file:hashes.sha256 = '${'aa'.repeat(32)}']`);
    const hit = incident([file]);
    const store = await storeWith([group, file, hint, rel(hint, 'indicates', group), hit]);
    assert.equal((await correlate(store, hit.id)).suggestions[0]?.targetId, group.id);
  });

  it('finds reports and other incidents holding the same observable', async () => {
    const ip = sco('ipv4-addr', { value: '192.0.2.55' });
    const report = sdo('report', { name: 'R', published: T, object_refs: [ip.id] });
    const earlier = incident([ip]);
    const hint = indicator("[ipv4-addr:value = '192.0.2.55']");
    const hit = incident([hint]);
    const store = await storeWith([ip, report, earlier, hint, hit]);
    const ids = (await correlate(store, hit.id)).suggestions.map((s) => s.targetId).sort();
    assert.deepEqual(ids, [earlier.id, report.id].sort());
  });

  it('caps an over-common value: it links nothing, is listed, and never expands', async () => {
    const resolver = sco('ipv4-addr', { value: '8.8.8.8' });
    const rare = sco('ipv4-addr', { value: '198.51.100.1' });
    const groups = Array.from({ length: 6 }, (_, i) => sdo('intrusion-set', { name: `G${i}` }));
    const objects: StixObject[] = [resolver, rare, ...groups];
    for (const group of groups) {
      const hint = indicator("[ipv4-addr:value = '8.8.8.8']");
      objects.push(hint, rel(hint, 'indicates', group));
    }
    const rareHint = indicator("[ipv4-addr:value = '198.51.100.1']");
    objects.push(rareHint, rel(rareHint, 'indicates', groups[0]!));
    const hit = incident([resolver, rare]);
    const store = await storeWith([...objects, hit]);
    const capped = await correlate(store, hit.id, { cap: 3 });
    assert.deepEqual(capped.overCommon, ['ipv4-addr 8.8.8.8']);
    assert.deepEqual(capped.suggestions.map((s) => [s.targetName, s.reasons[0]!.count]), [['G0', 1]]);
    // Uncapped, the common value reaches all six, each weighted down by how many it reaches.
    const open = await correlate(store, hit.id, { cap: 100 });
    assert.equal(open.suggestions.length, 6);
    assert.equal(open.suggestions[0]!.targetName, 'G0');
    assert.equal(open.suggestions[1]!.score, Math.round(1000 / (1 + Math.log(6))) / 1000);
  });

  it('caps a carrier referenced by too many objects (a resolver in thousands of observed data)', async () => {
    const resolver = sco('ipv4-addr', { value: '1.1.1.1' });
    const group = sdo('intrusion-set', { name: 'G' });
    const seen = Array.from({ length: 5 }, () => sdo('observed-data', { first_observed: T, last_observed: T, number_observed: 1, object_refs: [resolver.id] }));
    const hit = incident([resolver]);
    const store = await storeWith([resolver, group, ...seen, ...seen.map((o) => rel(group, 'related-to', o)), hit]);
    assert.deepEqual((await correlate(store, hit.id, { cap: 3 })).overCommon, ['ipv4-addr 1.1.1.1']);
    assert.equal((await correlate(store, hit.id, { cap: 10 })).suggestions[0]?.targetId, group.id);
  });

  it('finds shared infrastructure, directly and through the observables it consists of', async () => {
    const group = sdo('intrusion-set', { name: 'G' });
    const c2 = sdo('infrastructure', { name: 'C2 cluster' });
    const vps = sdo('infrastructure', { name: 'VPS farm' });
    const ip = sco('ipv4-addr', { value: '198.51.100.9' });
    const hit = incident([c2, ip]);
    const store = await storeWith([group, c2, vps, ip, rel(group, 'uses', c2), rel(group, 'uses', vps), rel(vps, 'consists-of', ip), hit]);
    const [top] = (await correlate(store, hit.id)).suggestions;
    assert.equal(top?.targetId, group.id);
    assert.deepEqual(top?.reasons.find((r) => r.kind === 'infrastructure'), { kind: 'infrastructure', count: 2, examples: ['C2 cluster', 'VPS farm'] });
    assert.equal(top?.explanation, 'shares 1 observable and 2 infrastructure with intrusion set G');
  });

  it('brings the observables of the incident\'s own infrastructure (consists-of)', async () => {
    const group = sdo('intrusion-set', { name: 'G' });
    const mine = sdo('infrastructure', { name: 'Seen C2' });
    const ip = sco('ipv4-addr', { value: '198.51.100.10' });
    const hint = indicator("[ipv4-addr:value = '198.51.100.10']");
    const hit = incident([mine]);
    const store = await storeWith([group, mine, ip, rel(mine, 'consists-of', ip), hint, rel(hint, 'indicates', group), hit]);
    assert.deepEqual((await correlate(store, hit.id)).suggestions[0]?.reasons.map((r) => r.kind), ['observables']);
  });

  it('ranks intrusion sets by technique overlap (Jaccard), merging copies of one ATT&CK technique', async () => {
    const [t1, t2, t3, t4, t5] = ['T1059', 'T1566', 'T1071', 'T1105', 'T1027'].map(technique) as [StixObject, StixObject, StixObject, StixObject, StixObject];
    const partnerCopy = technique('T1059');
    const close = sdo('intrusion-set', { name: 'Close' });
    const far = sdo('intrusion-set', { name: 'Far' });
    const hit = incident([partnerCopy, t2, t3]);
    const store = await storeWith([t1, t2, t3, t4, t5, partnerCopy, close, far, rel(close, 'uses', t1), rel(close, 'uses', t2), rel(close, 'uses', t3),
      rel(far, 'uses', t1), rel(far, 'uses', t4), rel(far, 'uses', t5), hit]);
    const { suggestions } = await correlate(store, hit.id);
    assert.deepEqual(suggestions.map((s) => [s.targetName, s.reasons[0]!.jaccard, s.reasons[0]!.count]), [['Close', 1, 3], ['Far', 0.2, 1]]);
    assert.equal(suggestions[0]!.explanation, 'shares 3 techniques with intrusion set Close');
  });

  it('follows the latest version only, and leaves revoked carriers out', async () => {
    const group = sdo('intrusion-set', { name: 'G' });
    const ip = sco('ipv4-addr', { value: '192.0.2.77' });
    const hint = indicator("[ipv4-addr:value = '192.0.2.77']");
    const hit = incident([ip]);
    const store = await storeWith([group, ip, hint, rel(hint, 'indicates', group), hit]);
    assert.equal((await correlate(store, hit.id)).suggestions.length, 1);
    await store.ingest([{ ...hint, modified: '2025-04-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '192.0.2.78']" }]);
    assert.equal((await correlate(store, hit.id)).suggestions.length, 0);
    await store.ingest([{ ...hint, modified: '2025-05-01T00:00:00.000Z' }]);
    assert.equal((await correlate(store, hit.id)).suggestions.length, 1);
    await store.ingest([{ ...hint, modified: '2025-06-01T00:00:00.000Z', revoked: true }]);
    assert.equal((await correlate(store, hit.id)).suggestions.length, 0);
  });

  it('refuses options that make no sense, saying which', async () => {
    const hit = incident([]);
    const store = await storeWith([hit]);
    for (const options of [{ cap: 0 }, { limit: 1.5 }, { examples: -1 }, { cap: Number.NaN }]) {
      const [name] = Object.keys(options);
      await assert.rejects(correlate(store, hit.id, options), (error) => isAppError(error, 'CORRELATION_BAD_OPTIONS') && error.message.includes(`option ${name}`));
    }
  });

  it('refuses an id that is not a stored incident', async () => {
    const group = sdo('intrusion-set', { name: 'G' });
    const store = await storeWith([group]);
    for (const id of [group.id, 'incident--00000000-0000-4000-8000-000000000000']) {
      await assert.rejects(correlate(store, id), (error) => isAppError(error, 'STORE_NOT_FOUND') && error.message.includes(id));
    }
  });
});

