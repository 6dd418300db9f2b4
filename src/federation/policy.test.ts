import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedPath } from '../../test/support/shared.ts';
import { TLP2_EXTENSION_DEFINITION, type TlpLevel } from '../stix/markings.ts';
import type { StixObject } from '../stix/object.ts';
import type { Partner, Provenance, Reader, SharingAgreement } from './model.ts';
import { ACCORD_PROJECT_IDENTITY_ID, decide, effectiveTlp, localPolicySource, MemoryPolicySource, policyContext, RECIPIENTS_PROPERTY, type PolicyScope } from './policy.ts';
import { openSqliteLocalStore } from '../store/local/index.ts';

// The TLP marking-definitions as published (OASIS), by TLP version and name.
const published = new Map<string, StixObject>(['1', '2'].flatMap((version) =>
  (JSON.parse(readFileSync(sharedPath('conformance', 'markings', `tlp${version}-marking-definitions.json`), 'utf8')) as { objects: StixObject[] }).objects
    .filter((object) => object.type === 'marking-definition')
    .map((object): [string, StixObject] => [`${version}:${object.name as string}`, object])));
const tlp = (name: string, version = '2'): string => {
  const marking = published.get(`${version}:${name}`);
  assert.ok(marking, `no published TLP ${version} marking ${name}`);
  return marking.id;
};
const STATEMENT = 'marking-definition--1b2c3d4e-0000-4000-8000-000000000001';

const HOME = 'collection--home';
const OTHER = 'collection--other';
const NODE_IDENTITY = 'identity--00000000-0000-4000-8000-00000000000a';
const AU_IDENTITY = 'identity--00000000-0000-4000-8000-0000000000a0';
const PL_IDENTITY = 'identity--00000000-0000-4000-8000-0000000000b0';

const partner = (name: string, kind: Partner['kind'], identityId?: string): Partner =>
  ({ name, kind, accountName: `${name}-node`, createdAt: '2024-01-01T00:00:00.000Z', ...(identityId !== undefined && { identityId }) });
const agreement = (id: string, partnerName: string, direction: SharingAgreement['direction'], fields: Partial<SharingAgreement>): SharingAgreement =>
  ({ id, partner: partnerName, direction, collections: ['*'], objectTypes: ['*'], tlp: ['clear', 'green', 'amber', 'amber+strict', 'red'], onward: false, updatedAt: '2024-01-01T00:00:00.000Z', ...fields });

const AU = partner('au', 'state', AU_IDENTITY);
const PL = partner('pl', 'state', PL_IDENTITY);
/** The public pages, as a partner of kind `public`. */
const WEB = partner('web', 'public');

function source(): MemoryPolicySource {
  return new MemoryPolicySource({
    partners: [AU, PL, WEB],
    agreements: [
      agreement('au-out', 'au', 'outbound', {}),
      agreement('au-in', 'au', 'inbound', { onward: true }),
      agreement('pl-out', 'pl', 'outbound', { collections: [HOME], objectTypes: ['indicator', 'identity'], tlp: ['clear', 'green', 'amber'] }),
      agreement('pl-in', 'pl', 'inbound', { onward: false }),
      agreement('web-out', 'web', 'outbound', { tlp: ['clear', 'green'] }),
    ],
    provenance: [],
  });
}

const READERS: readonly [string, Reader][] = [
  ['local', { kind: 'local', role: 'analyst' }],
  ['public', { kind: 'public' }],
  ['au', { kind: 'partner', partner: AU }],
  ['pl', { kind: 'partner', partner: PL }],
  ['web', { kind: 'partner', partner: WEB }],
];

let serial = 0;
function indicator(fields: Partial<StixObject> = {}): StixObject {
  serial++;
  return {
    type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '198.51.100.1']",
    pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z', ...fields,
  };
}
const marked = (...refs: string[]): Partial<StixObject> => ({ object_marking_refs: refs });
const granular = (ref: string, selectors = ['description']): Partial<StixObject> => ({ description: 'd', granular_markings: [{ marking_ref: ref, selectors }] });

type Origin = 'here' | 'au' | 'pl' | 'gone';

