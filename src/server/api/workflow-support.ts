import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { MAX_PAGE_LIMIT } from '../../store/limits.ts';
import type { AuditLog } from '../../store/audit/audit-log.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { Store, StoredObject } from '../../store/store.ts';
import type { WorkflowContext } from '../../workflows/extensions/store-objects.ts';
import { accountOf, requireRole } from './api-auth.ts';
import type { ObjectSummary } from './contract.ts';
import type { Viewer, ViewerDeps } from './viewer.ts';

/**
 * What the issue-7 routes (incidents, cases, statements) share: who acts (the
 * node's identity; the account goes to the audit trail), which collections
 * new objects join, and the viewer check of one object or many. The
 * workflow's own errors (WORKFLOW_BAD_INPUT 400, WORKFLOW_REFUSED 409 with
 * the reason) reach the client as they are.
 */

export interface WorkflowDeps extends ViewerDeps {
  audit?: AuditLog | undefined;
}

export const READ_ROLES = ['admin', 'analyst', 'reader'] as const;
export const WRITE_ROLES = ['admin', 'analyst'] as const;

/** The body property naming the collection a new incident or case joins (not part of the STIX content). */
export const COLLECTION_PROPERTY = 'collection';

/** The node's own STIX identity id: every workflow write acts as it. */
export function nodeIdentityOf(local: LocalStore): string {
  const id = local.settings().identityId;
  if (id === undefined) throw new AppError(ErrorCode.LOCAL_CONFLICT, 'this node has no identity yet (run `accord init`): workflow objects are created by the node\'s identity');
  return id;
}

/** Records a workflow write in the audit trail, by the signed-in account. */
export function auditWrite(deps: WorkflowDeps, request: FastifyRequest, action: string, target: string, details?: Record<string, unknown>): void {
  deps.audit?.append({ actor: accountOf(request).name, action, target, ...(details !== undefined && { details }) });
}

export function notVisible(what: string, id: string): AppError {
  return new AppError(ErrorCode.TAXII_NOT_FOUND, `there is no ${what} ${JSON.stringify(id)} that this account may see`);
}

/** The latest version of `id` the account may see, which must be of `type`; 404 alike when absent, withheld or of another type. */
export async function visibleObject(viewer: Viewer, id: string, type: string, what: string): Promise<StoredObject> {
  const latest = (await viewer.versions(id))[0];
  if (latest === undefined || latest.object.type !== type) throw notVisible(what, id);
  return latest;
}

/** The latest stored versions of `ids` that the account may see, by id. */
export async function visibleById(store: Store, viewer: Viewer, ids: Iterable<string>): Promise<Map<string, StoredObject>> {
  const wanted = [...new Set(ids)];
  const found: StoredObject[] = [];
  for (let first = 0; first < wanted.length; first += MAX_PAGE_LIMIT) {
    found.push(...(await store.query({ ids: wanted.slice(first, first + MAX_PAGE_LIMIT) }, { limit: MAX_PAGE_LIMIT })).items);
  }
  return new Map((await viewer.visible(found)).map((item) => [item.object.id, item]));
}

/** Summaries of the ids the account may see, in order, and the ids it may not (or that are not stored). */
export function summariesOf(viewer: Viewer, visible: ReadonlyMap<string, StoredObject>, ids: readonly string[]): { items: ObjectSummary[]; missing: string[] } {
  const items: ObjectSummary[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const item = visible.get(id);
    if (item === undefined) missing.push(id);
    else items.push(viewer.summary(item));
  }
  return { items, missing };
}

/** The collections holding any version of `id` (workflow answers join the collections of what they answer, so they travel with it). */
export async function collectionsOf(store: Store, id: string): Promise<string[]> {
  const collections = await store.listCollections();
  const holding = await Promise.all(collections.map(async (collection) => (await store.query({ ids: [id], versions: ['all'], collection: collection.id }, { limit: 1 })).items.length > 0));
  return collections.filter((_, index) => holding[index]).map((collection) => collection.id);
}

/**
 * The collections a new incident or case joins: the one the request names
 * (which the account must be allowed to write; an administrator writes any),
 * else every collection the account's role may write.
 */
export async function creationCollections(deps: WorkflowDeps, request: FastifyRequest, requested: unknown): Promise<string[]> {
  const role = accountOf(request).role;
  const writable = deps.local.listGrants().filter((grant) => grant.writeRoles.includes(role)).map((grant) => grant.collectionId);
  if (requested === undefined) return writable;
  const known = (await deps.store.listCollections()).map((collection) => collection.id);
  if (typeof requested !== 'string' || !known.includes(requested)) {
    throw new AppError(ErrorCode.API_BAD_INPUT, `"${COLLECTION_PROPERTY}" is ${JSON.stringify(requested)}: expected the id of one of this node's collections`);
  }
  if (role !== 'admin' && !writable.includes(requested)) {
    throw new AppError(ErrorCode.API_BAD_INPUT, `"${COLLECTION_PROPERTY}" ${requested}: the role ${role} may not write to that collection (it may write ${writable.join(', ') || 'none'})`);
  }
  return [requested];
}

/** A request body without the collection property (the rest goes to the workflow, which checks it). */
export function withoutCollection(body: unknown): { content: unknown; collection: unknown } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { content: body, collection: undefined };
  const { [COLLECTION_PROPERTY]: collection, ...content } = body as Record<string, unknown>;
  return { content, collection };
}

/** The workflow context for a write by the node, its new objects joining `collections`. */
export function workflowContext(store: Store, collections: readonly string[]): WorkflowContext {
  return { store, collections };
}

export function requireReader(request: FastifyRequest, what: string): void {
  requireRole(request, READ_ROLES, what);
}

export function requireWriter(request: FastifyRequest, what: string): void {
  requireRole(request, WRITE_ROLES, what);
}
