import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateKeyPair } from './keys.ts';
import { signEnvelope, verifyEnvelope } from './signing.ts';

const envelope = {
  more: false,
  objects: [
    { type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z' },
    { type: 'malware', spec_version: '2.1', id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'Rosetta', is_family: true },
  ],
};

const { publicKey, privateKey } = generateKeyPair();

describe('signEnvelope / verifyEnvelope', () => {
  it('round-trips: a signature made with the private key verifies with the public key', () => {
    const signature = signEnvelope(envelope, privateKey);
    assert.match(signature, /^[A-Za-z0-9+/]{86}==$/);
    assert.equal(verifyEnvelope(envelope, signature, publicKey), true);
    assert.equal(verifyEnvelope(structuredClone(envelope), signature, publicKey), true, 'a copy verifies: nothing depends on identity');
  });

  it('refuses an envelope with one byte of one object changed', () => {
    const signature = signEnvelope(envelope, privateKey);
    const tampered = structuredClone(envelope);
    tampered.objects[0]!.pattern = "[ipv4-addr:value = '198.51.100.8']";
    assert.equal(verifyEnvelope(tampered, signature, publicKey), false);
    const dropped = { ...envelope, objects: envelope.objects.slice(1) };
    assert.equal(verifyEnvelope(dropped, signature, publicKey), false, 'an object removed');
    const reordered = { ...envelope, objects: [...envelope.objects].reverse() };
    assert.equal(verifyEnvelope(reordered, signature, publicKey), false, 'array order is content');
    assert.equal(verifyEnvelope({ ...envelope, more: true }, signature, publicKey), false, 'the envelope fields are signed too');
  });

  it('signs the canonical JSON (RFC 8785): key order and whitespace do not matter', () => {
    const [indicator, malware] = envelope.objects;
    const shuffled = {
      objects: [
        Object.fromEntries(Object.entries(indicator!).reverse()),
        Object.fromEntries(Object.entries(malware!).reverse()),
      ],
      more: false,
    };
    assert.equal(signEnvelope(shuffled, privateKey), signEnvelope(envelope, privateKey), 'Ed25519 is deterministic: the same bytes, the same signature');
    assert.equal(verifyEnvelope(JSON.parse(JSON.stringify(shuffled, null, 4)) as unknown, signEnvelope(envelope, privateKey), publicKey), true);
  });

  it('refuses a signature checked against another key', () => {
    const other = generateKeyPair();
    assert.equal(verifyEnvelope(envelope, signEnvelope(envelope, privateKey), other.publicKey), false);
    assert.equal(verifyEnvelope(envelope, signEnvelope(envelope, other.privateKey), publicKey), false);
  });

  it('answers false, without throwing, for garbage signatures, keys and envelopes', () => {
    const signature = signEnvelope(envelope, privateKey);
    const garbageSignatures: unknown[] = [
      undefined, null, '', 42, {}, ['x'], 'not base64 at all!', 'A'.repeat(88), `${signature}A`, signature.slice(4), Buffer.from(signature, 'base64'),
      `${'A'.repeat(86)}==`, signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
    ];
    for (const garbage of garbageSignatures) assert.equal(verifyEnvelope(envelope, garbage, publicKey), false, `signature ${String(garbage)}`);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    for (const key of ['', 'garbage', 'AAAA', rsa, privateKey]) assert.equal(verifyEnvelope(envelope, signature, key), false, `key ${key.slice(0, 16)}`);
    for (const bad of [{ n: Number.NaN }, { text: '\ud800' }, { n: 1n }]) assert.equal(verifyEnvelope(bad, signature, publicKey), false);
  });

  it('throws when asked to sign what has no canonical form', () => {
    assert.throws(() => signEnvelope({ n: Number.POSITIVE_INFINITY }, privateKey), TypeError);
  });
});
