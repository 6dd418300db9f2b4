/**
 * Joint public statements: drafting from an agreed case, co-signing (Ed25519
 * over RFC 8785 canonical JSON), the bundle a node exports, and its
 * verification. Publishing is the case's transition to `published`
 * (attribution/transitionCase), which needs every concurring participant's
 * signature on the statement's current version.
 */
export { draftStatement, NORMS_AND_LAW_PLACEHOLDER, reviseStatement, STATEMENT_REPORT_TYPE, statementText } from './draft.ts';
export { cosignStatement } from './cosign.ts';
export { signatureId, signatureProblem, signStatement, type AccordSignature } from './signature.ts';
export { statementSignatures, unsignedBy } from './signed-by.ts';
export { statementBundle } from './bundle.ts';
export { verifyStatementBundle, type SignatureVerification, type StatementVerification, type VerifyOptions } from './verify.ts';
export { SIGNATURE_ALGORITHM, SIGNATURE_CANONICALIZATION } from './check-signature.ts';
