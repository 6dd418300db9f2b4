/**
 * Counts failures (failed logins) per key — a client address, an account
 * name — in fixed windows, so guessing secrets is slow whichever of the two
 * an attacker varies. In memory: a restart forgets, which only helps the
 * legitimate user who was locked out.
 */
export class FailureLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(options: { limit: number; windowMs: number; now?: () => number }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** Seconds until every key in `keys` may try again, or undefined when none is over the limit. */
  retryAfter(keys: readonly string[]): number | undefined {
    const now = this.#now();
    let until = 0;
    for (const key of keys) {
      const window = this.#windows.get(key);
      if (window !== undefined && window.resetAt > now && window.count >= this.#limit) until = Math.max(until, window.resetAt);
    }
    return until === 0 ? undefined : Math.ceil((until - now) / 1000);
  }

  /** Counts a failure for each key; true when it brought a key to the limit (once per key and window). */
  fail(keys: readonly string[]): boolean {
    const now = this.#now();
    if (this.#windows.size > 10_000) {
      for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
    }
    let reached = false;
    for (const key of keys) {
      let window = this.#windows.get(key);
      if (window === undefined || window.resetAt <= now) this.#windows.set(key, (window = { count: 0, resetAt: now + this.#windowMs }));
      window.count++;
      if (window.count === this.#limit) reached = true;
    }
    return reached;
  }
}