function judge(object: StixObject, origin: Origin, scope: PolicyScope = { collectionId: HOME, nodeIdentityId: NODE_IDENTITY }, configure?: (s: MemoryPolicySource) => void) {
  const policy = source();
  configure?.(policy);
  const from: Record<Exclude<Origin, 'here'>, Omit<Provenance, 'objectId' | 'modified'>> = {
    au: { partner: 'au', agreementId: 'au-in', receivedAt: '2024-01-02T00:00:00.000Z' },
    pl: { partner: 'pl', agreementId: 'pl-in', receivedAt: '2024-01-02T00:00:00.000Z' },
    gone: { partner: 'au', agreementId: 'au-in-2023', receivedAt: '2024-01-02T00:00:00.000Z' },
  };
  if (origin !== 'here') policy.addProvenance({ objectId: object.id, modified: (object.modified ?? object.created)!, ...from[origin] });
  return READERS.map(([, reader]) => decide(reader, object, policyContext(policy, reader, scope)));
}

describe('effectiveTlp', () => {
  const rows: [string, Partial<StixObject>, TlpLevel, TlpLevel][] = [
    ['unmarked: the default', {}, 'amber', 'amber'],
    ['unmarked: a configured default', {}, 'green', 'green'],
    ['TLP 2.0 CLEAR', marked(tlp('TLP:CLEAR')), 'amber', 'clear'],
    ['TLP 1.0 WHITE is CLEAR', marked(tlp('TLP:WHITE', '1')), 'amber', 'clear'],
    ['TLP 1.0 AMBER', marked(tlp('TLP:AMBER', '1')), 'clear', 'amber'],
    ['TLP 1.0 RED', marked(tlp('TLP:RED', '1')), 'clear', 'red'],
    ['the strictest of several object markings', marked(tlp('TLP:GREEN'), tlp('TLP:AMBER+STRICT'), tlp('TLP:CLEAR')), 'clear', 'amber+strict'],
    ['a non-TLP marking changes nothing', marked(STATEMENT, tlp('TLP:GREEN')), 'amber', 'green'],
    ['only a non-TLP marking: the default', marked(STATEMENT), 'amber', 'amber'],
    ['a stricter granular marking makes the whole object that level', { ...marked(tlp('TLP:GREEN')), ...granular(tlp('TLP:RED')) }, 'clear', 'red'],
    ['a less strict granular marking changes nothing', { ...marked(tlp('TLP:AMBER')), ...granular(tlp('TLP:CLEAR')) }, 'clear', 'amber'],
    ['granular only: the default is the object level', granular(tlp('TLP:GREEN')), 'amber', 'amber'],
    ['granular only, stricter than the default', granular(tlp('TLP:RED', '1')), 'amber', 'red'],
    ['a language-only granular marking is no marking', { description: 'd', granular_markings: [{ lang: 'en', selectors: ['description'] }] }, 'green', 'green'],
  ];
  for (const [name, fields, fallback, expected] of rows) {
    it(name, () => assert.equal(effectiveTlp(indicator(fields), fallback), expected));
  }
});

