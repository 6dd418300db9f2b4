import type { FastifyInstance } from 'fastify';
import type { PolicySource } from '../../federation/policy.ts';
import type { AuditLog } from '../../store/audit/audit-log.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { Store } from '../../store/store.ts';
import type { Authenticator } from '../auth.ts';
import { Sessions } from '../session.ts';
import { registerApiAuth } from './api-auth.ts';
import { registerAttributionRoutes } from './attribution-routes.ts';
import { registerAuditRoutes } from './audit-routes.ts';
import { registerCaseRoutes } from './case-routes.ts';
import { registerDashboardRoute } from './dashboard-route.ts';
import { registerFederationRoutes } from './federation-routes.ts';
import { registerIncidentRoutes } from './incident-routes.ts';
import { registerLawRoutes } from './law-routes.ts';
import { registerLessonRoutes } from './lesson-routes.ts';
import { registerNormsRoutes } from './norms-routes.ts';
import { registerResponseRoutes } from './response-routes.ts';
import { nodeInfoSource, registerNodeRoute } from './node-info.ts';
import { registerObjectRoutes } from './object-routes.ts';
import { registerPatternRoutes } from './pattern-routes.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerStatementRoutes } from './statement-routes.ts';
import { registerStatementVerifyRoute } from './statement-verify-route.ts';

/** The largest body of a web API route that sets none of its own. */
const DEFAULT_API_BODY_LIMIT = 64 * 1024;

export interface ApiDeps {
  store: Store;
  local: LocalStore;
  policy: PolicySource;
  authenticator: Authenticator;
  audit?: AuditLog | undefined;
  /** The app serves HTTPS (session cookies are then `Secure`). */
  secure: boolean;
}

/**
 * The web app's JSON API (`/api/…`, contract.ts, docs/api.md). Authentication
 * is a root hook, so `/api/match` (registered beside the TAXII routes) takes
 * the session too; the routes live in their own context, where request bodies
 * are JSON (the TAXII routes read theirs raw) and bounded.
 */
export async function registerApi(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const sessions = new Sessions(deps.local);
  registerApiAuth(app, { authenticator: deps.authenticator, sessions });
  const viewerDeps = { store: deps.store, local: deps.local, policy: deps.policy };
  const nodeInfo = nodeInfoSource(deps.store, deps.local, deps.policy);
  await app.register(async (api) => {
    api.removeAllContentTypeParsers();
    const json = api.getDefaultJsonParser('error', 'error');
    api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      // A DELETE or a GET from a client that labels every request JSON carries no body.
      if (body === '') done(null, undefined);
      else json(request, body as string, done);
    });
    api.addHook('onRoute', (route) => {
      route.bodyLimit ??= DEFAULT_API_BODY_LIMIT;
    });
    registerNodeRoute(api, nodeInfo);
    registerSessionRoutes(api, { authenticator: deps.authenticator, sessions, nodeInfo, audit: deps.audit, secure: deps.secure });
    registerDashboardRoute(api, { ...viewerDeps, audit: deps.audit });
    registerObjectRoutes(api, viewerDeps);
    registerPatternRoutes(api);
    registerStatementVerifyRoute(api);
    registerIncidentRoutes(api, { ...viewerDeps, audit: deps.audit });
    registerCaseRoutes(api, { ...viewerDeps, audit: deps.audit });
    registerStatementRoutes(api, { ...viewerDeps, audit: deps.audit });
    registerAttributionRoutes(api);
    registerLawRoutes(api, { ...viewerDeps, audit: deps.audit });
    registerNormsRoutes(api, { ...viewerDeps, audit: deps.audit });
    registerResponseRoutes(api, { ...viewerDeps, audit: deps.audit });
    registerLessonRoutes(api, { ...viewerDeps, audit: deps.audit });
    registerFederationRoutes(api, { store: deps.store, local: deps.local, audit: deps.audit });
    registerAuditRoutes(api, deps.audit);
  });
}
