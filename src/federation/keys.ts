import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { LocalStore, NodeKeyRecord } from '../store/local/local-store.ts';
import { now as clockNow } from '../stix/timestamp.ts';

/**
 * The node's signing key (issue 5): one Ed25519 key pair, made at `accord init`
 * and kept in node.sqlite. The private key is read only to sign and is never
 * printed, exported or sent; partners register the public key (SPKI DER,
 * base64) and compare fingerprints out of band.
 */
export const KEY_ALGORITHM = 'ed25519';

/** What may be shown of the node's key. */
export interface NodePublicKey {
  algorithm: typeof KEY_ALGORITHM;
  /** SPKI DER, base64. */
  publicKey: string;
  /** `keyFingerprint(publicKey)`. */
  fingerprint: string;
  createdAt: string;
}

/** A new Ed25519 key pair as DER, base64: SPKI for the public key, PKCS#8 for the private key. */
export function generateKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

/**
 * SHA-256 of the SPKI DER, upper-case hex in 16 groups of four (as PGP shows
 * fingerprints), so that two people can read it to each other.
 */
export function keyFingerprint(publicKey: string | KeyObject): string {
  const der = typeof publicKey === 'string' ? Buffer.from(publicKey, 'base64') : publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/.{4}/g)!.join(' ');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Reads an Ed25519 public key given as base64 SPKI DER (what `accord identity show`
 * prints). Returns the key, or why the text is not one.
 */
export function parsePublicKey(text: string): { key: KeyObject; publicKey: string } | { problem: string } {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !BASE64.test(compact)) return { problem: 'is not base64 (expected the SPKI key that `accord identity show` prints on the partner\'s node)' };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(compact, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return { problem: 'is not a DER-encoded SPKI public key (expected the key that `accord identity show` prints on the partner\'s node)' };
  }
  if (key.asymmetricKeyType !== KEY_ALGORITHM) return { problem: `is a ${key.asymmetricKeyType ?? 'unknown'} key; partner keys are Ed25519` };
  return { key, publicKey: key.export({ format: 'der', type: 'spki' }).toString('base64') };
}

function publicView(record: NodeKeyRecord): NodePublicKey {
  return { algorithm: KEY_ALGORITHM, publicKey: record.publicKey, fingerprint: keyFingerprint(record.publicKey), createdAt: record.createdAt };
}

/** The node's current public key, or undefined before `accord init`. */
export function nodePublicKey(local: LocalStore): NodePublicKey | undefined {
  const record = local.nodeKey();
  return record && publicView(record);
}

/**
 * Makes the node's key pair unless it has one (idempotent; two processes racing
 * end with the same key). `created` tells whether this call made it.
 */
export function ensureNodeKey(local: LocalStore, now: string = clockNow()): { key: NodePublicKey; created: boolean } {
  const existing = local.nodeKey();
  if (existing !== undefined) return { key: publicView(existing), created: false };
  const pair = generateKeyPair();
  const created = local.addNodeKey({ algorithm: KEY_ALGORITHM, ...pair, createdAt: now });
  return { key: publicView(local.nodeKey()!), created };
}

/** The private key the node signs with; the key stays in memory, never in output. */
export function nodeSigningKey(local: LocalStore): KeyObject | undefined {
  const record = local.nodeKey();
  return record && createPrivateKey({ key: Buffer.from(record.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
}

/**
 * The keys registered on this node, by identity id: each partner's and the
 * node's own. A co-signature counts only when made with one of them (a valid
 * signature by any other key proves nothing about who signed).
 */
export function registeredKeys(local: LocalStore): Map<string, string> {
  const keys = new Map<string, string>();
  for (const partner of local.listPartners()) {
    if (partner.identityId !== undefined && partner.publicKey !== undefined) keys.set(partner.identityId, partner.publicKey);
  }
  const own = nodePublicKey(local);
  const identityId = local.settings().identityId;
  if (own !== undefined && identityId !== undefined) keys.set(identityId, own.publicKey);
  return keys;
}
