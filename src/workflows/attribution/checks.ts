import { INFORMATION_CREDIBILITY, SOURCE_RELIABILITY } from './admiralty.ts';
import { ASSESSMENT_LEVELS, CANDIDATE_TYPES, CASE_STATUSES, EVIDENCE_TARGET_TYPES, STATE_NEXUS, STATE_TYPES } from './model.ts';
import { PHIA_TERM_IDS, likelihoodOf } from './probability.ts';
import type { Fields } from '../extensions/fields.ts';

/**
 * The rules of Accord's attribution types beyond STIX's common properties,
 * each over the object's `Fields` (so also over service input, whose paths
 * then name the input's properties).
 */

const RELIABILITY = Object.keys(SOURCE_RELIABILITY) as (keyof typeof SOURCE_RELIABILITY)[];

/** The concurrence rule: all participants, or at least `n` of them. */
export function checkConcurrenceRule(fields: Fields, participants: number | undefined): void {
  const rule = fields.object('concurrence_rule', true, "an object: {kind: 'all'} or {kind: 'n-of-m', n}");
  if (rule === undefined) return;
  const kind = rule.oneOf('kind', ['all', 'n-of-m'], true);
  if (kind === 'n-of-m') {
    const n = rule.number('n', true, { min: 1, integer: true });
    if (n !== undefined && participants !== undefined && n > participants) {
      rule.problem('n', 'concurrence-rule', `asks for ${n} concurring participants but the case has only ${participants}`);
    }
    rule.only(['kind', 'n']);
  } else {
    rule.only(['kind']);
  }
}

/** The case's own properties (accord-attribution-case). */
export function checkCaseFields(fields: Fields): void {
  fields.string('name', true);
  fields.string('description', false);
  fields.refs('incident_refs', ['incident'], true);
  fields.ref('candidate_ref', CANDIDATE_TYPES, true);
  fields.oneOf('state_nexus', STATE_NEXUS, true);
  fields.ref('state_ref', STATE_TYPES, false);
  const status = fields.oneOf('status', CASE_STATUSES, true);
  const participants = fields.refs('participant_refs', ['identity'], true);
  checkConcurrenceRule(fields, participants?.length);
  fields.ref('statement_ref', ['report'], false);
  const history = fields.objects('status_history', true, 'status changes {status, by, at, reason?}') ?? [];
  let previous: string | undefined;
  for (const change of history) {
    change.oneOf('status', CASE_STATUSES, true);
    change.ref('by', ['identity'], true);
    const at = change.timestamp('at', true);
    change.string('reason', false);
    change.only(['status', 'by', 'at', 'reason']);
    if (at !== undefined && previous !== undefined && at < previous) change.problem('at', 'status-history-order', `${at} is earlier than the change before it (${previous}); the history is in time order`);
    previous = at ?? previous;
  }
  const last = history.at(-1)?.value.status;
  if (status !== undefined && last !== undefined && last !== status) {
    fields.problem('status_history', 'status-history', `ends with ${JSON.stringify(last)} but the case's status is ${JSON.stringify(status)}; the last change is the current status`);
  }
}

/** accord-evidence. */
export function checkEvidenceFields(fields: Fields): void {
  fields.ref('case_ref', ['accord-attribution-case'], true);
  fields.refs('object_refs', EVIDENCE_TARGET_TYPES, true);
  fields.string('description', true);
  fields.oneOf('source_reliability', RELIABILITY, true);
  const credibility = fields.number('information_credibility', true, { min: 1, max: 6, integer: true });
  if (credibility !== undefined && !Object.hasOwn(INFORMATION_CREDIBILITY, credibility)) fields.problem('information_credibility', 'vocabulary', 'must be 1 to 6');
  fields.ref('contributed_by_ref', ['identity'], true);
}

/** accord-assessment: the derived `probability` and `icd203_term` must be those of the PHIA term. */
export function checkAssessmentFields(fields: Fields, { derived }: { derived: boolean }): void {
  fields.ref('case_ref', ['accord-attribution-case'], true);
  fields.oneOf('level', ASSESSMENT_LEVELS, true);
  const term = fields.oneOf('likelihood', PHIA_TERM_IDS, true);
  fields.string('rationale', true);
  if (!derived) return;
  const probability = fields.list('probability', true, 'a list [low, high] of percentages');
  const icd203 = fields.string('icd203_term', true);
  if (term === undefined) return;
  const expected = likelihoodOf(term);
  if (probability !== undefined && (probability.length !== 2 || probability[0] !== expected.probability[0] || probability[1] !== expected.probability[1])) {
    fields.problem('probability', 'derived-value', `must be [${expected.probability.join(', ')}], the range of the PHIA term "${expected.phia.term}"`);
  }
  if (icd203 !== undefined && icd203 !== expected.icd203.term) {
    fields.problem('icd203_term', 'derived-value', `must be "${expected.icd203.term}", the ICD 203 term read beside "${expected.phia.term}"`);
  }
}
