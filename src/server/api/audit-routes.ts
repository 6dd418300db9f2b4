import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { AuditLog } from '../../store/audit/audit-log.ts';
import { requireRole } from './api-auth.ts';
import { integerOf } from './object-query.ts';
import type { AuditList, AuditVerification } from './contract.ts';
import { int, str } from './schemas.ts';

export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 500;

/** The audit trail, newest first, and its chain check: `/api/audit`, `/api/audit/verify` (roles admin, analyst). */
export function registerAuditRoutes(app: FastifyInstance, audit: AuditLog | undefined): void {
  const log = (): AuditLog => {
    if (audit === undefined) throw new AppError(ErrorCode.TAXII_NOT_IMPLEMENTED, 'this node runs without an audit log');
    return audit;
  };

  app.get('/api/audit', {
    schema: {
      summary: `The audit log, newest first: text search (q: actor, target, details), action, paging back with before (limit 1-${MAX_AUDIT_LIMIT}); roles admin, analyst`,
      tags: ['api'],
      querystring: { type: 'object', properties: { q: str, action: str, before: { type: 'string', description: 'a seq: entries older than it' }, limit: { type: 'string', description: `1 to ${MAX_AUDIT_LIMIT} (default ${DEFAULT_AUDIT_LIMIT})` } } },
      response: {
        200: {
          type: 'object',
          properties: {
            items: { type: 'array', items: { type: 'object', properties: { seq: int, at: str, actor: str, action: str, target: str, details: {}, hash: str } } },
            nextBefore: int,
          },
        },
      },
    },
  }, async (request): Promise<AuditList> => {
    requireRole(request, ['admin', 'analyst'], 'the audit log');
    const query = request.query as Record<string, unknown>;
    const unknown = Object.keys(query).filter((key) => !['q', 'action', 'before', 'limit'].includes(key));
    if (unknown.length > 0) throw bad(`unknown parameter ${unknown.map((key) => JSON.stringify(key)).join(', ')}: the audit log takes q, action, before and limit`);
    const before = query.before === undefined ? undefined : integerOf('before', query.before, 1, Number.MAX_SAFE_INTEGER);
    const limit = query.limit === undefined ? DEFAULT_AUDIT_LIMIT : integerOf('limit', query.limit, 1, MAX_AUDIT_LIMIT);
    const text = typeof query.q === 'string' && query.q.trim() !== '' ? query.q.trim() : undefined;
    const action = typeof query.action === 'string' && query.action !== '' ? query.action : undefined;
    const entries = log().list({ order: 'desc', limit, ...(before !== undefined && { before }), ...(text !== undefined && { text }), ...(action !== undefined && { action }) });
    const last = entries.at(-1);
    return {
      items: entries.map(({ prevHash: _, ...entry }) => entry),
      ...(entries.length === limit && last !== undefined && last.seq > 1 && { nextBefore: last.seq }),
    };
  });

  app.get('/api/audit/verify', {
    schema: {
      summary: "Verify the audit log's hash chain against the head anchor; roles admin, analyst",
      tags: ['api'],
      response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, entries: int, headHash: str, problem: str, checkedAt: str } } },
    },
  }, async (request): Promise<AuditVerification> => {
    requireRole(request, ['admin', 'analyst'], 'the audit log');
    const result = log().verify();
    const checkedAt = new Date().toISOString();
    return result.ok
      ? { ok: true, entries: result.entries, headHash: result.head, checkedAt }
      : { ok: false, entries: result.entries, problem: `entry ${result.firstBad}: ${result.reason}`, checkedAt };
  });
}

function bad(message: string): AppError {
  return new AppError(ErrorCode.API_BAD_INPUT, message);
}
