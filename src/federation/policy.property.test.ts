/**
 * Property test of the sharing policy: random partners, agreements, markings
 * (object-level, granular, TLP 1.0 and 2.0, none, unknown) and provenance,
 * many thousands of decisions, each checked against the invariants issue 5
 * names. The expected level is worked out here from the published marking
 * ids, not by the policy's own code. Seeded: a failure prints the seed and
 * the case, and `POLICY_SEED=… node --import tsx --test …` replays it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  TLP1_AMBER,
  TLP1_GREEN,
  TLP1_RED,
  TLP1_WHITE,
  TLP2_AMBER,
  TLP2_AMBER_STRICT,
  TLP2_CLEAR,
  TLP2_EXTENSION_DEFINITION_ID,
  TLP2_GREEN,
  TLP2_RED,
  TLP_LEVELS,
  type TlpLevel,
} from '../stix/markings.ts';
import type { StixObject } from '../stix/object.ts';
import { DIRECTIONS, PARTNER_KINDS, type Partner, type Provenance, type Reader, type SharingAgreement } from './model.ts';
import { decide, MemoryPolicySource, policyContext, RECIPIENTS_PROPERTY, type Decision } from './policy.ts';
import { prng } from '../../test/support/prng.ts';


const SEED = Number(process.env.POLICY_SEED ?? 20240805);
const CASES = 20_000;

// The expected levels, from the marking objects' own names (TLP 1.0 WHITE is TLP 2.0 CLEAR).
const TLP_MARKINGS: readonly StixObject[] = [TLP2_CLEAR, TLP2_GREEN, TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_RED, TLP1_WHITE, TLP1_GREEN, TLP1_AMBER, TLP1_RED];
const LEVEL_OF = new Map(TLP_MARKINGS.map((marking) => [marking.id, (marking.name as string).slice(4).toLowerCase().replace('white', 'clear') as TlpLevel]));
const UNKNOWN_MARKINGS = ['marking-definition--3a5f4e2c-0000-4000-8000-000000000001', 'marking-definition--3a5f4e2c-0000-4000-8000-000000000002'];
const COLLECTIONS = ['collection--a', 'collection--b', 'collection--c'];
const TYPES = ['indicator', 'report', 'identity', 'malware', 'marking-definition'];
const NODE_IDENTITY = 'identity--00000000-0000-4000-8000-00000000000a';
const rank = (level: TlpLevel): number => TLP_LEVELS.indexOf(level);

interface Case {
  partners: Partner[];
  agreements: SharingAgreement[];
  object: StixObject;
  provenance?: Provenance;
  reader: Reader;
  collectionId?: string;
  defaultMarking: TlpLevel;
}

function generate(random: () => number, index: number): Case {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[], p = 0.5): T[] => list.filter(() => random() < p);
  const chance = (p: number): boolean => random() < p;

  const partners: Partner[] = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, n) => ({
    name: `p${n}`,
    kind: chance(0.15) ? 'public' : pick(PARTNER_KINDS.filter((kind) => kind !== 'public')),
    accountName: `p${n}-node`,
    createdAt: '2024-01-01T00:00:00.000Z',
    ...(chance(0.9) && { identityId: `identity--00000000-0000-4000-8000-0000000000${n}0` }),
  }));
  const agreements: SharingAgreement[] = [];
  for (const partner of partners) {
    for (let n = Math.floor(random() * 4); n > 0; n--) {
      agreements.push({
        id: `${partner.name}-${agreements.length}`,
        partner: partner.name,
        direction: pick(DIRECTIONS),
        collections: chance(0.3) ? ['*'] : some(COLLECTIONS, 0.6),
        objectTypes: chance(0.4) ? ['*'] : some(TYPES, 0.6),
        tlp: some(TLP_LEVELS, 0.6),
        onward: chance(0.5),
        updatedAt: '2024-01-01T00:00:00.000Z',
      });
    }
  }

  const type = pick(TYPES);
  const object: StixObject = {
    type,
    spec_version: '2.1',
    id: type === 'identity' && chance(0.3) ? NODE_IDENTITY : chance(0.03) ? TLP2_EXTENSION_DEFINITION_ID : `${type}--00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
  };
  const objectMarkings = chance(0.3) ? [] : some([...TLP_MARKINGS.map((marking) => marking.id), ...UNKNOWN_MARKINGS], 0.15);
  if (objectMarkings.length > 0 || chance(0.1)) object.object_marking_refs = objectMarkings;
  if (chance(0.3)) {
    object.granular_markings = Array.from({ length: 1 + Math.floor(random() * 2) }, () =>
      chance(0.1) ? { lang: 'en', selectors: ['name'] } : { marking_ref: pick([...TLP_MARKINGS.map((marking) => marking.id), ...UNKNOWN_MARKINGS]), selectors: [pick(['name', 'description', 'labels.[0]'])] });
  }
  if (chance(0.5)) object[RECIPIENTS_PROPERTY] = some(partners.map((partner) => partner.identityId ?? 'identity--nobody'), 0.4);

  let provenance: Provenance | undefined;
  if (chance(0.4)) {
    const from = pick(partners);
    const inbound = agreements.filter((agreement) => agreement.partner === from.name && agreement.direction === 'inbound');
    provenance = {
      objectId: object.id,
      modified: object.modified!,
      partner: from.name,
      agreementId: inbound.length > 0 && chance(0.85) ? pick(inbound).id : `${from.name}-gone`,
      receivedAt: '2024-01-02T00:00:00.000Z',
    };
  }
  const roll = random();
  const reader: Reader = roll < 0.1 ? { kind: 'local', role: pick(['admin', 'analyst', 'reader']) } : roll < 0.25 ? { kind: 'public' } : { kind: 'partner', partner: pick(partners) };
  return {
    partners, agreements, object, reader, defaultMarking: pick(TLP_LEVELS),
    ...(provenance && { provenance }),
    ...(chance(0.9) && { collectionId: pick(COLLECTIONS) }),
  };
}

/** The level the case's object must have, worked out independently: always-shareable objects count as TLP:CLEAR. */
function expectedLevel(c: Case): TlpLevel {
  if (alwaysShareable(c)) return 'clear';
  const levels = (refs: readonly unknown[]): number[] => refs.flatMap((ref) => (LEVEL_OF.has(ref as string) ? [rank(LEVEL_OF.get(ref as string)!)] : []));
  const objectLevels = levels(c.object.object_marking_refs ?? []);
  const granularLevels = levels(((c.object.granular_markings ?? []) as { marking_ref?: string }[]).map((marking) => marking.marking_ref));
  return TLP_LEVELS[Math.max(objectLevels.length > 0 ? Math.max(...objectLevels) : rank(c.defaultMarking), ...granularLevels)]!;
}

