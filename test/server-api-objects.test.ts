import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, keyFingerprint } from '../src/federation/keys.ts';
import { uuidV5 } from '../src/stix/identifier.ts';
import { TLP2_GREEN, TLP2_RED } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { Client, signedIn, startApiNode, type ApiNode } from './support/api-node.ts';

const NS = '6a1f4f7e-0c55-4c1b-9a55-2b8b0b3f5e11';
const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2024-03-01T00:00:00.000Z';
const id = (type: string, name: string): string => `${type}--${uuidV5(NS, name)}`;
const sdo = (type: string, name: string, extra: Record<string, unknown> = {}): StixObject => ({ type, spec_version: '2.1', id: id(type, name), created: T0, modified: T0, name, ...extra });

// shared (analysts, readers), analysts (analysts only), default (administrators only)
const indicatorA = sdo('indicator', 'Shared indicator', { pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix', valid_from: T0, labels: ['c2'], object_marking_refs: [TLP2_GREEN.id] });
const sharedSet = sdo('intrusion-set', 'Shared Panda', { labels: ['apt'] });
const indicates = { type: 'relationship', spec_version: '2.1', id: id('relationship', 'indicates'), created: T0, modified: T0, relationship_type: 'indicates', source_ref: indicatorA.id, target_ref: sharedSet.id } as StixObject;
const secretSet = sdo('intrusion-set', 'Secret Bear', { labels: ['apt'], object_marking_refs: [TLP2_RED.id] });
const secretLink = { type: 'relationship', spec_version: '2.1', id: id('relationship', 'attributed'), created: T0, modified: T0, relationship_type: 'attributed-to', source_ref: sharedSet.id, target_ref: secretSet.id } as StixObject;
const adminOnly = sdo('malware', 'Admin Worm', { is_family: false });
const fromAu = sdo('indicator', 'AU indicator', { pattern: "[domain-name:value = 'evil.example']", pattern_type: 'stix', valid_from: T0, labels: ['c2'], object_marking_refs: [TLP2_GREEN.id] });
const sharedSetV2 = { ...sharedSet, modified: T1, description: 'the second version' } as StixObject;

describe('web API: objects, policy and grants', () => {
  let api: ApiNode;
  let ada: Client;
  let ana: Client;
  let rita: Client;
  const auKey = generateKeyPair().publicKey;

  before(async () => {
    api = await startApiNode(async (node, collections) => {
      await node.store.ingest([indicatorA, sharedSet, indicates, fromAu], { collections: [collections.shared] });
      await node.store.ingest([sharedSetV2], { collections: [collections.shared] });
      await node.store.ingest([secretSet, secretLink], { collections: [collections.analysts] });
      await node.store.ingest([adminOnly], { collections: [collections.default] });
      node.local.addPartner({ name: 'au', kind: 'state', url: 'https://au.example/taxii2/accord/', publicKey: auKey, accountName: 'pat', createdAt: T0 });
      node.local.putAgreement({ id: 'au-inbound', partner: 'au', direction: 'inbound', collections: ['*'], objectTypes: ['*'], tlp: ['clear', 'green'], onward: false, updatedAt: T0 });
      node.local.recordProvenance([{ objectId: fromAu.id, modified: T0, partner: 'au', agreementId: 'au-inbound', receivedAt: new Date().toISOString() }]);
      node.local.putSyncState({ partner: 'au', direction: 'pull', collectionId: '*', lastAttemptAt: T1, lastError: 'connection refused', lastErrorAt: T1 });
    });
    [ada, ana, rita] = await Promise.all([signedIn(api, 'ada'), signedIn(api, 'ana'), signedIn(api, 'rita')]);
  });
  after(async () => api.close());

  const ids = (items: { id: string }[]): string[] => items.map((item) => item.id).sort();

  it('GET /api/node is public and names the node', async () => {
    const answer = await new Client(api.base).call('GET', '/api/node');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.identityId, api.identityId);
    assert.equal(answer.body.defaultMarking, 'amber');
    assert.match(answer.body.keyFingerprint, /^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
  });

  it('lists what each role may read: administrators all, analysts their grants, readers only the shared collection', async () => {
    const all = [indicatorA, sharedSet, indicates, fromAu, secretSet, secretLink, adminOnly].map((object) => object.id);
    const seen = async (client: Client) => {
      const answer = await client.call('GET', '/api/objects?limit=500');
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    };
    const admin = await seen(ada);
    for (const objectId of all) assert.ok(admin.items.some((item: { id: string }) => item.id === objectId), objectId);
    const analyst = await seen(ana);
    assert.deepEqual(ids(analyst.items).filter((objectId: string) => all.includes(objectId)), all.filter((objectId) => objectId !== adminOnly.id).sort());
    const reader = await seen(rita);
    assert.deepEqual(ids(reader.items), [indicatorA.id, sharedSet.id, indicates.id, fromAu.id].sort());
    assert.equal(reader.total, 4);
    const row = reader.items.find((item: { id: string }) => item.id === indicatorA.id);
    assert.deepEqual({ ...row, dateAdded: undefined }, {
      id: indicatorA.id, type: 'indicator', name: 'Shared indicator', tlp: 'green', marked: true, created: T0, modified: T0, dateAdded: undefined, labels: ['c2'],
    });
    const unmarked = reader.items.find((item: { id: string }) => item.id === sharedSet.id);
    assert.equal(unmarked.tlp, 'amber');
    assert.equal(unmarked.marked, false);
    assert.equal(unmarked.modified, T1, 'the latest version');
    assert.equal(reader.items.find((item: { id: string }) => item.id === fromAu.id).origin, 'au');
  });

  it('filters by type, TLP, label and partner of origin; lists may repeat or be comma-separated', async () => {
    const query = async (search: string) => {
      const answer = await ada.call('GET', `/api/objects?${search}`);
      assert.equal(answer.status, 200, answer.text);
      return ids(answer.body.items);
    };
    assert.deepEqual(await query('type=indicator,malware'), [indicatorA.id, fromAu.id, adminOnly.id].sort());
    assert.deepEqual(await query('type=indicator&type=malware'), [indicatorA.id, fromAu.id, adminOnly.id].sort());
    assert.deepEqual(await query('tlp=red'), [secretSet.id]);
    assert.deepEqual(await query('label=apt&type=intrusion-set'), [sharedSet.id, secretSet.id].sort());
    assert.deepEqual(await query('partner=au'), [fromAu.id]);
    assert.ok(!(await query('partner=local&type=indicator')).includes(fromAu.id));
    assert.deepEqual(await query('partner=local,au&type=indicator'), [indicatorA.id, fromAu.id].sort());
    assert.deepEqual(await query('q=panda'), [sharedSet.id]);
    assert.deepEqual(await query('from=2024-02-01&type=intrusion-set'), [sharedSet.id]);
    const page = await ada.call('GET', '/api/objects?sort=name&order=asc&limit=2&offset=1');
    assert.equal(page.body.items.length, 2);
    assert.equal(page.body.offset, 1);
    assert.equal(page.body.limit, 2);
  });

  it('answers bad query strings 400 naming the parameter and what it expects', async () => {
    const cases: [string, RegExp][] = [
      ['tlp=purple', /"tlp" value "purple" is not a TLP level/],
      ['sort=relevance', /relevance.*give "q"/],
      ['sort=size', /"sort" is "size"/],
      ['limit=0', /"limit" is "0": expected a whole number from 1 to 500/],
      ['limit=501', /from 1 to 500/],
      ['offset=-1', /"offset"/],
      ['from=yesterday', /"from" is "yesterday": expected an RFC 3339 timestamp/],
      ['from=2024-05-01&to=2024-01-01', /"from" .* is after "to"/],
      ['colour=red', /unknown parameter "colour"/],
      ['partner=nz', /"partner" "nz": no such partner/],
      ['type=Not%20A%20Type', /"type" value "Not A Type" is not an object type name/],
      ['order=up', /"order" is "up"/],
    ];
    for (const [search, message] of cases) {
      const answer = await ada.call('GET', `/api/objects?${search}`);
      assert.equal(answer.status, 400, `${search}: ${answer.text}`);
      assert.equal(answer.body.error_code, 'API_BAD_INPUT', search);
      assert.match(answer.body.description, message, search);
    }
  });

  it('shows an object with every property, its versions newest first with provenance, and its relationships', async () => {
    const answer = await ada.call('GET', `/api/objects/${sharedSet.id}`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.object.description, 'the second version');
    assert.deepEqual(answer.body.versions.map((version: { version: string }) => version.version), [T1, T0]);
    const kinds = answer.body.relationships.map((relationship: { kind: string; direction: string; other: { id: string } }) => `${relationship.direction} ${relationship.kind} ${relationship.other.id}`).sort();
    assert.deepEqual(kinds, [`in indicates ${indicatorA.id}`, `out attributed-to ${secretSet.id}`].sort());
    const au = await ada.call('GET', `/api/objects/${fromAu.id}`);
    assert.deepEqual({ ...au.body.versions[0], dateAdded: undefined, receivedAt: undefined }, { version: T0, dateAdded: undefined, origin: 'au', agreementId: 'au-inbound', receivedAt: undefined });
  });

  it("never hints at what a reader may not see: withheld is 404 exactly like absent; relationships' far ends are filtered", async () => {
    const withheld = await rita.call('GET', `/api/objects/${secretSet.id}`);
    const absent = await rita.call('GET', `/api/objects/${id('intrusion-set', 'nothing')}`);
    assert.equal(withheld.status, 404);
    assert.equal(absent.status, 404);
    assert.equal(withheld.body.error_code, absent.body.error_code);
    assert.equal(withheld.body.description.replace(secretSet.id, 'ID'), absent.body.description.replace(id('intrusion-set', 'nothing'), 'ID'));
    const shared = await rita.call('GET', `/api/objects/${sharedSet.id}`);
    assert.deepEqual(shared.body.relationships.map((relationship: { other: { id: string } }) => relationship.other.id), [indicatorA.id]);
    const admins = await ana.call('GET', `/api/objects/${adminOnly.id}`);
    assert.equal(admins.status, 404, 'no grant lets analysts read the default collection');
  });

  it('draws the neighbourhood: relationships as edges, withheld nodes left out, bounds checked', async () => {
    const admin = await ada.call('GET', `/api/graph/${indicatorA.id}?depth=2`);
    assert.equal(admin.status, 200, admin.text);
    assert.deepEqual(ids(admin.body.nodes), [indicatorA.id, sharedSet.id, secretSet.id].sort());
    assert.ok(admin.body.edges.some((edge: { id?: string; kind: string }) => edge.id === indicates.id && edge.kind === 'indicates'));
    const reader = await rita.call('GET', `/api/graph/${indicatorA.id}?depth=2`);
    assert.deepEqual(ids(reader.body.nodes), [indicatorA.id, sharedSet.id].sort());
    assert.ok(reader.body.edges.every((edge: { source: string; target: string }) => edge.source !== secretSet.id && edge.target !== secretSet.id));
    assert.equal((await rita.call('GET', `/api/graph/${secretSet.id}`)).status, 404);
    const limited = await ada.call('GET', `/api/graph/${indicatorA.id}?depth=2&limit=1`);
    assert.equal(limited.body.nodes.length, 1);
    assert.equal(limited.body.truncated, true);
    assert.match((await ada.call('GET', `/api/graph/${indicatorA.id}?depth=9`)).body.description, /"depth" is "9": expected a whole number from 1 to 2/);
    assert.match((await ada.call('GET', `/api/graph/${indicatorA.id}?size=9`)).body.description, /unknown parameter "size"/);
  });

  it('counts facets over what the account may read', async () => {
    const admin = await ada.call('GET', '/api/facets');
    assert.equal(admin.status, 200, admin.text);
    assert.equal(admin.body.types.find((entry: { type: string }) => entry.type === 'intrusion-set').count, 2);
    assert.deepEqual(admin.body.origins, ['local', 'au']);
    const reader = await rita.call('GET', '/api/facets');
    assert.equal(reader.body.types.find((entry: { type: string }) => entry.type === 'intrusion-set').count, 1);
    assert.equal(reader.body.types.find((entry: { type: string }) => entry.type === 'malware'), undefined);
    assert.deepEqual(reader.body.labels.find((entry: { label: string }) => entry.label === 'apt'), { label: 'apt', count: 1 });
  });

  it('dashboard: what arrived from each partner since the last visit, sync health, actions, counts — within the grants', async () => {
    const admin = await ada.call('GET', '/api/dashboard');
    assert.equal(admin.status, 200, admin.text);
    const au = admin.body.sharedSince.find((entry: { partner: string }) => entry.partner === 'au');
    assert.equal(au.objects, 1);
    assert.deepEqual(au.byType, { indicator: 1 });
    assert.deepEqual(au.latest.map((item: { id: string }) => item.id), [fromAu.id]);
    assert.ok(admin.body.sync.some((link: { partner: string; direction: string; health: string }) => link.partner === 'au' && link.direction === 'pull' && link.health === 'failing'));
    assert.equal(admin.body.actions[0].kind, 'sync-failing');
    assert.equal(admin.body.actions[0].severity, 'high');
    assert.equal(admin.body.counts.partners, 1);
    const reader = await rita.call('GET', '/api/dashboard');
    assert.equal(reader.body.counts.objects, 4);
    assert.equal(reader.body.counts.indicators, 2);
  });

  it('pattern bench: positioned errors and warnings; matching names the observations; roles and bad input', async () => {
    const check = await rita.call('POST', '/api/pattern/check', { pattern: "[ipv4-addr:value = '1.2.3.4'] AND\n  [domain-name:valeu = 'x']" });
    assert.equal(check.status, 200, check.text);
    assert.equal(check.body.ok, true);
    assert.equal(check.body.warnings.length, 1);
    const broken = await rita.call('POST', '/api/pattern/check', { pattern: "[ipv4-addr:value = ]" });
    assert.equal(broken.body.ok, false);
    assert.deepEqual({ ...broken.body.errors[0], message: undefined, code: undefined }, { line: 1, column: 20, offset: 19, length: 1, message: undefined, code: undefined });
    const observations = [
      { timestamp: '2024-05-01T10:00:00Z', domain: 'benign.example' },
      { timestamp: '2024-05-01T10:01:00Z', src_ip: '198.51.100.7' },
    ];
    const matched = await ana.call('POST', '/api/pattern/match', { pattern: "[ipv4-addr:value = '198.51.100.7']", observations });
    assert.equal(matched.status, 200, matched.text);
    assert.deepEqual(matched.body, { matched: true, matchedObservations: [1], observationCount: 2 });
    const none = await ana.call('POST', '/api/pattern/match', { pattern: "[ipv4-addr:value = '203.0.113.1']", observations });
    assert.deepEqual(none.body, { matched: false, matchedObservations: [], observationCount: 2 });
    const bad = await ana.call('POST', '/api/pattern/match', { pattern: '[ipv4-addr:value = ]', observations });
    assert.equal(bad.status, 400);
    assert.match(bad.body.description, /^the pattern is not valid: 1:20 /);
    const notObservation = await ana.call('POST', '/api/pattern/match', { pattern: "[ipv4-addr:value = '1.2.3.4']", observations: [{ type: 'indicator' }] });
    assert.equal(notObservation.status, 400);
    assert.match(notObservation.body.description, /^observations\[0\] is not an observation/);
    const tooMany = await ana.call('POST', '/api/pattern/match', { pattern: "[ipv4-addr:value = '1.2.3.4']", observations: Array.from({ length: 1001 }, () => observations[0]) });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.description, /1000/);
    assert.equal((await rita.call('POST', '/api/pattern/match', { pattern: '[x:y = 1]', observations })).status, 403);
    const missing = await rita.call('POST', '/api/pattern/check', {});
    assert.equal(missing.status, 400);
    assert.match(missing.body.description, /pattern/);
    const notJson = await rita.call('POST', '/api/pattern/check', '{"pattern": ');
    assert.equal(notJson.status, 400);
  });

  it('partners with key fingerprints and sync links, for administrators and analysts only', async () => {
    const answer = await ana.call('GET', '/api/partners');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.length, 1);
    assert.equal(answer.body[0].keyFingerprint, keyFingerprint(auKey));
    assert.equal(answer.body[0].accountName, 'pat');
    assert.deepEqual(answer.body[0].links.map((link: { direction: string; health: string }) => `${link.direction} ${link.health}`), ['pull failing', 'push never']);
    const reader = await rita.call('GET', '/api/partners');
    assert.equal(reader.status, 403);
    assert.match(reader.body.description, /admin, analyst; this account's role is reader/);
  });

  // Last: the marking-definition it stores joins the neighbourhoods the tests above draw.
  it('labels a marking-definition CLEAR, as the policy shares it, not with the default marking', async () => {
    await api.node.store.ingest([TLP2_GREEN as StixObject], { collections: [api.collections.default] });
    const answer = await ada.call('GET', '/api/objects?type=marking-definition');
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.items.map((item: { id: string; tlp: string; marked: boolean }) => [item.id, item.tlp, item.marked]), [[TLP2_GREEN.id, 'clear', true]]);
  });
});
