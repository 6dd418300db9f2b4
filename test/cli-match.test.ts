import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scoIdentifier, uuidV5 } from '../src/stix/identifier.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openNode } from '../src/store/data-dir.ts';
import { accord, temporaryDirectory, type CliRun } from './support/cli.ts';
import { repoRoot, sharedPath } from './support/shared.ts';

/**
 * `accord match` end to end through the real CLI: indicators imported as a
 * bundle, observations read as JSON Lines in all three forms (with bad lines),
 * sightings checked in the store itself.
 */
const NAMESPACE = 'a1e0c9c4-3f5e-4c1b-9b9e-2d7f6a8b0c11';
const T0 = '2020-01-01T00:00:00.000Z';
const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

function indicator(name: string, pattern: string, extra: Record<string, unknown> = {}): StixObject {
  return {
    type: 'indicator', spec_version: '2.1', id: `indicator--${uuidV5(NAMESPACE, name)}`, created: T0, modified: T0,
    name, pattern, pattern_type: 'stix', valid_from: T0, ...extra,
  };
}

const INDICATORS = {
  ip: indicator('ip', "[ipv4-addr:value = '198.51.100.7']"),
  domain: indicator('domain', "[domain-name:value = 'c2.evil.example']"),
  hash: indicator('hash', `[file:hashes.'SHA-256' = '${SHA256}']`),
  cidr: indicator('cidr', "[ipv4-addr:value ISSUBSET '203.0.113.0/24']"),
  like: indicator('like', "[url:value LIKE 'http://%.evil.example/%']"),
  revoked: indicator('revoked', "[domain-name:value = 'revoked.example']", { revoked: true }),
  sigma: indicator('sigma', 'title: suspicious\ndetection:\n  condition: all', { pattern_type: 'sigma' }),
  expired: indicator('expired', "[email-addr:value = 'phish@evil.example']", { valid_until: '2024-01-01T00:00:00Z' }),
  sequence: indicator('sequence', "[ipv4-addr:value = '192.0.2.10'] FOLLOWEDBY [domain-name:value = 'stage2.evil.example']"),
};

const flat = (record: Record<string, unknown>) => JSON.stringify(record);
const ip = (value: string) => ({ type: 'ipv4-addr', id: scoIdentifier({ type: 'ipv4-addr', value }), value });
const url = (value: string) => ({ type: 'url', id: scoIdentifier({ type: 'url', value }), value });
const bundleObservedData = {
  type: 'observed-data', spec_version: '2.1', id: `observed-data--${uuidV5(NAMESPACE, 'bundle observation')}`,
  created: '2024-05-01T10:03:00.000Z', modified: '2024-05-01T10:03:00.000Z',
  first_observed: '2024-05-01T10:03:00Z', last_observed: '2024-05-01T10:03:00Z', number_observed: 1,
  object_refs: [ip('203.0.113.45').id, url('http://www.evil.example/payload').id],
};

/** Line n of the file is LINES[n - 1]. */
const LINES = [
  /* 1 */ flat({ timestamp: '2024-05-01T10:00:00Z', src_ip: '10.0.0.5', dst_ip: '198.51.100.7', dst_port: 443, protocol: 'tcp', count: 3 }),
  /* 2 */ 'this is not json',
  /* 3 */ flat({ timestamp: '2024-05-01T12:01:00+02:00', domain: 'c2.evil.example' }),
  /* 4 */ '[1, 2, 3]',
  /* 5 */ JSON.stringify({
    type: 'observed-data', id: `observed-data--${uuidV5(NAMESPACE, 'stix 2.0 observation')}`, created: '2024-05-01T10:02:00.000Z', modified: '2024-05-01T10:02:00.000Z',
    first_observed: '2024-05-01T10:02:00Z', last_observed: '2024-05-01T10:02:00Z', number_observed: 1,
    objects: { 0: { type: 'file', hashes: { 'SHA-256': SHA256 }, name: 'invoice.pdf.exe' } },
  }),
  /* 6 */ flat({ dst_ip: '198.51.100.7' }),
  /* 7 */ JSON.stringify({ type: 'bundle', id: `bundle--${uuidV5(NAMESPACE, 'b1')}`, objects: [bundleObservedData, ip('203.0.113.45'), url('http://www.evil.example/payload')] }),
  /* 8 */ JSON.stringify({ type: 'bundle', id: `bundle--${uuidV5(NAMESPACE, 'b2')}`, objects: [ip('198.51.100.7')] }),
  /* 9 */ flat({ timestamp: '2024-05-01T10:04:00Z', dst_ip: '192.0.2.10' }),
  /* 10 */ flat({ timestamp: '2024-05-01T10:05:00Z', domain: 'stage2.evil.example' }),
  /* 11 */ flat({ timestamp: '2024-05-01T10:06:00Z', domain: 'revoked.example' }),
  /* 12 */ flat({ timestamp: '2024-05-01T10:07:00Z', email: 'phish@evil.example' }),
  /* 13 */ flat({ timestamp: '2023-06-01T00:00:00Z', email: 'phish@evil.example' }),
  /* 14 */ '',
  /* 15 */ flat({ timestamp: '2024-05-01T10:08:00Z', dst_ip: '198.51.100.7' }),
];
const JSONL = `${LINES.join('\n')}\n`;

