import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { PolicySource } from '../../federation/policy.ts';
import { signEnvelope } from '../../federation/signing.ts';
import type { AuditLog } from '../../store/audit/audit-log.ts';
import type { ApiRootRecord, LocalStore } from '../../store/local/local-store.ts';
import type { Collection, ObjectFilter, Page, PageRequest, Store } from '../../store/store.ts';
import { isReadableContentType, TAXII_MEDIA_TYPE } from '../../taxii/media-types.ts';
import { parseTaxiiQuery, type TaxiiEndpoint } from '../../taxii/query.ts';
import {
  collectionResource,
  collectionsResource,
  dateAddedHeaders,
  envelopeJson,
  manifestResource,
  versionsResource,
  type ApiRoot,
  type Discovery,
} from '../../taxii/resources.ts';
import {
  anyVisibleVersion,
  collectionAccess,
  isVisible,
  inboundAdmission,
  readPolicy,
  removeVisible,
  visiblePage,
  type CollectionAccess,
  SIGNATURE_HEADER,
  transferSignatureProblem,
  type ReadPolicy,
} from '../access.ts';
import { addObjects, parseEnvelope } from '../add-objects.ts';
import type { Principal } from '../auth.ts';

/** Discovery is at `/taxii2/` (§4.1); API roots at `/taxii2/<name>/`. */
export const TAXII_PREFIX = '/taxii2/';

/** `max_content_length` of an API root created without one: 64 MiB. */
export const DEFAULT_MAX_CONTENT_LENGTH = 64 * 1024 * 1024;

interface Deps {
  store: Store;
  local: LocalStore;
  /** Partners, agreements and provenance for the sharing policy. */
  policy: PolicySource;
  /** Where Add Objects records each envelope (absent: not audited, as in unit tests of the routes). */
  audit?: AuditLog;
}

type RootParams = { apiRoot: string };
type CollectionParams = RootParams & { collectionId: string };
type ObjectRouteParams = CollectionParams & { objectId: string };

const tags = ['taxii'];

/**
 * The TAXII 2.1 endpoints (§4, §5). Authentication and Accept negotiation
 * have run before any handler (app.ts); handlers decide visibility:
 * a collection the account can neither read nor write is answered exactly
 * like one that does not exist (404), one it can see but not use this way 403.
 * Every endpoint that returns objects or their metadata (manifest, objects,
 * an object, its versions) passes each version through the sharing policy
 * (`visible`, docs/policy.md): a partner account never sees, nor learns the
 * id of, a version the policy withholds from it.
 */
