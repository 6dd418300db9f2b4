import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditLog } from './audit/audit-log.ts';
import { LOCAL_STORE_FILE, openSqliteLocalStore, type SqliteLocalStore } from './local/index.ts';
import type { LocalStore } from './local/local-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/**
 * A node's data directory: the object store (what partners may share) and the
 * node-local database (accounts, keys, grants, statuses: never shared), each
 * its own SQLite file. The one place that knows the layout.
 */
export const OBJECT_STORE_FILE = 'accord.sqlite';

/** Opens (creating the directory and database when needed) the object store of a data directory. */
export async function openObjectStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  return openSqliteStore({ path: path.join(dataDir, OBJECT_STORE_FILE) });
}

export interface NodeStores {
  store: Store;
  local: LocalStore;
  /** The node's audit trail, kept in the node-local database. */
  audit: AuditLog;
  close(): Promise<void>;
}

/** Opens both databases of a data directory. */
export async function openNode(dataDir: string): Promise<NodeStores> {
  const store = await openObjectStore(dataDir);
  let local: SqliteLocalStore;
  try {
    local = openSqliteLocalStore({ path: path.join(dataDir, LOCAL_STORE_FILE) });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    local,
    audit: local.auditLog(),
    async close() {
      local.close();
      await store.close();
    },
  };
}
