import type { ObservableIndex } from '../../store/store.ts';
import { refKey } from './keys.ts';
import { otherEnd, typeOfId } from './read.ts';
import { TARGET_TYPES } from './scope.ts';

/** Objects a link may pass through on its way to a target: one hop, never more. */
const INTERMEDIATE_TYPES: ReadonlySet<string> = new Set(['infrastructure', 'malware', 'observed-data']);

/** A target reached from an origin (an observable key, or an infrastructure of the incident), maybe through an infrastructure. */
export interface Hit {
  target: string;
  origin: string;
  via?: string;
}

interface Visit {
  origins: Set<string>;
  via?: string;
}

/**
 * Walks back from where each origin sits (its carriers) to the targets that
 * reach them: a report, grouping or incident listing the carrier, a
 * relationship whose other end is a target (`indicates`, `uses`,
 * `attributed-to`, `related-to`…), or the same through one intermediate (an
 * infrastructure that `consists-of` the observable, the malware an indicator
 * `indicates`, observed data holding it). One index lookup per key and hop.
 *
 * The cap: a carrier referenced by more than `cap` objects makes its origins
 * over-common (returned, and they reach nothing); an intermediate referenced
 * by more than `cap` (a malware family behind thousands of indicators) is not
 * walked through.
 */
export async function reachTargets(
  index: ObservableIndex, starts: ReadonlyMap<string, readonly string[]>, cap: number, exclude: string,
): Promise<{ hits: Hit[]; overCommon: Set<string> }> {
  const hits: Hit[] = [];
  const overCommon = new Set<string>();
  let level = new Map<string, Visit>();
  for (const [origin, nodes] of starts) for (const node of nodes) visit(level, node, origin);
  for (let hop = 0; hop < 2 && level.size > 0; hop++) {
    const referrers = await index.carriers([...level.keys()].map(refKey), cap + 1);
    const next = new Map<string, Visit>();
    for (const [node, { origins, via }] of level) {
      const found = referrers.get(refKey(node));
      if (!found) continue;
      if (found.count > cap) {
        if (hop === 0) for (const origin of origins) overCommon.add(origin);
        continue;
      }
      for (const { object: referrer } of found.objects) {
        const end = referrer.type === 'relationship' ? otherEnd(referrer, node) : referrer.id;
        if (end === undefined || end === exclude) continue;
        const type = typeOfId(end);
        if (TARGET_TYPES.has(type)) for (const origin of origins) hits.push(via === undefined ? { target: end, origin } : { target: end, origin, via });
        else if (hop === 0 && INTERMEDIATE_TYPES.has(type)) for (const origin of origins) visit(next, end, origin, type === 'infrastructure' ? end : undefined);
      }
    }
    level = next;
  }
  return { hits: hits.filter((hit) => !overCommon.has(hit.origin)), overCommon };
}

function visit(level: Map<string, Visit>, node: string, origin: string, via?: string): void {
  let entry = level.get(node);
  if (!entry) level.set(node, (entry = via === undefined ? { origins: new Set() } : { origins: new Set(), via }));
  entry.origins.add(origin);
}
