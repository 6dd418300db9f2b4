import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { Account, Role } from '../../store/local/local-store.ts';
import type { Authenticator } from '../auth.ts';
import { csrfMatches, type ActiveSession, type Sessions } from '../session.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './contract.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The web session of a cookie-authenticated `/api/` request (null: header-authenticated or public). */
    apiSession: ActiveSession | null;
  }
  interface FastifyContextConfig {
    /** `public`: an `/api/` route anyone may call (the node's name, the login itself). */
    apiAccess?: 'public';
  }
}

export const API_PREFIX = '/api/';

const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith(API_PREFIX);
}

/**
 * Authenticates every `/api/` request but the public ones: an `Authorization`
 * header (Basic or Bearer: tools) wins; else the session cookie, and then a
 * state-changing method must echo the session's CSRF token (a cross-site form
 * or script can make the browser send the cookie, never read the token).
 * Partner accounts are machine accounts: the routes refuse them (`accountOf`).
 */
export function registerApiAuth(app: FastifyInstance, deps: { authenticator: Authenticator; sessions: Sessions }): void {
  app.decorateRequest('apiSession', null);
  app.addHook('onRequest', async (request) => {
    if (!isApi(request) || request.routeOptions.config.apiAccess === 'public') return;
    const header = request.headers.authorization;
    if (header !== undefined && header.trim() !== '') {
      request.principal = await deps.authenticator.authenticate(header);
    } else {
      const session = sessionOf(app, request, deps.sessions);
      request.principal = { account: session.account };
      request.apiSession = session;
      if (UNSAFE_METHODS.has(request.method) && !csrfMatches(session.record, request.headers[CSRF_HEADER])) {
        throw new AppError(ErrorCode.AUTH_CSRF, `a ${request.method} signed in by the session cookie must carry the session's CSRF token in the X-CSRF-Token header (from POST or GET /api/session)`);
      }
    }
  });
}

/** The cookie's value (undefined when the request carries none). */
export function sessionCookie(app: FastifyInstance, request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  const value = app.parseCookie(header)[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

function sessionOf(app: FastifyInstance, request: FastifyRequest, sessions: Sessions): ActiveSession {
  const id = sessionCookie(app, request);
  if (id === undefined) {
    throw new AppError(ErrorCode.AUTH_UNAUTHENTICATED, 'sign in first: POST /api/session with {"name", "secret"}, or send an Authorization header (Basic, or Bearer with an API key)');
  }
  const session = sessions.find(id);
  if (session === undefined) throw new AppError(ErrorCode.AUTH_UNAUTHENTICATED, 'the session has ended (it expired, was logged out, or its account was disabled): sign in again');
  return session;
}

/** Refuses (403) an account whose role is not in `roles`; `what` names the action for the message. */
export function requireRole(request: FastifyRequest, roles: readonly Role[], what: string): void {
  const role = accountOf(request).role;
  if (!roles.includes(role)) {
    throw new AppError(ErrorCode.AUTH_FORBIDDEN, `${what} is for the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}; this account's role is ${role}`);
  }
}

/** The person signed in to an authenticated `/api/` request; a partner's machine account is refused (403). */
export function accountOf(request: FastifyRequest): Account {
  if (request.principal === null) throw new AppError(ErrorCode.AUTH_UNAUTHENTICATED, 'authentication required');
  const account = request.principal.account;
  if (account.role === 'partner') {
    throw new AppError(ErrorCode.AUTH_FORBIDDEN, `account ${JSON.stringify(account.name)} is a partner's machine account: it reads and writes over TAXII, not the web API`);
  }
  return account;
}
