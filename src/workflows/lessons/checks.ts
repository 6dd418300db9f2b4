import type { ValidationProblem } from '../../stix/validation/index.ts';
import { Fields, isRecord, show } from '../extensions/fields.ts';
import { RECOMMENDATION_STATUSES } from './model.ts';

/** The rules of `accord-lessons-learned` beyond STIX's common properties (also over builder input). */

export const LESSONS_PROPERTIES = ['name', 'what_happened', 'what_worked', 'what_did_not_work', 'recommendations', 'incident_refs', 'case_refs'] as const;
const RECOMMENDATION_PROPERTIES = ['text', 'owner', 'due', 'status'];

export function checkLessonsFields(fields: Fields): void {
  fields.string('name', true);
  fields.string('what_happened', true, 'an account of what happened (a non-empty string)');
  fields.strings('what_worked', false);
  fields.strings('what_did_not_work', false);
  for (const recommendation of fields.objects('recommendations', false, 'recommendations {text, owner, due, status}') ?? []) {
    recommendation.string('text', true);
    recommendation.string('owner', true, 'who answers for it: an identity id or a team (a non-empty string)');
    recommendation.timestamp('due', true);
    recommendation.oneOf('status', RECOMMENDATION_STATUSES, true);
    recommendation.only(RECOMMENDATION_PROPERTIES);
  }
  fields.refs('incident_refs', ['incident'], true);
  fields.refs('case_refs', ['accord-attribution-case'], false);
}

/** Every problem of builder input: its own properties only, a closed shape. */
export function checkLessonsInput(input: unknown): ValidationProblem[] {
  if (!isRecord(input)) return [{ path: '$', rule: 'not-an-object', message: `a review is an object {${LESSONS_PROPERTIES.join(', ')}}, not ${show(input)}` }];
  const problems: ValidationProblem[] = [];
  const fields = new Fields(input, '$', problems);
  checkLessonsFields(fields);
  fields.only(LESSONS_PROPERTIES);
  return problems;
}
