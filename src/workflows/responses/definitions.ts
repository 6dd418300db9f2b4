import { WORKFLOW_EXTENSION_IDS } from '../extensions/definitions.ts';

/** The new-sdo types of the coordinated-response workflow (STIX 2.1 §7.3), declared with the other workflow types in ../extensions. */
export const RESPONSE_SDO_TYPES = ['accord-response-option', 'accord-response-position'] as const;
export type ResponseSdoType = (typeof RESPONSE_SDO_TYPES)[number];

export const RESPONSE_EXTENSION_IDS: Readonly<Record<ResponseSdoType, string>> = Object.freeze({
  'accord-response-option': WORKFLOW_EXTENSION_IDS['accord-response-option'],
  'accord-response-position': WORKFLOW_EXTENSION_IDS['accord-response-position'],
});
