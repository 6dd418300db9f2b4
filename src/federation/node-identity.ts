import { AppError, ErrorCode } from '../common/errors.ts';
import { newIdentifier } from '../stix/identifier.ts';
import type { StixObject } from '../stix/object.ts';
import { now as clockNow } from '../stix/timestamp.ts';
import { validateObject } from '../stix/validation/index.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import type { Store } from '../store/store.ts';

/** The name of a node's identity when neither an option nor the node's title gives one. */
export const DEFAULT_NODE_NAME = 'Accord node';

export interface NodeIdentityOptions {
  /** The identity's `name` when it is created (default: the node's title, else "Accord node"). Ignored once it exists. */
  name?: string;
  /** `created`/`modified` of a new identity (default: the clock). */
  now?: string;
}

/**
 * The node's own STIX 2.1 `identity` (identity_class `organization`): who
 * created what this node produces (sightings, observed-data), and where it
 * was sighted. Made once and remembered in the node settings (`identityId`);
 * later calls return the stored latest version and change nothing. If the
 * settings name an identity the object store no longer holds (a replaced
 * store file), it is made again under the same id.
 * A later issue adds the node's signing keys beside it.
 */
export async function ensureNodeIdentity(store: Store, local: LocalStore, options: NodeIdentityOptions = {}): Promise<StixObject> {
  const settings = local.settings();
  if (settings.identityId !== undefined) {
    const found = (await store.query({ ids: [settings.identityId] }, { limit: 1 })).items[0];
    if (found !== undefined) return found.object;
  }
  const timestamp = options.now ?? clockNow();
  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: settings.identityId ?? newIdentifier('identity'),
    created: timestamp,
    modified: timestamp,
    name: options.name ?? (settings.title.trim() === '' ? DEFAULT_NODE_NAME : settings.title),
    identity_class: 'organization',
  };
  const validation = validateObject(identity);
  if (!validation.valid) {
    throw new AppError(ErrorCode.STIX_INVALID, `the node identity is not valid STIX 2.1: ${validation.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
  }
  // The id is remembered first: a crash before the write leaves an id that the next call fills in, never a second identity.
  if (settings.identityId === undefined) local.putSettings({ identityId: identity.id });
  const result = await store.ingest([identity]);
  if (result.conflicts.length > 0) throw new AppError(ErrorCode.STORE_CONFLICT, `the node identity ${identity.id} could not be stored: ${result.conflicts[0]!.message}`);
  return identity;
}
