import { keyFingerprint, parsePublicKey } from '../../federation/keys.ts';
import type { StixObject } from '../../stix/object.ts';
import { checkWorkflowObject } from '../extensions/check.ts';
import { isRecord, show } from '../extensions/fields.ts';
import { registeredKeyProblem, signatureProblem, SIGNATORIES_PROPERTY } from './signature.ts';

/**
 * Verifies a statement bundle as a node exports it (`statementBundle`): one
 * STIX `report` (the statement), its accord-signature objects, the signers'
 * identities (and the case). Used by `accord verify FILE` and the API; needs
 * nothing but the bundle (and, when given, the keys this node has registered
 * for its partners).
 */

export interface SignatureVerification {
  /** The signer's identity id (`signer_ref`), or "(unknown)". */
  signer: string;
  /** The signer identity's `name`, when the bundle holds it. */
  signerName?: string;
  /** The fingerprint of the key the signature carries. */
  fingerprint?: string;
  valid: boolean;
  /** Why it is not valid. */
  reason?: string;
}

export interface StatementVerification {
  /** True only when every check below passed. */
  ok: boolean;
  statementId?: string;
  signatures: SignatureVerification[];
  /** Every reason for `ok: false`, one sentence each. */
  problems: string[];
}

export interface VerifyOptions {
  /**
   * The public key (SPKI DER, base64) registered for each signer identity, e.g.
   * from this node's partners. When given, a signature must use its signer's
   * registered key; a signer with no registered key fails.
   */
  expectedKeys?: ReadonlyMap<string, string>;
}

/**
 * `ok` only when the bundle holds exactly one statement report and at least
 * one signature, every signature verifies against the key it carries over the
 * report's canonical JSON (and its own content is unaltered), each signer's
 * identity is in the bundle, every signatory the report names
 * (`x_accord_signatories`) has signed, nothing else is in the bundle, and —
 * with `expectedKeys` — each key is the one registered for its signer.
 * Never throws.
 */
export function verifyStatementBundle(bundle: unknown, options: VerifyOptions = {}): StatementVerification {
  const problems: string[] = [];
  if (!isRecord(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
    return { ok: false, signatures: [], problems: [`not a STIX bundle: expected {"type": "bundle", "objects": [...]}, got ${show(bundle)}`] };
  }
  const objects: StixObject[] = [];
  bundle.objects.forEach((object, index) => {
    if (isRecord(object) && typeof object.type === 'string' && typeof object.id === 'string') objects.push(object as StixObject);
    else problems.push(`objects[${index}] is not a STIX object (it has no type and id)`);
  });
  const reports = objects.filter((object) => object.type === 'report');
  const report = reports.length === 1 ? reports[0] : undefined;
  if (reports.length !== 1) problems.push(`the bundle holds ${reports.length} reports; a statement bundle holds exactly one statement report`);
  const identities = new Map(objects.filter((object) => object.type === 'identity').map((identity) => [identity.id, identity]));
  const signatureObjects = objects.filter((object) => object.type === 'accord-signature');
  if (signatureObjects.length === 0) problems.push('the bundle holds no accord-signature: nothing attests the statement');

  for (const object of objects) {
    if (!BUNDLE_TYPES.has(object.type)) problems.push(`${object.id} has no place in a statement bundle, which holds only objects of types ${[...BUNDLE_TYPES].join(', ')}`);
  }
  const signatures = signatureObjects.map((signature) => {
    const result = verifyOne(signature, report, identities, options.expectedKeys);
    if (!result.valid) problems.push(`signature ${signature.id} by ${result.signerName ?? result.signer}: ${result.reason}`);
    return result;
  });
  const signed = new Set(signatures.filter((signature) => signature.valid).map((signature) => signature.signer));
  for (const signatory of signatoriesOf(report)) {
    if (!signed.has(signatory)) problems.push(`the statement names ${signatory} as a signatory, but the bundle holds no valid signature by it`);
  }
  return { ok: problems.length === 0, ...(report !== undefined && { statementId: report.id }), signatures, problems };
}

/** What a node puts in a statement bundle (statementBundle), and definitions a tool may add. */
const BUNDLE_TYPES: ReadonlySet<string> = new Set(['report', 'accord-signature', 'identity', 'accord-attribution-case', 'marking-definition', 'extension-definition']);

/** The signatories the statement names (`x_accord_signatories`), if it names them. */
function signatoriesOf(report: StixObject | undefined): string[] {
  const listed = report?.[SIGNATORIES_PROPERTY];
  return Array.isArray(listed) ? listed.filter((item): item is string => typeof item === 'string') : [];
}

function verifyOne(signature: StixObject, report: StixObject | undefined, identities: ReadonlyMap<string, StixObject>, expectedKeys: ReadonlyMap<string, string> | undefined): SignatureVerification {
  const signer = typeof signature.signer_ref === 'string' ? signature.signer_ref : '(unknown)';
  const identity = identities.get(signer);
  const result: SignatureVerification = { signer, valid: false };
  if (typeof identity?.name === 'string') result.signerName = identity.name;
  const key = typeof signature.public_key === 'string' ? parsePublicKey(signature.public_key) : undefined;
  if (key !== undefined && !('problem' in key)) result.fingerprint = keyFingerprint(key.publicKey);
  const shape = checkWorkflowObject(signature)[0];
  result.reason = shape !== undefined ? `${shape.path}: ${shape.message}`
    : report === undefined ? 'there is no single statement report to check it against'
      : signatureProblem(signature, report) ?? (identity === undefined ? `the signer's identity ${signer} is not in the bundle, so who signed is unknown`
        : registeredKeyProblem(signer, result.fingerprint, expectedKeys));
  if (result.reason === undefined) {
    delete result.reason;
    result.valid = true;
  }
  return result;
}
