/**
 * The sharing policy (issue 5; docs/policy.md "Sharing policy"): the ONE decision
 * "may this reader see this object version?" that every egress path calls —
 * TAXII reads by partner accounts today; sync pushes, exports, the UI's API and
 * the public pages as they arrive. No path filters by itself.
 *
 * `decide` is pure and allocation-free on every allow: the per-request facts
 * (agreements, default marking, collection, where to look up provenance) are
 * gathered once into a `PolicyContext`, then each version costs a few map and
 * short-list lookups (`npm run bench -- policy`).
 */
import {
  TLP2_EXTENSION_DEFINITION_ID,
  TLP_LEVELS,
  tlpOfMarking,
  type TlpLevel,
} from '../stix/markings.ts';
import { versionOf, type StixObject } from '../stix/object.ts';
import type { AuditLog } from '../store/audit/audit-log.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import type { Partner, Provenance, Reader, SharingAgreement } from './model.ts';

/**
 * The identity that publishes Accord's own extension-definitions (the
 * workflow types, workflows/extensions): the same fixed object on every node,
 * like the TLP 2.0 definitions' creator. It and the extension-definitions it
 * created are always shareable, so partners can read the types they receive.
 */
export const ACCORD_PROJECT_IDENTITY_ID = 'identity--8f2f1c3e-3d0a-5b7e-9a41-6c5d2e7f0b19';

/** The node's default marking for unmarked objects when none is configured (issue 5). */
export const DEFAULT_MARKING: TlpLevel = 'amber';

/**
 * The custom property (STIX 2.1 §11.1) naming who may receive a TLP:RED object:
 * a list of STIX `identity` ids. A partner reads a TLP:RED version only when its
 * `Partner.identityId` is in the list (and its agreement lists `red`).
 */
export const RECIPIENTS_PROPERTY = 'x_accord_recipients';

export interface Decision {
  readonly allow: boolean;
  /** Why: specific enough for the audit log on a deny. */
  readonly reason: string;
  /** The version's effective TLP level (`clear` for the always-shareable objects). */
  readonly level: TlpLevel;
}

/**
 * What `decide` needs beyond the reader and the version, built once per request
 * (`policyContext`) and shared by every version it decides.
 */
export interface PolicyContext {
  /** The reader's partner's agreements; only its `outbound` ones count. Empty for local and public readers. */
  readonly agreements: readonly SharingAgreement[];
  /** The level of a version that carries no TLP marking (TLP:AMBER out of the box). */
  readonly defaultMarking: TlpLevel;
  /** The collection the versions are read from; absent (an export of everything): only agreements covering `'*'` apply. */
  readonly collectionId?: string | undefined;
  /** This node's own STIX identity: always shareable while it carries no TLP marking. */
  readonly nodeIdentityId?: string | undefined;
  /** Where a version came from; `undefined`: made on this node. Called only when the answer matters. */
  readonly provenanceOf: (version: StixObject) => Provenance | undefined;
  /** The inbound agreement a received version arrived under (the originating partner's), if it still exists. */
  readonly inboundAgreement: (provenance: Provenance) => SharingAgreement | undefined;
}

/**
 * Where the policy's facts come from (the port the server depends on):
 * `localPolicySource` over the node-local store, `MemoryPolicySource` in memory.
 */
export interface PolicySource {
  /** The partner whose machine account is `accountName` (`Partner.accountName`). */
  partnerForAccount(accountName: string): Partner | undefined;
  /** Every agreement (both directions) with the partner named `partner`. */
  agreementsFor(partner: string): readonly SharingAgreement[];
  /** Where the version `objectId` @ `modified` came from; `undefined`: made on this node. */
  provenanceOf(objectId: string, modified: string): Provenance | undefined;
  /** The node's configured default marking. */
  defaultMarking(): TlpLevel;
  /** Receives what a request withheld (one summary per request), for the audit log. */
  recordWithheld?(summary: WithheldSummary): void;
  /** Keeps where received versions came from (the first arrival of a version wins). */
  recordProvenance?(records: readonly Provenance[]): void;
}

