import { AppError, ErrorCode } from '../../common/errors.ts';
import type { Store } from '../../store/store.ts';
import type { AttributionCase } from '../attribution/model.ts';
import { latestObject, latestWhere } from '../extensions/store-objects.ts';
import type { AccordIncident } from '../incidents/index.ts';
import { suggestNorms, type NormSuggestion } from './suggest.ts';

/** Suggestions for an incident in a node's store, with the attribution facts of the case that names it. */

export interface StoredSuggestions {
  incident: AccordIncident;
  /** The attribution case whose state nexus the rules used (the latest live case naming the incident), if any. */
  caseRef?: string;
  suggestions: NormSuggestion[];
}

/** The most recently modified attribution case naming `incidentId` that is not withdrawn. */
export async function attributionCaseOf(store: Store, incidentId: string): Promise<AttributionCase | undefined> {
  const cases = (await latestWhere(store, ['accord-attribution-case'], (object) => {
    const entry = object as AttributionCase;
    return entry.status !== 'withdrawn' && Array.isArray(entry.incident_refs) && entry.incident_refs.includes(incidentId);
  })) as AttributionCase[];
  return cases.sort((a, b) => (b.modified ?? '').localeCompare(a.modified ?? '') || b.id.localeCompare(a.id))[0];
}

/**
 * The norms incident `id` engages. STORE_NOT_FOUND when the store holds no
 * object `id`; API_BAD_INPUT when it is not an incident or lacks the
 * accord-incident extension.
 */
export async function suggestForIncident(store: Store, id: string): Promise<StoredSuggestions> {
  const object = await latestObject(store, id);
  if (object === undefined) throw new AppError(ErrorCode.STORE_NOT_FOUND, `no object ${id} in this node's store`, { id });
  if (object.type !== 'incident') throw new AppError(ErrorCode.API_BAD_INPUT, `${id} is a ${object.type}, not an incident: norms are suggested for incidents`, { id });
  const incident = object as AccordIncident;
  const attribution = await attributionCaseOf(store, id);
  return { incident, caseRef: attribution?.id, suggestions: suggestNorms(incident, attribution) };
}
