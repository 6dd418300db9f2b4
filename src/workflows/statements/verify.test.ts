import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { TLP2_CLEAR } from '../../stix/markings.ts';
import type { StixBundle, StixObject } from '../../stix/object.ts';
import { signStatement, type AccordSignature } from './signature.ts';
import { verifyStatementBundle } from './verify.ts';

const T = '2025-03-01T10:00:00.000Z';
const identity = (id: string, name: string): StixObject => ({ type: 'identity', spec_version: '2.1', id, created: T, modified: T, name, identity_class: 'organization' });
const UK = identity('identity--11111111-1111-4111-8111-111111111111', 'UK node');
const AU = identity('identity--22222222-2222-4222-8222-222222222222', 'AU node');
const PL = identity('identity--33333333-3333-4333-8333-333333333333', 'PL node');
const report: StixObject = {
  type: 'report', spec_version: '2.1', id: 'report--aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', created: T, modified: T, created_by_ref: UK.id,
  name: 'Joint statement: attribution of the grid outage to Sandworm', description: 'UK, AU and PL jointly attribute…', report_types: ['threat-actor'],
  published: T, object_refs: ['accord-attribution-case--44444444-4444-4444-8444-444444444444', 'intrusion-set--66666666-6666-4666-8666-666666666666'],
  object_marking_refs: [TLP2_CLEAR.id], x_accord_signatories: [UK.id, AU.id, PL.id], confidence: 80, labels: ['attribution'], lang: 'en', revoked: false,
};
const keys = new Map([UK, AU, PL].map((who) => [who.id, generateKeyPairSync('ed25519')]));
const publicKeyOf = (id: string) => keys.get(id)!.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const signatures = [UK, AU, PL].map((who) => signStatement(report, keys.get(who.id)!.privateKey, who.id, T));
const bundle = (objects: readonly unknown[]): StixBundle => ({ type: 'bundle', id: 'bundle--bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', objects: objects as StixObject[] });
const good = () => bundle([structuredClone(report), ...structuredClone(signatures), UK, AU, PL]);

/** Every way to change one value by a little: strings get a character flipped, numbers move, booleans flip, lists and objects change inside. */
function alterations(value: unknown): unknown[] {
  if (typeof value === 'string') {
    const flipped = value.length === 0 ? 'x' : value.slice(0, -1) + (value.at(-1) === 'a' ? 'b' : 'a');
    return [flipped, `${value} `];
  }
  if (typeof value === 'number') return [value + 1];
  if (typeof value === 'boolean') return [!value];
  if (Array.isArray(value)) return [[...value, value[0]], value.slice(1), ...value.flatMap((item, index) => alterations(item).map((changed) => value.map((old, at) => (at === index ? changed : old))))];
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return [
      { ...record, x_extra: 1 },
      ...Object.keys(record).flatMap((key) => [
        Object.fromEntries(Object.entries(record).filter(([name]) => name !== key)),
        ...alterations(record[key]).map((changed) => ({ ...record, [key]: changed })),
      ]),
    ];
  }
  return [];
}

