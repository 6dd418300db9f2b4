import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../common/errors.ts';
import { localPolicySource, type PolicySource } from '../federation/policy.ts';
import type { AuditLog } from '../store/audit/audit-log.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import type { Store } from '../store/store.ts';
import { negotiate, TAXII_MEDIA_TYPE } from '../taxii/media-types.ts';
import { registerWorkflowChecks } from '../workflows/extensions/index.ts';
import { isApi } from './api/api-auth.ts';
import { registerApi } from './api/index.ts';
import { Authenticator, type AuthenticatorOptions, type Principal } from './auth.ts';
import { httpAnswerOf } from './http-errors.ts';
import { createMetrics } from './metrics.ts';
import { registerPublicPages } from './public/index.ts';
import { registerMatchRoutes } from './routes/match.ts';
import { registerOperationsRoutes } from './routes/operations.ts';
import { registerTaxiiRoutes, TAXII_PREFIX } from './routes/taxii.ts';
import { DEFAULT_WEB_ROOT, registerWebApp } from './web.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every TAXII request (and /metrics). */
    principal: Principal | null;
  }
}

export interface AppOptions {
  store: Store;
  local: LocalStore;
  /** A pino logger (JSON lines, one per request with its id); `false` or absent: no logs. */
  logger?: FastifyBaseLogger | false;
  auth?: AuthenticatorOptions;
  /** Serve HTTPS with this certificate and key (PEM). */
  https?: { cert: string | Buffer; key: string | Buffer };
  /** The node's audit trail: writes and withheld reads are appended to it. */
  audit?: AuditLog;
  /** Partners, agreements and provenance for the sharing policy (default: the node-local store's, audited to `audit`). */
  policy?: PolicySource;
  /** The built web app (index.html and assets/) served at `/` (default: the package's dist/web). */
  webRoot?: string;
}

/** The request id: the client's `X-Request-Id` when it is short and plain, else a new UUID. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the node's HTTP application (no listen: `main.ts` does that, tests
 * use real HTTP on an ephemeral port). The caller owns the stores and closes
 * them after the app.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  registerWorkflowChecks();
  const { store, local } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // TAXII URLs end in `/` (§3.1); a client that leaves it off is still served.
    routerOptions: { ignoreTrailingSlash: true },
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // TAXII envelopes are read by our own parser, bounded by each API root's max_content_length.
    bodyLimit: Number.MAX_SAFE_INTEGER,
    return503OnClosing: true,
    ...(options.https && { https: options.https }),
  }) as unknown as FastifyInstance;

  app.decorateRequest('principal', null);
  const authenticator = new Authenticator(local, options.auth);
  const metrics = createMetrics();

  app.setErrorHandler((error, request, reply) => {
    const answer = httpAnswerOf(error, request.id);
    // A Basic challenge makes a browser pop up its own login box over the web app's.
    if (isApi(request) && (request.headers.cookie !== undefined || request.headers['sec-fetch-mode'] !== undefined)) delete answer.headers['www-authenticate'];
    if (!answer.expected) request.log.error({ err: error }, 'unexpected error');
    else if (answer.status >= 500) request.log.warn({ code: answer.resource.error_code }, answer.resource.description);
    void reply.code(answer.status).headers(answer.headers).type('application/json').send(JSON.stringify(answer.resource));
  });
  let webFallback: Awaited<ReturnType<typeof registerWebApp>> = () => false;
  app.setNotFoundHandler((request, reply) => {
    if (webFallback(request, reply)) return reply;
    throw new AppError(ErrorCode.TAXII_NOT_FOUND, `nothing is served at ${request.method} ${request.url.split('?')[0]}`);
  });

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (isTaxii(request)) {
      // TAXII 2.1 §3.1, §1.6.8: every endpoint answers application/taxii+json;version=2.1 and nothing else.
      request.principal = await authenticator.authenticate(request.headers.authorization);
      if (negotiate(request.headers.accept, [TAXII_MEDIA_TYPE]) === undefined) {
        throw new AppError(ErrorCode.TAXII_NOT_ACCEPTABLE, `this node answers only ${TAXII_MEDIA_TYPE}; the Accept header ${JSON.stringify(request.headers.accept)} does not accept it`);
      }
    } else if (request.url === '/metrics' || request.url.startsWith('/metrics?')) {
      request.principal = await authenticator.authenticate(request.headers.authorization);
      if (request.principal.account.role !== 'admin') throw new AppError(ErrorCode.AUTH_FORBIDDEN, 'metrics are for administrators');
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // fastify writes `application/taxii+json; version="2.1"; charset=utf-8`; TAXII clients compare the spec's exact string (§1.6.8.2).
    if (isTaxii(request)) void reply.header('content-type', TAXII_MEDIA_TYPE);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(request.method, request.routeOptions.url ?? 'unknown', reply.statusCode, reply.elapsedTime / 1000);
  });

  await app.register(cookie);
  await app.register(helmet, {
    global: true,
    // The web app: its own scripts, styles and workers only; images also from data: and blob: (canvas exports); nothing external.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.https && { upgradeInsecureRequests: [] }),
      },
    },
    // HSTS on plain HTTP would be ignored at best; on a loopback demo it would pin the name to HTTPS.
    strictTransportSecurity: options.https !== undefined,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Accord node', version: '0.1.0', description: 'TAXII 2.1 (OASIS) server of an Accord node, the JSON API of its web app (/api/, docs/api.md), and its operations endpoints.' },
      components: {
        securitySchemes: {
          basic: { type: 'http', scheme: 'basic' },
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'accord_session', description: 'the web session (POST /api/session); state-changing calls also send X-CSRF-Token' },
        },
      },
      security: [{ basic: [] }, { bearer: [] }, { session: [] }],
    },
  });

  const policy = options.policy ?? localPolicySource(local, { ...(options.audit && { audit: options.audit }) });
  registerTaxiiRoutes(app, { store, local, policy, ...(options.audit && { audit: options.audit }) });
  await registerApi(app, { store, local, policy, authenticator, ...(options.audit && { audit: options.audit }), secure: options.https !== undefined });
  registerMatchRoutes(app, { store, local });
  // No login: the auth hooks above guard only /taxii2/, /metrics and /api/; every object still passes the policy for the public.
  registerPublicPages(app, { store, local, policy });
  registerOperationsRoutes(app, { metrics });
  webFallback = await registerWebApp(app, options.webRoot ?? DEFAULT_WEB_ROOT);
  return app;
}

function isTaxii(request: FastifyRequest): boolean {
  const url = request.url;
  return url.startsWith(TAXII_PREFIX) || url === '/taxii2' || url.startsWith('/taxii2?');
}
