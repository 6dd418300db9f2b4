import { effectiveVerdict } from '../legal/overrides.ts';
import type { Condition, Conclusion, ConclusionId, DecidingFact, LegalAssessment, Verdict } from '../legal/assessment.ts';
import type { LegalFacts } from '../legal/facts.ts';
import type { LegalBasis, ResponseKind } from './catalogue.ts';

/**
 * Each response option checked by the legal engine: for every legal basis
 * the option can rest on, the engine's verdict (an analyst's override when
 * there is one), its reasoning and conditions carried over, and for
 * countermeasures and self-defence which of their preconditions are met,
 * unmet or cannot be determined. The verdict is always the engine's: the
 * preconditions explain it (a test holds them to it on every scenario).
 */

export const REQUIREMENT_STATUSES = ['met', 'unmet', 'cannot-determine'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

/** How the option stands in law on these facts. */
export const STANDINGS = ['lawful-in-itself', 'lawful-within-conditions', 'cannot-determine', 'not-open'] as const;
export type Standing = (typeof STANDINGS)[number];

export interface Requirement {
  text: string;
  status: RequirementStatus;
  citations: string[];
  /** Paths into the facts it was judged on. */
  facts: string[];
}

export interface BasisCheck {
  basis: LegalBasis;
  question: string;
  /** The verdict that stands: the analyst's override if any, else the engine's. */
  verdict: Verdict;
  engine_verdict: Verdict;
  override_reason?: string;
  /** Preconditions (countermeasures, self-defence). */
  requirements?: Requirement[];
  /** What must hold when the measure is taken. */
  conditions?: Condition[];
  /** The engine's reasoning, in order (absent when it could not decide: `decided_by` then says what would). */
  steps?: string[];
  decided_by?: DecidingFact[];
  caveats?: string[];
  citations: string[];
}

export interface ResponseLegalCheck {
  label: LegalAssessment['label'];
  engine_version: string;
  standing: Standing;
  /** The basis that makes it lawful, when one does. */
  lawful_basis?: LegalBasis;
  summary: string;
  bases: BasisCheck[];
}

const status = (value: boolean | undefined): RequirementStatus => (value === undefined ? 'cannot-determine' : value ? 'met' : 'unmet');
const fromVerdict = (verdict: Verdict): RequirementStatus => (verdict === 'yes' ? 'met' : verdict === 'no' ? 'unmet' : 'cannot-determine');

/** Met when any is true, unmet when all are false, else undetermined. */
function anyOf(...values: (boolean | undefined)[]): RequirementStatus {
  if (values.some((value) => value === true)) return 'met';
  return values.every((value) => value === false) ? 'unmet' : 'cannot-determine';
}

function conclusion(assessment: LegalAssessment, id: ConclusionId): Conclusion {
  const found = assessment.conclusions.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`the assessment has no ${id} conclusion (engine ${assessment.engine_version})`);
  return found;
}

/** The preconditions of countermeasures (ARSIWA Arts 49 and 52), judged on the facts and the engine's wrongful-act conclusion. */
function countermeasureRequirements(facts: LegalFacts, assessment: LegalAssessment): Requirement[] {
  const wrongful = conclusion(assessment, 'wrongful-act');
  const response = facts.response ?? {};
  const ceasedBeforeTribunal = facts.continuing === true || response.dispute_before_tribunal === false
    ? 'met'
    : facts.continuing === false && response.dispute_before_tribunal === true ? 'unmet' : 'cannot-determine';
  return [
    { text: `A prior internationally wrongful act of the state targeted${facts.attribution?.responsible_state === undefined ? '' : ` (${facts.attribution.responsible_state})`}`, status: fromVerdict(wrongful.verdict), citations: ['ARS-49', 'ARS-22'], facts: wrongful.facts },
    { text: 'The injured state has called on the responsible state to cease and make reparation', status: status(response.called_on_responsible_state), citations: ['ARS-52'], facts: ['$.response.called_on_responsible_state'] },
    { text: 'The responsible state was notified with an offer to negotiate, or the measures are urgent', status: anyOf(response.notified, response.urgent), citations: ['ARS-52'], facts: ['$.response.notified', '$.response.urgent'] },
    { text: 'Not barred: the wrongful act continues, or no tribunal that can bind the parties has the dispute', status: ceasedBeforeTribunal, citations: ['ARS-52'], facts: ['$.continuing', '$.response.dispute_before_tribunal'] },
  ];
}