describe('decide: each TLP level × reader × origin', () => {
  // Y: allowed, .: denied; readers in the order local, public, au, pl (indicators and identities in HOME,
  // clear…amber), web (the public as a partner of kind `public`, clear and green).
  // Origins: here (made on this node), au (inbound allows onward), pl (inbound forbids onward),
  // gone (provenance names an inbound agreement that no longer exists).
  const table: [string, Partial<StixObject>, Origin, string][] = [
    ['unmarked (default TLP:AMBER)', {}, 'here', 'Y.YY.'],
    ['TLP:CLEAR', marked(tlp('TLP:CLEAR')), 'here', 'YYYYY'],
    ['TLP:WHITE (1.0)', marked(tlp('TLP:WHITE', '1')), 'here', 'YYYYY'],
    ['TLP:GREEN', marked(tlp('TLP:GREEN')), 'here', 'Y.YY.'],
    ['TLP:GREEN (1.0)', marked(tlp('TLP:GREEN', '1')), 'here', 'Y.YY.'],
    ['TLP:AMBER', marked(tlp('TLP:AMBER')), 'here', 'Y.YY.'],
    ['TLP:AMBER+STRICT', marked(tlp('TLP:AMBER+STRICT')), 'here', 'Y.Y..'],
    ['TLP:RED naming au', { ...marked(tlp('TLP:RED')), [RECIPIENTS_PROPERTY]: [AU_IDENTITY] }, 'here', 'Y.Y..'],
    ['TLP:RED (1.0) naming au and pl', { ...marked(tlp('TLP:RED', '1')), [RECIPIENTS_PROPERTY]: [AU_IDENTITY, PL_IDENTITY] }, 'here', 'Y.Y..'],
    ['TLP:RED naming nobody', marked(tlp('TLP:RED')), 'here', 'Y....'],
    ['TLP:RED with a malformed recipients list', { ...marked(tlp('TLP:RED')), [RECIPIENTS_PROPERTY]: AU_IDENTITY }, 'here', 'Y....'],
    ['TLP:GREEN with a granular TLP:AMBER+STRICT', { ...marked(tlp('TLP:GREEN')), ...granular(tlp('TLP:AMBER+STRICT')) }, 'here', 'Y.Y..'],
    ['TLP:CLEAR with a granular TLP:RED naming au', { ...marked(tlp('TLP:CLEAR')), ...granular(tlp('TLP:RED')), [RECIPIENTS_PROPERTY]: [AU_IDENTITY] }, 'here', 'Y.Y..'],
    ['TLP:CLEAR and a statement marking', marked(tlp('TLP:CLEAR'), STATEMENT), 'here', 'YYYYY'],

    ['TLP:CLEAR from au', marked(tlp('TLP:CLEAR')), 'au', 'YY.YY'],
    ['TLP:GREEN from au', marked(tlp('TLP:GREEN')), 'au', 'Y..Y.'],
    ['TLP:AMBER from au', marked(tlp('TLP:AMBER')), 'au', 'Y....'],
    ['unmarked (TLP:AMBER) from au', {}, 'au', 'Y....'],
    ['TLP:AMBER+STRICT from au', marked(tlp('TLP:AMBER+STRICT')), 'au', 'Y....'],
    ['TLP:RED naming au and pl, from au', { ...marked(tlp('TLP:RED')), [RECIPIENTS_PROPERTY]: [AU_IDENTITY, PL_IDENTITY] }, 'au', 'Y....'],

    ['TLP:CLEAR from pl', marked(tlp('TLP:CLEAR')), 'pl', 'Y....'],
    ['TLP:GREEN from pl', marked(tlp('TLP:GREEN')), 'pl', 'Y....'],
    ['TLP:AMBER from pl', marked(tlp('TLP:AMBER')), 'pl', 'Y....'],
    ['TLP:RED naming au, from pl', { ...marked(tlp('TLP:RED')), [RECIPIENTS_PROPERTY]: [AU_IDENTITY] }, 'pl', 'Y....'],

    ['TLP:CLEAR under a vanished inbound agreement', marked(tlp('TLP:CLEAR')), 'gone', 'Y....'],
  ];
  for (const [name, fields, origin, expected] of table) {
    it(`${name}, origin ${origin}: ${expected}`, () => {
      const decisions = judge(indicator(fields), origin);
      const got = decisions.map((decision) => (decision.allow ? 'Y' : '.')).join('');
      assert.equal(got, expected, READERS.map(([name], i) => `${name}: ${decisions[i]!.reason}`).join('\n'));
      for (const decision of decisions) assert.ok(decision.reason.length > 10, 'every decision says why');
    });
  }
});

