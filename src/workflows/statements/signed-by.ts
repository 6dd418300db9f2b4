import type { StixObject } from '../../stix/object.ts';
import type { Store } from '../../store/store.ts';
import { latestWhere } from '../extensions/store-objects.ts';
import { registeredKeyProblem, signatureProblem, type AccordSignature } from './signature.ts';

/** The stored signatures of the current version of `report`. */
export async function statementSignatures(store: Store, report: StixObject): Promise<AccordSignature[]> {
  return (await latestWhere(store, ['accord-signature'], (object) => object.object_ref === report.id && object.object_modified === report.modified)) as AccordSignature[];
}

/**
 * Which of `signers` have no valid signature among `signatures` on `report`
 * as it stands (with `expectedKeys`, one made with their registered key).
 */
export function unsignedBy(report: StixObject, signatures: readonly AccordSignature[], signers: readonly string[], expectedKeys?: ReadonlyMap<string, string>): string[] {
  const signed = new Set<string>();
  for (const signature of signatures) {
    if (signatureProblem(signature, report) !== undefined) continue;
    if (registeredKeyProblem(signature.signer_ref, signature.key_fingerprint, expectedKeys) !== undefined) continue;
    signed.add(signature.signer_ref);
  }
  return signers.filter((signer) => !signed.has(signer));
}
