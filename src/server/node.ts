import { ensureNodeKey, type NodePublicKey } from '../federation/keys.ts';
import { ensureNodeIdentity, type IdentityProfile } from '../federation/node-identity.ts';
import type { StixObject } from '../stix/object.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import type { Collection, Store } from '../store/store.ts';
import { ensureWorkflowExtensions } from '../workflows/extensions/index.ts';
import { DEFAULT_MAX_CONTENT_LENGTH } from './routes/taxii.ts';

/** The default API root `accord init` creates, served at `/taxii2/accord/`. */
export const DEFAULT_API_ROOT = 'accord';

export interface InitResult {
  apiRoot: string;
  /** The default collection, created now or found from an earlier init. */
  collection: Collection;
  created: boolean;
  /** The node's own STIX identity (created on the first init). */
  identity: StixObject;
  /** The node's signing key (public part), made on the first init. */
  key: NodePublicKey;
  /** Whether this run made the key (audited as `node-key.create`). */
  keyCreated: boolean;
}

export interface InitOptions extends IdentityProfile {
  /** The name of the node's identity when it is created (default: the node's title). */
  name?: string;
}

/**
 * Makes a new node servable: the default API root and a default collection
 * that administrators can read and write (no other role until granted), the
 * node's STIX identity (sectors and country when given), its Ed25519
 * signing key and the extension-definitions of Accord's workflow types (in
 * the store only: every node writes the same bytes, so a partner's copy,
 * should one arrive, is a duplicate). Idempotent: a second run changes nothing (but sectors or a
 * country that differ from the stored ones make new versions).
 */
export async function initNode(store: Store, local: LocalStore, options: InitOptions = {}): Promise<InitResult> {
  if (local.apiRoot(DEFAULT_API_ROOT) === undefined) {
    local.putApiRoot({ name: DEFAULT_API_ROOT, title: 'Accord', description: 'The default API root of this Accord node', maxContentLength: DEFAULT_MAX_CONTENT_LENGTH });
  }
  if (local.settings().defaultApiRoot === undefined) local.putSettings({ defaultApiRoot: DEFAULT_API_ROOT });
  const identity = await ensureNodeIdentity(store, local, options);
  await ensureWorkflowExtensions(store);
  const { key, created: keyCreated } = ensureNodeKey(local);
  const collections = new Map((await store.listCollections()).map((collection) => [collection.id, collection]));
  const existing = local.listGrants(DEFAULT_API_ROOT).map((grant) => collections.get(grant.collectionId)).find((collection) => collection !== undefined);
  const collection = existing ?? await store.createCollection({ title: 'Default', description: 'The default collection of this node (administrators)' });
  if (existing === undefined) local.putGrant({ collectionId: collection.id, apiRoot: DEFAULT_API_ROOT, readRoles: [], writeRoles: [] });
  return { apiRoot: DEFAULT_API_ROOT, collection, created: existing === undefined, identity, key, keyCreated };
}