/** What one request withheld from one reader: written to the audit log as `policy.deny`. */
export interface WithheldSummary {
  /** `partner:<name>`, `public`, or the account name. */
  actor: string;
  /** What was asked, e.g. `taxii.objects`. */
  endpoint: string;
  collectionId?: string;
  /** How many versions were withheld. */
  count: number;
  /** Withheld versions by reason. */
  reasons: Record<string, number>;
  /** The first withheld versions (`id@version`), at most `WITHHELD_SAMPLE`. */
  sample: string[];
}

/** How many withheld version ids one summary lists. */
export const WITHHELD_SAMPLE = 20;

const RANK: Readonly<Record<TlpLevel, number>> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/**
 * The effective TLP level of a version: the strictest TLP marking (1.0 or 2.0;
 * 1.0 WHITE is CLEAR) among its object-level markings — `defaultMarking` when
 * it has none — and every granular marking, whatever its selectors. A granular
 * marking stricter than the object level makes the whole object that level
 * (redacting the marked properties instead is a future step); a granular
 * marking less strict than the object level (or than the default, on an object
 * without object-level TLP) changes nothing. Markings that are not TLP do not
 * change the level.
 */
export function effectiveTlp(version: StixObject, defaultMarking: TlpLevel): TlpLevel {
  return levelOf(objectRank(version), granularRank(version), defaultMarking);
}

function levelOf(objectLevel: number, granularLevel: number, defaultMarking: TlpLevel): TlpLevel {
  return TLP_LEVELS[Math.max(objectLevel < 0 ? RANK[defaultMarking] : objectLevel, granularLevel)]!;
}

/** The rank of the strictest TLP marking in `object_marking_refs`; -1 when none. */
function objectRank(version: StixObject): number {
  let rank = -1;
  const refs: unknown = version.object_marking_refs;
  if (Array.isArray(refs)) {
    for (let i = 0; i < refs.length; i++) rank = Math.max(rank, rankOf(refs[i]));
  }
  return rank;
}

/** The rank of the strictest TLP marking among the granular markings; -1 when none. */
function granularRank(version: StixObject): number {
  let rank = -1;
  const granular: unknown = version.granular_markings;
  if (Array.isArray(granular)) {
    for (let i = 0; i < granular.length; i++) {
      const marking: unknown = granular[i];
      if (typeof marking === 'object' && marking !== null) rank = Math.max(rank, rankOf((marking as { marking_ref?: unknown }).marking_ref));
    }
  }
  return rank;
}

function rankOf(markingRef: unknown): number {
  const level = typeof markingRef === 'string' ? tlpOfMarking(markingRef) : undefined;
  return level === undefined ? -1 : RANK[level];
}

// Allow decisions are shared constants: an allowed version costs no allocation.
const allowTable = (reason: string): Readonly<Record<TlpLevel, Decision>> =>
  Object.freeze(Object.fromEntries(TLP_LEVELS.map((level) => [level, Object.freeze({ allow: true, reason, level })]))) as Record<TlpLevel, Decision>;
const ALLOW_LOCAL = allowTable('local account: collection grants apply');
const ALLOW_AGREEMENT = allowTable('allowed by an outbound agreement');
const ALLOW_PUBLIC = allowTable('TLP:CLEAR: no limit on disclosure');
const ALLOW_ALWAYS = Object.freeze({ allow: true, reason: 'needed to read markings or to know this node: always shareable', level: 'clear' as TlpLevel });

const label = (level: TlpLevel): string => `TLP:${level.toUpperCase()}`;
const deny = (reason: string, level: TlpLevel): Decision => ({ allow: false, reason, level });

