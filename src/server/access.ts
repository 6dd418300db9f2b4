import type { Account, CollectionGrant } from '../store/local/local-store.ts';

/** What an account may do with one collection (TAXII 2.1 §5.2.1 `can_read`, `can_write`). */
export interface CollectionAccess {
  canRead: boolean;
  canWrite: boolean;
}

/**
 * The access `account` has to the collection `grant` describes: `admin`
 * everything, other roles what the grant names. A collection with neither is
 * invisible to the account (404, never 403: its existence is not leaked).
 */
export function collectionAccess(account: Account, grant: CollectionGrant): CollectionAccess {
  if (account.role === 'admin') return { canRead: true, canWrite: true };
  return { canRead: grant.readRoles.includes(account.role), canWrite: grant.writeRoles.includes(account.role) };
}

export function isVisible(access: CollectionAccess): boolean {
  return access.canRead || access.canWrite;
}
