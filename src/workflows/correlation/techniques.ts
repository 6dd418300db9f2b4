import type { StixObject } from '../../stix/object.ts';
import type { ObservableIndex, Store } from '../../store/store.ts';
import { attackId, HELD_BY, HOLDS, techniqueKey } from './keys.ts';
import { readLatest } from './read.ts';

/** Keys read per technique or holder: bounded by the number of groups and techniques, not a blow-up. */
const PAIR_LIMIT = 100_000;

export interface TechniqueOverlap {
  /** Technique ids both hold (ATT&CK ids, else attack-pattern ids). */
  shared: string[];
  jaccard: number;
}

/** A technique's identity: its ATT&CK id when it has one (partners' copies of T1059 are one technique), else its object id. */
export function techniqueId(attackPattern: StixObject): string {
  return attackId(attackPattern) ?? attackPattern.id;
}

/** Revoked and deprecated (ATT&CK's `x_mitre_deprecated`) attack-patterns are no longer techniques. */
function live(attackPattern: StixObject): boolean {
  return attackPattern.revoked !== true && attackPattern.x_mitre_deprecated !== true;
}

/**
 * Jaccard |A ∩ B| / |A ∪ B| between the incident's techniques (the live
 * attack-patterns in its scope) and those of every intrusion set, threat
 * actor or campaign that `uses` at least one of them. Reads index keys
 * (holder–technique pairs) and the attack-patterns involved, never the
 * relationships.
 */
export async function techniqueOverlaps(store: Store, index: ObservableIndex, scope: ReadonlyMap<string, StixObject>): Promise<Map<string, TechniqueOverlap>> {
  const mine = new Set([...scope.values()].filter((object) => object.type === 'attack-pattern' && live(object)).map(techniqueId));
  const overlaps = new Map<string, TechniqueOverlap>();
  if (mine.size === 0) return overlaps;
  // Every stored attack-pattern that is one of these techniques, then whoever uses one.
  const copies = await index.carriers([...mine].map(techniqueKey), PAIR_LIMIT);
  const patternIds = new Set([...scope.values()].filter((object) => object.type === 'attack-pattern').map((object) => object.id));
  for (const carriers of copies.values()) for (const { object } of carriers.objects) patternIds.add(object.id);
  const holders = new Set<string>();
  for (const pattern of patternIds) {
    for (const key of await index.keysWithPrefix(`${HELD_BY}${pattern}:`, PAIR_LIMIT)) holders.add(key.slice(HELD_BY.length + pattern.length + 1));
  }
  const held = new Map<string, string[]>();
  for (const holder of holders) held.set(holder, (await index.keysWithPrefix(`${HOLDS}${holder}:`, PAIR_LIMIT)).map((key) => key.slice(HOLDS.length + holder.length + 1)));
  const patterns = await readLatest(store, new Set([...held.values()].flat()));
  for (const [holder, targets] of held) {
    const theirs = new Set(targets.map((id) => patterns.get(id)).filter((p): p is StixObject => p !== undefined && live(p)).map(techniqueId));
    const shared = [...mine].filter((technique) => theirs.has(technique)).sort();
    if (shared.length === 0) continue;
    overlaps.set(holder, { shared, jaccard: shared.length / (mine.size + theirs.size - shared.length) });
  }
  return overlaps;
}