/**
 * May `reader` see `version`? FIRST TLP 2.0 over the sharing agreements
 * (docs/policy.md "Sharing policy"):
 *
 * - local accounts: yes (their collection grants are checked in server/access.ts);
 * - the public: TLP:CLEAR only;
 * - a partner: an outbound agreement with it must cover the collection, the
 *   object type and the level; GREEN, AMBER and AMBER+STRICT then reach it (it
 *   is the recipient organisation); RED only when its identity is named in
 *   `x_accord_recipients`; a partner of kind `public` is the public;
 * - onward: a version received from partner A never goes back to A
 *   ("originated there": no ping-pong) and reaches anyone else only when it is
 *   CLEAR or GREEN and the inbound agreement it came under allows onward sharing;
 * - marking-definitions, the TLP 2.0 extension-definition, Accord's own
 *   extension-definitions and their creator, and this node's identity, while
 *   they carry no TLP marking, are always shareable (to a partner: with any
 *   outbound agreement covering the collection).
 */
export function decide(reader: Reader, version: StixObject, context: PolicyContext): Decision {
  const objectLevel = objectRank(version);
  const granularLevel = granularRank(version);
  const always = objectLevel < 0 && granularLevel < 0 && isAlwaysShareable(version, context);
  const level = always ? 'clear' : levelOf(objectLevel, granularLevel, context.defaultMarking);
  if (reader.kind === 'local') return ALLOW_LOCAL[level];

  if (reader.kind === 'public') {
    if (always) return ALLOW_ALWAYS;
    if (level !== 'clear') return deny(`only TLP:CLEAR is given to the public; this version is ${label(level)}`, level);
    return onward(undefined, version, level, context) ?? ALLOW_PUBLIC[level];
  }

  const partner = reader.partner;
  if (!always && partner.identityId !== undefined && version.created_by_ref === partner.identityId) {
    // Its creator has it already; sent back, it would come home as if received (a loop, and a false provenance).
    return deny(`originated there: created by partner ${JSON.stringify(partner.name)} (${partner.identityId}), never sent back`, level);
  }
  let coversCollection = false;
  let coversType = false;
  let coversLevel = false;
  for (const agreement of context.agreements) {
    if (agreement.direction !== 'outbound' || agreement.partner !== partner.name) continue;
    if (!covers(agreement.collections, context.collectionId)) continue;
    coversCollection = true;
    if (always) break;
    if (!covers(agreement.objectTypes, version.type)) continue;
    coversType = true;
    if (agreement.tlp.includes(level)) {
      coversLevel = true;
      break;
    }
  }
  if (!coversCollection) {
    const partnerName = JSON.stringify(partner.name);
    return deny(context.collectionId === undefined
      ? `no outbound agreement with partner ${partnerName} covers all collections`
      : `no outbound agreement with partner ${partnerName} covers collection ${context.collectionId}`, level);
  }
  if (always) return ALLOW_ALWAYS;
  if (!coversType) return deny(`no outbound agreement with partner ${JSON.stringify(partner.name)} covers type ${version.type} in this collection`, level);
  if (!coversLevel) return deny(`no outbound agreement with partner ${JSON.stringify(partner.name)} covering this collection and type lists ${label(level)}`, level);
  if (partner.kind === 'public' && level !== 'clear') {
    return deny(`partner ${JSON.stringify(partner.name)} is the public: only TLP:CLEAR is given to it; this version is ${label(level)}`, level);
  }
  if (level === 'red' && (partner.identityId === undefined || !namesRecipient(version, partner.identityId))) {
    return deny(`TLP:RED goes only to the identities named in ${RECIPIENTS_PROPERTY}; partner ${JSON.stringify(partner.name)} (${partner.identityId ?? 'no identity id'}) is not named`, level);
  }
  return onward(partner.name, version, level, context) ?? ALLOW_AGREEMENT[level];
}

/** The onward rules for a version going to `recipient` (a partner's name; `undefined`: the public), or `undefined` when they allow it. */
function onward(recipient: string | undefined, version: StixObject, level: TlpLevel, context: PolicyContext): Decision | undefined {
  const provenance = context.provenanceOf(version);
  if (provenance === undefined) return undefined;
  const source = JSON.stringify(provenance.partner);
  if (provenance.partner === recipient) return deny(`originated there: received from partner ${source}, never sent back`, level);
  if (level !== 'clear' && level !== 'green') return deny(`${label(level)} received from partner ${source} never travels onward`, level);
  const inbound = context.inboundAgreement(provenance);
  if (inbound === undefined || inbound.direction !== 'inbound' || inbound.partner !== provenance.partner) {
    return deny(`received from partner ${source} under inbound agreement ${provenance.agreementId}, which no longer exists: not passed on`, level);
  }
  if (!inbound.onward) return deny(`received from partner ${source} under inbound agreement ${inbound.id}, which does not allow onward sharing`, level);
  return undefined;
}

