import type { StixObject } from '../../stix/object.ts';
import type { NormId } from './catalogue.ts';

/** The wire shapes of the norms workflow (new-sdo types; see docs/norms.md). */

export const NORM_TAG_STATUSES = ['suggested', 'confirmed', 'rejected'] as const;
export type NormTagStatus = (typeof NORM_TAG_STATUSES)[number];

/** What an implementation record may name as the state, besides an ISO 3166-1 alpha-2 code. */
export const STATE_REF_TYPES = ['identity', 'location'] as const;

/**
 * One decision about one norm for one incident: the engine's suggestion (with
 * the rules that fired) or an analyst's confirmation or rejection (with the
 * reason and who decided). The latest decision per incident and norm stands;
 * earlier ones stay as the record.
 */
export interface NormTag extends StixObject {
  type: 'accord-norm-tag';
  created: string;
  created_by_ref: string;
  incident_ref: string;
  norm: NormId;
  status: NormTagStatus;
  /** The ids of the rules that fired (suggestions only). */
  rules?: string[];
  /** Why: required for a confirmation or rejection. */
  reason?: string;
  /** The analyst's identity (confirmations and rejections only). */
  decided_by?: string;
}

/** A state's "positive practical measure" implementing a norm, with its evidence. */
export interface NormImplementation extends StixObject {
  type: 'accord-norm-implementation';
  created: string;
  created_by_ref: string;
  /** ISO 3166-1 alpha-2 code, or the id of the state's identity or location. */
  state: string;
  norm: NormId;
  measure: string;
  /** URLs or STIX ids of the documents that show the measure. */
  evidence: string[];
  /** When the measure was taken. */
  date: string;
}
