/**
 * Accord's workflow types as STIX 2.1 extensions (§7.3): the
 * extension-definitions every node publishes with the same ids, their JSON
 * Schemas, the hand-written checks (`checkWorkflowObject`, also run by
 * `validateObject` at every ingest once `registerWorkflowChecks` is called),
 * and the store helpers the workflow services share.
 */
export {
  ACCORD_NAMESPACE, INCIDENT_EXTENSION_NAME, WORKFLOW_EXTENSION_IDS, WORKFLOW_EXTENSION_VERSION, WORKFLOW_SDO_TYPES,
  newSdoExtension, workflowExtensionDefinition, workflowExtensionDefinitions, workflowExtensionId, workflowSchemaUrl,
  type WorkflowExtensionName, type WorkflowSdoType,
} from './definitions.ts';
export { checkWorkflowObject, registerWorkflowChecks, WORKFLOW_EXTENSION_CHECKS } from './check.ts';
export { ensureWorkflowExtensions } from './ensure.ts';
export { WORKFLOW_SCHEMAS, workflowSchemaText } from './schemas.ts';
export { describeProblems } from './fields.ts';
export { latestObject, saveWorkflowObject, type WorkflowContext } from './store-objects.ts';
