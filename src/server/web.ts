import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiate } from '../taxii/media-types.ts';

/**
 * Where the built web app is: the package's `dist/web` (Vite's output), found
 * from this module's place — `src/server/` under tsx and `dist/server/` when
 * built both sit two levels below the package root.
 */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Paths the app's history-API fallback never answers: the node's own endpoints and the hashed assets. */
const NOT_APP_PATHS = ['/api/', '/taxii2/', '/taxii2', '/metrics', '/healthz', '/openapi.json', '/assets/'];

const NOT_BUILT = 'The web app is not built: run npm run build (it builds the app into dist/web), then restart the node.\n';

/**
 * Serves the single-page app: hashed files under `/assets/` cached for good
 * (a new build has new names), `index.html` at `/` and for every other page
 * address a browser asks for (the app routes in the browser), never cached so
 * a new build is picked up at once. Without a build, `/` says how to make one.
 * Returns the fallback for the not-found handler: true when it answered.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const built = existsSync(path.join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: false,
      dotfiles: 'deny',
      // The build writes .br and .gz beside each file (scripts/precompress.js): sent as the browser accepts them.
      preCompressed: true,
      cacheControl: false,
      schemaHide: true,
      setHeaders: (res, file) => {
        const immutable = path.relative(webRoot, file).split(path.sep)[0] === 'assets';
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const sendApp = (reply: FastifyReply): FastifyReply => (built
    ? reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false })
    : reply.code(503).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT));
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendApp(reply));
  return (request, reply) => {
    if (!isAppPage(request)) return false;
    void sendApp(reply);
    return true;
  };
}

/** A browser asking for a page of the app: GET or HEAD, accepting HTML, outside the node's own endpoints. */
function isAppPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?')[0]!;
  if (NOT_APP_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) return false;
  // Browsers name text/html when they navigate; a tool's bare */* gets the node's JSON 404 instead.
  const accept = request.headers.accept;
  return accept !== undefined && /\btext\/html\b/i.test(accept) && negotiate(accept, ['text/html']) !== undefined;
}
