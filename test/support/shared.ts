import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A path inside `../shared` (conformance data, data sets, reference facts),
 * which sits beside the checkout on every developer machine and in CI.
 * `ACCORD_SHARED` overrides the location.
 */
export function sharedPath(...parts: string[]): string {
  const root = process.env.ACCORD_SHARED ?? path.resolve(repoRoot, '..', 'shared');
  const full = path.join(root, ...parts);
  if (!existsSync(full)) throw new Error(`shared data not found: ${full} (is ../shared beside the checkout?)`);
  return full;
}
