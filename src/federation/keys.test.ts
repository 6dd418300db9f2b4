import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { openSqliteLocalStore } from '../store/local/index.ts';
import { ensureNodeKey, generateKeyPair, keyFingerprint, nodePublicKey, nodeSigningKey, parsePublicKey } from './keys.ts';

function keyObject(text: string) {
  const parsed = parsePublicKey(text);
  assert.ok('key' in parsed, 'a valid key');
  return parsed.key;
}

describe('node keys', () => {
  it('makes Ed25519 pairs as base64 DER, and fingerprints the SPKI DER with SHA-256 in groups of four', () => {
    const { publicKey } = generateKeyPair();
    const der = Buffer.from(publicKey, 'base64');
    assert.equal(der.length, 44, 'Ed25519 SPKI is 44 bytes');
    const fingerprint = keyFingerprint(publicKey);
    assert.match(fingerprint, /^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    assert.equal(fingerprint.replaceAll(' ', '').toLowerCase(), createHash('sha256').update(der).digest('hex'));
    assert.equal(keyFingerprint(keyObject(publicKey)), fingerprint, 'the same from a KeyObject');
  });

  it('reads partner public keys and says precisely why others are not', () => {
    const { publicKey } = generateKeyPair();
    const spaced = publicKey.replace(/(.{10})/g, '$1\n ');
    assert.equal((parsePublicKey(spaced) as { publicKey: string }).publicKey, publicKey, 'white space (a wrapped paste) is ignored');
    const problem = (text: string) => (parsePublicKey(text) as { problem?: string }).problem;
    assert.match(problem('')!, /not base64/);
    assert.match(problem('not-base64!')!, /not base64/);
    assert.match(problem('AAAA')!, /not a DER-encoded SPKI public key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    assert.match(problem(rsa)!, /is a rsa key; partner keys are Ed25519/);
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    assert.match(problem(x25519)!, /is a x25519 key/);
    assert.match(problem(generateKeyPair().privateKey)!, /not a DER-encoded SPKI public key/, 'a private key is not taken for a public one');
  });

  it('makes the node key once: later calls keep it; the private key signs what the public key verifies', () => {
    const local = openSqliteLocalStore({ path: ':memory:' });
    assert.equal(nodePublicKey(local), undefined);
    assert.equal(nodeSigningKey(local), undefined);
    const first = ensureNodeKey(local, '2024-01-01T00:00:00.000Z');
    assert.equal(first.created, true);
    assert.equal(first.key.createdAt, '2024-01-01T00:00:00.000Z');
    const again = ensureNodeKey(local);
    assert.equal(again.created, false);
    assert.deepEqual(again.key, first.key);
    assert.deepEqual(nodePublicKey(local), first.key);
    assert.equal(JSON.stringify(first.key).includes(local.nodeKey()!.privateKey), false, 'the public view holds no private key');
    const data = Buffer.from('hello');
    assert.ok(verify(null, data, keyObject(first.key.publicKey), sign(null, data, nodeSigningKey(local)!)));
  });

  it('stores at most one current key, whoever writes first', () => {
    const local = openSqliteLocalStore({ path: ':memory:' });
    const one = generateKeyPair();
    const two = generateKeyPair();
    assert.equal(local.addNodeKey({ algorithm: 'ed25519', ...one, createdAt: '2024-01-01T00:00:00.000Z' }), true);
    assert.equal(local.addNodeKey({ algorithm: 'ed25519', ...two, createdAt: '2024-01-02T00:00:00.000Z' }), false);
    assert.equal(local.nodeKey()!.publicKey, one.publicKey);
  });
});
