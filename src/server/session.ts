import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Account, LocalStore, SessionRecord } from '../store/local/local-store.ts';

/** A session ends after this long without a request (docs/api.md "Authentication"). */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** …and this long after login, however busy it is. */
export const SESSION_ABSOLUTE_MS = 24 * 60 * 60 * 1000;
/** A session's last use is written at most this often (a write per request would be waste). */
const TOUCH_INTERVAL_MS = 60_000;

/** A signed-in web session: its account and the stored record. */
export interface ActiveSession {
  account: Account;
  record: SessionRecord;
}

export interface SessionOptions {
  now?: () => number;
}

/**
 * Web sessions (issue 6). The cookie carries a random 256-bit id; the node
 * keeps only its SHA-256, so a copy of node.sqlite opens no session. Every
 * lookup re-reads the account, so disabling it ends its sessions at once.
 */
export class Sessions {
  readonly #local: LocalStore;
  readonly #now: () => number;

  constructor(local: LocalStore, options: SessionOptions = {}) {
    this.#local = local;
    this.#now = options.now ?? Date.now;
  }

  /** Opens a session for `account`: the cookie value to send and the stored record. */
  open(account: Account): { id: string; record: SessionRecord } {
    const now = this.#now();
    const at = new Date(now).toISOString();
    this.#local.removeExpiredSessions(at);
    const id = randomBytes(32).toString('base64url');
    const record: SessionRecord = {
      hash: hashOf(id),
      accountId: account.id,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: at,
      lastSeenAt: at,
      expiresAt: new Date(now + Math.min(SESSION_IDLE_MS, SESSION_ABSOLUTE_MS)).toISOString(),
    };
    const previousVisit = this.#local.createSession(record);
    return { id, record: { ...record, ...(previousVisit !== undefined && { previousVisit }) } };
  }

  /** The live session the cookie value names, or undefined (unknown, expired, or its account disabled or gone). */
  find(id: string): ActiveSession | undefined {
    const now = this.#now();
    const hash = hashOf(id);
    const record = this.#local.session(hash, new Date(now).toISOString());
    if (record === undefined) return undefined;
    const account = this.#local.accountById(record.accountId);
    if (account === undefined || account.disabled || account.role === 'partner') {
      this.#local.removeSession(hash);
      return undefined;
    }
    if (now - Date.parse(record.lastSeenAt) >= TOUCH_INTERVAL_MS) {
      const expires = Math.min(now + SESSION_IDLE_MS, Date.parse(record.createdAt) + SESSION_ABSOLUTE_MS);
      this.#local.touchSession(hash, new Date(now).toISOString(), new Date(expires).toISOString());
    }
    return { account, record };
  }

  /** Ends the session the cookie value names (logout). */
  close(id: string): void {
    this.#local.removeSession(hashOf(id));
  }
}

/** Whether `given` is the session's CSRF token, in time that does not depend on where they differ. */
export function csrfMatches(session: SessionRecord, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
