import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../common/errors.ts';
import { hashSecret, parseApiKey, verifySecret } from '../common/secrets.ts';
import type { Account, LocalStore } from '../store/local/local-store.ts';

/** Who made a request: the account, and the API key when one was used. */
export interface Principal {
  account: Account;
  keyId?: string;
}

export interface AuthenticatorOptions {
  /** How long a successful verification is remembered (default 60 s). */
  cacheTtlMs?: number;
  /** Most entries remembered (default 10,000); the oldest go first. */
  cacheSize?: number;
  now?: () => number;
}

interface CacheEntry {
  accountId: string;
  keyId?: string;
  expires: number;
}

/**
 * Checks the `Authorization` header: HTTP Basic with an account's name and
 * secret (the scheme every TAXII server and client MUST support, TAXII 2.1
 * §8.5.1), or `Bearer accord_<keyId>_<secret>` with an API key.
 *
 * scrypt costs ~50 ms by design, so a successful verification is remembered
 * for a minute under a SHA-256 of the header (the header itself is never
 * kept). Revocation and disabling still take effect at once: every request,
 * cached or not, re-reads the account and key rows (microseconds).
 * Failures are never cached.
 */
export class Authenticator {
  readonly #local: LocalStore;
  readonly #ttl: number;
  readonly #size: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, CacheEntry>();
  #dummyHash: Promise<string> | undefined;

  constructor(local: LocalStore, options: AuthenticatorOptions = {}) {
    this.#local = local;
    this.#ttl = options.cacheTtlMs ?? 60_000;
    this.#size = options.cacheSize ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The principal of a request, or AUTH_UNAUTHENTICATED saying why not (without saying which part was wrong). */
  async authenticate(header: string | undefined): Promise<Principal> {
    if (header === undefined || header.trim() === '') {
      if (this.#local.countAccounts() === 0) {
        throw new AppError(ErrorCode.AUTH_UNAUTHENTICATED, 'this node has no account yet: create one on the node with `accord user add NAME --role admin`, then authenticate with HTTP Basic as NAME and the secret it prints');
      }
      throw new AppError(ErrorCode.AUTH_UNAUTHENTICATED, 'authentication required: HTTP Basic (account name and secret) or Authorization: Bearer with an API key');
    }
    const cacheKey = createHash('sha256').update(header).digest('base64url');
    const cached = this.#cache.get(cacheKey);
    if (cached !== undefined && cached.expires > this.#now()) {
      const principal = this.#current(cached.accountId, cached.keyId);
      if (principal !== undefined) return principal;
      this.#cache.delete(cacheKey);
      throw invalid();
    }
    const principal = await this.#verify(header);
    if (this.#cache.size >= this.#size) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(cacheKey, { accountId: principal.account.id, ...(principal.keyId && { keyId: principal.keyId }), expires: this.#now() + this.#ttl });
    return principal;
  }

  /** The enabled account with this name and secret (a login form, HTTP Basic), else undefined. */
  async verifyAccount(name: string, secret: string): Promise<Account | undefined> {
    const account = this.#local.accountByName(name);
    // An unknown name costs the same scrypt as a wrong secret, so timing does not tell names apart.
    const ok = await verifySecret(secret, account?.secretHash ?? (await this.#dummy()));
    return ok && account !== undefined && !account.disabled ? account : undefined;
  }

  async #verify(header: string): Promise<Principal> {
    const space = header.indexOf(' ');
    const scheme = space < 0 ? header : header.slice(0, space);
    const value = space < 0 ? '' : header.slice(space + 1).trim();
    switch (scheme.toLowerCase()) {
      case 'basic': {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) throw invalid();
        const account = await this.verifyAccount(decoded.slice(0, colon), decoded.slice(colon + 1));
        if (account === undefined) throw invalid();
        return { account };
      }
      case 'bearer': {
        const parsed = parseApiKey(value);
        const key = parsed && this.#local.apiKey(parsed.keyId);
        const ok = await verifySecret(parsed?.secret ?? value, key?.hash ?? (await this.#dummy()));
        if (!ok || parsed === undefined || key === undefined) throw invalid();
        const principal = this.#current(key.accountId, key.keyId);
        if (principal === undefined) throw invalid();
        this.#local.touchApiKey(key.keyId);
        return principal;
      }
      default:
        throw new AppError(ErrorCode.AUTH_UNAUTHENTICATED, `authentication scheme ${JSON.stringify(scheme.slice(0, 20))} is not supported: use Basic or Bearer`);
    }
  }

  /** The principal if the account is still enabled and the key (if any) not revoked. */
  #current(accountId: string, keyId: string | undefined): Principal | undefined {
    const account = this.#local.accountById(accountId);
    if (account === undefined || account.disabled) return undefined;
    if (keyId === undefined) return { account };
    const key = this.#local.apiKey(keyId);
    if (key === undefined || key.revokedAt !== undefined || key.accountId !== accountId) return undefined;
    return { account, keyId };
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= hashSecret('accord-no-such-account');
    return this.#dummyHash;
  }
}

function invalid(): AppError {
  return new AppError(ErrorCode.AUTH_UNAUTHENTICATED, 'the credentials are not valid (unknown account, wrong secret, revoked key or disabled account)');
}
