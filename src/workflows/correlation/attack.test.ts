import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { sharedPath } from '../../../test/support/shared.ts';
import { prng } from '../../../test/support/prng.ts';
import type { StixObject } from '../../stix/object.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { correlate } from './correlate.ts';

const EXTENSION = 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62';
const GROUPS = ['APT28', 'APT29', 'Lazarus Group', 'Sandworm Team', 'FIN7', 'OilRig', 'Turla', 'Kimsuky'];

/** The MITRE ATT&CK Enterprise bundle, as published (../shared/datasets). */
describe('technique overlap on MITRE ATT&CK Enterprise', () => {
  let store: SqliteStore;
  const objects: StixObject[] = (JSON.parse(gunzipSync(readFileSync(sharedPath('datasets', 'enterprise-attack.json.gz'))).toString('utf8')) as { objects: StixObject[] }).objects;
  const byId = new Map(objects.map((o) => [o.id, o]));
  const live = (o: StixObject | undefined): o is StixObject => o !== undefined && o.revoked !== true && o.x_mitre_deprecated !== true;
  /** A group's techniques as ATT&CK states them: its `uses` relationships to live attack-patterns. */
  const techniquesOf = (groupId: string): string[] =>
    objects.filter((o) => o.type === 'relationship' && o.relationship_type === 'uses' && o.source_ref === groupId && live(o) && live(byId.get(o.target_ref as string)))
      .map((o) => o.target_ref as string).filter((id) => id.startsWith('attack-pattern--'));
  const groupNamed = (name: string): StixObject => objects.find((o) => o.type === 'intrusion-set' && o.name === name)!;
  let serial = 0;
  async function incidentOf(techniques: string[]): Promise<string> {
    const id = `incident--00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
    await store.ingest([{ type: 'incident', spec_version: '2.1', id, created: '2025-01-01T00:00:00.000Z', modified: '2025-01-01T00:00:00.000Z', name: 'Incident',
      extensions: { [EXTENSION]: { extension_type: 'property-extension', related_refs: techniques } } }]);
    return id;
  }

  before(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    for (let first = 0; first < objects.length; first += 5000) await store.ingest(objects.slice(first, first + 5000));
  });
  after(() => store.close());

  for (const name of GROUPS) {
    it(`ranks ${name} first for an incident built from its techniques`, async () => {
      const group = groupNamed(name);
      const techniques = techniquesOf(group.id);
      assert.ok(techniques.length >= 10, `${name} uses only ${techniques.length} techniques`);
      const [top] = (await correlate(store, await incidentOf(techniques))).suggestions;
      assert.equal(top?.targetName, name);
      assert.deepEqual(top?.reasons.map((r) => [r.kind, r.count, r.jaccard]), [['techniques', new Set(techniques).size, 1]]);
      assert.match(top!.explanation, new RegExp(`^shares ${new Set(techniques).size} techniques with intrusion set ${name}`));
    });
  }

  it('keeps a group near the top for an incident that shows only half its techniques', async () => {
    const random = prng(7);
    for (const name of GROUPS) {
      const techniques = [...new Set(techniquesOf(groupNamed(name).id))].filter(() => random() < 0.5);
      const ranked = (await correlate(store, await incidentOf(techniques), { limit: 5 })).suggestions.map((s) => s.targetName);
      assert.ok(ranked.includes(name), `${name} not in the top 5 for half its techniques: ${ranked.join(', ')}`);
    }
  });
});
