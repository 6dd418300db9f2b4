import type { ValidationProblem } from '../../stix/validation/index.ts';
import { newIdentifier } from '../../stix/identifier.ts';
import { newVersion } from '../../stix/versioning.ts';
import { INCIDENT_EXTENSION_NAME, WORKFLOW_EXTENSION_IDS } from '../extensions/definitions.ts';
import { Fields, isRecord } from '../extensions/fields.ts';
import { badInput, creationMarkings, nowOf, refused, requireObject, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';
import { checkIncidentFields, INCIDENT_EXTENSION_PROPERTIES } from './check-incident.ts';
import type { AccordIncident, IncidentExtension } from './model.ts';

/**
 * Incidents: a STIX 2.1 `incident` (§4.6) carrying the accord-incident
 * property-extension. Every change is a new STIX version written through the
 * Store, so incidents federate and keep their history like any object.
 */

/** What a caller gives: the incident's name and description and the extension's properties (wire names). */
export type IncidentInput = {
  name: string;
  description?: string;
} & Partial<Omit<IncidentExtension, 'extension_type'>>;

/** Changes to an incident: the same properties; `null` removes an optional one. */
export type IncidentChanges = { [K in keyof IncidentInput]?: IncidentInput[K] | null };

const INPUT_PROPERTIES = ['name', 'description', ...INCIDENT_EXTENSION_PROPERTIES];
const INCIDENT_EXTENSION_ID = WORKFLOW_EXTENSION_IDS[INCIDENT_EXTENSION_NAME];

/** The accord-incident extension of `incident`, if it has one. */
export function incidentExtension(incident: { extensions?: unknown }): IncidentExtension | undefined {
  const extension = isRecord(incident.extensions) ? incident.extensions[INCIDENT_EXTENSION_ID] : undefined;
  return isRecord(extension) ? (extension as unknown as IncidentExtension) : undefined;
}

/** Every problem of an incident input (paths name the input's properties). */
export function checkIncidentInput(input: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!isRecord(input)) return [{ path: '$', rule: 'not-an-object', message: 'an incident is given as an object {name, category, …}' }];
  const fields = new Fields(input, '$', problems);
  fields.string('name', true);
  fields.string('description', false);
  checkIncidentFields(fields);
  fields.only(INPUT_PROPERTIES);
  return problems;
}

function build(input: Record<string, unknown>): { top: Record<string, unknown>; extension: Record<string, unknown> } {
  const top: Record<string, unknown> = { name: input.name, description: input.description };
  const extension: Record<string, unknown> = { extension_type: 'property-extension' };
  for (const name of INCIDENT_EXTENSION_PROPERTIES) if (input[name] !== undefined) extension[name] = input[name];
  return { top, extension };
}

/** Creates an incident (status `open` unless given), created by `actorId`. */
export async function createIncident(ctx: WorkflowContext, actorId: string, input: IncidentInput): Promise<AccordIncident> {
  const complete = { status: 'open', ...input };
  const problems = checkIncidentInput(complete);
  if (problems.length > 0) throw badInput('the incident is not valid', problems);
  const { top, extension } = build(complete);
  const now = nowOf(ctx);
  const incident: Record<string, unknown> = {
    type: 'incident', spec_version: '2.1', id: newIdentifier('incident'), created: now, modified: now, created_by_ref: actorId, ...creationMarkings(ctx),
    ...top, extensions: { [INCIDENT_EXTENSION_ID]: extension },
  };
  if (incident.description === undefined) delete incident.description;
  return saveWorkflowObject(ctx, incident as AccordIncident);
}

/**
 * A new version of incident `id` with `changes` applied. Only the incident's
 * creator versions it (STIX 2.1 §3.6); partners add their view as notes or
 * opinions instead.
 */
export async function updateIncident(ctx: WorkflowContext, actorId: string, id: string, changes: IncidentChanges): Promise<AccordIncident> {
  const incident = await requireObject<AccordIncident>(ctx.store, id, 'incident', 'incident');
  if (incident.created_by_ref !== actorId) {
    throw refused(`incident ${id} was created by ${incident.created_by_ref ?? 'an unknown identity'}; only its creator makes new versions of it (STIX 2.1 §3.6)`);
  }
  const current: Record<string, unknown> = { name: incident.name, description: incident.description, ...incidentExtension(incident) };
  delete current.extension_type;
  const merged: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(changes as Record<string, unknown>)) {
    if (value === null) delete merged[name];
    else if (value !== undefined) merged[name] = value;
  }
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const problems = checkIncidentInput(merged);
  if (problems.length > 0) throw badInput(`the changes to incident ${id} are not valid`, problems);
  const { top, extension } = build(merged);
  const next = newVersion(incident, { ...top, extensions: { ...incident.extensions, [INCIDENT_EXTENSION_ID]: extension } } as Partial<AccordIncident>, nowOf(ctx));
  return saveWorkflowObject(ctx, next);
}
