import { ACCORD_PROJECT_IDENTITY_ID } from '../../federation/policy.ts';
import { newIdentifier, uuidV5 } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import type { ExtensionDefinition, Identity } from '../../stix/types/index.ts';
import { LEGAL_ASSESSMENT_DESCRIPTION } from '../legal/type.ts';

/**
 * The extension-definitions (STIX 2.1 §7.3) that declare Accord's workflow
 * types. Their ids are UUIDv5 of the type name and version in Accord's own
 * namespace, so every node publishes the same ids and a partner's node knows
 * an `accord-attribution-case` by the id in its `extensions` alone. Like the
 * TLP 2.0 definitions, they have one fixed creator (the Accord project
 * identity, shipped too) and a fixed version key (`created`/`modified`), so
 * every node's copy is byte-identical and a partner's copy is a duplicate,
 * never a conflicting version.
 */

/** The UUIDv5 namespace of Accord's deterministic ids (a constant: changing it renames every definition). */
export const ACCORD_NAMESPACE = '4c0b1f8e-6a52-4b7e-9d39-2f1f5e8a7c10';

export const WORKFLOW_SDO_TYPES = [
  'accord-attribution-case', 'accord-evidence', 'accord-assessment', 'accord-signature',
  'accord-legal-assessment', 'accord-norm-tag', 'accord-norm-implementation',
  'accord-response-option', 'accord-response-position', 'accord-lessons-learned',
] as const;
export type WorkflowSdoType = (typeof WORKFLOW_SDO_TYPES)[number];

/** The property-extension on STIX `incident`. */
export const INCIDENT_EXTENSION_NAME = 'accord-incident' as const;
export type WorkflowExtensionName = WorkflowSdoType | typeof INCIDENT_EXTENSION_NAME;

export const WORKFLOW_EXTENSION_VERSION = '1.0';
/** The version key of every 1.0 definition: the same on every node. */
const VERSION_1_0_TIMESTAMP = '2026-01-01T00:00:00.000Z';

/** The creator of every workflow extension-definition: the same object on every node (shareable like the definitions). */
export const ACCORD_PROJECT_IDENTITY: Identity = Object.freeze({
  type: 'identity',
  spec_version: '2.1',
  id: ACCORD_PROJECT_IDENTITY_ID,
  created: VERSION_1_0_TIMESTAMP,
  modified: VERSION_1_0_TIMESTAMP,
  name: 'Accord project',
  description: 'The authors of Accord, the federated cyber co-operation platform: the publisher of the extension-definitions of its workflow types.',
  identity_class: 'organization',
});

const DESCRIPTIONS: Readonly<Record<WorkflowExtensionName, string>> = {
  'accord-attribution-case': 'A joint attribution case: incidents, a candidate actor and its state nexus, the participating partners, the concurrence rule and the status flow draft, consultation, agreed, published or withdrawn.',
  'accord-evidence': 'An evidence item of an attribution case: intelligence objects graded with the Admiralty code (source reliability A-F, information credibility 1-6) and the partner that contributed it.',
  'accord-assessment': "A partner's assessment in an attribution case: level, likelihood on the PHIA yardstick with its ICD 203 term and probability range, and rationale.",
  'accord-signature': 'A detached Ed25519 co-signature by a partner node over the RFC 8785 canonical JSON of one version of a joint statement (a STIX report).',
  'accord-legal-assessment': LEGAL_ASSESSMENT_DESCRIPTION,
  'accord-norm-tag': 'A decision about one UN GGE 2015 norm (A/70/174 para. 13) for one incident: the engine\'s suggestion with the rules that fired, or an analyst\'s confirmation or rejection with the reason.',
  'accord-norm-implementation': 'A record of how a state implements one UN GGE 2015 norm: the measure, its evidence and its date.',
  'accord-response-option': 'A response option for an attribution case (EU Cyber Diplomacy Toolbox or national measure) with its status and its check by the legal engine: the legal bases, their verdicts, preconditions and conditions. Decision support, not legal advice.',
  'accord-response-position': "A partner's position on a response option: support, oppose or abstain, with its reasons.",
  'accord-lessons-learned': 'A post-incident review: what happened, what worked, what did not, and recommendations each with an owner, a due date and a status, linked to the incidents and attribution cases reviewed.',
  'accord-incident': 'Properties of a cyber incident: category, affected sectors and countries, victims, impact, timeline, status and the intelligence it relates to.',
};

