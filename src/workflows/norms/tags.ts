import type { Store } from '../../store/store.ts';
import { show } from '../extensions/fields.ts';
import { badInput, latestWhere, nowOf, requireObject, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';
import type { AccordIncident } from '../incidents/index.ts';
import type { NormId } from './catalogue.ts';
import type { NormTag } from './model.ts';
import { buildNormObject } from './objects.ts';
import { suggestNorms, type AttributionFacts, type NormSuggestion } from './suggest.ts';

/**
 * Norm tags on incidents: the engine's suggestions and the analysts'
 * confirmations and rejections, one `accord-norm-tag` per decision. Nothing
 * is overwritten: the latest tag per incident and norm is the current one.
 */

/** An analyst's decision about one norm for one incident. */
export interface NormDecision {
  incident_ref: string;
  norm: NormId;
  status: 'confirmed' | 'rejected';
  reason: string;
}

/** `suggestions` for incident `incidentId` as suggested tags, created by the node `nodeId` at `now`. Pure. */
export function suggestionTags(nodeId: string, incidentId: string, suggestions: readonly NormSuggestion[], now: string): NormTag[] {
  return suggestions.map((suggestion) => buildNormObject('accord-norm-tag', nodeId, {
    incident_ref: incidentId, norm: suggestion.norm, status: 'suggested', rules: suggestion.rules.map((fired) => fired.rule),
  }, now));
}

/** The tag an analyst's `decision` makes: created by the node `nodeId`, decided by the analyst `analystId`. Pure. */
export function decisionTag(nodeId: string, analystId: string, decision: NormDecision, now: string): NormTag {
  const status: unknown = decision.status;
  if (status !== 'confirmed' && status !== 'rejected') {
    throw badInput('the decision is not valid', [{ path: '$.status', rule: 'vocabulary', message: `${show(status)} is not one of confirmed, rejected (suggestions are the engine's, not an analyst's decision)` }]);
  }
  return buildNormObject('accord-norm-tag', nodeId, { ...decision, decided_by: analystId }, now);
}

const key = (tag: Pick<NormTag, 'incident_ref' | 'norm'>): string => `${tag.incident_ref} ${tag.norm}`;

/** The current tag per incident and norm (key `"<incident id> <norm>"`): the latest created; equal times go to the later id, so every node agrees. */
export function currentNormTags(tags: readonly NormTag[]): Map<string, NormTag> {
  const current = new Map<string, NormTag>();
  for (const tag of tags) {
    const held = current.get(key(tag));
    if (held === undefined || tag.created > held.created || (tag.created === held.created && tag.id > held.id)) current.set(key(tag), tag);
  }
  return current;
}

/** The current tag of `norm` for `incidentId`, if any. */
export function currentNormTag(current: ReadonlyMap<string, NormTag>, incidentId: string, norm: NormId): NormTag | undefined {
  return current.get(key({ incident_ref: incidentId, norm }));
}

/** Every stored norm tag (latest versions), of one incident when `incidentId` is given. */
export async function loadNormTags(store: Store, incidentId?: string): Promise<NormTag[]> {
  const tags = await latestWhere(store, ['accord-norm-tag'], (object) => incidentId === undefined || object.incident_ref === incidentId);
  return tags as NormTag[];
}

/**
 * Suggests the norms `incident` engages and writes a suggested tag for each
 * norm that has no current tag yet, or whose current suggestion rests on
 * other rules. An analyst's confirmation or rejection is never replaced by a
 * suggestion. Returns the suggestions and the tags written.
 */
export async function recordSuggestions(ctx: WorkflowContext, nodeId: string, incident: AccordIncident, attribution?: AttributionFacts): Promise<{ suggestions: NormSuggestion[]; written: NormTag[] }> {
  const suggestions = suggestNorms(incident, attribution);
  const current = currentNormTags(await loadNormTags(ctx.store, incident.id));
  const fresh = suggestions.filter((suggestion) => {
    const held = currentNormTag(current, incident.id, suggestion.norm);
    if (held === undefined) return true;
    return held.status === 'suggested' && held.rules?.join(' ') !== suggestion.rules.map((fired) => fired.rule).join(' ');
  });
  const written: NormTag[] = [];
  for (const tag of suggestionTags(nodeId, incident.id, fresh, nowOf(ctx))) written.push(await saveWorkflowObject(ctx, tag));
  return { suggestions, written };
}

/** Records an analyst's confirmation or rejection of a norm for an incident in the store (the incident must be there). */
export async function decideNorm(ctx: WorkflowContext, nodeId: string, analystId: string, decision: NormDecision): Promise<NormTag> {
  const tag = decisionTag(nodeId, analystId, decision, nowOf(ctx));
  await requireObject<AccordIncident>(ctx.store, tag.incident_ref, 'incident', 'incident');
  return saveWorkflowObject(ctx, tag);
}
