import type { Partner, Provenance, Reader } from '../federation/model.ts';
import { verifyEnvelope } from '../federation/signing.ts';
import { SIGNATURE_HEADER } from '../federation/sync/http.ts';
import {
  admitInbound,
  decide,
  effectiveTlp,
  policyContext,
  WithheldTally,
  type Decision,
  type PolicyScope,
  type PolicySource,
  type WithheldSummary,
} from '../federation/policy.ts';
import { versionOf, type StixObject } from '../stix/object.ts';
import { MAX_PAGE_LIMIT, pageLimit } from '../store/limits.ts';
import type { Account, CollectionGrant } from '../store/local/local-store.ts';
import type { ObjectFilter, Page, PageRequest, Store, StoredObject } from '../store/store.ts';

/** What an account may do with one collection (TAXII 2.1 §5.2.1 `can_read`, `can_write`). */
export interface CollectionAccess {
  canRead: boolean;
  canWrite: boolean;
}

/**
 * The access `account` has to the collection `grant` describes: `admin`
 * everything, other roles what the grant names. A collection with neither is
 * invisible to the account (404, never 403: its existence is not leaked).
 */
export function collectionAccess(account: Account, grant: CollectionGrant): CollectionAccess {
  if (account.role === 'admin') return { canRead: true, canWrite: true };
  return { canRead: grant.readRoles.includes(account.role), canWrite: grant.writeRoles.includes(account.role) };
}

export function isVisible(access: CollectionAccess): boolean {
  return access.canRead || access.canWrite;
}

/**
 * What a `partner` account may write (Add Objects): each object must be admitted by
 * one of its partner's inbound agreements (federation/policy.ts `admitInbound`);
 * what is admitted is recorded as received from that partner, under that agreement,
 * before it is written. Undefined for the node's own accounts, which write freely
 * within their grants.
 */
export function inboundAdmission(account: Account, source: PolicySource, collectionId: string): InboundAdmission | undefined {
  if (account.role !== 'partner') return undefined;
  const partner = source.partnerForAccount(account.name);
  if (partner === undefined) {
    const reason = `account ${account.name} has the partner role but no partner names it (accord partner add … --account ${account.name})`;
    return { admit: () => reason, commit() {} };
  }
  return partnerAdmission(partner, source, collectionId);
}

/**
 * Admits (or refuses, with the reason) each object a partner sends; `commit`
 * records the provenance of what was admitted, except the versions this node
 * already `held` (keys of `heldVersionKey`): a version made here or received
 * earlier keeps its origin, so an echo of our own object never passes for the
 * partner's.
 */
export interface InboundAdmission {
  admit(object: StixObject): string | undefined;
  commit(held: ReadonlySet<string>): void;
}

/** The key of one object version in `InboundAdmission.commit`'s `held` set. */
export function heldVersionKey(objectId: string, version: string): string {
  return `${objectId} ${version}`;
}

/**
 * What `partner` may send into `collectionId`, however it arrives (its Add Objects
 * here, or a pull from its node, federation/sync): each object admitted by one of
 * its inbound agreements, recorded as received from it under that agreement.
 */
export function partnerAdmission(partner: Partner, source: PolicySource, collectionId: string): InboundAdmission {
  const agreements = source.agreementsFor(partner.name);
  const scope = { collectionId, defaultMarking: source.defaultMarking() };
  const receivedAt = new Date().toISOString();
  const records: Provenance[] = [];
  return {
    admit(object) {
      const admission = admitInbound(partner, agreements, object, scope);
      if ('reason' in admission) return admission.reason;
      records.push({ objectId: String(object.id), modified: String(versionOf(object)), partner: partner.name, agreementId: admission.agreement.id, receivedAt });
      return undefined;
    },
    commit(held) {
      const arrived = records.filter((record) => !held.has(heldVersionKey(record.objectId, record.modified)));
      if (arrived.length > 0) source.recordProvenance?.(arrived);
    },
  };
}

/** The header that carries a signed transfer's detached signature (base64 Ed25519 over the RFC 8785 canonical JSON of the envelope). */
export { SIGNATURE_HEADER };

/**
 * Why the envelope `account` sent is refused for its signature, or undefined when
 * it is accepted: an account linked to a partner with a registered public key must
 * sign what it sends (`SIGNATURE_HEADER`); any other account is not checked.
 */
export function transferSignatureProblem(account: Account, source: PolicySource, envelope: unknown, signature: string | string[] | undefined): { partner: string; reason: string } | undefined {
  if (account.role !== 'partner') return undefined;
  const partner = source.partnerForAccount(account.name);
  if (partner?.publicKey === undefined) return undefined;
  if (signature === undefined || signature === '') {
    return { partner: partner.name, reason: `partner ${JSON.stringify(partner.name)} has a registered public key, so what it sends must be signed: the ${SIGNATURE_HEADER} header is missing` };
  }
  if (Array.isArray(signature) || !verifyEnvelope(envelope, signature, partner.publicKey)) {
    return { partner: partner.name, reason: `the ${SIGNATURE_HEADER} header is not a valid Ed25519 signature of this envelope by partner ${JSON.stringify(partner.name)}'s registered key: the envelope was changed, or signed with another key` };
  }
  return undefined;
}

