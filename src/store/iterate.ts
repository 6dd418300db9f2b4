import type { ObjectFilter, Store, StoredObject } from './store.ts';

export interface IterateOptions {
  /** Versions fetched per `query` call (default 1,000). */
  pageSize?: number;
}

/**
 * Every version matching `filter`, in date-added order, fetched page by page
 * through `query`'s stateless cursor (used by export). Versions added while
 * iterating are reached too, since they are added after the cursor.
 */
export async function* iterateObjects(
  store: Store,
  filter: ObjectFilter = {},
  options: IterateOptions = {},
): AsyncGenerator<StoredObject, void, undefined> {
  const limit = options.pageSize ?? 1000;
  let next: string | undefined;
  do {
    const page = await store.query(filter, next === undefined ? { limit } : { limit, next });
    yield* page.items;
    next = page.more ? page.next : undefined;
  } while (next !== undefined);
}
