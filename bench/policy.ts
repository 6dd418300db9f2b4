/**
 * `npm run bench -- policy [--calls 1000000]`
 *
 * The cost of the sharing policy's one decision (`decide`, src/federation/policy.ts)
 * per object version, over a realistic mix: 10,000 STIX versions with TLP 2.0 and
 * 1.0 object markings, none (the default applies), granular markings, statement
 * markings, TLP:RED with recipients, a fifth received from partners (provenance
 * looked up per version in the in-memory source), read by a partner (the TAXII
 * case), the public and a local account. The floor is a loop doing only the
 * marking lookup (strictest TLP of the object-level markings). Target (issue 5):
 * ≤ 5 µs per object. Median of three timed passes after a warm-up pass.
 */
import os from 'node:os';
import type { Partner, Reader, SharingAgreement } from '../src/federation/model.ts';
import { decide, MemoryPolicySource, policyContext, RECIPIENTS_PROPERTY, type PolicyContext } from '../src/federation/policy.ts';
import { TLP1_AMBER, TLP1_WHITE, TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN, TLP2_RED, tlpOfMarking, TLP_LEVELS } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { option } from './match.ts';
import { prng } from '../test/support/prng.ts';

const TARGET_NS = 5_000;
const POOL = 10_000;
const COLLECTION = 'collection--5e0c6b1a-0000-4000-8000-000000000001';
const STATEMENT = 'marking-definition--1b2c3d4e-0000-4000-8000-000000000001';

/** A deterministic pool of versions: the mix a node's shared collection holds. */
function pool(source: MemoryPolicySource, partners: readonly Partner[]): StixObject[] {
  const random = prng(7);
  // Shares of each marking: unmarked, CLEAR, GREEN, AMBER, AMBER+STRICT, RED, TLP 1.0 WHITE/AMBER, with a statement.
  const mix: [number, string[]][] = [[0.25, []], [0.15, [TLP2_CLEAR.id]], [0.25, [TLP2_GREEN.id]], [0.15, [TLP2_AMBER.id]], [0.05, [TLP2_AMBER_STRICT.id]],
    [0.05, [TLP2_RED.id]], [0.04, [TLP1_WHITE.id]], [0.03, [TLP1_AMBER.id]], [0.03, [TLP2_GREEN.id, STATEMENT]]];
  const types = ['indicator', 'indicator', 'indicator', 'malware', 'report', 'relationship', 'identity', 'attack-pattern'];
  return Array.from({ length: POOL }, (_, n) => {
    let roll = random();
    const refs = mix.find(([share]) => (roll -= share) < 0)?.[1] ?? [];
    const object: StixObject = {
      type: types[n % types.length]!,
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      ...(refs.length > 0 && { object_marking_refs: refs }),
    };
    if (random() < 0.1) object.granular_markings = [{ marking_ref: random() < 0.5 ? TLP2_AMBER.id : TLP2_RED.id, selectors: ['description'] }];
    if (refs.includes(TLP2_RED.id) || random() < 0.02) object[RECIPIENTS_PROPERTY] = [partners[n % partners.length]!.identityId!];
    if (random() < 0.2) {
      const from = partners[1 + (n % (partners.length - 1))]!;
      source.addProvenance({ objectId: object.id, modified: object.modified!, partner: from.name, agreementId: `${from.name}-in`, receivedAt: '2024-01-02T00:00:00.000Z' });
    }
    return object;
  });
}

/** ns per call of `run` over `calls` calls cycling the pool: median of three passes after a warm-up. */
function measure(calls: number, objects: readonly StixObject[], run: (object: StixObject) => boolean): { ns: number; allowed: number } {
  let allowed = 0;
  for (let n = 0; n < objects.length * 20; n++) run(objects[n % objects.length]!);
  const times: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    allowed = 0;
    const started = process.hrtime.bigint();
    for (let n = 0; n < calls; n++) if (run(objects[n % objects.length]!)) allowed++;
    times.push(Number(process.hrtime.bigint() - started) / calls);
  }
  return { ns: times.sort((a, b) => a - b)[1]!, allowed };
}

export async function main(args: string[]): Promise<void> {
  const calls = Number(option(args, '--calls', '1000000'));
  const partners: Partner[] = ['au', 'pl', 'nz', 'ca'].map((name, n) => ({
    name, kind: 'state', identityId: `identity--00000000-0000-4000-8000-0000000000${n}0`, accountName: `${name}-node`, createdAt: '2024-01-01T00:00:00.000Z',
  }));
  const agreements: SharingAgreement[] = partners.flatMap((partner, n): SharingAgreement[] => [
    { id: `${partner.name}-out`, partner: partner.name, direction: 'outbound', collections: [COLLECTION, 'collection--other'], objectTypes: n === 0 ? ['*'] : ['indicator', 'malware', 'report', 'relationship', 'identity'],
      tlp: n === 0 ? [...TLP_LEVELS] : ['clear', 'green', 'amber'], onward: n % 2 === 0, updatedAt: '2024-01-01T00:00:00.000Z' },
    { id: `${partner.name}-in`, partner: partner.name, direction: 'inbound', collections: ['*'], objectTypes: ['*'], tlp: [...TLP_LEVELS], onward: n % 2 === 0, updatedAt: '2024-01-01T00:00:00.000Z' },
  ]);
  const source = new MemoryPolicySource({ partners, agreements });
  const objects = pool(source, partners);
  const scope = { collectionId: COLLECTION, nodeIdentityId: 'identity--00000000-0000-4000-8000-00000000000a' };
  const readers: [string, Reader][] = [
    ['partner (au: every level, one agreement of two)', { kind: 'partner', partner: partners[0]! }],
    ['the public', { kind: 'public' }],
    ['local account', { kind: 'local', role: 'analyst' }],
  ];

  const lines: string[] = [];
  const say = (line: string): void => {
    console.log(line);
    lines.push(line);
  };
  say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  say(`Date: ${new Date().toISOString().slice(0, 10)}; command: npm run bench -- policy${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
  say('');
  say(`${calls.toLocaleString('en-GB')} calls cycling ${POOL.toLocaleString('en-GB')} versions (25% unmarked, TLP 2.0 and 1.0, 10% granular, 20% received from partners); median of three passes after a warm-up:`);
  say('');
  say('| what | ns per version | allowed |');
  say('|---|---:|---:|');
  const floor = measure(calls, objects, (object) => {
    let rank = -1;
    const refs = object.object_marking_refs;
    if (refs !== undefined) for (const ref of refs) rank = Math.max(rank, TLP_LEVELS.indexOf(tlpOfMarking(ref) ?? 'clear'));
    return rank < 2;
  });
  say(`| floor: the object-level marking lookup alone | ${floor.ns.toFixed(0)} | — |`);
  let worst = 0;
  for (const [name, reader] of readers) {
    const context: PolicyContext = policyContext(source, reader, scope);
    const result = measure(calls, objects, (object) => decide(reader, object, context).allow);
    worst = Math.max(worst, result.ns);
    say(`| \`decide\`, ${name} | ${result.ns.toFixed(0)} | ${(result.allowed / calls * 100).toFixed(0)}% |`);
  }
  say('');
  say(`Slowest reader: ${worst.toFixed(0)} ns per version (${(worst / floor.ns).toFixed(1)}× the floor); target ≤ ${TARGET_NS.toLocaleString('en-GB')} ns: ${worst <= TARGET_NS ? 'met' : 'NOT met'}.`);
  if (worst > TARGET_NS) process.exitCode = 1;
}
