import type { Store } from '../../store/store.ts';
import { workflowExtensionDefinitions } from './definitions.ts';
import { saveWorkflowObject } from './store-objects.ts';

/**
 * Writes the workflow extension-definitions, created by the node's identity
 * `identityId`, unless the store holds them already. A definition with the
 * same id already stored — this node's own, or one a partner published — is
 * kept as it is: the id alone is what objects refer to. Returns the ids written.
 * By default they join no collection, so each node keeps its own copy: shared,
 * a partner's copy (same id and version, another creator) would be refused
 * at ingest as a conflicting version.
 */
export async function ensureWorkflowExtensions(store: Store, identityId: string, options: { collections?: readonly string[] } = {}): Promise<string[]> {
  const definitions = workflowExtensionDefinitions(identityId);
  const stored = new Set((await store.query({ ids: definitions.map((definition) => definition.id) }, { limit: definitions.length })).items.map((item) => item.object.id));
  const written: string[] = [];
  for (const definition of definitions) {
    if (stored.has(definition.id)) continue;
    await saveWorkflowObject({ store, ...options }, definition);
    written.push(definition.id);
  }
  return written;
}
