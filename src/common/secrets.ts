import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Secrets (passwords and API keys) are random, shown once, and stored only as
 * scrypt hashes (RFC 7914) in a self-describing string:
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url).
 */
const PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const API_KEY_PREFIX = 'accord';

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A new random secret: 32 bytes, base64url (43 characters). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, PARAMETERS);
  return ['scrypt', PARAMETERS.N, PARAMETERS.r, PARAMETERS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when `secret` matches `encoded`; constant-time in the hash comparison. */
export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** An API key as given to its holder: `accord_<keyId>_<secret>`; the key id finds the stored hash. */
export function formatApiKey(keyId: string, secret: string): string {
  return `${API_KEY_PREFIX}_${keyId}_${secret}`;
}

export function parseApiKey(token: string): { keyId: string; secret: string } | undefined {
  const match = /^accord_([A-Za-z0-9-]{8,64})_([A-Za-z0-9_-]{32,128})$/.exec(token);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

/** A short random identifier for an API key (public: it appears in logs and listings). */
export function generateKeyId(): string {
  // Hex: no `-` or `_`, so a key id never reads as a command-line option or splits the key format.
  return randomBytes(8).toString('hex');
}
