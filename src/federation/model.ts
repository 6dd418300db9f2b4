/**
 * The federation's data model (issue 5): partners, sharing agreements, readers and
 * provenance. Agreements are data, not code: the policy (policy.ts) reads them, the
 * CLI and API edit them, every change is audited.
 */
import type { TlpLevel } from '../stix/markings.ts';

/** A full partner state's node, an industry partner's node, or the public (no node: the public pages). */
export const PARTNER_KINDS = ['state', 'industry', 'public'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Partner {
  /** Unique, short, lower case (`au`, `pl`, `acme-isac`): used on the command line and in logs. */
  name: string;
  kind: PartnerKind;
  /** The partner node's TAXII API root URL (absent for the public). */
  url?: string;
  /** The STIX `identity` id of the partner organisation. */
  identityId?: string;
  /** The partner node's Ed25519 public key (SPKI, base64) that verifies what it sends. */
  publicKey?: string;
  /** The local account the partner's node signs in with here (its reads are that partner's reads). */
  accountName?: string;
  createdAt: string;
}

/** `outbound`: what this node shares with the partner; `inbound`: what it accepts from the partner. */
export const DIRECTIONS = ['outbound', 'inbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One agreement for one partner and direction. `'*'` in a list means any. */
export interface SharingAgreement {
  id: string;
  partner: string;
  direction: Direction;
  /** Collection ids covered (`['*']`: all). */
  collections: string[];
  /** STIX object types covered (`['*']`: all). */
  objectTypes: string[];
  /** TLP levels that may flow under this agreement. */
  tlp: TlpLevel[];
  /**
   * Inbound: whether what this partner sends may be passed on to other partners
   * (only ever CLEAR/GREEN — AMBER, AMBER+STRICT and RED never travel onward).
   * Outbound: whether the partner may pass on what we send (recorded, and told to the partner).
   */
  onward: boolean;
  /** Free text: the joint statement or MoU the agreement implements. */
  basis?: string;
  updatedAt: string;
}

/** Who is asking to see data. */
export type Reader =
  | { readonly kind: 'local'; readonly role: string }
  | { readonly kind: 'partner'; readonly partner: Partner }
  | { readonly kind: 'public' };

/** Where an object version came from (recorded at ingest). Absent: made on this node. */
export interface Provenance {
  objectId: string;
  modified: string;
  /** The partner that sent it. */
  partner: string;
  /** The inbound agreement it arrived under. */
  agreementId: string;
  receivedAt: string;
}