describe('decide: agreements, reasons and the always-shareable objects', () => {
  const reasons = (object: StixObject, origin: Origin = 'here', scope?: PolicyScope) =>
    Object.fromEntries(judge(object, origin, scope).map((decision, i) => [READERS[i]![0], decision.allow ? 'allowed' : decision.reason])) as Record<'local' | 'public' | 'au' | 'pl' | 'web', string>;

  it('says why each deny was made, specifically', () => {
    assert.match(reasons(indicator(marked(tlp('TLP:GREEN')))).public, /only TLP:CLEAR is given to the public; this version is TLP:GREEN/);
    assert.match(reasons(indicator(marked(tlp('TLP:GREEN')))).web, /partner "web" is the public: only TLP:CLEAR/);
    assert.match(reasons(indicator(marked(tlp('TLP:AMBER+STRICT')))).pl, /no outbound agreement with partner "pl" covering this collection and type lists TLP:AMBER\+STRICT/);
    assert.match(reasons(indicator(marked(tlp('TLP:RED')))).au, /TLP:RED goes only to the identities named in x_accord_recipients; partner "au" \(identity--.*\) is not named/);
    assert.match(reasons(indicator(marked(tlp('TLP:GREEN'))), 'au').au, /^originated there: received from partner "au"/);
    // Made by AU (created_by_ref its identity) and come here by whatever path: never back to AU, still to PL.
    const byAu = reasons(indicator({ ...marked(tlp('TLP:CLEAR')), created_by_ref: AU_IDENTITY }));
    assert.match(byAu.au, /^originated there: created by partner "au" \(identity--.*\), never sent back/);
    assert.equal(byAu.pl, 'allowed');
    assert.match(reasons(indicator(marked(tlp('TLP:AMBER'))), 'au').pl, /TLP:AMBER received from partner "au" never travels onward/);
    assert.match(reasons(indicator(marked(tlp('TLP:GREEN'))), 'pl').au, /under inbound agreement pl-in, which does not allow onward sharing/);
    assert.match(reasons(indicator(marked(tlp('TLP:CLEAR'))), 'gone').au, /originated there/);
    assert.match(reasons(indicator(marked(tlp('TLP:CLEAR'))), 'gone').public, /inbound agreement au-in-2023, which no longer exists/);
    assert.match(reasons({ ...indicator(marked(tlp('TLP:CLEAR'))), type: 'report' }).pl, /no outbound agreement with partner "pl" covers type report/);
    assert.match(reasons(indicator(marked(tlp('TLP:CLEAR'))), 'here', { collectionId: OTHER }).pl, /no outbound agreement with partner "pl" covers collection collection--other/);
    assert.match(reasons(indicator(marked(tlp('TLP:CLEAR'))), 'here', {}).pl, /no outbound agreement with partner "pl" covers all collections/);
    assert.equal(reasons(indicator(marked(tlp('TLP:CLEAR'))), 'here', {}).au, 'allowed', "au's agreement covers '*'");
  });

  it('reports the effective level, the default for unmarked objects', () => {
    const object = indicator();
    for (const decision of judge(object, 'here')) assert.equal(decision.level, 'amber');
    for (const decision of judge(object, 'here', undefined, (s) => s.setDefaultMarking('clear'))) {
      assert.equal(decision.level, 'clear');
      assert.equal(decision.allow, true, 'a node whose default is TLP:CLEAR shares unmarked objects with everyone');
    }
    for (const decision of judge(object, 'here', undefined, (s) => s.setDefaultMarking('red'))) assert.equal(decision.level, 'red');
  });

  it('shares marking-definitions, the TLP 2.0 extension-definition and the node identity with everyone who has an agreement for the collection', () => {
    const statement: StixObject = { type: 'marking-definition', spec_version: '2.1', id: STATEMENT, created: '2024-01-01T00:00:00.000Z', definition_type: 'statement', definition: { statement: 'Copyright Accord' } };
    const nodeIdentity: StixObject = { type: 'identity', spec_version: '2.1', id: NODE_IDENTITY, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'UK node', identity_class: 'organization' };
    for (const object of [published.get('2:TLP:RED')!, published.get('1:TLP:AMBER')!, statement, TLP2_EXTENSION_DEFINITION as StixObject, nodeIdentity]) {
      for (const origin of ['here', 'au', 'pl'] as const) {
        const decisions = judge(object, origin);
        assert.deepEqual(decisions.map((decision) => decision.allow), [true, true, true, true, true], `${object.id} from ${origin}`);
        assert.deepEqual(new Set(decisions.map((decision) => decision.level)), new Set(['clear']));
      }
      assert.deepEqual(judge(object, 'here', { collectionId: OTHER, nodeIdentityId: NODE_IDENTITY }).map((decision) => decision.allow), [true, true, true, false, true],
        'pl has no agreement for the other collection');
    }
    // Marked, they follow the ordinary rules.
    assert.deepEqual(judge({ ...nodeIdentity, ...marked(tlp('TLP:AMBER')) }, 'here').map((decision) => decision.allow), [true, false, true, true, false]);
    assert.deepEqual(judge({ ...statement, ...marked(tlp('TLP:RED')) }, 'here').map((decision) => decision.allow), [true, false, false, false, false]);
    // Another identity, unmarked, takes the default.
    assert.deepEqual(judge({ ...nodeIdentity, id: AU_IDENTITY }, 'here').map((decision) => decision.allow), [true, false, true, true, false]);
  });

  it("shares Accord's own extension-definitions and their creator like the TLP 2.0 definition, but no other extension-definition", () => {
    const stamp = '2026-01-01T00:00:00.000Z';
    const project: StixObject = { type: 'identity', spec_version: '2.1', id: ACCORD_PROJECT_IDENTITY_ID, created: stamp, modified: stamp, name: 'Accord project', identity_class: 'organization' };
    const definition = (creator: string): StixObject => ({
      type: 'extension-definition', spec_version: '2.1', id: 'extension-definition--5a8e2b1c-3d4f-5e6a-8b7c-9d0e1f2a3b4c', created: stamp, modified: stamp,
      created_by_ref: creator, name: 'accord-attribution-case', schema: 'https://accord.invalid/schemas/accord-attribution-case/1.0', version: '1.0', extension_types: ['new-sdo'],
    });
    for (const object of [project, definition(ACCORD_PROJECT_IDENTITY_ID)]) {
      for (const origin of ['here', 'au', 'pl'] as const) {
        const decisions = judge(object, origin);
        assert.deepEqual(decisions.map((decision) => decision.allow), [true, true, true, true, true], `${object.id} from ${origin}`);
        assert.deepEqual(new Set(decisions.map((decision) => decision.level)), new Set(['clear']));
      }
    }
    // One a partner wrote itself (another creator) is an ordinary object: unmarked, it takes the default, and it never goes back to its creator.
    const [local, publicly, au] = judge(definition(AU_IDENTITY), 'here');
    assert.deepEqual([local!.allow, publicly!.allow, publicly!.level], [true, false, 'amber']);
    assert.match(au!.reason, /^originated there/);
    // Marked, Accord's follow the ordinary rules too.
    assert.deepEqual(judge({ ...definition(ACCORD_PROJECT_IDENTITY_ID), ...marked(tlp('TLP:RED')) }, 'here').map((decision) => decision.allow), [true, false, false, false, false]);
  });

  it('ignores agreements of other partners and inbound agreements when sharing out', () => {
    const policy = source();
    const reader: Reader = { kind: 'partner', partner: partner('nz', 'state', 'identity--nz') };
    const context = { ...policyContext(policy, reader, { collectionId: HOME }), agreements: policy.agreements };
    assert.match(decide(reader, indicator(marked(tlp('TLP:CLEAR'))), context).reason, /no outbound agreement with partner "nz" covers collection/);
    const inboundOnly = new MemoryPolicySource({ partners: [AU], agreements: [agreement('au-in', 'au', 'inbound', { onward: true })] });
    const au: Reader = { kind: 'partner', partner: AU };
    assert.equal(decide(au, indicator(marked(tlp('TLP:CLEAR'))), policyContext(inboundOnly, au, { collectionId: HOME })).allow, false);
  });

  it('allocates nothing to allow: the same decision object each time', () => {
    const policy = source();
    const au: Reader = { kind: 'partner', partner: AU };
    const context = policyContext(policy, au, { collectionId: HOME });
    const first = decide(au, indicator(marked(tlp('TLP:GREEN'))), context);
    assert.equal(decide(au, indicator(marked(tlp('TLP:GREEN', '1'))), context), first);
    assert.ok(Object.isFrozen(first));
  });
});

describe('localPolicySource: the node-local store is the source', () => {
  it('takes the default marking from the node setting (TLP:AMBER when unset), at once when it changes', () => {
    const local = openSqliteLocalStore({ path: ':memory:' });
    try {
      const source = localPolicySource(local);
      assert.equal(source.defaultMarking(), 'amber');
      local.putSettings({ defaultMarking: 'green' });
      assert.equal(source.defaultMarking(), 'green');
      assert.equal(localPolicySource(local, { defaultMarking: 'red' }).defaultMarking(), 'red', 'an explicit option wins');
    } finally {
      local.close();
    }
  });
});