/** Sightings per indicator: count and the number of observed-data behind them. */
const EXPECTED: Record<string, { count: number; refs: number; firstSeen: string; lastSeen: string }> = {
  ip: { count: 4, refs: 2, firstSeen: '2024-05-01T10:00:00Z', lastSeen: '2024-05-01T10:08:00Z' },
  domain: { count: 1, refs: 1, firstSeen: '2024-05-01T10:01:00.000Z', lastSeen: '2024-05-01T10:01:00.000Z' },
  hash: { count: 1, refs: 1, firstSeen: '2024-05-01T10:02:00Z', lastSeen: '2024-05-01T10:02:00Z' },
  cidr: { count: 1, refs: 1, firstSeen: '2024-05-01T10:03:00Z', lastSeen: '2024-05-01T10:03:00Z' },
  like: { count: 1, refs: 1, firstSeen: '2024-05-01T10:03:00Z', lastSeen: '2024-05-01T10:03:00Z' },
  sequence: { count: 1, refs: 2, firstSeen: '2024-05-01T10:04:00Z', lastSeen: '2024-05-01T10:05:00Z' },
  expired: { count: 1, refs: 1, firstSeen: '2023-06-01T00:00:00Z', lastSeen: '2023-06-01T00:00:00Z' },
};

interface MatchSummary {
  read: number;
  observations: number;
  skipped: number;
  hits: number;
  hitsOutsideValidity: number;
  sightings: number;
  sightingsStored: number;
  sightingsAlreadyStored: number;
  indicators: { stored: number; active: number; revoked: number; otherPatternTypes: Record<string, number>; rejected: number };
  stored: { observedData: number; observables: number; duplicates: number; rejected: number };
}

/** `accord match --json`, flattened for the assertions. */
type MatchJson = MatchSummary & { skips: { line: number; reason: string; code: string; message: string }[]; sightingObjects: StixObject[] };

const parse = (run: CliRun): MatchJson => {
  let json: { summary: MatchSummary; skipped: MatchJson['skips']; sightings: StixObject[] };
  try {
    json = JSON.parse(run.stdout) as typeof json;
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
  }
  assert.equal(json.summary.sightings, json.sightings.length);
  return { ...json.summary, skips: json.skipped, sightingObjects: json.sightings };
};

/** Everything of some types in the node's store, latest versions, and the node's identity id. */
async function readNode(data: string): Promise<{ byType: Map<string, StixObject[]>; byId: Map<string, StixObject>; identityId: string | undefined }> {
  const node = await openNode(data);
  try {
    const items = (await node.store.query({}, { limit: 10_000 })).items.map((item) => item.object);
    const byType = new Map<string, StixObject[]>();
    for (const object of items) byType.set(object.type, [...(byType.get(object.type) ?? []), object]);
    return { byType, byId: new Map(items.map((object) => [object.id, object])), identityId: node.local.settings().identityId };
  } finally {
    await node.close();
  }
}

