import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nodePublicKey } from '../../federation/keys.ts';
import type { PolicySource } from '../../federation/policy.ts';
import { uuidV5 } from '../../stix/identifier.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { Store } from '../../store/store.ts';
import { atomFeed } from './feed.ts';
import { homePage, notFoundPage, PUBLIC_PATHS, statementPage, statementsPage, type PublicNode } from './pages.ts';
import { PublicReader } from './public-reader.ts';
import { PUBLIC_NAMESPACE, publicBundle, PublishedStatements } from './published-statements.ts';
import { PUBLIC_STYLESHEET } from './style.ts';

export interface PublicDeps {
  store: Store;
  local: LocalStore;
  policy: PolicySource;
}

const HTML = 'text/html; charset=utf-8';
/** Pages and feed: shared caches may keep them a few minutes; a new statement shows within that. */
const PAGE_CACHE = 'public, max-age=300';
const STYLE_CACHE = 'public, max-age=86400';
/** A 404 may become a page as soon as a statement is published. */
const MISSING_CACHE = 'no-cache';

/**
 * The node's public pages and Atom feed (docs/public.md): no login, server-rendered
 * HTML without scripts, every object through the sharing policy for the public
 * (`PublicReader`). The app's authentication hooks guard only `/taxii2/`,
 * `/metrics` and `/api/`, so `/public/` is open by construction.
 */
export function registerPublicPages(app: FastifyInstance, deps: PublicDeps): void {
  const schema = (summary: string) => ({ summary, tags: ['public'], security: [] });
  /** What one request reads: the statements the public may see, and the node as the pages name it. */
  const view = async () => {
    const identityId = deps.local.settings().identityId;
    const reader = new PublicReader(deps.policy, identityId);
    return { statements: new PublishedStatements(deps.store, reader), node: await publicNode(deps, reader, identityId) };
  };
  const missing = (reply: FastifyReply, node: PublicNode) => reply.code(404).header('cache-control', MISSING_CACHE).type(HTML).send(notFoundPage(node));

  app.get(PUBLIC_PATHS.home, { schema: schema('The public home page of this node (HTML, no login)') }, async (request, reply) => {
    const { statements, node } = await view();
    return sendCached(request, reply, HTML, homePage(node, await statements.list()));
  });
  app.get(PUBLIC_PATHS.statements, { schema: schema('The published joint statements, newest first (HTML, no login)') }, async (request, reply) => {
    const { statements, node } = await view();
    return sendCached(request, reply, HTML, statementsPage(node, await statements.list()));
  });
  app.get('/public/statements/:id', { schema: schema('One published joint statement with its signatures (HTML, no login)') }, async (request, reply) => {
    const { statements, node } = await view();
    const statement = await statements.get((request.params as { id: string }).id);
    if (statement === undefined) return missing(reply, node);
    return sendCached(request, reply, HTML, statementPage(node, statement));
  });
  app.get('/public/statements/:id/bundle.json', { schema: schema('One published statement as a STIX bundle with its signatures and signers, for `accord verify` (no login)') }, async (request, reply) => {
    const { statements, node } = await view();
    const statement = await statements.get((request.params as { id: string }).id);
    if (statement === undefined) return missing(reply, node);
    const uuid = statement.report.id.slice('report--'.length);
    void reply.header('content-disposition', `attachment; filename="statement-${uuid}.json"`);
    return sendCached(request, reply, 'application/json; charset=utf-8', `${JSON.stringify(publicBundle(statement), null, 2)}\n`);
  });
  app.get(PUBLIC_PATHS.feed, { schema: schema('The Atom feed (RFC 4287) of the published joint statements (no login)') }, async (request, reply) => {
    const { statements, node } = await view();
    const identityId = deps.local.settings().identityId ?? '';
    const feed = atomFeed(node, await statements.list(), {
      origin: `${request.protocol}://${request.host}`,
      id: `urn:uuid:${uuidV5(PUBLIC_NAMESPACE, `atom feed of ${identityId}`)}`,
      emptyUpdated: nodePublicKey(deps.local)?.createdAt ?? new Date(0).toISOString(),
    });
    return sendCached(request, reply, 'application/atom+xml; charset=utf-8', feed);
  });
  app.get(PUBLIC_PATHS.style, { schema: { ...schema('The stylesheet of the public pages'), hide: true } }, async (request, reply) =>
    sendCached(request, reply, 'text/css; charset=utf-8', PUBLIC_STYLESHEET, STYLE_CACHE));
  // Anything else under /public/ is a page that is not there, not the web app's (which would load a login).
  app.get('/public/*', { schema: { hide: true } }, async (_request, reply) => missing(reply, (await view()).node));
}

/** The node as the pages name it: its identity's name when the public may see it, else the node's title. */
async function publicNode(deps: PublicDeps, reader: PublicReader, identityId: string | undefined): Promise<PublicNode> {
  const identity = identityId === undefined ? undefined : (await deps.store.query({ ids: [identityId] }, { limit: 1 })).items[0]?.object;
  const name = identity !== undefined && reader.allows(identity) && typeof identity.name === 'string' ? identity.name : deps.local.settings().title;
  const key = nodePublicKey(deps.local);
  return { name, ...(key !== undefined && { keyFingerprint: key.fingerprint }) };
}

/**
 * Answers `body` with a strong ETag of its bytes, and 304 when the client
 * already holds it (RFC 9110 §13.1.2): feed readers poll, and most polls
 * find nothing new.
 */
function sendCached(request: FastifyRequest, reply: FastifyReply, type: string, body: string, cacheControl = PAGE_CACHE): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  void reply.header('cache-control', cacheControl).header('etag', etag);
  const held = request.headers['if-none-match'];
  if (held !== undefined && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) return reply.code(304).send();
  return reply.type(type).send(body);
}