/** What a partner may send here: the inbound agreement that admits a version, or why none does. */
export type Admission = { readonly agreement: SharingAgreement } | { readonly reason: string };

/**
 * May `partner` send this version into `collectionId`? Its inbound agreements decide,
 * with the same coverage rules as outbound ones (collection, type, TLP level at the
 * node's default marking when unmarked). The first agreement that admits it is
 * the one recorded as its provenance (docs/policy.md "Inbound").
 */
export function admitInbound(partner: Partner, agreements: readonly SharingAgreement[], version: StixObject, scope: { collectionId: string; defaultMarking: TlpLevel }): Admission {
  const level = effectiveTlp(version, scope.defaultMarking);
  const inbound = agreements.filter((agreement) => agreement.direction === 'inbound' && agreement.partner === partner.name && covers(agreement.collections, scope.collectionId));
  if (inbound.length === 0) return { reason: `no inbound agreement with partner ${JSON.stringify(partner.name)} covers collection ${scope.collectionId}` };
  const typed = inbound.filter((agreement) => covers(agreement.objectTypes, version.type));
  if (typed.length === 0) return { reason: `no inbound agreement with partner ${JSON.stringify(partner.name)} covers type ${version.type} in this collection` };
  const agreement = typed.find((candidate) => candidate.tlp.includes(level));
  return agreement === undefined
    ? { reason: `no inbound agreement with partner ${JSON.stringify(partner.name)} covering this collection and type lists ${label(level)}` }
    : { agreement };
}

function covers(list: readonly string[], value: string | undefined): boolean {
  return list.includes('*') || (value !== undefined && list.includes(value));
}

function isAlwaysShareable(version: StixObject, context: PolicyContext): boolean {
  return version.type === 'marking-definition' || version.id === TLP2_EXTENSION_DEFINITION_ID
    || version.id === ACCORD_PROJECT_IDENTITY_ID
    || (version.type === 'extension-definition' && version.created_by_ref === ACCORD_PROJECT_IDENTITY_ID)
    || (context.nodeIdentityId !== undefined && version.id === context.nodeIdentityId);
}

function namesRecipient(version: StixObject, identityId: string): boolean {
  const recipients: unknown = version[RECIPIENTS_PROPERTY];
  return Array.isArray(recipients) && recipients.includes(identityId);
}

/** What a request reads from: the collection, and this node's identity (settings `identityId`). */
export interface PolicyScope {
  collectionId?: string | undefined;
  nodeIdentityId?: string | undefined;
}

/**
 * The context for every version one request gives `reader`: the partner's
 * agreements and the default marking read once; provenance looked up per
 * version (only when it matters); inbound agreements remembered per request.
 */
export function policyContext(source: PolicySource, reader: Reader, scope: PolicyScope = {}): PolicyContext {
  const inbound = new Map<string, SharingAgreement | undefined>();
  return {
    agreements: reader.kind === 'partner' ? source.agreementsFor(reader.partner.name) : [],
    defaultMarking: source.defaultMarking(),
    collectionId: scope.collectionId,
    nodeIdentityId: scope.nodeIdentityId,
    provenanceOf: (version) => source.provenanceOf(version.id, versionOf(version)),
    inboundAgreement: (provenance) => {
      const key = `${provenance.partner}\n${provenance.agreementId}`;
      if (!inbound.has(key)) inbound.set(key, source.agreementsFor(provenance.partner).find((agreement) => agreement.id === provenance.agreementId));
      return inbound.get(key);
    },
  };
}

/**
 * Counts what one request withheld, for one `WithheldSummary` (the audit
 * entry): reasons by count and the first few version ids.
 */
export class WithheldTally {
  count = 0;
  readonly reasons: Record<string, number> = {};
  readonly sample: string[] = [];

