import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalize } from '../stix/canonical-json.ts';

/**
 * Signed transfers (issue 5): what a node sends — a TAXII envelope it pushes, or
 * a page it serves — carries a detached Ed25519 signature over the canonical
 * JSON (RFC 8785) of the envelope, so key order and whitespace do not matter
 * but any change to any value does. The receiver checks it against the key
 * registered for the partner (`Partner.publicKey`).
 */

/** An Ed25519 signature is 64 bytes: 88 base64 characters. */
const SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

/** The bytes that are signed: the RFC 8785 canonical JSON of `envelope`, UTF-8. */
export function signedBytes(envelope: unknown): Buffer {
  return Buffer.from(canonicalize(envelope), 'utf8');
}

/**
 * The detached signature (base64) of `envelope` with the node's private key
 * (a KeyObject, or PKCS#8 DER in base64). Throws if the envelope cannot be put
 * in canonical JSON (a non-finite number, a lone surrogate).
 */
export function signEnvelope(envelope: unknown, privateKey: KeyObject | string): string {
  const key = typeof privateKey === 'string' ? createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' }) : privateKey;
  return sign(null, signedBytes(envelope), key).toString('base64');
}

/**
 * True only when `signature` is a valid Ed25519 signature of `envelope` by
 * `publicKey` (a KeyObject, or SPKI DER in base64). Anything else — a missing
 * or malformed signature, a key that is not Ed25519, an envelope that has no
 * canonical form — is false; it never throws.
 */
export function verifyEnvelope(envelope: unknown, signature: unknown, publicKey: KeyObject | string): boolean {
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return false;
  try {
    const key = typeof publicKey === 'string' ? createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }) : publicKey;
    if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, signedBytes(envelope), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
