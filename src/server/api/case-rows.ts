import type { Store, StoredObject } from '../../store/store.ts';
import { concurrence, opinionsByCase, type AttributionCase } from '../../workflows/attribution/index.ts';
import type { CaseRow } from './contract.ts';
import type { Viewer } from './viewer.ts';
import { visibleById } from './workflow-support.ts';

/** Rows for cases the account may see (`cases` already passed the viewer): the candidate shown only when it may be seen too. */
export async function caseRows(store: Store, viewer: Viewer, cases: readonly StoredObject[]): Promise<CaseRow[]> {
  const all = cases.map((item) => item.object as AttributionCase);
  const [candidates, participants] = await Promise.all([
    visibleById(store, viewer, all.map((attributionCase) => attributionCase.candidate_ref)),
    visibleById(store, viewer, [...new Set(all.flatMap((attributionCase) => attributionCase.participant_refs))]),
  ]);
  const opinions = await opinionsByCase(store, all.map((attributionCase) => attributionCase.id));
  const stances = all.map((attributionCase) =>
    concurrence(attributionCase.concurrence_rule, attributionCase.participant_refs, opinions.get(attributionCase.id) ?? []).stances);
  return cases.map((item, index) => {
    const attributionCase = all[index]!;
    const candidate = candidates.get(attributionCase.candidate_ref);
    return {
      summary: viewer.summary(item),
      name: attributionCase.name,
      status: attributionCase.status,
      stateNexus: attributionCase.state_nexus,
      ...(candidate !== undefined && { candidate: viewer.summary(candidate) }),
      incidentCount: attributionCase.incident_refs.length,
      participantCount: attributionCase.participant_refs.length,
      stances: stances[index]!.map(({ participant, stance }) => {
        const name = participants.get(participant)?.object.name;
        return { identityId: participant, ...(typeof name === 'string' && { name }), stance };
      }),
    };
  });
}
