import type { StixObject } from '../../stix/object.ts';
import type { KeyDeriver } from '../../store/store.ts';
import { scoKeys } from './observable-values.ts';
import { patternKeys } from './pattern-values.ts';
import { typeOfId } from './read.ts';

/**
 * What correlation keeps in the store's observable index, per latest version:
 *
 * - `obs:<type>:<path>=<value>` — an observable value (observable-values.ts) of an SCO or of an indicator's pattern;
 * - `ref:<id>` — "this object points at <id>": a relationship at both ends, a report's,
 *   grouping's or observed-data's `object_refs`, an incident's `related_refs` (extension);
 * - `holds:<holder>:<attack-pattern>` and `held-by:<attack-pattern>:<holder>` — a `uses` relationship from an
 *   intrusion set, threat actor or campaign to an attack-pattern: the pair is in the key, so technique overlap
 *   reads keys only (`keysWithPrefix`), never the relationships;
 * - `technique:<ATT&CK id>` — an attack-pattern with that external id.
 *
 * Reverse references are kept here rather than read from the store's edges
 * because the incident extension nests `related_refs` inside `extensions`.
 */
export const correlationKeys: KeyDeriver = {
  // Bump when what is derived changes: the store then rebuilds the index.
  version: 'accord-correlation/1',
  keys: keysOf,
};

export const refKey = (id: string): string => `ref:${id}`;
export const HOLDS = 'holds:';
export const HELD_BY = 'held-by:';

/** Who may hold techniques through `uses`. */
export const TECHNIQUE_HOLDERS: ReadonlySet<string> = new Set(['intrusion-set', 'threat-actor', 'campaign']);
export const techniqueKey = (externalId: string): string => `technique:${externalId}`;

function keysOf(object: StixObject): string[] {
  // A revoked version links nothing (STIX 2.1 §3.6); it stays in the store for history.
  if (object.revoked === true) return [];
  switch (object.type) {
    case 'indicator':
      return object.pattern_type === 'stix' && typeof object.pattern === 'string' ? patternKeys(object.pattern) : [];
    case 'relationship':
      return relationshipKeys(object);
    case 'report':
    case 'grouping':
    case 'observed-data':
      return stringsOf(object.object_refs).map(refKey);
    case 'incident':
      return relatedRefs(object).map(refKey);
    case 'attack-pattern': {
      const technique = attackId(object);
      return technique === undefined ? [] : [techniqueKey(technique)];
    }
    default:
      return scoKeys(object);
  }
}

function relationshipKeys(object: StixObject): string[] {
  const { source_ref: source, target_ref: target } = object;
  if (typeof source !== 'string' || typeof target !== 'string') return [];
  const keys = [refKey(source), refKey(target)];
  if (object.relationship_type === 'uses' && TECHNIQUE_HOLDERS.has(typeOfId(source)) && typeOfId(target) === 'attack-pattern') {
    keys.push(`${HOLDS}${source}:${target}`, `${HELD_BY}${target}:${source}`);
  }
  return keys;
}

/**
 * The intelligence an incident links to: `related_refs` of its extensions
 * (the Accord incident property extension), or at top level.
 */
export function relatedRefs(object: StixObject): string[] {
  const refs = stringsOf(object.related_refs);
  const extensions = object.extensions;
  if (typeof extensions === 'object' && extensions !== null) {
    for (const extension of Object.values(extensions)) {
      if (typeof extension === 'object' && extension !== null) refs.push(...stringsOf((extension as Record<string, unknown>).related_refs));
    }
  }
  return [...new Set(refs)];
}

/** The ATT&CK technique id (`T1059.001`) of an attack-pattern, from its MITRE external reference. */
export function attackId(object: StixObject): string | undefined {
  for (const reference of Array.isArray(object.external_references) ? object.external_references : []) {
    const { source_name: source, external_id: id } = (reference ?? {}) as Record<string, unknown>;
    if (typeof source === 'string' && source.startsWith('mitre-') && typeof id === 'string') return id;
  }
  return undefined;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
