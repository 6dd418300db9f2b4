import type { Store } from '../../store/store.ts';
import { ACCORD_PROJECT_IDENTITY, workflowExtensionDefinitions } from './definitions.ts';
import { saveWorkflowObject } from './store-objects.ts';

/**
 * Writes the workflow extension-definitions and their creator (the Accord
 * project identity) unless the store holds them already; returns the ids
 * written. They are the same bytes on every node, so in `collections` they
 * may travel: a partner's copy is a duplicate, not a conflicting version
 * (and the sharing policy lets them go to any partner, like TLP 2.0's).
 */
export async function ensureWorkflowExtensions(store: Store, options: { collections?: readonly string[] } = {}): Promise<string[]> {
  const objects = [ACCORD_PROJECT_IDENTITY, ...workflowExtensionDefinitions()];
  const stored = new Set((await store.query({ ids: objects.map((object) => object.id) }, { limit: objects.length })).items.map((item) => item.object.id));
  const written: string[] = [];
  for (const object of objects) {
    if (stored.has(object.id)) continue;
    await saveWorkflowObject({ store, ...options }, object);
    written.push(object.id);
  }
  return written;
}
