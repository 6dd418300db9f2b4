import { WORKFLOW_EXTENSION_IDS } from '../extensions/definitions.ts';

/**
 * The new-sdo types of the norms workflow (STIX 2.1 §7.3), declared and
 * checked at ingest by ../extensions like every workflow type; their
 * extension-definition ids are the shared ones.
 */
export const NORM_SDO_TYPES = ['accord-norm-tag', 'accord-norm-implementation'] as const;
export type NormSdoType = (typeof NORM_SDO_TYPES)[number];

export const NORM_EXTENSION_IDS: Readonly<Record<NormSdoType, string>> = Object.freeze({
  'accord-norm-tag': WORKFLOW_EXTENSION_IDS['accord-norm-tag'],
  'accord-norm-implementation': WORKFLOW_EXTENSION_IDS['accord-norm-implementation'],
});
