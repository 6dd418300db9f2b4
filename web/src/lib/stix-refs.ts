/** STIX references in an object's JSON, which the detail view turns into links (STIX 2.1 §2.7: `*_ref` / `*_refs` properties hold identifiers). */

const IDENTIFIER = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isStixId(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER.test(value);
}

/** A property whose value is a reference or a list of them (including `id` itself, which needs no link). */
export function isRefProperty(key: string): boolean {
  return key.endsWith('_ref') || key.endsWith('_refs');
}

/** The identifiers a property value refers to, when the property is a reference property. */
export function refsOf(key: string, value: unknown): string[] {
  if (!isRefProperty(key)) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.filter(isStixId);
}