/** Objects every reader needs (to read markings, to know this node): shareable while they carry no TLP marking. */
function alwaysShareable(c: Case): boolean {
  const anyTlp = [...(c.object.object_marking_refs ?? []), ...((c.object.granular_markings ?? []) as { marking_ref?: string }[]).map((marking) => marking.marking_ref)]
    .some((ref) => LEVEL_OF.has(ref as string));
  return !anyTlp && (c.object.type === 'marking-definition' || c.object.id === TLP2_EXTENSION_DEFINITION_ID || c.object.id === NODE_IDENTITY);
}

const outboundFor = (c: Case, partner: Partner): SharingAgreement[] => c.agreements.filter((agreement) =>
  agreement.partner === partner.name && agreement.direction === 'outbound'
  && (agreement.collections.includes('*') || (c.collectionId !== undefined && agreement.collections.includes(c.collectionId))));

/** The invariants of issue 5; each returns a message when broken. */
const INVARIANTS: readonly [string, (c: Case, d: Decision, level: TlpLevel) => string | undefined][] = [
  ['local readers see everything (their collection grants are checked elsewhere)', (c, d) =>
    (c.reader.kind === 'local' && !d.allow ? 'a local reader was denied' : undefined)],
  ['the default marking is applied to unmarked objects; the level is the strictest of object and granular markings', (c, d, level) =>
    (d.level !== level ? `level ${d.level}, expected ${level}` : undefined)],
  ['nothing but TLP:CLEAR reaches the public (and GREEN never does)', (c, d, level) => {
    const isPublic = c.reader.kind === 'public' || (c.reader.kind === 'partner' && c.reader.partner.kind === 'public');
    return isPublic && d.allow && level !== 'clear' ? `TLP:${level} reached the public` : undefined;
  }],
  ['nothing reaches a partner without a matching outbound agreement', (c, d, level) => {
    if (c.reader.kind !== 'partner' || !d.allow) return undefined;
    const covering = outboundFor(c, c.reader.partner);
    if (covering.length === 0) return 'no outbound agreement covers the collection';
    if (alwaysShareable(c)) return undefined;
    return covering.some((agreement) => (agreement.objectTypes.includes('*') || agreement.objectTypes.includes(c.object.type)) && agreement.tlp.includes(level))
      ? undefined : 'no outbound agreement covers the type and level';
  }],
  ['TLP:RED never reaches a partner not named in x_accord_recipients', (c, d, level) => {
    if (c.reader.kind !== 'partner' || !d.allow || level !== 'red') return undefined;
    const recipients = c.object[RECIPIENTS_PROPERTY];
    const id = c.reader.partner.identityId;
    return id !== undefined && Array.isArray(recipients) && recipients.includes(id) ? undefined : `TLP:RED reached ${c.reader.partner.name}, not named`;
  }],
  ['AMBER, AMBER+STRICT and RED received from A never reach anyone else but local readers', (c, d, level) =>
    (c.provenance !== undefined && c.reader.kind !== 'local' && d.allow && rank(level) >= rank('amber') ? `TLP:${level} from ${c.provenance.partner} travelled onward` : undefined)],
  ['what came from A never goes back to A', (c, d) =>
    (c.provenance !== undefined && c.reader.kind === 'partner' && c.reader.partner.name === c.provenance.partner && d.allow && !alwaysShareable(c) ? 'sent back to its source' : undefined)],
  ["what came from A travels onward only under A's inbound agreement allowing it", (c, d) => {
    if (c.provenance === undefined || c.reader.kind === 'local' || !d.allow || alwaysShareable(c)) return undefined;
    const inbound = c.agreements.find((agreement) => agreement.id === c.provenance!.agreementId);
    return inbound?.onward === true && inbound.direction === 'inbound' ? undefined : 'travelled onward without an inbound agreement allowing it';
  }],
  ['every decision says why', (_c, d) => (d.reason.trim().length === 0 ? 'empty reason' : undefined)],
];

