import { AppError, ErrorCode } from '../../common/errors.ts';
import { Fields, describeProblems, isRecord } from '../extensions/fields.ts';
import type { ValidationProblem } from '../../stix/validation/index.ts';
import { CONCLUSION_IDS, VERDICTS, type Conclusion, type ConclusionId, type LegalAssessment, type LegalOverride, type Verdict } from './assessment.ts';

/**
 * Analysts' overrides: an analyst may disagree with a conclusion, giving a
 * reason. The override is kept beside the engine's conclusion, never in its
 * place, so a reader always sees both and who disagreed, when and why.
 */

/** Every problem of `value` as an override of a conclusion of `assessment`. */
export function checkOverride(value: unknown, assessment: LegalAssessment): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!isRecord(value)) return [{ path: '$', rule: 'not-an-object', message: 'an override is an object {conclusion, verdict, reason, by, at}' }];
  const fields = new Fields(value, '$', problems);
  const conclusion = fields.oneOf('conclusion', CONCLUSION_IDS, true);
  fields.oneOf('verdict', VERDICTS, true);
  fields.string('reason', true, 'a non-empty string: an override without a reason is refused');
  fields.ref('by', ['identity'], true);
  fields.timestamp('at', true);
  fields.only(['conclusion', 'verdict', 'reason', 'by', 'at']);
  if (conclusion !== undefined && !assessment.conclusions.some((candidate) => candidate.id === conclusion)) {
    fields.problem('conclusion', 'unknown-conclusion', `this assessment has no ${conclusion} conclusion (it has ${assessment.conclusions.map((candidate) => candidate.id).join(', ')})`);
  }
  return problems;
}

/** `assessment` with `override` added beside the engine's output; refused (API_BAD_INPUT) without a reason or with any other problem. */
export function applyOverride(assessment: LegalAssessment, override: LegalOverride): LegalAssessment {
  const problems = checkOverride(override, assessment);
  if (problems.length > 0) throw new AppError(ErrorCode.API_BAD_INPUT, `the override is refused: ${describeProblems(problems)}`, { problems });
  const kept: LegalOverride = { conclusion: override.conclusion, verdict: override.verdict, reason: override.reason, by: override.by, at: override.at };
  return { ...assessment, overrides: [...assessment.overrides, kept] };
}

/** The verdict that stands for `id`: the latest override's, else the engine's. */
export function effectiveVerdict(assessment: LegalAssessment, id: ConclusionId): { verdict: Verdict; overridden: boolean } | undefined {
  const conclusion: Conclusion | undefined = assessment.conclusions.find((candidate) => candidate.id === id);
  if (conclusion === undefined) return undefined;
  const override = assessment.overrides.filter((candidate) => candidate.conclusion === id).at(-1);
  return override === undefined ? { verdict: conclusion.verdict, overridden: false } : { verdict: override.verdict, overridden: true };
}
