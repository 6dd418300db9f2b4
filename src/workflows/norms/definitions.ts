import { uuidV5 } from '../../stix/identifier.ts';
import { ACCORD_NAMESPACE, WORKFLOW_EXTENSION_VERSION } from '../extensions/definitions.ts';

/**
 * The new-sdo types of the norms workflow (STIX 2.1 §7.3). Their
 * extension-definition ids are derived exactly as `workflowExtensionId`
 * derives the others (UUIDv5 of `<type>/<version>` in Accord's namespace), so
 * they stay the same when these types join `WORKFLOW_SDO_TYPES` in
 * ../extensions, which declares and checks them at ingest from then on.
 */
export const NORM_SDO_TYPES = ['accord-norm-tag', 'accord-norm-implementation'] as const;
export type NormSdoType = (typeof NORM_SDO_TYPES)[number];

export const NORM_EXTENSION_IDS: Readonly<Record<NormSdoType, string>> = Object.freeze({
  'accord-norm-tag': `extension-definition--${uuidV5(ACCORD_NAMESPACE, `accord-norm-tag/${WORKFLOW_EXTENSION_VERSION}`)}`,
  'accord-norm-implementation': `extension-definition--${uuidV5(ACCORD_NAMESPACE, `accord-norm-implementation/${WORKFLOW_EXTENSION_VERSION}`)}`,
});
