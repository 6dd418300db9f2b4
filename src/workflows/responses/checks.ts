import { Fields, show } from '../extensions/fields.ts';
import { VERDICTS } from '../legal/assessment.ts';
import { LEGAL_BASES, RESPONSE_KIND_IDS } from './catalogue.ts';
import { REQUIREMENT_STATUSES, STANDINGS } from './legal-check.ts';
import { POSITIONS, RESPONSE_STATUSES, RESPONSE_TARGET_TYPES } from './model.ts';

/**
 * The rules of the response types beyond STIX's common properties, over the
 * object's `Fields`: ../extensions runs them on every write and ingest.
 */

export const RESPONSE_OPTION_PROPERTIES = ['case_ref', 'kind', 'name', 'description', 'target_ref', 'status', 'status_history', 'legal_check', 'assessment_ref'] as const;
export const RESPONSE_POSITION_PROPERTIES = ['option_ref', 'position', 'reason'] as const;

function checkLegalCheck(check: Fields): void {
  check.string('label', true);
  check.string('engine_version', true);
  check.oneOf('standing', STANDINGS, true);
  check.oneOf('lawful_basis', LEGAL_BASES, false);
  check.string('summary', true);
  for (const basis of check.objects('bases', true, 'basis checks {basis, question, verdict, engine_verdict, steps?, citations}') ?? []) {
    basis.oneOf('basis', LEGAL_BASES, true);
    basis.string('question', true);
    basis.oneOf('verdict', VERDICTS, true);
    basis.oneOf('engine_verdict', VERDICTS, true);
    basis.strings('steps', false);
    basis.strings('citations', true);
    for (const requirement of basis.objects('requirements', false, 'requirements {text, status, citations, facts}') ?? []) {
      requirement.string('text', true);
      requirement.oneOf('status', REQUIREMENT_STATUSES, true);
    }
  }
}

/** accord-response-option. */
export function checkResponseOptionFields(fields: Fields): void {
  fields.ref('case_ref', ['accord-attribution-case'], true);
  fields.oneOf('kind', RESPONSE_KIND_IDS, true);
  fields.string('name', true);
  fields.string('description', true, 'what exactly is proposed (a non-empty string)');
  fields.ref('target_ref', RESPONSE_TARGET_TYPES, false);
  fields.ref('assessment_ref', ['accord-legal-assessment'], false);
  const current = fields.oneOf('status', RESPONSE_STATUSES, true);
  const history = fields.objects('status_history', true, 'status changes {status, by, at, reason?}') ?? [];
  let previous: string | undefined;
  for (const change of history) {
    change.oneOf('status', RESPONSE_STATUSES, true);
    change.ref('by', ['identity'], true);
    const at = change.timestamp('at', true);
    change.string('reason', false);
    change.only(['status', 'by', 'at', 'reason']);
    if (at !== undefined && previous !== undefined && at < previous) change.problem('at', 'status-history-order', `${at} is earlier than the change before it (${previous}): the history runs forward in time`);
    previous = at ?? previous;
  }
  const last = history.at(-1)?.value.status;
  if (current !== undefined && last !== undefined && last !== current) fields.problem('status_history', 'status-history-end', `ends with ${show(last)}, but the status is ${current}`);
  const check = fields.object('legal_check', true, 'the legal check {label, engine_version, standing, summary, bases}');
  if (check !== undefined) checkLegalCheck(check);
}

/** accord-response-position: a reason is required to oppose or abstain. */
export function checkResponsePositionFields(fields: Fields): void {
  fields.ref('option_ref', ['accord-response-option'], true);
  const position = fields.oneOf('position', POSITIONS, true);
  fields.string('reason', position === 'oppose' || position === 'abstain', `why the partner ${position ?? 'takes this position'} (a non-empty string)`);
}
