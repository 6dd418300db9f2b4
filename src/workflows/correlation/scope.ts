import type { StixObject } from '../../stix/object.ts';
import type { ObservableIndex, Store } from '../../store/store.ts';
import { refKey, relatedRefs } from './keys.ts';
import { otherEnd, readLatest, typeOfId } from './read.ts';

/** Types that correlation suggests (never walked into: they are what an incident is compared with). */
export const TARGET_TYPES: ReadonlySet<string> = new Set(['intrusion-set', 'threat-actor', 'campaign', 'incident', 'report', 'grouping']);
/** Never part of an incident's evidence: who made it, where, how it is marked. */
const NOT_EVIDENCE: ReadonlySet<string> = new Set([...TARGET_TYPES, 'identity', 'location', 'marking-definition', 'extension-definition', 'relationship']);
/** An incident links at most this many objects through relationships (more are left out). */
const RELATIONSHIP_LIMIT = 10_000;

/**
 * What an incident brings to correlation: the objects it links (extension
 * `related_refs`, relationships to or from it), then one or two hops on where
 * the values sit: a sighting's indicator and observed data, observed data's
 * observables, and the observables an infrastructure `consists-of`.
 */
export async function incidentScope(store: Store, index: ObservableIndex, incident: StixObject): Promise<Map<string, StixObject>> {
  const scope = new Map<string, StixObject>();
  let frontier: StixObject[] = [incident];
  for (let hop = 0; hop < 3 && frontier.length > 0; hop++) {
    const next = new Set<string>();
    for (const node of frontier) for (const id of forwardRefs(node)) next.add(id);
    const relationships = await relationshipsOf(index, frontier.filter((node) => node.type === 'incident' || node.type === 'infrastructure'));
    for (const [from, relationship] of relationships) {
      // An infrastructure brings what it consists of, not everything related to it.
      if (from.type === 'infrastructure' && (relationship.relationship_type !== 'consists-of' || relationship.source_ref !== from.id)) continue;
      const end = otherEnd(relationship, from.id);
      if (end !== undefined) next.add(end);
    }
    const wanted = [...next].filter((id) => id !== incident.id && !scope.has(id) && !NOT_EVIDENCE.has(typeOfId(id)));
    frontier = [];
    for (const object of (await readLatest(store, wanted)).values()) {
      scope.set(object.id, object);
      if (['sighting', 'observed-data', 'infrastructure'].includes(object.type)) frontier.push(object);
    }
  }
  return scope;
}

function forwardRefs(node: StixObject): string[] {
  switch (node.type) {
    case 'incident':
      return relatedRefs(node);
    case 'observed-data':
      return strings(node.object_refs);
    case 'sighting':
      return [...strings([node.sighting_of_ref]), ...strings(node.observed_data_refs)];
    default:
      return [];
  }
}

/** The relationships at either end of each node, with the node. */
async function relationshipsOf(index: ObservableIndex, nodes: readonly StixObject[]): Promise<[StixObject, StixObject][]> {
  if (nodes.length === 0) return [];
  const referrers = await index.carriers(nodes.map((node) => refKey(node.id)), RELATIONSHIP_LIMIT);
  return nodes.flatMap((node) => (referrers.get(refKey(node.id))?.objects ?? [])
    .filter(({ object }) => object.type === 'relationship').map(({ object }): [StixObject, StixObject] => [node, object]));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