  add(version: StixObject, decision: Decision): void {
    this.count++;
    this.reasons[decision.reason] = (this.reasons[decision.reason] ?? 0) + 1;
    if (this.sample.length < WITHHELD_SAMPLE) this.sample.push(`${version.id}@${versionOf(version)}`);
  }

  summary(actor: string, endpoint: string, collectionId?: string): WithheldSummary {
    return { actor, endpoint, ...(collectionId !== undefined && { collectionId }), count: this.count, reasons: { ...this.reasons }, sample: [...this.sample] };
  }
}

export interface LocalPolicySourceOptions {
  /** Where a version came from (default: the node-local store's provenance records). */
  provenanceOf?: PolicySource['provenanceOf'];
  /** The node's default marking (default: the node setting `defaultMarking`, else `DEFAULT_MARKING`, TLP:AMBER). */
  defaultMarking?: TlpLevel;
  /** Where withheld summaries go: one `policy.deny` entry each. */
  audit?: Pick<AuditLog, 'append'>;
}

/**
 * The policy source of a node: partners, agreements and provenance as the
 * node-local store keeps them (read on every request, so a change applies at
 * once), and the node's default marking setting (`accord init --default-marking`);
 * the audit log from `options`.
 */
export function localPolicySource(local: Pick<LocalStore, 'listPartners' | 'listAgreements' | 'provenanceOf' | 'recordProvenance' | 'settings'>, options: LocalPolicySourceOptions = {}): PolicySource {
  const { audit } = options;
  return {
    partnerForAccount: (accountName) => local.listPartners().find((partner) => partner.accountName === accountName),
    agreementsFor: (partner) => local.listAgreements(partner),
    provenanceOf: options.provenanceOf ?? ((objectId, modified) => local.provenanceOf(objectId, modified)),
    recordProvenance: (records) => local.recordProvenance(records),
    defaultMarking: () => options.defaultMarking ?? local.settings().defaultMarking ?? DEFAULT_MARKING,
    ...(audit !== undefined && {
      recordWithheld: ({ actor, collectionId, ...details }: WithheldSummary) => {
        audit.append({ actor, action: 'policy.deny', ...(collectionId !== undefined && { target: collectionId }), details: { ...details } });
      },
    }),
  };
}

/** Partners, agreements and provenance held in memory: tests and benchmarks. `withheld` keeps every summary it is given. */
export class MemoryPolicySource implements PolicySource {
  readonly partners: Partner[] = [];
  readonly agreements: SharingAgreement[] = [];
  readonly withheld: WithheldSummary[] = [];
  /** By object id, then version: no key is built per lookup. */
  readonly #provenance = new Map<string, Map<string, Provenance>>();
  #defaultMarking: TlpLevel;

  constructor(options: { partners?: readonly Partner[]; agreements?: readonly SharingAgreement[]; provenance?: readonly Provenance[]; defaultMarking?: TlpLevel } = {}) {
    this.partners.push(...(options.partners ?? []));
    this.agreements.push(...(options.agreements ?? []));
    for (const record of options.provenance ?? []) this.addProvenance(record);
    this.#defaultMarking = options.defaultMarking ?? DEFAULT_MARKING;
  }

  addProvenance(record: Provenance): void {
    let versions = this.#provenance.get(record.objectId);
    if (versions === undefined) this.#provenance.set(record.objectId, (versions = new Map()));
    versions.set(record.modified, record);
  }

  setDefaultMarking(level: TlpLevel): void {
    this.#defaultMarking = level;
  }

  partnerForAccount(accountName: string): Partner | undefined {
    return this.partners.find((partner) => partner.accountName === accountName);
  }

  agreementsFor(partner: string): readonly SharingAgreement[] {
    return this.agreements.filter((agreement) => agreement.partner === partner);
  }

  provenanceOf(objectId: string, modified: string): Provenance | undefined {
    return this.#provenance.get(objectId)?.get(modified);
  }

  defaultMarking(): TlpLevel {
    return this.#defaultMarking;
  }

  recordWithheld(summary: WithheldSummary): void {
    this.withheld.push(summary);
  }
}
