/**
 * `accord export --for PARTNER|public` (issue 5): an export for a reader goes through
 * the one sharing policy, like every other egress path (docs/policy.md).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN, TLP2_RED } from '../src/stix/markings.ts';
import { accord, temporaryDirectory } from './support/cli.ts';

const T = '2024-03-01T00:00:00.000Z';
const AU_IDENTITY = 'identity--7a6d4a0e-6c63-4d8a-9f0e-0a0000000a00';

function indicator(n: number, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, created: T, modified: T,
    pattern: `[ipv4-addr:value = '198.51.100.${n}']`, pattern_type: 'stix', valid_from: T, ...extra,
  };
}

const OBJECTS = {
  clear: indicator(1, { object_marking_refs: [TLP2_CLEAR.id] }),
  green: indicator(2, { object_marking_refs: [TLP2_GREEN.id] }),
  amber: indicator(3, { object_marking_refs: [TLP2_AMBER.id] }),
  strict: indicator(4, { object_marking_refs: [TLP2_AMBER_STRICT.id] }),
  redForAu: indicator(5, { object_marking_refs: [TLP2_RED.id], x_accord_recipients: [AU_IDENTITY] }),
  red: indicator(6, { object_marking_refs: [TLP2_RED.id] }),
  unmarked: indicator(7, {}),
};

describe('accord export --for', () => {
  const tmp = temporaryDirectory();
  const data = ['--data', path.join(tmp.dir, 'node')];
  after(() => tmp.cleanup());

  const exported = async (...argv: string[]): Promise<string[]> => {
    const result = await accord(...data, 'export', '--type', 'indicator', ...argv);
    assert.equal(result.code, 0, result.stderr);
    const ids = new Set((JSON.parse(result.stdout) as { objects: { id: string }[] }).objects.map((object) => object.id));
    return Object.entries(OBJECTS).filter(([, object]) => ids.has(object.id as string)).map(([name]) => name);
  };

  before(async () => {
    assert.equal((await accord(...data, 'init')).code, 0);
    const bundle = path.join(tmp.dir, 'bundle.json');
    writeFileSync(bundle, JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: Object.values(OBJECTS) }));
    assert.equal((await accord(...data, 'import', bundle)).code, 0);
    const key = JSON.parse((await accord(...data, 'identity', 'show', '--json')).stdout) as { publicKey: string };
    assert.equal((await accord(...data, 'partner', 'add', 'au', '--url', 'http://127.0.0.1:7402/taxii2/accord/', '--identity', AU_IDENTITY, '--public-key', key.publicKey)).code, 0);
    assert.equal((await accord(...data, 'agreement', 'set', 'au', '--direction', 'outbound', '--tlp', 'clear,green,amber,red')).code, 0);
  });

  it('a plain export (the node itself) has everything', async () => {
    assert.deepEqual(await exported(), Object.keys(OBJECTS));
  });

  it('for a partner: what its agreement and TLP 2.0 allow — no AMBER+STRICT, RED only when named, unmarked as AMBER', async () => {
    assert.deepEqual(await exported('--for', 'au'), ['clear', 'green', 'amber', 'redForAu', 'unmarked']);
    const audit = JSON.parse((await accord(...data, 'audit', 'list', '--action', 'policy.deny', '--json')).stdout) as { actor: string; details: { endpoint: string; count: number } }[];
    assert.deepEqual(audit.map((entry) => [entry.actor, entry.details.endpoint, entry.details.count]), [['partner:au', 'cli.export', 2]]);
  });

  it('for the public: TLP:CLEAR only; the default marking setting applies to unmarked objects', async () => {
    assert.deepEqual(await exported('--for', 'public'), ['clear']);
    assert.equal((await accord(...data, 'init', '--default-marking', 'clear')).code, 0);
    assert.deepEqual(await exported('--for', 'public'), ['clear', 'unmarked']);
  });

  it('an unknown partner is a usage error', async () => {
    const result = await accord(...data, 'export', '--for', 'nz');
    assert.equal(result.code, 64);
    assert.match(result.stderr, /no partner named "nz"/);
  });
});
