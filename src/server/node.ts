import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_STORE_FILE, openSqliteLocalStore } from '../store/local/index.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import { openSqliteStore } from '../store/index.ts';
import type { Collection, Store } from '../store/store.ts';
import { DEFAULT_MAX_CONTENT_LENGTH } from './routes/taxii.ts';

/** The object store's file in a data directory (the CLI uses the same name). */
export const OBJECT_STORE_FILE = 'accord.sqlite';

/** The default API root `accord init` creates, served at `/taxii2/accord/`. */
export const DEFAULT_API_ROOT = 'accord';

export interface NodeStores {
  store: Store;
  local: LocalStore;
  close(): Promise<void>;
}

/** Opens (creating) both databases of a node's data directory: the shared objects and the node-local data. */
export async function openNode(dataDir: string): Promise<NodeStores> {
  mkdirSync(dataDir, { recursive: true });
  const store = await openSqliteStore({ path: path.join(dataDir, OBJECT_STORE_FILE) });
  let local: LocalStore;
  try {
    local = openSqliteLocalStore({ path: path.join(dataDir, LOCAL_STORE_FILE) });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    local,
    async close() {
      local.close();
      await store.close();
    },
  };
}

export interface InitResult {
  apiRoot: string;
  /** The default collection, created now or found from an earlier init. */
  collection: Collection;
  created: boolean;
}

/**
 * Makes a new node servable: the default API root and a default collection
 * that administrators can read and write (no other role until granted).
 * Idempotent: a second run changes nothing.
 */
export async function initNode(store: Store, local: LocalStore): Promise<InitResult> {
  if (local.apiRoot(DEFAULT_API_ROOT) === undefined) {
    local.putApiRoot({ name: DEFAULT_API_ROOT, title: 'Accord', description: 'The default API root of this Accord node', maxContentLength: DEFAULT_MAX_CONTENT_LENGTH });
  }
  if (local.settings().defaultApiRoot === undefined) local.putSettings({ defaultApiRoot: DEFAULT_API_ROOT });
  const collections = new Map((await store.listCollections()).map((collection) => [collection.id, collection]));
  const existing = local.listGrants(DEFAULT_API_ROOT).map((grant) => collections.get(grant.collectionId)).find((collection) => collection !== undefined);
  if (existing !== undefined) return { apiRoot: DEFAULT_API_ROOT, collection: existing, created: false };
  const collection = await store.createCollection({ title: 'Default', description: 'The default collection of this node (administrators)' });
  local.putGrant({ collectionId: collection.id, apiRoot: DEFAULT_API_ROOT, readRoles: [], writeRoles: [] });
  return { apiRoot: DEFAULT_API_ROOT, collection, created: true };
}
