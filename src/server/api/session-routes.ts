import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { AuditLog } from '../../store/audit/audit-log.ts';
import type { Account, SessionRecord } from '../../store/local/local-store.ts';
import type { Authenticator } from '../auth.ts';
import { FailureLimiter } from '../failure-limiter.ts';
import { SESSION_ABSOLUTE_MS, type Sessions } from '../session.ts';
import { accountOf, sessionCookie } from './api-auth.ts';
import { SESSION_COOKIE, type SessionInfo } from './contract.ts';
import type { NodeInfoSource } from './node-info.ts';
import { sessionInfoSchema } from './schemas.ts';

/** Failed logins allowed per client address and per account name in one window. */
export const LOGIN_FAILURES_PER_WINDOW = 10;
export const LOGIN_WINDOW_MS = 60_000;

interface Deps {
  authenticator: Authenticator;
  sessions: Sessions;
  nodeInfo: NodeInfoSource;
  audit?: AuditLog | undefined;
  /** The app serves HTTPS: the cookie is `Secure`. */
  secure: boolean;
}

/** `POST /api/session` (login), `GET /api/session`, `DELETE /api/session` (logout): docs/api.md "Authentication". */
export function registerSessionRoutes(app: FastifyInstance, deps: Deps): void {
  const limiter = new FailureLimiter({ limit: LOGIN_FAILURES_PER_WINDOW, windowMs: LOGIN_WINDOW_MS });
  const cookieOptions = { httpOnly: true, sameSite: 'strict', path: '/', secure: deps.secure } as const;
  const sessionInfo = async (account: Account, record: SessionRecord): Promise<SessionInfo> => ({
    account: { name: account.name, role: account.role },
    csrfToken: record.csrfToken,
    node: await deps.nodeInfo(),
    ...(record.previousVisit !== undefined && { previousVisit: record.previousVisit }),
  });
  const audit = (actor: string, action: string, details: Record<string, unknown>): void => {
    deps.audit?.append({ actor, action, target: actor, details });
  };

  app.post('/api/session', {
    config: { apiAccess: 'public' },
    schema: {
      summary: 'Sign in with an account name and secret: sets the session cookie and answers SessionInfo (partner accounts refused; failed logins rate-limited)',
      security: [],
      tags: ['api'],
      body: { type: 'object', required: ['name', 'secret'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, secret: { type: 'string', minLength: 1, maxLength: 1000 } } },
      response: { 200: sessionInfoSchema },
    },
  }, async (request, reply): Promise<SessionInfo> => {
    const { name, secret } = request.body as { name: string; secret: string };
    const keys = [`ip:${request.ip}`, `name:${name}`];
    const retryAfter = limiter.retryAfter(keys);
    if (retryAfter !== undefined) {
      // Not audited one by one (a flood would bury the trail): the failure that reached the limit was.
      throw new AppError(ErrorCode.AUTH_RATE_LIMITED, `too many failed logins from this address or for this account: try again in ${retryAfter} s`, { retryAfterSeconds: retryAfter });
    }
    const account = await deps.authenticator.verifyAccount(name, secret);
    if (account === undefined) {
      const limited = limiter.fail(keys);
      audit(name, 'session.login-failed', { ip: request.ip, reason: 'unknown account, wrong secret or disabled account', ...(limited && { limited: `${LOGIN_FAILURES_PER_WINDOW} failures: further logins from this address or for this name wait ${LOGIN_WINDOW_MS / 1000} s` }) });
      throw new AppError(ErrorCode.AUTH_UNAUTHENTICATED, 'the name or secret is not valid (or the account is disabled)');
    }
    if (account.role === 'partner') {
      audit(name, 'session.login-failed', { ip: request.ip, reason: 'partner account' });
      throw new AppError(ErrorCode.AUTH_FORBIDDEN, `account ${JSON.stringify(name)} is a partner's machine account: it cannot sign in to the web app (partners' nodes use TAXII)`);
    }
    const { id, record } = deps.sessions.open(account);
    audit(account.name, 'session.login', { ip: request.ip });
    void reply.setCookie(SESSION_COOKIE, id, { ...cookieOptions, maxAge: SESSION_ABSOLUTE_MS / 1000 });
    return sessionInfo(account, record);
  });

  app.get('/api/session', {
    schema: { summary: 'The signed-in session: account, CSRF token, node and previous visit (401 when there is none)', tags: ['api'], response: { 200: sessionInfoSchema } },
  }, async (request): Promise<SessionInfo> => {
    return sessionInfo(accountOf(request), sessionRecord(request));
  });

  app.delete('/api/session', {
    schema: { summary: 'Sign out: ends the session and clears its cookie (needs X-CSRF-Token)', tags: ['api'], response: { 200: { type: 'object', properties: { ended: { type: 'boolean' } } } } },
  }, async (request, reply) => {
    sessionRecord(request);
    const id = sessionCookie(app, request)!;
    deps.sessions.close(id);
    audit(accountOf(request).name, 'session.logout', { ip: request.ip });
    void reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ended: true };
  });
}

/** The session of a cookie-authenticated request; a header-authenticated one has none. */
function sessionRecord(request: FastifyRequest) {
  if (request.apiSession === null) {
    throw new AppError(ErrorCode.API_BAD_INPUT, 'this request was authenticated by its Authorization header, not a session: there is no session to show or end (POST /api/session opens one)');
  }
  return request.apiSession.record;
}