/** How the versions one request reads are judged for its account (federation/policy.ts `decide`). */
export interface ReadPolicy {
  /** Who reads, for the audit log: `partner:<name>` or the account name. */
  readonly actor: string;
  decide(version: StixObject): Decision;
  /** What the request withheld so far (`visiblePage` counts it). */
  readonly withheld: WithheldTally;
  /** Hands what was withheld, if anything, to the policy source's audit hook (once per request) and returns it. */
  report(endpoint: string): WithheldSummary | undefined;
}

/**
 * The read policy of `account` over one collection: a `partner` account reads
 * as the partner whose `accountName` it is (an account no partner names reads
 * nothing); every other role reads as a local account (its collection grant,
 * checked by `collectionAccess`, is what limits it).
 */
export function readPolicy(account: Account, source: PolicySource, scope: PolicyScope): ReadPolicy {
  const partner = account.role === 'partner' ? source.partnerForAccount(account.name) : undefined;
  const reader: Reader | undefined = account.role !== 'partner' ? { kind: 'local', role: account.role } : partner && { kind: 'partner', partner };
  const withheld = new WithheldTally();
  const actor = partner === undefined ? account.name : `partner:${partner.name}`;
  let judge: (version: StixObject) => Decision;
  if (reader === undefined) {
    const defaultMarking = source.defaultMarking();
    const reason = `account ${JSON.stringify(account.name)} has the partner role but no partner names it as its account: nothing is shared with it`;
    judge = (version) => ({ allow: false, reason, level: effectiveTlp(version, defaultMarking) });
  } else {
    const context = policyContext(source, reader, scope);
    judge = (version) => decide(reader, version, context);
  }
  return {
    actor,
    withheld,
    decide: judge,
    report: (endpoint) => {
      if (withheld.count === 0) return undefined;
      const summary = withheld.summary(actor, endpoint, scope.collectionId);
      source.recordWithheld?.(summary);
      return summary;
    },
  };
}

/** Store rounds one visible page may take before it is answered short (with `more` and `next`). */
export const MAX_POLICY_ROUNDS = 10;

/**
 * One page of the versions matching `filter` that `policy` lets the reader
 * see. A version it may not see is left out, never counted or hinted at
 * (beyond the opaque cursor position). To fill the page, the store is read on
 * from where the last read stopped, each round asking only for as many
 * versions as are still missing, so a round never reads past what the page
 * returns and the store's own `more`/`next` stay exact: nothing allowed is
 * skipped and nothing is repeated. After `MAX_POLICY_ROUNDS` rounds the page
 * is answered short (possibly empty) with `more: true` and the `next` that
 * continues the scan: every request does bounded work and always advances.
 */
export async function visiblePage(store: Store, filter: ObjectFilter, page: PageRequest, policy: ReadPolicy): Promise<Page> {
  const limit = pageLimit(page);
  const items: StoredObject[] = [];
  let next = page.next;
  for (let round = 1; ; round++) {
    const result = await store.query(filter, { limit: limit - items.length, ...(next !== undefined && { next }) });
    for (const item of result.items) {
      const decision = policy.decide(item.object);
      if (decision.allow) items.push(item);
      else policy.withheld.add(item.object, decision);
    }
    if (!result.more || result.next === undefined) return { items, more: false };
    next = result.next;
    if (items.length >= limit || round >= MAX_POLICY_ROUNDS) return { items, more: true, next };
  }
}

/** Whether `policy` lets the reader see any version of `objectId` in the collection (a 404 must not tell "withheld" from "absent"). */
export async function anyVisibleVersion(store: Store, collectionId: string, objectId: string, policy: ReadPolicy): Promise<boolean> {
  let next: string | undefined;
  do {
    const result = await store.query({ ids: [objectId], versions: ['all'], collection: collectionId }, { limit: MAX_PAGE_LIMIT, ...(next !== undefined && { next }) });
    if (result.items.some((item) => policy.decide(item.object).allow)) return true;
    next = result.more ? result.next : undefined;
  } while (next !== undefined);
  return false;
}

/**
 * TAXII Delete An Object (§5.7) under the policy: the versions `filter`
 * selects leave the collection, except those the account may not see, which
 * stay untouched (a partner can neither remove what it may not see nor learn
 * from the answer that it is there). Returns how many left.
 */
export async function removeVisible(store: Store, collectionId: string, objectId: string, filter: Pick<ObjectFilter, 'versions' | 'specVersions'>, policy: ReadPolicy): Promise<number> {
  const selected = await store.query({ ...filter, ids: [objectId], versions: filter.versions ?? ['all'] }, { limit: MAX_PAGE_LIMIT });
  const allowed: string[] = [];
  for (const item of selected.items) {
    const decision = policy.decide(item.object);
    if (decision.allow) allowed.push(item.version);
    else policy.withheld.add(item.object, decision);
  }
  if (policy.withheld.count === 0) return store.removeFromCollection(collectionId, objectId, filter);
  return allowed.length === 0 ? 0 : store.removeFromCollection(collectionId, objectId, { ...filter, versions: allowed });
}