/** The preconditions of self-defence (UN Charter Art. 51), judged on the engine's armed-attack and attribution conclusions. */
function selfDefenceRequirements(facts: LegalFacts, assessment: LegalAssessment): Requirement[] {
  const attack = conclusion(assessment, 'armed-attack');
  const attributed = conclusion(assessment, 'attribution');
  return [
    { text: 'An armed attack', status: fromVerdict(attack.verdict), citations: ['UNC-51', 'ICJ-NICARAGUA-191'], facts: attack.facts },
    { text: 'Attributable to a state', status: fromVerdict(attributed.verdict), citations: attributed.citations, facts: attributed.facts },
    { text: 'Under way or imminent', status: anyOf(facts.continuing, facts.further_attack_imminent), citations: ['TM-71'], facts: ['$.continuing', '$.further_attack_imminent'] },
  ];
}

const REQUIREMENTS: Partial<Record<LegalBasis, (facts: LegalFacts, assessment: LegalAssessment) => Requirement[]>> = {
  countermeasures: countermeasureRequirements,
  'self-defence': selfDefenceRequirements,
};

function basisCheck(basis: LegalBasis, assessment: LegalAssessment): BasisCheck {
  const engine = conclusion(assessment, basis);
  const stands = effectiveVerdict(assessment, basis)!;
  const override = stands.overridden ? assessment.overrides.filter((entry) => entry.conclusion === basis).at(-1) : undefined;
  const requirements = REQUIREMENTS[basis]?.(assessment.facts, assessment);
  return {
    basis,
    question: engine.question,
    verdict: stands.verdict,
    engine_verdict: engine.verdict,
    ...(override !== undefined && { override_reason: override.reason }),
    ...(requirements !== undefined && { requirements }),
    ...(engine.conditions !== undefined && engine.conditions.length > 0 && { conditions: engine.conditions }),
    ...(engine.steps.length > 0 && { steps: engine.steps }),
    ...(engine.decided_by !== undefined && engine.decided_by.length > 0 && { decided_by: engine.decided_by }),
    ...(engine.caveats !== undefined && engine.caveats.length > 0 && { caveats: engine.caveats }),
    citations: engine.citations,
  };
}

const BASIS_NAMES: Readonly<Record<LegalBasis, string>> = {
  retorsion: 'retorsion', countermeasures: 'countermeasures (ARSIWA Arts 49-53)', 'self-defence': 'self-defence (UN Charter Art. 51)', necessity: 'necessity (ARSIWA Art. 25)',
};

/**
 * `kind` checked against `assessment` (the engine's output for the case's
 * facts, with any overrides). Pure. The first basis that stands decides; a
 * measure lawful as retorsion is lawful in itself, one resting on another
 * basis is lawful only within that basis's conditions.
 */
export function checkResponseLegality(kind: ResponseKind, assessment: LegalAssessment): ResponseLegalCheck {
  const bases = kind.bases.map((basis) => basisCheck(basis, assessment));
  const lawful = bases.find((entry) => entry.verdict === 'yes');
  const common = { label: assessment.label, engine_version: assessment.engine_version, bases };
  if (lawful !== undefined) {
    const inItself = lawful.basis === 'retorsion';
    return {
      ...common,
      standing: inItself ? 'lawful-in-itself' : 'lawful-within-conditions',
      lawful_basis: lawful.basis,
      summary: inItself
        ? `${kind.title}: lawful in itself as retorsion; it needs no prior wrongful act, provided it breaches no obligation owed to the other state.`
        : `${kind.title}: open as ${BASIS_NAMES[lawful.basis]}, only within the conditions listed.`,
    };
  }
  const open = bases.filter((entry) => entry.verdict === 'cannot-determine');
  if (open.length > 0) {
    const deciding = [...new Set(open.flatMap((entry) => (entry.decided_by ?? []).map((fact) => fact.path)))];
    return {
      ...common,
      standing: 'cannot-determine',
      summary: `${kind.title}: cannot be determined on these facts (${open.map((entry) => BASIS_NAMES[entry.basis]).join('; ')})${deciding.length > 0 ? `; decided by ${deciding.join(', ')}` : ''}.`,
    };
  }
  return { ...common, standing: 'not-open', summary: `${kind.title}: not open on these facts: no ${bases.map((entry) => BASIS_NAMES[entry.basis]).join(', no ')}.` };
}