describe('sharing policy: properties over random agreements, markings and provenance', () => {
  it(`holds every invariant over ${CASES.toLocaleString('en-GB')} random cases (seed ${SEED})`, () => {
    const random = prng(SEED);
    const seen = new Map<string, number>();
    const count = (what: string): void => {
      seen.set(what, (seen.get(what) ?? 0) + 1);
    };
    for (let index = 0; index < CASES; index++) {
      const c = generate(random, index);
      const source = new MemoryPolicySource({ partners: c.partners, agreements: c.agreements, provenance: c.provenance ? [c.provenance] : [], defaultMarking: c.defaultMarking });
      const decision = decide(c.reader, c.object, policyContext(source, c.reader, { collectionId: c.collectionId, nodeIdentityId: NODE_IDENTITY }));
      const level = expectedLevel(c);
      for (const [name, check] of INVARIANTS) {
        const broken = check(c, decision, level);
        if (broken !== undefined) assert.fail(`${name}: ${broken}\nseed ${SEED}, case ${index}: ${JSON.stringify({ ...c, decision }, null, 1)}`);
      }
      const kind = c.reader.kind === 'partner' ? (c.reader.partner.kind === 'public' ? 'public-partner' : 'partner') : c.reader.kind;
      count(`${kind} ${decision.allow ? 'allowed' : 'denied'} ${level}${c.provenance ? ' onward' : ''}`);
    }
    // The generator must reach the interesting corners, or the invariants hold vacuously.
    for (const corner of ['partner allowed red', 'partner allowed amber+strict', 'partner allowed green onward', 'partner denied red', 'partner denied amber onward',
      'public allowed clear', 'public allowed clear onward', 'public denied green', 'public-partner allowed clear', 'public-partner denied green', 'local allowed red']) {
      assert.ok((seen.get(corner) ?? 0) >= 5, `the generator reached "${corner}" only ${seen.get(corner) ?? 0} times`);
    }
  });
});
