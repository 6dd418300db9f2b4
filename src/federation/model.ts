/**
 * The federation's data model (issue 5): partners, sharing agreements, readers and
 * provenance. Agreements are data, not code: the policy (policy.ts) reads them, the
 * CLI and API edit them, every change is audited.
 */
import type { AgreementRecord, PartnerRecord, ProvenanceRecord } from '../store/local/local-store.ts';

/** A full partner state's node, an industry partner's node, or the public (no node: the public pages). */
export const PARTNER_KINDS = ['state', 'industry', 'public'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** A partner; its fields are documented where it is stored (store/local `PartnerRecord`). */
export type Partner = PartnerRecord;

/** `outbound`: what this node shares with the partner; `inbound`: what it accepts from the partner. */
export const DIRECTIONS = ['outbound', 'inbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One agreement for one partner and direction; fields documented at store/local `AgreementRecord`. */
export type SharingAgreement = AgreementRecord;

/** Who is asking to see data. */
export type Reader =
  | { readonly kind: 'local'; readonly role: string }
  | { readonly kind: 'partner'; readonly partner: Partner }
  | { readonly kind: 'public' };

/** Where an object version came from (recorded at ingest; the stored record, documented in local-store.ts). Absent: made on this node. */
export type Provenance = ProvenanceRecord;

/**
 * The outcome of checking input for a partner or agreement (partners.ts, agreements.ts):
 * the value to store and any warnings, or every problem found, each a sentence
 * that names the field, what was given and what is expected. The CLI prints
 * problems as a usage error; an API answers them as a bad request.
 */
export type Checked<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; problems: string[] };
