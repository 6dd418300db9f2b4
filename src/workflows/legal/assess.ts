import { AppError, ErrorCode } from '../../common/errors.ts';
import { describeProblems } from '../extensions/fields.ts';
import { ENGINE_VERSION, LEGAL_DISCLAIMER, LEGAL_LABEL, type Conclusion, type LegalAssessment } from './assessment.ts';
import { armedAttack, intervention, sovereignty, useOfForce } from './breaches.ts';
import { checkLegalFacts, normalizeLegalFacts, type LegalFacts } from './facts.ts';
import { attribution, dueDiligence, wrongfulAct } from './responsibility.ts';
import { countermeasures, ihlApplies, ihlAttack, necessity, peacefulSettlement, retorsion, selfDefence } from './responses.ts';

/**
 * The legal assessment of `facts`: every conclusion with its reasoning, the
 * facts it rests on, its citations and, where the facts do not decide it,
 * which would. Pure and deterministic: it reads no clock and nothing outside
 * the facts, and facts that differ only in key or list order give
 * byte-identical assessments. Facts that break the form are refused
 * (API_BAD_INPUT, with every problem). Decision support, not legal advice.
 */
export function assessLegal(facts: LegalFacts): LegalAssessment {
  const problems = checkLegalFacts(facts);
  if (problems.length > 0) throw new AppError(ErrorCode.API_BAD_INPUT, `the legal facts are not valid: ${describeProblems(problems)}`, { problems });
  const normal = normalizeLegalFacts(facts);
  const breaches = [sovereignty(normal), intervention(normal)];
  const force = useOfForce(normal);
  const attack = armedAttack(normal, force);
  const attributed = attribution(normal);
  const diligence = dueDiligence(normal);
  const wrongful = wrongfulAct(normal, attributed, [...breaches, force], diligence);
  const applies = ihlApplies(normal);
  const conclusions: Conclusion[] = [
    ...breaches, force, attack,
    attributed, ...(diligence === undefined ? [] : [diligence]), wrongful,
    retorsion(normal), countermeasures(normal, wrongful), necessity(normal), selfDefence(normal, attack, attributed), peacefulSettlement(normal),
    applies, ihlAttack(normal, applies),
  ];
  return { label: LEGAL_LABEL, disclaimer: LEGAL_DISCLAIMER, engine_version: ENGINE_VERSION, facts: normal, conclusions, overrides: [] };
}
