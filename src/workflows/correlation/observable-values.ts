/**
 * The observable values that link things, and their one normal form, shared by
 * SCOs (their properties) and indicator patterns (their equality comparisons)
 * so that `[file:hashes.'SHA-256' = 'AB…']` and a `file` SCO with
 * `hashes: { sha256: 'ab…' }` give the same key.
 */

/** How a value is compared: hashes and DNS / e-mail names ignore case; the rest is exact. */
type Fold = 'exact' | 'lower';

/** Per SCO type (STIX 2.1 §6), the linking properties: a path of property names, `*` for any hash name. */
const LINKING_PATHS: Readonly<Record<string, readonly (readonly [path: string, fold: Fold])[]>> = {
  'ipv4-addr': [['value', 'exact']],
  'ipv6-addr': [['value', 'lower']],
  'domain-name': [['value', 'lower']],
  url: [['value', 'exact']],
  'email-addr': [['value', 'lower']],
  'mac-addr': [['value', 'lower']],
  mutex: [['name', 'exact']],
  'windows-registry-key': [['key', 'lower']],
  'autonomous-system': [['number', 'exact']],
  file: [['hashes.*', 'lower']],
  artifact: [['hashes.*', 'lower']],
  'x509-certificate': [['hashes.*', 'lower'], ['serial_number', 'lower']],
};

/** `SHA-256`, `sha256`, `SHA256` → `SHA256`: the hash-algorithm-ov names (STIX 2.1 §10.7) without case or dashes. */
export function hashName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The index key of `value` at `steps` (property names) of an object of `type`,
 * or undefined when that property does not link things (a file name, a port…).
 */
export function observableKey(type: string, steps: readonly string[], value: string | number): string | undefined {
  const paths = LINKING_PATHS[type];
  if (!paths) return undefined;
  for (const [path, fold] of paths) {
    const names = path.split('.');
    if (names.length !== steps.length || !names.every((name, i) => name === '*' || name === steps[i])) continue;
    const normalPath = names[names.length - 1] === '*' ? [...steps.slice(0, -1), hashName(steps.at(-1)!)].join('.') : path;
    const text = String(value);
    return `obs:${type}:${normalPath}=${fold === 'lower' ? text.toLowerCase() : text}`;
  }
  return undefined;
}

/** The keys of an SCO's linking properties. */
export function scoKeys(object: Readonly<Record<string, unknown>>): string[] {
  const type = String(object.type);
  const keys: string[] = [];
  for (const [path] of LINKING_PATHS[type] ?? []) {
    const [first, second] = path.split('.') as [string, string | undefined];
    const value = object[first];
    if (second === undefined) {
      if (typeof value === 'string' || typeof value === 'number') keys.push(observableKey(type, [first], value)!);
    } else if (typeof value === 'object' && value !== null) {
      for (const [name, hash] of Object.entries(value)) if (typeof hash === 'string') keys.push(observableKey(type, [first, name], hash)!);
    }
  }
  return keys;
}

/** The readable form of a key (`ipv4-addr 8.8.8.8`, `file SHA256 ab…`), for explanations. */
export function describeKey(key: string): string {
  const match = /^obs:([^:]+):([^=]+)=(.*)$/s.exec(key);
  if (!match) return key;
  const [, type, path, value] = match;
  const hash = /^hashes\.(.+)$/.exec(path!);
  return hash ? `${type} ${hash[1]} ${value}` : `${type} ${value}`;
}