describe('statement signatures', () => {
  it('verify: one report, three signatures, three identities', () => {
    const result = verifyStatementBundle(good());
    assert.deepEqual(result.problems, []);
    assert.equal(result.ok, true);
    assert.equal(result.statementId, report.id);
    assert.deepEqual(result.signatures.map((s) => [s.signerName, s.valid]), [['UK node', true], ['AU node', true], ['PL node', true]]);
    assert.match(result.signatures[0]!.fingerprint!, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });

  it('verify whatever the key order and whitespace of the report (RFC 8785)', () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(report).reverse()), null, 2)) as StixObject;
    assert.equal(verifyStatementBundle(bundle([reordered, ...signatures, UK, AU, PL])).ok, true);
  });

  it('verify with the keys registered for the signers', () => {
    const expectedKeys = new Map([UK, AU, PL].map((who) => [who.id, publicKeyOf(who.id)]));
    assert.equal(verifyStatementBundle(good(), { expectedKeys }).ok, true);
  });

  // The property: every alteration of any property of the report, or of any signature, fails verification.
  const properties: [what: string, index: number, key: string][] = [
    ...Object.keys(report).map((key): [string, number, string] => ['the report', 0, key]),
    ...signatures.flatMap((signature, n) => Object.keys(signature).map((key): [string, number, string] => [`signature ${n + 1}`, n + 1, key])),
  ];
  for (const [what, index, key] of properties) {
    it(`fail after any change to ${key} of ${what}`, () => {
      const original = good().objects![index]! as Record<string, unknown>;
      const changes = [...alterations(original[key]).map((changed) => ({ ...original, [key]: changed })), Object.fromEntries(Object.entries(original).filter(([name]) => name !== key))];
      assert.ok(changes.length > 1);
      for (const changed of changes) {
        const objects = good().objects!;
        objects[index] = changed as StixObject;
        const result = verifyStatementBundle(bundle(objects));
        assert.equal(result.ok, false, `still verifies with ${key} = ${JSON.stringify((changed as Record<string, unknown>)[key])}`);
        assert.ok(result.problems.length > 0);
      }
    });
  }

  it('fail after a change to a single byte of the report\'s text', () => {
    const text = report.description as string;
    for (let at = 0; at < text.length; at++) {
      const changed = { ...report, description: text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1) };
      assert.equal(verifyStatementBundle(bundle([changed, ...signatures, UK, AU, PL])).ok, false, `byte ${at}`);
    }
  });

  it('fail when a signer\'s identity is missing, saying whose', () => {
    const result = verifyStatementBundle(bundle([report, ...signatures, UK, PL]));
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems, [
      `signature ${signatures[1]!.id} by ${AU.id}: the signer's identity ${AU.id} is not in the bundle, so who signed is unknown`,
      `the statement names ${AU.id} as a signatory, but the bundle holds no valid signature by it`,
    ]);
    assert.deepEqual(result.signatures.map((s) => s.valid), [true, false, true]);
  });

  it('fail when a signatory the statement names has not signed, however good the other signatures', () => {
    const result = verifyStatementBundle(bundle([report, signatures[0], signatures[1], UK, AU, PL]));
    assert.deepEqual(result.problems, [`the statement names ${PL.id} as a signatory, but the bundle holds no valid signature by it`]);
  });

  it('fail when the bundle carries something a statement bundle does not hold', () => {
    const extra = { type: 'indicator', spec_version: '2.1', id: 'indicator--77777777-7777-4777-8777-777777777777', created: T, modified: T };
    assert.match(verifyStatementBundle(bundle([...good().objects!, extra])).problems.join('\n'), /^indicator--7{8}-.* has no place in a statement bundle, which holds only objects of types report, accord-signature/m);
  });

  it('fail when a signer has no registered key, or signed with another key than the registered one', () => {
    const expectedKeys = new Map([[UK.id, publicKeyOf(UK.id)], [AU.id, publicKeyOf(PL.id)]]);
    const result = verifyStatementBundle(good(), { expectedKeys });
    assert.equal(result.ok, false);
    assert.equal(result.signatures[0]!.valid, true);
    assert.match(result.signatures[1]!.reason!, new RegExp(`^it is signed with key [0-9A-F ]+, but the key registered for ${AU.id} is [0-9A-F ]+$`));
    assert.match(result.signatures[2]!.reason!, new RegExp(`^no key is registered here for ${PL.id}: the signing key [0-9A-F ]+ is unknown$`));
  });

  it('fail for a signature re-made by another key that claims a signer (the content-derived id is kept right)', () => {
    const forged = signStatement(report, generateKeyPairSync('ed25519').privateKey, AU.id, T);
    const expectedKeys = new Map([UK, AU, PL].map((who) => [who.id, publicKeyOf(who.id)]));
    const result = verifyStatementBundle(bundle([report, signatures[0], forged, signatures[2], UK, AU, PL]), { expectedKeys });
    assert.equal(result.ok, false);
    assert.match(result.problems[0]!, /but the key registered for/);
  });

  const shapes: [name: string, value: unknown, problem: RegExp][] = [
    ['not a bundle', { type: 'report' }, /^not a STIX bundle/],
    ['a bundle without signatures', bundle([report, UK]), /holds no accord-signature/],
    ['a bundle with two reports', bundle([report, { ...report, id: 'report--cccccccc-cccc-4ccc-8ccc-cccccccccccc' }, ...signatures, UK, AU, PL]), /holds 2 reports/],
    ['a bundle without the report', bundle([...signatures, UK, AU, PL]), /holds 0 reports/],
    ['a bundle with a non-object', bundle([report, ...signatures, UK, AU, PL, 42]), /objects\[7\] is not a STIX object/],
    ['a signature of an older version', bundle([{ ...report, modified: '2025-03-02T00:00:00.000Z' }, signatures[0], UK]), /signs the version of 2025-03-01T10:00:00.000Z, not the statement's version 2025-03-02T00:00:00.000Z/],
  ];
  for (const [name, value, problem] of shapes) {
    it(`fail for ${name}`, () => {
      const result = verifyStatementBundle(value);
      assert.equal(result.ok, false);
      assert.ok(result.problems.some((text) => problem.test(text)), result.problems.join('\n'));
    });
  }

  it('never throws, whatever it is given', () => {
    for (const value of [null, undefined, 1, 'x', [], { type: 'bundle' }, { type: 'bundle', objects: [null, { type: 'accord-signature', id: 1 }] }]) {
      assert.equal(verifyStatementBundle(value).ok, false);
    }
  });

  it('a signature object carries what a verifier needs', () => {
    const signature: AccordSignature = signatures[0]!;
    assert.equal(signature.object_ref, report.id);
    assert.equal(signature.object_modified, report.modified);
    assert.equal(signature.algorithm, 'Ed25519');
    assert.equal(signature.canonicalization, 'RFC8785');
    assert.equal(signature.public_key, publicKeyOf(UK.id));
    assert.deepEqual(signature.object_marking_refs, [TLP2_CLEAR.id]);
  });
});
