import type { FastifyInstance } from 'fastify';
import { verifyStatementBundle } from '../../workflows/statements/verify.ts';
import { requireRole } from './api-auth.ts';
import type { StatementVerification } from './contract.ts';
import { str, strings } from './schemas.ts';

/** The largest statement bundle checked (a report, a few signatures and identities). */
export const STATEMENT_BUNDLE_LIMIT = 4 * 1024 * 1024;

const verdictSchema = {
  type: 'object',
  required: ['signer', 'valid'],
  properties: { signer: str, signerName: str, fingerprint: str, valid: { type: 'boolean' }, reason: str },
} as const;

/**
 * `POST /api/statements/verify`: every co-signature of a joint statement bundle
 * checked, as `accord verify FILE` does (workflows/statements `verifyStatementBundle`).
 * Nothing is stored or read from the store: the answer depends on the bundle alone.
 */
export function registerStatementVerifyRoute(app: FastifyInstance): void {
  app.post('/api/statements/verify', {
    bodyLimit: STATEMENT_BUNDLE_LIMIT,
    schema: {
      summary: 'Verify a joint statement bundle: each signature over the RFC 8785 canonical JSON of the report, the signers\' identities present; ok only when every signature verifies (any signed-in account)',
      tags: ['api'],
      body: { type: 'object', description: 'a STIX bundle holding one statement report, its accord-signature objects and the signers\' identities', additionalProperties: true },
      response: {
        200: {
          type: 'object',
          required: ['ok', 'signatures', 'problems'],
          properties: { ok: { type: 'boolean' }, statementId: str, signatures: { type: 'array', items: verdictSchema }, problems: strings },
        },
      },
    },
  }, async (request): Promise<StatementVerification> => {
    requireRole(request, ['admin', 'analyst', 'reader'], 'verifying a statement');
    return verifyStatementBundle(request.body);
  });
}