/** `accord match --observations -` in a child process, `input` on its standard input. */
async function matchFromStdin(data: string, input: string, ...args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), '--data', data, 'match', '--observations', '-', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdin.end(input);
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

describe('accord match', () => {
  const { dir, cleanup } = temporaryDirectory('accord-match-');
  after(cleanup);
  const data = path.join(dir, 'node');
  const observations = path.join(dir, 'observations.jsonl');
  const nameOf = new Map(Object.entries(INDICATORS).map(([name, object]) => [object.id, name]));
  let first: MatchJson;
  let firstRun: CliRun;

  before(async () => {
    const bundleFile = path.join(dir, 'indicators.json');
    writeFileSync(bundleFile, JSON.stringify({ type: 'bundle', id: `bundle--${uuidV5(NAMESPACE, 'indicators')}`, objects: Object.values(INDICATORS) }));
    writeFileSync(observations, JSONL);
    const imported = await accord('--data', data, 'import', bundleFile, '--json');
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    // Only `import` ran before: match makes the node identity itself.
    firstRun = await accord('--data', data, 'match', '--observations', observations, '--json');
    first = parse(firstRun);
  });

  it('exits 1 and reports each bad line with its number and reason; the good ones are matched', () => {
    assert.equal(firstRun.code, 1, firstRun.stderr);
    assert.deepEqual(first.skips.map((skip) => [skip.line, skip.reason, skip.code]), [
      [2, 'not-json', 'OBSERVATION_INVALID'], [4, 'not-an-object', 'OBSERVATION_INVALID'],
      [6, 'bad-timestamp', 'OBSERVATION_INVALID'], [8, 'no-observed-data', 'OBSERVATION_INVALID'],
    ]);
    assert.match(first.skips[2]!.message, /timestamp/);
    assert.equal(first.read, 14, 'the blank line is not read');
    assert.equal(first.observations, 10);
    assert.equal(first.skipped, 4);
  });

  it('matches only active STIX indicators: revoked and sigma ones are reported, not matched', () => {
    assert.deepEqual(first.indicators, { ...first.indicators, stored: 9, active: 7, revoked: 1, otherPatternTypes: { sigma: 1 }, rejected: 0 });
    assert.equal(first.hits, 8);
    assert.equal(first.hitsOutsideValidity, 1, 'the 2024 e-mail is after the indicator\'s valid_until; the 2023 one is not');
  });

  it('stores one sighting per sighted indicator, with exact counts, resolvable refs and this node as where sighted', async () => {
    const { byType, byId, identityId } = await readNode(data);
    assert.ok(identityId);
    const identity = byId.get(identityId);
    assert.equal(identity?.type, 'identity');
    const sightings = byType.get('sighting') ?? [];
    const actual = Object.fromEntries(sightings.map((sighting) => [nameOf.get(sighting.sighting_of_ref as string), {
      count: sighting.count, refs: (sighting.observed_data_refs as string[]).length, firstSeen: sighting.first_seen, lastSeen: sighting.last_seen,
    }]));
    assert.deepEqual(actual, EXPECTED);
    for (const sighting of sightings) {
      assert.deepEqual(sighting.where_sighted_refs, [identityId]);
      assert.equal(sighting.created_by_ref, identityId);
      assert.ok(byId.has(sighting.sighting_of_ref as string));
      for (const ref of sighting.observed_data_refs as string[]) {
        const observed = byId.get(ref);
        assert.equal(observed?.type, 'observed-data', `${ref} resolves`);
        for (const objectRef of observed!.object_refs as string[]) assert.ok(byId.has(objectRef), `${objectRef} of ${ref} resolves`);
      }
    }
    assert.deepEqual(first.sightingObjects.map((sighting) => sighting.id).sort(), sightings.map((sighting) => sighting.id).sort());
    // Only observed-data behind a sighting is stored (not the unmatched lines 11 and 12), each once.
    assert.equal(byType.get('observed-data')?.length, 8);
    const sequence = sightings.find((sighting) => sighting.sighting_of_ref === INDICATORS.sequence.id)!;
    const [earlier] = (sequence.observed_data_refs as string[]).map((ref) => byId.get(ref)!);
    assert.equal(byId.get((earlier!.object_refs as string[])[0]!)?.value, '192.0.2.10', 'the first observation of the FOLLOWEDBY is stored with its observables');
  });

  it('re-running the same input (from standard input) stores nothing new: same observed-data, same sightings', async () => {
    const before = await readNode(data);
    const run = await matchFromStdin(data, JSONL, '--json');
    assert.equal(run.code, 1, run.stderr);
    const again = parse(run);
    assert.equal(again.observations, 10);
    assert.equal(again.sightingsStored, 0);
    assert.equal(again.sightingsAlreadyStored, 7);
    assert.equal(again.stored.observedData, 0);
    assert.deepEqual(again.sightingObjects.map((sighting) => sighting.id).sort(), first.sightingObjects.map((sighting) => sighting.id).sort());
    const afterwards = await readNode(data);
    for (const type of ['observed-data', 'sighting', 'identity', 'ipv4-addr']) {
      assert.equal(afterwards.byType.get(type)?.length, before.byType.get(type)?.length, type);
    }
  });

  it('prints a readable summary naming the skipped lines', async () => {
    const run = await accord('--data', data, 'match', '--observations', observations, '--dry-run');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /read 14 lines, 10 observations, skipped 4/);
    assert.match(run.stdout, /skipped line 2: the line is not JSON/);
    assert.match(run.stdout, /skipped line 8: the bundle holds no observed-data/);
    assert.match(run.stdout, /indicators: 7 active of 9 \(not matched: 1 revoked, 1 with pattern_type sigma\)/);
    assert.match(run.stdout, /hits: 8 \(and 1 outside the indicators' valid_from\/valid_until\) → 7 sightings \(dry run: 0 new, 7 already stored, nothing written\)/);
    assert.match(run.stdout, new RegExp(`${INDICATORS.ip.id}\\s+4\\s+2024-05-01T10:00:00Z`));
  });

  it('--dry-run writes nothing', async () => {
    const other = path.join(dir, 'dry');
    assert.equal((await accord('--data', other, 'import', path.join(dir, 'indicators.json'))).code, 0);
    const before = JSON.parse((await accord('--data', other, 'stats', '--json')).stdout) as { byType: Record<string, unknown> };
    const run = await accord('--data', other, 'match', '--observations', observations, '--dry-run', '--json');
    const json = parse(run);
    assert.equal(json.sightingObjects.length, 7);
    assert.equal(json.sightingsStored, 7);
    const afterwards = JSON.parse((await accord('--data', other, 'stats', '--json')).stdout) as { byType: Record<string, unknown> };
    assert.deepEqual(Object.keys(afterwards.byType).sort(), [...Object.keys(before.byType), 'identity'].sort(), 'only the node identity was added');
  });

  it('--collection adds what it stores to a collection; an unknown collection is refused before reading (exit 3)', async () => {
    const other = path.join(dir, 'collected');
    assert.equal((await accord('--data', other, 'import', path.join(dir, 'indicators.json'))).code, 0);
    assert.equal((await accord('--data', other, 'init')).code, 0);
    const collection = JSON.parse((await accord('--data', other, 'collection', 'create', '--title', 'Sightings', '--json')).stdout) as { id: string };
    assert.equal((await accord('--data', other, 'match', '--observations', observations, '--collection', 'no-such-collection')).code, 3);
    assert.equal((await accord('--data', other, 'match', '--observations', observations, '--collection', collection.id)).code, 1);
    const node = await openNode(other);
    try {
      const inCollection = (await node.store.query({ collection: collection.id }, { limit: 1000 })).items.map((item) => item.object.type);
      assert.equal(inCollection.filter((type) => type === 'sighting').length, 7);
      assert.equal(inCollection.filter((type) => type === 'observed-data').length, 8);
    } finally {
      await node.close();
    }
  });

  it('exits 2 when the input cannot be read, 0 when every line matched cleanly', async () => {
    const missing = await accord('--data', data, 'match', '--observations', path.join(dir, 'missing.jsonl'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read/);
    const clean = path.join(dir, 'clean.jsonl');
    writeFileSync(clean, `${LINES[0]}\n`);
    assert.equal((await accord('--data', data, 'match', '--observations', clean)).code, 0);
    assert.equal((await accord('--data', data, 'match')).code, 64, '--observations is required');
  });
});

/** Comparisons `type:path = 'value'` of a pattern, read with a regular expression (not with the product's parser). */
function comparisons(pattern: string): { type: string; path: string; value: string }[] {
  return [...pattern.matchAll(/([a-z0-9-]+):([a-z0-9_.']+) = '((?:[^'\\]|\\.)*)'/g)].map(([, type, path, value]) => ({ type: type!, path: path!.replaceAll("'", ''), value: value! }));
}

describe('accord match with the OASIS APT1 and Poison Ivy reports', () => {
  const { dir, cleanup } = temporaryDirectory('accord-match-oasis-');
  after(cleanup);
  const files = ['apt1.json', 'poisonivy.json'].map((name) => sharedPath('conformance', 'stix2.1-examples', 'cti-stix2-json-schemas', 'threat-reports', name));
  const indicators = files.flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as { objects: StixObject[] }).objects.filter((object) => object.type === 'indicator'));

  it('sights every indicator from an observation derived from its own pattern, counting the cross-matches exactly', async () => {
    assert.equal(indicators.length, 37);
    const data = path.join(dir, 'node');
    const imported = await accord('--data', data, 'import', ...files, '--json');
    assert.equal(imported.code, 0, imported.stdout);

    // One observation per indicator: an SCO holding its last comparison (all of them when the pattern ANDs them).
    const derived = indicators.map((object, index) => {
      const all = comparisons(object.pattern as string);
      const used = (object.pattern as string).includes(' AND ') ? all : all.slice(-1);
      const sco: Record<string, unknown> = { type: used[0]!.type };
      for (const { path: property, value } of used) {
        const [head, key] = property.split('.');
        if (key === undefined) sco[head!] = value;
        else sco[head!] = { ...(sco[head!] as object), [key]: value };
      }
      const id = `${sco.type as string}--${uuidV5(NAMESPACE, `sco ${index}`)}`;
      const at = `2024-05-01T10:${String(index).padStart(2, '0')}:00Z`;
      const observed = {
        type: 'observed-data', spec_version: '2.1', id: `observed-data--${uuidV5(NAMESPACE, `observed ${index}`)}`,
        created: '2024-05-01T10:00:00.000Z', modified: '2024-05-01T10:00:00.000Z', first_observed: at, last_observed: at, number_observed: 1, object_refs: [id],
      };
      return { used, line: JSON.stringify({ type: 'bundle', id: `bundle--${uuidV5(NAMESPACE, `bundle ${index}`)}`, objects: [observed, { ...sco, id }] }) };
    });
    // The oracle: an OR of equalities matches when any comparison is in the observation, an AND when all are.
    const expected = new Map<string, number>();
    for (const object of indicators) {
      const own = comparisons(object.pattern as string);
      const conjunctive = (object.pattern as string).includes(' AND ');
      const key = (c: { type: string; path: string; value: string }) => `${c.type}:${c.path}=${c.value}`;
      for (const { used } of derived) {
        const seen = new Set(used.map(key));
        const matched = conjunctive ? own.every((c) => seen.has(key(c))) : own.some((c) => seen.has(key(c)));
        if (matched) expected.set(object.id, (expected.get(object.id) ?? 0) + 1);
      }
    }
    assert.equal(expected.size, indicators.length);
    assert.ok([...expected.values()].some((count) => count > 1), 'some observations match several indicators');

    const file = path.join(dir, 'derived.jsonl');
    writeFileSync(file, derived.map((entry) => entry.line).join('\n'));
    const run = await accord('--data', data, 'match', '--observations', file, '--json');
    const json = parse(run);
    assert.deepEqual(json.skips, []);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(json.indicators.active, indicators.length);
    assert.deepEqual(new Map(json.sightingObjects.map((sighting) => [sighting.sighting_of_ref as string, sighting.count as number])), expected);
  });
});
