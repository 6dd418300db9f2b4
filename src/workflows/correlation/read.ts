import type { StixObject } from '../../stix/object.ts';
import type { ObservableIndex, Store } from '../../store/store.ts';
import { MAX_PAGE_LIMIT } from '../../store/limits.ts';

/** A store that keeps an observable index (the SQLite store does). */
export type IndexedStore = Store & { readonly observableIndex: ObservableIndex };

export function hasObservableIndex(store: Store): store is IndexedStore {
  return store.observableIndex !== undefined;
}

/** The latest versions of these ids, by id (ids not stored are left out): one query per 10,000 ids. */
export async function readLatest(store: Store, ids: Iterable<string>): Promise<Map<string, StixObject>> {
  const wanted = [...new Set(ids)];
  const found = new Map<string, StixObject>();
  for (let first = 0; first < wanted.length; first += MAX_PAGE_LIMIT) {
    const page = await store.query({ ids: wanted.slice(first, first + MAX_PAGE_LIMIT) }, { limit: MAX_PAGE_LIMIT });
    for (const { object } of page.items) found.set(object.id, object);
  }
  return found;
}

/** The type part of a STIX id (`intrusion-set--…` → `intrusion-set`). */
export function typeOfId(id: string): string {
  return id.slice(0, Math.max(0, id.indexOf('--')));
}

/** The other end of a relationship seen from `from`, or undefined when it is not one of its ends. */
export function otherEnd(relationship: StixObject, from: string): string | undefined {
  const { source_ref: source, target_ref: target } = relationship;
  if (typeof source !== 'string' || typeof target !== 'string') return undefined;
  if (source === from) return target;
  return target === from ? source : undefined;
}
