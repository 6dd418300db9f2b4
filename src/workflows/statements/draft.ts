import { TLP2_CLEAR } from '../../stix/markings.ts';
import { newIdentifier } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import { newVersion } from '../../stix/versioning.ts';
import { concurrence } from '../attribution/concurrence.ts';
import type { Assessment, AttributionCase, StateNexus } from '../attribution/model.ts';
import { likelihoodPhrase, weakestTerm } from '../attribution/probability.ts';
import { caseAssessments, caseOpinions, readCase, storedObjects } from '../attribution/records.ts';
import { compareTimestamps } from '../../stix/timestamp.ts';
import { SIGNATORIES_PROPERTY } from './signature.ts';
import { nowOf, refused, requireObject, saveWorkflowObject, type WorkflowContext } from '../extensions/store-objects.ts';

/**
 * The joint public statement: a STIX `report` (report_types threat-actor)
 * marked TLP:CLEAR, drafted from an agreed case. Its text says who attributes
 * what to whom, and with which confidence words: the weakest PHIA term among
 * the concurring participants' latest assessments, the one every one of them
 * supports. The norms and law it engages are left at a marked place
 * (`NORMS_AND_LAW_PLACEHOLDER`) for the legal assessment to fill.
 */

/** The `report_types` value that marks a report as a joint statement of attribution. */
export const STATEMENT_REPORT_TYPE = 'threat-actor';

export const NORMS_AND_LAW_PLACEHOLDER = '[[norms-and-law: to be completed from the legal assessment]]';

const NEXUS_SENTENCE: Readonly<Record<StateNexus, (state: string) => string>> = {
  'state-organ': (state) => `acting as an organ of ${state}`,
  'directed-or-controlled-proxy': (state) => `acting on the instructions, or under the direction or control, of ${state}`,
  'tolerated-or-harboured': (state) => `operating from the territory of ${state}, which knows of the activity and has not acted to stop it`,
  unknown: () => '',
};

function nameOf(object: StixObject | undefined, id: string): string {
  return typeof object?.name === 'string' ? object.name : id;
}

/** "A", "A and B", "A, B and C". */
function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Each participant's latest assessment (any level). */
function latestAssessments(assessments: readonly Assessment[]): Map<string, Assessment> {
  const latest = new Map<string, Assessment>();
  for (const assessment of assessments) {
    const seen = latest.get(assessment.created_by_ref);
    if (seen === undefined || compareTimestamps(assessment.modified ?? '', seen.modified ?? '') > 0) latest.set(assessment.created_by_ref, assessment);
  }
  return latest;
}

/** The statement text of `attributionCase` (pure, given the objects it names). */
export function statementText(attributionCase: AttributionCase, objects: ReadonlyMap<string, StixObject>, concurring: readonly string[], term: Parameters<typeof likelihoodPhrase>[0]): string {
  const attributors = listing(concurring.map((id) => nameOf(objects.get(id), id)));
  const incidents = listing(attributionCase.incident_refs.map((id) => nameOf(objects.get(id), id)));
  const candidate = nameOf(objects.get(attributionCase.candidate_ref), attributionCase.candidate_ref);
  const state = attributionCase.state_ref === undefined ? undefined : nameOf(objects.get(attributionCase.state_ref), attributionCase.state_ref);
  const nexus = state === undefined ? '' : NEXUS_SENTENCE[attributionCase.state_nexus](state);
  return [
    `${attributors} jointly attribute ${incidents} to ${candidate}${nexus === '' ? '' : `, ${nexus}`}.`,
    `They judge it ${likelihoodPhrase(term)} that ${candidate} is responsible.`,
    `Norms and international law engaged: ${NORMS_AND_LAW_PLACEHOLDER}`,
  ].join('\n\n');
}

/**
 * Drafts the statement of an agreed case (by its opener), stores it and a new
 * case version naming it (`statement_ref`). Refused, with the reason, when the
 * case is not agreed, already has a statement, or a concurring participant
 * has no assessment.
 */
export async function draftStatement(ctx: WorkflowContext, actorId: string, caseId: string): Promise<StixObject> {
  const attributionCase = await readCase(ctx.store, caseId);
  if (attributionCase.created_by_ref !== actorId) throw refused(`the statement cannot be drafted: case ${caseId} was opened by ${attributionCase.created_by_ref}, which drafts its statement`);
  if (attributionCase.status !== 'agreed') throw refused(`the statement cannot be drafted: the case is ${attributionCase.status}; a statement is drafted from an agreed case`);
  if (attributionCase.statement_ref !== undefined) throw refused(`the statement cannot be drafted: the case has one already (${attributionCase.statement_ref}); revise that one`);
  const { concurring } = concurrence(attributionCase.concurrence_rule, attributionCase.participant_refs, await caseOpinions(ctx.store, caseId));
  const latest = latestAssessments(await caseAssessments(ctx.store, caseId));
  const unassessed = concurring.filter((participant) => !latest.has(participant));
  if (unassessed.length > 0) throw refused(`the statement cannot be drafted: ${unassessed.join(', ')} concur but have made no assessment, so the statement's confidence words cannot be chosen`);
  const term = weakestTerm(concurring.map((participant) => latest.get(participant)!.likelihood))!;
  const named = [...concurring, ...attributionCase.incident_refs, attributionCase.candidate_ref, ...(attributionCase.state_ref === undefined ? [] : [attributionCase.state_ref])];
  const objects = await storedObjects(ctx.store, named);
  const now = nowOf(ctx);
  const candidateName = nameOf(objects.get(attributionCase.candidate_ref), attributionCase.candidate_ref);
  const report: StixObject = {
    type: 'report', spec_version: '2.1', id: newIdentifier('report'), created: now, modified: now, created_by_ref: actorId,
    name: `Joint statement: attribution of ${listing(attributionCase.incident_refs.map((id) => nameOf(objects.get(id), id)))} to ${candidateName}`,
    description: statementText(attributionCase, objects, concurring, term),
    report_types: [STATEMENT_REPORT_TYPE],
    published: now,
    object_refs: [caseId, attributionCase.candidate_ref, ...attributionCase.incident_refs, ...(attributionCase.state_ref === undefined ? [] : [attributionCase.state_ref])],
    object_marking_refs: [TLP2_CLEAR.id],
    [SIGNATORIES_PROPERTY]: concurring,
  };
  await saveWorkflowObject(ctx, report);
  await saveWorkflowObject(ctx, newVersion(attributionCase, { statement_ref: report.id }, now));
  return report;
}

/**
 * A new version of the statement with new text (e.g. the norms and law filled
 * in). Signatures are of one version: every partner signs the new one again.
 */
export async function reviseStatement(ctx: WorkflowContext, actorId: string, reportId: string, description: string): Promise<StixObject> {
  const report = await requireObject(ctx.store, reportId, 'report', 'statement');
  if (report.created_by_ref !== actorId) throw refused(`statement ${reportId} was drafted by ${report.created_by_ref}; only that node revises it (STIX 2.1 §3.6)`);
  if (typeof description !== 'string' || description.trim() === '') throw refused('the statement text must not be empty');
  return saveWorkflowObject(ctx, newVersion(report, { description }, nowOf(ctx)));
}
