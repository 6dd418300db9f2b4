import type { PolicySource } from '../../federation/policy.ts';
import { displayName } from '../../stix/display-name.ts';
import { markingsOf, tlpOfMarking, type TlpLevel } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import { MAX_PAGE_LIMIT } from '../../store/limits.ts';
import type { Account, LocalStore } from '../../store/local/local-store.ts';
import type { Store, StoredObject } from '../../store/store.ts';
import { readPolicy, type ReadPolicy } from '../access.ts';
import type { ObjectSummary } from './contract.ts';

export interface ViewerDeps {
  store: Store;
  local: LocalStore;
  policy: PolicySource;
}

/** Ids asked of the store per query when checking collection membership. */
const ID_CHUNK = 500;

/**
 * What one signed-in account may see through the web API: the ONE helper
 * every `/api/` route passes objects through (no route filters by itself).
 * Two checks, both on every object returned: the sharing policy's `decide`
 * for the reader `{kind: 'local', role}` (access.ts `readPolicy`), and the
 * account's collection grants — an administrator reads every collection,
 * another role only those whose grant lists it among the readers.
 */
export class Viewer {
  readonly account: Account;
  /** The collections the account may read; undefined: all (administrators). */
  readonly collections: string[] | undefined;
  readonly #deps: ViewerDeps;
  readonly #policy: ReadPolicy;
  readonly #defaultMarking: TlpLevel;

  constructor(account: Account, deps: ViewerDeps) {
    this.account = account;
    this.#deps = deps;
    this.collections = account.role === 'admin'
      ? undefined
      : deps.local.listGrants().filter((grant) => grant.readRoles.includes(account.role)).map((grant) => grant.collectionId);
    this.#policy = readPolicy(account, deps.policy, { nodeIdentityId: deps.local.settings().identityId });
    this.#defaultMarking = deps.policy.defaultMarking();
  }

  /** Whether the policy lets the account see this version (a refusal is tallied for the audit log). */
  allows(version: StixObject): boolean {
    const decision = this.#policy.decide(version);
    if (!decision.allow) this.#policy.withheld.add(version, decision);
    return decision.allow;
  }

  /**
   * The items the account may see, in order: each passes `decide`, and (for
   * a role limited by grants) is that version in a collection it may read.
   * For lists the store already filtered by `collections` (browse), pass `inCollections: true`.
   */
  async visible(items: readonly StoredObject[], inCollections = false): Promise<StoredObject[]> {
    const allowed = items.filter((item) => this.allows(item.object));
    if (inCollections || this.collections === undefined) return allowed;
    const readable = await this.#readableVersions(allowed.map((item) => item.object.id));
    return allowed.filter((item) => readable.get(item.object.id)?.has(item.version) === true);
  }

  /** Every version of `id` the account may see, newest first (empty: the object is absent or withheld, which the caller must not tell apart). */
  async versions(id: string): Promise<StoredObject[]> {
    const scopes = this.collections ?? [undefined];
    const byVersion = new Map<string, StoredObject>();
    for (const collection of scopes) {
      let next: string | undefined;
      do {
        const page = await this.#deps.store.query({ ids: [id], versions: ['all'], ...(collection !== undefined && { collection }) }, { limit: MAX_PAGE_LIMIT, ...(next !== undefined && { next }) });
        for (const item of page.items) byVersion.set(item.version, item);
        next = page.more ? page.next : undefined;
      } while (next !== undefined);
    }
    const allowed = [...byVersion.values()].filter((item) => this.allows(item.object));
    return allowed.sort((a, b) => (a.version < b.version ? 1 : a.version > b.version ? -1 : b.dateAdded.localeCompare(a.dateAdded)));
  }

  /** The row of a table or a graph node for a version the account may see. */
  summary(item: StoredObject): ObjectSummary {
    const object = item.object;
    const origin = this.#deps.policy.provenanceOf(object.id, item.version)?.partner;
    const created = stringOf(object.created);
    const modified = stringOf(object.modified);
    const createdByRef = stringOf(object.created_by_ref);
    // The policy's level: marking-definitions and this node's identity are CLEAR though unmarked.
    const tlp = this.#policy.decide(object).level;
    return {
      id: object.id,
      type: object.type,
      name: displayName(object),
      tlp,
      marked: isMarked(object) || tlp !== this.#defaultMarking,
      ...(created !== undefined && { created }),
      ...(modified !== undefined && { modified }),
      dateAdded: item.dateAdded,
      labels: Array.isArray(object.labels) ? object.labels.filter((label): label is string => typeof label === 'string') : [],
      ...(origin !== undefined && { origin }),
      ...(createdByRef !== undefined && { createdByRef }),
    };
  }

  /** Hands what this request withheld, if anything, to the audit log (`policy.deny`), once. */
  report(endpoint: string): void {
    this.#policy.report(endpoint);
  }

  /** For each id, the versions of it that sit in a collection the account may read. */
  async #readableVersions(ids: readonly string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    for (const collection of this.collections ?? []) {
      for (let start = 0; start < ids.length; start += ID_CHUNK) {
        let next: string | undefined;
        do {
          const page = await this.#deps.store.query({ ids: ids.slice(start, start + ID_CHUNK), versions: ['all'], collection }, { limit: MAX_PAGE_LIMIT, ...(next !== undefined && { next }) });
          for (const item of page.items) {
            let versions = found.get(item.object.id);
            if (versions === undefined) found.set(item.object.id, (versions = new Set()));
            versions.add(item.version);
          }
          next = page.more ? page.next : undefined;
        } while (next !== undefined);
      }
    }
    return found;
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Whether the object carries a TLP marking itself (object-level or granular), rather than taking the node's default. */
function isMarked(object: StixObject): boolean {
  if (markingsOf(object).some((id) => tlpOfMarking(id) !== undefined)) return true;
  const granular = object.granular_markings;
  return Array.isArray(granular) && granular.some((marking: { marking_ref?: unknown }) => typeof marking.marking_ref === 'string' && tlpOfMarking(marking.marking_ref) !== undefined);
}
