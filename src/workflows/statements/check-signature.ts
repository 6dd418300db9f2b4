import { keyFingerprint, parsePublicKey } from '../../federation/keys.ts';
import type { Fields } from '../extensions/fields.ts';

/** What Accord signs with and how the signed bytes are made. */
export const SIGNATURE_ALGORITHM = 'Ed25519';
export const SIGNATURE_CANONICALIZATION = 'RFC8785';

/** accord-signature: the structure, and a fingerprint that is the key's. Whether the signature verifies is `verifyStatementBundle`'s question. */
export function checkSignatureFields(fields: Fields): void {
  fields.ref('object_ref', ['report'], true);
  fields.timestamp('object_modified', true);
  const signer = fields.ref('signer_ref', ['identity'], true);
  fields.oneOf('algorithm', [SIGNATURE_ALGORITHM], true);
  fields.oneOf('canonicalization', [SIGNATURE_CANONICALIZATION], true);
  const publicKey = fields.string('public_key', true, 'an Ed25519 public key (SPKI DER, base64)');
  const fingerprint = fields.string('key_fingerprint', true);
  fields.string('signature', true, 'an Ed25519 signature (base64)');
  if (signer !== undefined && fields.value.created_by_ref !== signer) {
    fields.problem('created_by_ref', 'signer', `must be the signer ${signer}: a signature is made by its signer`);
  }
  if (publicKey === undefined) return;
  const parsed = parsePublicKey(publicKey);
  if ('problem' in parsed) {
    fields.problem('public_key', 'value-format', parsed.problem);
  } else if (fingerprint !== undefined && fingerprint !== keyFingerprint(parsed.publicKey)) {
    fields.problem('key_fingerprint', 'derived-value', `is not the fingerprint of public_key (${keyFingerprint(parsed.publicKey)})`);
  }
}
