import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { canonicalize } from '../src/stix/canonical-json.ts';
import { accord, temporaryDirectory } from './support/cli.ts';
import { sharedPath } from './support/shared.ts';

interface Bundle {
  objects: { type: string; id: string; modified?: string; created?: string }[];
}

const attackFile = sharedPath('datasets', 'enterprise-attack.json.gz');
const attack = JSON.parse(gunzipSync(readFileSync(attackFile)).toString('utf8')) as Bundle;

const versionKey = (object: { id: string; modified?: string; created?: string }) => `${object.id}@${object.modified ?? object.created ?? ''}`;
const canonicalSet = (objects: Bundle['objects']) => objects.map((object) => canonicalize(object)).sort();

function countByType(objects: Bundle['objects']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of objects) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe('accord import / export with MITRE ATT&CK', () => {
  const { dir, cleanup } = temporaryDirectory();
  const data = path.join(dir, 'node');
  after(cleanup);

  before(async () => {
    const run = await accord('--data', data, 'import', attackFile, '--json');
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  it('stores exactly the bundle\'s objects: counts by type are equal', async () => {
    const run = await accord('--data', data, 'stats', '--json');
    const stats = JSON.parse(run.stdout) as { objects: number; byType: Record<string, { objects: number }> };
    assert.equal(stats.objects, attack.objects.length);
    const stored = Object.fromEntries(Object.entries(stats.byType).map(([type, count]) => [type, count.objects]));
    assert.deepEqual(stored, countByType(attack.objects));
  });

  it('keeps custom x-mitre-* objects and x_mitre_* properties exactly', async () => {
    const tactic = attack.objects.find((object) => object.type === 'x-mitre-tactic')!;
    const run = await accord('--data', data, 'show', tactic.id, '--json');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(canonicalize(JSON.parse(run.stdout).object), canonicalize(tactic));
  });

  it('round-trips export → import → export to byte-identical canonical JSON', async () => {
    const first = path.join(dir, 'first.json.gz');
    const second = path.join(dir, 'second.json');
    assert.equal((await accord('--data', data, 'export', '--out', first)).code, 0);
    const exported = JSON.parse(gunzipSync(readFileSync(first)).toString('utf8')) as Bundle;
    assert.deepEqual(canonicalSet(exported.objects), canonicalSet(attack.objects));

    const other = path.join(dir, 'other-node');
    const imported = await accord('--data', other, 'import', first, '--json');
    assert.equal(imported.code, 0, imported.stdout);
    assert.equal((await accord('--data', other, 'export', '--out', second)).code, 0);
    const again = JSON.parse(readFileSync(second, 'utf8')) as Bundle;
    assert.deepEqual(canonicalSet(again.objects), canonicalSet(exported.objects));
  });

  it('counts a re-import as duplicates and stores nothing new', async () => {
    const run = await accord('--data', data, 'import', attackFile, '--json');
    const { total } = JSON.parse(run.stdout) as { total: { read: number; stored: number; duplicates: number } };
    assert.deepEqual(total.stored, 0);
    assert.equal(total.duplicates, attack.objects.length);
    assert.equal(run.code, 0);
  });

  it('exports with filters: one type, streamed to standard output', async () => {
    const run = await accord('--data', data, 'export', '--type', 'x-mitre-tactic');
    const bundle = JSON.parse(run.stdout) as Bundle & { type: string; id: string };
    assert.equal(bundle.type, 'bundle');
    assert.match(bundle.id, /^bundle--/);
    assert.equal(bundle.objects.length, countByType(attack.objects)['x-mitre-tactic']);
    assert.ok(bundle.objects.every((object) => object.type === 'x-mitre-tactic'));
  });

  it('finds objects by full-text search and shows their neighbours', async () => {
    const search = await accord('--data', data, 'search', 'APT28', '--json');
    const found = JSON.parse(search.stdout) as { id: string; type: string }[];
    const apt28 = found.find((object) => object.type === 'intrusion-set');
    assert.ok(apt28, 'APT28 found');
    const shown = await accord('--data', data, 'show', apt28.id, '--json');
    const { neighbours } = JSON.parse(shown.stdout) as { neighbours: { type: string }[] };
    assert.ok(neighbours.some((object) => object.type === 'relationship'), 'relationships among the neighbours');
    assert.ok(neighbours.some((object) => object.type === 'identity'), 'the creator identity among the neighbours');
    const readable = await accord('--data', data, 'show', apt28.id);
    assert.match(readable.stdout, /References \(\d+\):[\s\S]*created_by_ref +identity--\S+ +The MITRE Corporation/);
    assert.match(readable.stdout, /Relationships \(\d+\):[\s\S]*uses → +attack-pattern--\S+ +\w/);
  });

  it('prints a readable summary, and no progress bar when not on a terminal', async () => {
    const run = await accord('--data', data, 'import', attackFile);
    assert.match(run.stdout, /read 24,772, stored 0, duplicates 24,772, rejected 0/);
    assert.equal(run.stderr, '');
  });

  it('keeps every version of an object and reads the latest by default', async () => {
    const tactic = attack.objects.find((object) => object.type === 'x-mitre-tactic')! as Record<string, unknown> & Bundle['objects'][number];
    const newer = { ...tactic, modified: '2099-01-01T00:00:00.000Z', name: 'Renamed tactic' };
    const file = path.join(dir, 'newer.json');
    writeFileSync(file, JSON.stringify({ type: 'bundle', id: 'bundle--0b4c7d2e-7a5c-4f0e-9a43-bf5b0c0e6a11', objects: [newer] }));
    assert.equal((await accord('--data', data, 'import', file)).code, 0);
    const latest = JSON.parse((await accord('--data', data, 'export', '--id', tactic.id)).stdout) as Bundle;
    assert.deepEqual(latest.objects.map(versionKey), [versionKey(newer)]);
    const all = JSON.parse((await accord('--data', data, 'export', '--id', tactic.id, '--version', 'all')).stdout) as Bundle;
    assert.deepEqual(all.objects.map(versionKey).sort(), [versionKey(tactic), versionKey(newer)].sort());
  });
});
