import type { StixObject } from '../../stix/object.ts';
import type { Store } from '../../store/store.ts';
import { latestWhere, requireObject } from '../extensions/store-objects.ts';
import type { Assessment, AttributionCase, CaseOpinion, Evidence } from './model.ts';

/** Reads of what hangs off a case (latest versions). */

export function readCase(store: Store, caseId: string): Promise<AttributionCase> {
  return requireObject<AttributionCase>(store, caseId, 'accord-attribution-case', 'attribution case');
}

export async function caseEvidence(store: Store, caseId: string): Promise<Evidence[]> {
  return (await latestWhere(store, ['accord-evidence'], (object) => object.case_ref === caseId)) as Evidence[];
}

export async function caseAssessments(store: Store, caseId: string): Promise<Assessment[]> {
  return (await latestWhere(store, ['accord-assessment'], (object) => object.case_ref === caseId)) as Assessment[];
}

/** Opinions whose `object_refs` name the case. */
export async function caseOpinions(store: Store, caseId: string): Promise<CaseOpinion[]> {
  return (await opinionsByCase(store, [caseId])).get(caseId) ?? [];
}

/** The opinions on each of `caseIds`, read in one pass over the store's opinions (a list of cases needs them all). */
export async function opinionsByCase(store: Store, caseIds: readonly string[]): Promise<Map<string, CaseOpinion[]>> {
  const byCase = new Map<string, CaseOpinion[]>(caseIds.map((id) => [id, []]));
  const opinions = await latestWhere(store, ['opinion'], (object) => Array.isArray(object.object_refs) && object.object_refs.some((ref) => byCase.has(ref as string)));
  for (const opinion of opinions as CaseOpinion[]) {
    for (const ref of opinion.object_refs) byCase.get(ref)?.push(opinion);
  }
  return byCase;
}

/** The latest stored versions of `ids` that exist, by id. */
export async function storedObjects(store: Store, ids: readonly string[]): Promise<Map<string, StixObject>> {
  if (ids.length === 0) return new Map();
  const page = await store.query({ ids }, { limit: ids.length });
  return new Map(page.items.map((item) => [item.object.id, item.object]));
}

/** The `name` of each identity among `ids` that the store holds. */
export async function identityNames(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [id, object] of await storedObjects(store, ids)) if (typeof object.name === 'string') names.set(id, object.name);
  return names;
}
