import type { StixObject } from '../../stix/object.ts';
import type { ResponseLegalCheck } from './legal-check.ts';

/** The wire shapes of the coordinated-response workflow (new-sdo types; docs/responses.md). */

export const RESPONSE_STATUSES = ['proposed', 'agreed', 'in-progress', 'done', 'dropped'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export const POSITIONS = ['support', 'oppose', 'abstain'] as const;
export type Position = (typeof POSITIONS)[number];

/** What an option may be aimed at: the state or the actor. */
export const RESPONSE_TARGET_TYPES = ['identity', 'location', 'intrusion-set', 'threat-actor'] as const;

export interface ResponseStatusChange {
  status: ResponseStatus;
  by: string;
  at: string;
  reason?: string;
}

/** A response option for an attribution case, with its legal check; each status change is a new version by its creator. */
export interface ResponseOption extends StixObject {
  type: 'accord-response-option';
  created: string;
  modified: string;
  created_by_ref: string;
  case_ref: string;
  kind: string;
  name: string;
  description: string;
  target_ref?: string;
  status: ResponseStatus;
  status_history: ResponseStatusChange[];
  legal_check: ResponseLegalCheck;
  /** The stored legal assessment the check used (absent when facts were given with the proposal). */
  assessment_ref?: string;
}

/** A partner's position on an option, made by the partner (`created_by_ref`); its later position is a new version. */
export interface ResponsePosition extends StixObject {
  type: 'accord-response-position';
  created: string;
  modified: string;
  created_by_ref: string;
  option_ref: string;
  position: Position;
  /** Required to oppose or abstain. */
  reason?: string;
}
