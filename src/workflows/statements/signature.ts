import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { keyFingerprint, parsePublicKey } from '../../federation/keys.ts';
import { signEnvelope, verifyEnvelope } from '../../federation/signing.ts';
import { canonicalize } from '../../stix/canonical-json.ts';
import { uuidV5 } from '../../stix/identifier.ts';
import { TLP2_CLEAR } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import { now as clockNow } from '../../stix/timestamp.ts';
import { ACCORD_NAMESPACE, newSdoExtension } from '../extensions/definitions.ts';
import { SIGNATURE_ALGORITHM, SIGNATURE_CANONICALIZATION } from './check-signature.ts';

/**
 * Co-signatures of a joint statement. A partner's node signs the RFC 8785
 * canonical JSON of one version of the statement report, exactly as stored,
 * with its Ed25519 node key (federation/signing.ts, the same signing as
 * signed transfers). The accord-signature object carries the signature, the
 * public key and its fingerprint, and travels with the statement.
 *
 * Its id is derived from its content (UUIDv5 over the canonical JSON of every
 * other property, as STIX does for observables, §2.9): the signature proves
 * the report unchanged, the id proves the signature object unchanged, so any
 * change to any byte of either fails verification.
 */

/**
 * The custom property (STIX 2.1 §11.1) of a statement report that lists the
 * identities expected to sign it (the concurring participants when it was
 * drafted): signed with the report, it lets a verifier tell that a signature
 * is missing, not just that the present ones are good.
 */
export const SIGNATORIES_PROPERTY = 'x_accord_signatories';

export interface AccordSignature extends StixObject {
  type: 'accord-signature';
  created_by_ref: string;
  object_ref: string;
  object_modified: string;
  signer_ref: string;
  algorithm: typeof SIGNATURE_ALGORITHM;
  canonicalization: typeof SIGNATURE_CANONICALIZATION;
  public_key: string;
  key_fingerprint: string;
  signature: string;
}

/** The id an accord-signature must have: derived from all its other properties. */
export function signatureId(signature: Readonly<Record<string, unknown>>): string {
  const { id: _id, ...content } = signature;
  return `accord-signature--${uuidV5(ACCORD_NAMESPACE, canonicalize(content))}`;
}

/**
 * Signs `report` (one stored version of a joint statement) for the identity
 * `signerIdentityId` with the node's private key (a KeyObject, or PKCS#8 DER
 * in base64). Pure: storing the signature is the caller's.
 */
export function signStatement(report: StixObject, nodeKey: KeyObject | string, signerIdentityId: string, now: string = clockNow()): AccordSignature {
  const privateKey = typeof nodeKey === 'string' ? createPrivateKey({ key: Buffer.from(nodeKey, 'base64'), format: 'der', type: 'pkcs8' }) : nodeKey;
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  const content = {
    type: 'accord-signature',
    spec_version: '2.1',
    created: now,
    modified: now,
    created_by_ref: signerIdentityId,
    // A signature of a public statement is public too.
    object_marking_refs: [TLP2_CLEAR.id],
    extensions: newSdoExtension('accord-signature'),
    object_ref: report.id,
    object_modified: report.modified ?? '',
    signer_ref: signerIdentityId,
    algorithm: SIGNATURE_ALGORITHM,
    canonicalization: SIGNATURE_CANONICALIZATION,
    public_key: publicKey,
    key_fingerprint: keyFingerprint(publicKey),
    signature: signEnvelope(report, privateKey),
  };
  return { id: signatureId(content), ...content } as AccordSignature;
}

/**
 * Why `signature` does not prove `report` (this exact version) signed by the
 * key it carries, or undefined when it does. Checks the content-derived id,
 * the reference to the report and its version, the algorithm, the
 * fingerprint and the Ed25519 signature over the report's canonical JSON.
 */
export function signatureProblem(signature: Readonly<Record<string, unknown>>, report: StixObject): string | undefined {
  if (signature.id !== signatureId(signature)) return 'the signature object has been altered: its id is not the one derived from its content';
  if (signature.object_ref !== report.id) return `it signs ${String(signature.object_ref)}, not the statement ${report.id}`;
  if (signature.object_modified !== report.modified) return `it signs the version of ${String(signature.object_modified)}, not the statement's version ${String(report.modified)}`;
  if (signature.algorithm !== SIGNATURE_ALGORITHM || signature.canonicalization !== SIGNATURE_CANONICALIZATION) {
    return `it uses ${String(signature.algorithm)} over ${String(signature.canonicalization)}; Accord verifies ${SIGNATURE_ALGORITHM} over ${SIGNATURE_CANONICALIZATION} canonical JSON`;
  }
  if (typeof signature.public_key !== 'string') return 'it carries no public key';
  let fingerprint: string;
  try {
    fingerprint = keyFingerprint(signature.public_key);
  } catch {
    return 'its public key is not base64 SPKI DER';
  }
  if (signature.key_fingerprint !== fingerprint) return `its key_fingerprint is not the fingerprint of its public key (${fingerprint})`;
  if (!verifyEnvelope(report, signature.signature, signature.public_key)) return 'the Ed25519 signature does not verify against its public key over the statement as it stands: the statement or the signature has changed, or the key is not the signing key';
  return undefined;
}

/** With `expectedKeys` (signer identity → registered public key), why the key with `fingerprint` is not the one registered for `signer`. */
export function registeredKeyProblem(signer: string, fingerprint: string | undefined, expectedKeys: ReadonlyMap<string, string> | undefined): string | undefined {
  if (expectedKeys === undefined) return undefined;
  const expected = expectedKeys.get(signer);
  if (expected === undefined) return `no key is registered here for ${signer}: the signing key ${fingerprint} is unknown`;
  const parsed = parsePublicKey(expected);
  const registered = 'problem' in parsed ? undefined : keyFingerprint(parsed.publicKey);
  return registered === fingerprint ? undefined : `it is signed with key ${fingerprint}, but the key registered for ${signer} is ${registered ?? 'not a valid Ed25519 key'}`;
}