/** The id of the extension-definition of `name` (version 1.0 unless given). */
export function workflowExtensionId(name: WorkflowExtensionName, version: string = WORKFLOW_EXTENSION_VERSION): string {
  return `extension-definition--${uuidV5(ACCORD_NAMESPACE, `${name}/${version}`)}`;
}

/** Where the definition says its schema is documented; the schema text itself is `WORKFLOW_SCHEMAS`. */
export function workflowSchemaUrl(name: WorkflowExtensionName): string {
  return `https://accord.invalid/schemas/${name}/${WORKFLOW_EXTENSION_VERSION}`;
}

/** The ids of the current definitions, by name. */
export const WORKFLOW_EXTENSION_IDS: Readonly<Record<WorkflowExtensionName, string>> = Object.freeze({
  'accord-attribution-case': workflowExtensionId('accord-attribution-case'),
  'accord-evidence': workflowExtensionId('accord-evidence'),
  'accord-assessment': workflowExtensionId('accord-assessment'),
  'accord-signature': workflowExtensionId('accord-signature'),
  'accord-legal-assessment': workflowExtensionId('accord-legal-assessment'),
  'accord-norm-tag': workflowExtensionId('accord-norm-tag'),
  'accord-norm-implementation': workflowExtensionId('accord-norm-implementation'),
  'accord-response-option': workflowExtensionId('accord-response-option'),
  'accord-response-position': workflowExtensionId('accord-response-position'),
  'accord-lessons-learned': workflowExtensionId('accord-lessons-learned'),
  'accord-incident': workflowExtensionId(INCIDENT_EXTENSION_NAME),
});

/** The extension-definition of `name`, created by the Accord project identity. */
export function workflowExtensionDefinition(name: WorkflowExtensionName): ExtensionDefinition {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: WORKFLOW_EXTENSION_IDS[name],
    created: VERSION_1_0_TIMESTAMP,
    modified: VERSION_1_0_TIMESTAMP,
    created_by_ref: ACCORD_PROJECT_IDENTITY_ID,
    name,
    description: DESCRIPTIONS[name],
    schema: workflowSchemaUrl(name),
    version: WORKFLOW_EXTENSION_VERSION,
    extension_types: [name === INCIDENT_EXTENSION_NAME ? 'property-extension' : 'new-sdo'],
  };
}

/** Every definition, in a fixed order. */
export function workflowExtensionDefinitions(): ExtensionDefinition[] {
  return ([...WORKFLOW_SDO_TYPES, INCIDENT_EXTENSION_NAME] as const).map((name) => workflowExtensionDefinition(name));
}

/** The `extensions` entry every object of a workflow SDO type carries. */
export function newSdoExtension(type: WorkflowSdoType): Record<string, { extension_type: 'new-sdo' }> {
  return { [WORKFLOW_EXTENSION_IDS[type]]: { extension_type: 'new-sdo' } };
}

/** A first version of a workflow SDO: the common properties, the new-sdo extension entry, then `content`. */
export function newWorkflowObject<T extends StixObject>(type: WorkflowSdoType, createdBy: string, now: string, content: Readonly<Record<string, unknown>>): T {
  const object = { type, spec_version: '2.1', id: newIdentifier(type), created: now, modified: now, created_by_ref: createdBy, extensions: newSdoExtension(type), ...content };
  return object as unknown as T;
}