export function registerTaxiiRoutes(app: FastifyInstance, deps: Deps): void {
  const { store, local } = deps;
  const { policy: policySource, audit } = deps;

  // Request bodies are read here, not by fastify's JSON parser: any Content-Type
  // reaches the handler (which answers 415 after 401/404/403, §5.5), and the
  // limit is the API root's max_content_length (§4.2.1), which only the URL names.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request: FastifyRequest, payload, done) => {
    const root = local.apiRoot((request.params as Partial<RootParams>).apiRoot ?? '');
    const limit = root?.maxContentLength ?? DEFAULT_MAX_CONTENT_LENGTH;
    const tooLarge = (): AppError => new AppError(ErrorCode.TAXII_PAYLOAD_TOO_LARGE,
      `the request body is larger than this API root's max_content_length of ${limit} octets (TAXII 2.1 §4.2.1): send fewer objects per request`, { maxContentLength: limit });
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      // Drain without keeping, so the client can read the answer on a healthy connection.
      payload.resume();
      done(tooLarge(), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    payload.on('end', () => done(over ? tooLarge() : null, over ? undefined : Buffer.concat(chunks).toString('utf8')));
    payload.on('error', (error) => done(error, undefined));
  });

  const principal = (request: FastifyRequest): Principal => request.principal!;

  const apiRootOf = (name: string): ApiRootRecord => {
    const root = local.apiRoot(name);
    if (root === undefined) throw new AppError(ErrorCode.TAXII_NOT_FOUND, `there is no API root named ${JSON.stringify(name)}`);
    return root;
  };

  /** The collection and the account's access, or 404 when it does not exist under this root or is invisible to the account. */
  const collectionOf = async (request: FastifyRequest, params: CollectionParams): Promise<{ collection: Collection; access: CollectionAccess }> => {
    apiRootOf(params.apiRoot);
    const notFound = new AppError(ErrorCode.TAXII_NOT_FOUND, `there is no collection ${JSON.stringify(params.collectionId)} under API root ${JSON.stringify(params.apiRoot)} that this account may see`);
    const grant = local.grant(params.collectionId);
    if (grant === undefined || grant.apiRoot !== params.apiRoot) throw notFound;
    const access = collectionAccess(principal(request).account, grant);
    if (!isVisible(access)) throw notFound;
    const collection = (await store.listCollections()).find((candidate) => candidate.id === params.collectionId);
    if (collection === undefined) throw notFound;
    return { collection, access };
  };

  const readable = async (request: FastifyRequest, params: CollectionParams): Promise<Collection> => {
    const { collection, access } = await collectionOf(request, params);
    if (!access.canRead) throw new AppError(ErrorCode.AUTH_FORBIDDEN, `this account may not read collection ${params.collectionId} (can_read is false)`);
    return collection;
  };

  const queryOf = (request: FastifyRequest, endpoint: TaxiiEndpoint, objectId?: string) => {
    const url = request.raw.url ?? '';
    const mark = url.indexOf('?');
    const search = mark < 0 ? '' : url.slice(mark + 1);
    return objectId === undefined
      ? parseTaxiiQuery(endpoint as 'objects' | 'manifest', search)
      : parseTaxiiQuery(endpoint as 'object' | 'versions' | 'delete', search, objectId);
  };

  const noSuchObject = (collectionId: string, objectId: string): AppError =>
    new AppError(ErrorCode.TAXII_NOT_FOUND, `collection ${collectionId} holds no object ${objectId}`);

  /**
   * One page of the versions matching `filter` in the collection that the
   * sharing policy lets this account see; with `objectId`, 404 when it may see
   * no version of that object at all (exactly as when there is none). What was
   * withheld goes to the policy source's audit hook and the request log.
   */
  const visible = async (request: FastifyRequest, endpoint: string, collectionId: string, query: { filter: ObjectFilter; page: PageRequest }, objectId?: string): Promise<Page> => {
    const policy = policyOf(request, collectionId);
    const result = await visiblePage(store, { ...query.filter, collection: collectionId }, query.page, policy);
    const missing = objectId !== undefined && result.items.length === 0 && !(await anyVisibleVersion(store, collectionId, objectId, policy));
    reportWithheld(request, policy, endpoint, collectionId);
    if (missing) throw noSuchObject(collectionId, objectId);
    return result;
  };

  const policyOf = (request: FastifyRequest, collectionId: string): ReadPolicy =>
    readPolicy(principal(request).account, policySource, { collectionId, nodeIdentityId: local.settings().identityId });

  const reportWithheld = (request: FastifyRequest, policy: ReadPolicy, endpoint: string, collectionId: string): void => {
    const withheld = policy.report(endpoint);
    if (withheld !== undefined) request.log.info({ actor: withheld.actor, collection: collectionId, withheld: withheld.count, reasons: withheld.reasons }, 'sharing policy withheld object versions');
  };

  // TAXII 2.1 §4.1 Server Discovery.
  app.get(TAXII_PREFIX, { schema: { summary: 'Server Discovery (TAXII 2.1 §4.1)', tags } }, async () => {
    const settings = local.settings();
    const roots = local.listApiRoots().map((root) => `${TAXII_PREFIX}${root.name}/`);
    const discovery: Discovery = { title: settings.title };
    if (settings.description !== undefined) discovery.description = settings.description;
    if (settings.contact !== undefined) discovery.contact = settings.contact;
    const fallback = local.listApiRoots()[0]?.name;
    const defaultRoot = settings.defaultApiRoot !== undefined && local.apiRoot(settings.defaultApiRoot) ? settings.defaultApiRoot : fallback;
    if (defaultRoot !== undefined) discovery.default = `${TAXII_PREFIX}${defaultRoot}/`;
    // §4.1.1: api_roots is optional, and an empty list is omitted (§2 list).
    if (roots.length > 0) discovery.api_roots = roots;
    return discovery;
  });

  // TAXII 2.1 §4.2 Get API Root Information.
  app.get<{ Params: RootParams }>(`${TAXII_PREFIX}:apiRoot/`, { schema: { summary: 'Get API Root Information (TAXII 2.1 §4.2)', tags } }, async (request) => {
    const root = apiRootOf(request.params.apiRoot);
    const resource: ApiRoot = { title: root.title, versions: [TAXII_MEDIA_TYPE], max_content_length: root.maxContentLength };
    if (root.description !== undefined) resource.description = root.description;
    return resource;
  });

  // TAXII 2.1 §4.3 Get Status: only the account that made the request (or an admin) may read it back.
  app.get<{ Params: RootParams & { statusId: string } }>(`${TAXII_PREFIX}:apiRoot/status/:statusId/`, { schema: { summary: 'Get Status (TAXII 2.1 §4.3)', tags } }, async (request) => {
    apiRootOf(request.params.apiRoot);
    const { account } = principal(request);
    const record = local.status(request.params.statusId);
    if (record === undefined || record.apiRoot !== request.params.apiRoot || (record.accountId !== account.id && account.role !== 'admin')) {
      throw new AppError(ErrorCode.TAXII_NOT_FOUND, `there is no status ${JSON.stringify(request.params.statusId)} under this API root for this account`);
    }
    return record.resource;
  });

  // TAXII 2.1 §5.1 Get Collections: the collections this account may read or write.
  app.get<{ Params: RootParams }>(`${TAXII_PREFIX}:apiRoot/collections/`, { schema: { summary: 'Get Collections (TAXII 2.1 §5.1)', tags } }, async (request) => {
    apiRootOf(request.params.apiRoot);
    const { account } = principal(request);
    const stored = new Map((await store.listCollections()).map((collection) => [collection.id, collection]));
    const visible = local.listGrants(request.params.apiRoot).flatMap((grant) => {
      const collection = stored.get(grant.collectionId);
      const access = collectionAccess(account, grant);
      return collection !== undefined && isVisible(access) ? [collectionResource(collection, access)] : [];
    });
    return collectionsResource(visible);
  });

  // TAXII 2.1 §5.2 Get A Collection.
  app.get<{ Params: CollectionParams }>(`${TAXII_PREFIX}:apiRoot/collections/:collectionId/`, { schema: { summary: 'Get A Collection (TAXII 2.1 §5.2)', tags } }, async (request) => {
    const { collection, access } = await collectionOf(request, request.params);
    return collectionResource(collection, access);
  });

  // TAXII 2.1 §5.3 Get Object Manifests (headers §3.2).
  app.get<{ Params: CollectionParams }>(`${TAXII_PREFIX}:apiRoot/collections/:collectionId/manifest/`, { schema: { summary: 'Get Object Manifests (TAXII 2.1 §5.3)', tags } }, async (request, reply) => {
    const collection = await readable(request, request.params);
    const result = await visible(request, 'taxii.manifest', collection.id, queryOf(request, 'manifest'));
    void reply.headers(dateAddedHeaders(result.items));
    return manifestResource(result);
  });

  // TAXII 2.1 §5.4 Get Objects: an envelope (§3.7), paged with more/next (§3.5), sorted by date added (§3.3).
  app.get<{ Params: CollectionParams }>(`${TAXII_PREFIX}:apiRoot/collections/:collectionId/objects/`, { schema: { summary: 'Get Objects (TAXII 2.1 §5.4)', tags } }, async (request, reply) => {
    const collection = await readable(request, request.params);
    const result = await visible(request, 'taxii.objects', collection.id, queryOf(request, 'objects'));
    const envelope = envelopeJson(result);
    // Signed transfers: a page served to a partner's node carries this node's signature.
    const key = principal(request).account.role === 'partner' ? local.nodeKey() : undefined;
    if (key !== undefined) void reply.header(SIGNATURE_HEADER, signEnvelope(JSON.parse(envelope), key.privateKey));
    return reply.headers(dateAddedHeaders(result.items)).send(envelope);
  });

  // TAXII 2.1 §5.5 Add Objects: answered 202 with a status resource once every object is written or refused.
  app.post<{ Params: CollectionParams; Body: string | undefined }>(`${TAXII_PREFIX}:apiRoot/collections/:collectionId/objects/`, { schema: { summary: 'Add Objects (TAXII 2.1 §5.5)', tags } }, async (request, reply) => {
    const { collection, access } = await collectionOf(request, request.params);
    if (!access.canWrite) throw new AppError(ErrorCode.AUTH_FORBIDDEN, `this account may not write to collection ${collection.id} (can_write is false)`);
    if (!isReadableContentType(request.headers['content-type'])) {
      throw new AppError(ErrorCode.TAXII_UNSUPPORTED_MEDIA_TYPE, `Add Objects takes ${TAXII_MEDIA_TYPE} (TAXII 2.1 §5.5); the Content-Type was ${JSON.stringify(request.headers['content-type'] ?? null)}`);
    }
    const body = typeof request.body === 'string' ? request.body : '';
    const objects = parseEnvelope(body);
    const account = principal(request).account;
    const refused = transferSignatureProblem(account, policySource, JSON.parse(body), request.headers[SIGNATURE_HEADER]);
    if (refused !== undefined) {
      // Signed transfers (docs/federation.md): nothing is written from an envelope that fails its signature.
      audit?.append({ actor: `partner:${refused.partner}`, action: 'sync.signature-rejected', target: collection.id, details: { account: account.name, objects: objects.length, reason: refused.reason } });
      throw new AppError(ErrorCode.AUTH_FORBIDDEN, refused.reason);
    }
    const inbound = inboundAdmission(account, policySource, collection.id);
    const status = await addObjects(store, collection.id, objects, {
      ...(audit && { audit: { log: audit, actor: account.name, apiRoot: request.params.apiRoot } }),
      ...(inbound && { inbound }),
    });
    // Persisted before the answer: a client told 202 can always read the status back (§4.3).
    local.saveStatus({ id: status.id, apiRoot: request.params.apiRoot, accountId: principal(request).account.id, resource: status });
    request.log.info({ status: status.id, collection: collection.id, success: status.success_count, failure: status.failure_count }, 'objects added');
    return reply.code(202).send(status);
  });

  // TAXII 2.1 §5.6 Get An Object: its versions in an envelope; 404 when the collection holds no version of it.
  app.get<{ Params: ObjectRouteParams }>(`${TAXII_PREFIX}:apiRoot/collections/:collectionId/objects/:objectId/`, { schema: { summary: 'Get An Object (TAXII 2.1 §5.6)', tags } }, async (request, reply) => {
    const collection = await readable(request, request.params);
    const result = await visible(request, 'taxii.object', collection.id, queryOf(request, 'object', request.params.objectId), request.params.objectId);
    return reply.headers(dateAddedHeaders(result.items)).send(envelopeJson(result));
  });

  // TAXII 2.1 §5.7 Delete An Object: the selected versions leave this collection (all by default);
  // the node keeps them, with their provenance, for its other collections and its audit.
  app.delete<{ Params: ObjectRouteParams }>(`${TAXII_PREFIX}:apiRoot/collections/:collectionId/objects/:objectId/`, { schema: { summary: 'Delete An Object (TAXII 2.1 §5.7)', tags } }, async (request, reply) => {
    const { collection, access } = await collectionOf(request, request.params);
    if (!access.canWrite) throw new AppError(ErrorCode.AUTH_FORBIDDEN, `this account may not delete from collection ${collection.id} (can_write is false)`);
    const { filter } = queryOf(request, 'delete', request.params.objectId);
    const policy = policyOf(request, collection.id);
    const removed = await removeVisible(store, collection.id, request.params.objectId, filter, policy);
    const missing = removed === 0 && !(await anyVisibleVersion(store, collection.id, request.params.objectId, policy));
    reportWithheld(request, policy, 'taxii.delete', collection.id);
    if (missing) throw noSuchObject(collection.id, request.params.objectId);
    request.log.info({ collection: collection.id, object: request.params.objectId, removed }, 'object versions deleted from the collection');
    return reply.code(200).send();
  });

  // TAXII 2.1 §5.8 Get Object Versions.
  app.get<{ Params: ObjectRouteParams }>(`${TAXII_PREFIX}:apiRoot/collections/:collectionId/objects/:objectId/versions/`, { schema: { summary: 'Get Object Versions (TAXII 2.1 §5.8)', tags } }, async (request, reply) => {
    const collection = await readable(request, request.params);
    const result = await visible(request, 'taxii.versions', collection.id, queryOf(request, 'versions', request.params.objectId), request.params.objectId);
    void reply.headers(dateAddedHeaders(result.items));
    return versionsResource(result);
  });
}
