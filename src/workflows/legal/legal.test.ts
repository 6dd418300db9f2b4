import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isAppError } from '../../common/errors.ts';
import { validateObject } from '../../stix/validation/index.ts';
import { PHIA_TERMS } from '../attribution/probability.ts';
import { Fields } from '../extensions/fields.ts';
import {
  applyOverride, assessLegal, ATTRIBUTION_THRESHOLDS, checkLegalAssessmentFields, checkLegalFacts, effectiveVerdict, LEGAL_FACTS_SCHEMA,
  LEGAL_LABEL, legalAssessmentObject, type ConclusionId, type LegalFacts, type LegalOverride,
} from './index.ts';
import { LEGAL_SCENARIOS } from './scenarios.ts';

const verdictOf = (facts: LegalFacts, id: ConclusionId) => assessLegal(facts).conclusions.find((conclusion) => conclusion.id === id);

/** Facts on which every rule below answers yes; each row removes one fact and expects that fact to be named. */
const COMPLETE: LegalFacts = {
  effects: { physical_damage: true, injury_or_death: true, critical_infrastructure: true, sectors: ['energy'] },
  target: { states: ['EE'], governmental_functions: true },
  operation: { kind: 'destruction', coercive: true, coercion_domain: 'foreign-policy' },
  attribution: { responsible_state: 'Q', state_nexus: 'state-organ', confidence: 'almost-certain' },
  armed_conflict: { exists: true, nexus: true },
  continuing: true,
  response: { called_on_responsible_state: true, notified: true, only_means: true, impairs_other_states: false },
};

function without(facts: LegalFacts, path: string): LegalFacts {
  const copy = structuredClone(facts) as Record<string, Record<string, unknown> | unknown>;
  const [section, name] = path.split('.');
  if (name === undefined) delete copy[section!];
  else delete (copy[section!] as Record<string, unknown>)[name];
  return copy as LegalFacts;
}

describe('legal engine: each missing fact makes its conclusion cannot-determine, naming it', () => {
  const rows: [ConclusionId, string][] = [
    ['sovereignty', 'target.states'],
    ['intervention', 'operation.coercive'],
    ['intervention', 'operation.coercion_domain'],
    ['attribution', 'attribution.state_nexus'],
    ['attribution', 'attribution.confidence'],
    ['attribution', 'attribution.responsible_state'],
    ['ihl-applies', 'armed_conflict.nexus'],
    ['necessity', 'response.only_means'],
    ['necessity', 'response.impairs_other_states'],
    ['countermeasures', 'response.called_on_responsible_state'],
    ['countermeasures', 'response.notified'],
  ];
  it('answers yes on the complete facts', () => {
    for (const [id] of rows) assert.equal(verdictOf(COMPLETE, id)?.verdict, 'yes', id);
    for (const id of ['use-of-force', 'armed-attack', 'wrongful-act', 'self-defence', 'ihl-attack'] as const) assert.equal(verdictOf(COMPLETE, id)?.verdict, 'yes', id);
  });
  for (const [id, path] of rows) {
    it(`${id} without ${path}`, () => {
      const conclusion = verdictOf(without(COMPLETE, path), id);
      assert.equal(conclusion?.verdict, 'cannot-determine');
      assert.ok(conclusion.decided_by?.some((fact) => fact.path === `$.${path}`), JSON.stringify(conclusion.decided_by));
    });
  }
  it('use of force without injury and damage facts names both', () => {
    const facts = without(without(COMPLETE, 'effects.injury_or_death'), 'effects.physical_damage');
    assert.deepEqual(verdictOf(facts, 'use-of-force')?.decided_by?.map((fact) => fact.path), ['$.effects.injury_or_death', '$.effects.physical_damage']);
  });
});

describe('legal engine: attribution thresholds', () => {
  for (const term of PHIA_TERMS) {
    const expected = term.range[0] >= ATTRIBUTION_THRESHOLDS.yesFromPercent ? 'yes' : term.range[1] <= ATTRIBUTION_THRESHOLDS.noUpToPercent ? 'no' : 'cannot-determine';
    it(`${term.id} → ${expected}`, () => {
      const conclusion = verdictOf({ attribution: { responsible_state: 'X', state_nexus: 'state-organ', confidence: term.id } }, 'attribution');
      assert.equal(conclusion?.verdict, expected);
      if (expected === 'cannot-determine') assert.deepEqual(conclusion?.decided_by?.map((fact) => fact.path), ['$.attribution.confidence']);
    });
  }
  it('only remote chance and highly unlikely deny, only highly likely and almost certain conclude', () => {
    const verdicts = PHIA_TERMS.map((term) => verdictOf({ attribution: { responsible_state: 'X', state_nexus: 'state-organ', confidence: term.id } }, 'attribution')?.verdict);
    assert.deepEqual(verdicts, ['no', 'no', 'cannot-determine', 'cannot-determine', 'cannot-determine', 'yes', 'yes']);
  });
});

describe('legal engine: determinism', () => {
  it('gives byte-identical JSON for the same facts twice', () => {
    for (const scenario of LEGAL_SCENARIOS) assert.equal(JSON.stringify(assessLegal(scenario.facts)), JSON.stringify(assessLegal(structuredClone(scenario.facts))));
  });
  it('ignores the order of keys and of list values', () => {
    const reversed = (value: unknown): unknown => Array.isArray(value) ? [...value].reverse()
      : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)])) : value;
    for (const scenario of LEGAL_SCENARIOS) {
      // A probability range is ordered; everything else may be reversed.
      const shuffled = reversed(scenario.facts) as LegalFacts;
      if (Array.isArray(scenario.facts.attribution?.confidence)) shuffled.attribution!.confidence = scenario.facts.attribution.confidence;
      assert.equal(JSON.stringify(assessLegal(shuffled)), JSON.stringify(assessLegal(scenario.facts)), scenario.name);
    }
  });
  it('labels every assessment as decision support, not legal advice', () => {
    const assessment = assessLegal({});
    assert.equal(assessment.label, LEGAL_LABEL);
    assert.match(assessment.disclaimer, /not legal advice/);
  });
});

describe('legal facts: validation', () => {
  const cases: [name: string, facts: unknown, problems: [path: string, rule: string][]][] = [
    ['not an object', [], [['$', 'not-an-object']]],
    ['an unknown section', { effect: {} }, [['$.effect', 'unknown-property']]],
    ['an unknown property', { effects: { damage: true } }, [['$.effects.damage', 'unknown-property']]],
    ['a string for a boolean', { effects: { physical_damage: 'yes' } }, [['$.effects.physical_damage', 'property-type']]],
    ['a negative cost', { effects: { economic_cost_usd: -1 } }, [['$.effects.economic_cost_usd', 'property-type']]],
    ['an unknown sector', { effects: { sectors: ['health', 'space'] } }, [['$.effects.sectors[1]', 'vocabulary']]],
    ['an empty list', { target: { states: [] } }, [['$.target.states', 'property-type']]],
    ['an unknown nexus', { attribution: { state_nexus: 'sponsored' } }, [['$.attribution.state_nexus', 'vocabulary']]],
    ['an unknown PHIA term', { attribution: { confidence: 'very-likely' } }, [['$.attribution.confidence', 'vocabulary']]],
    ['an upside-down range', { attribution: { confidence: [90, 80] } }, [['$.attribution.confidence', 'value-range']]],
    ['a range out of bounds', { attribution: { confidence: [90, 101] } }, [['$.attribution.confidence', 'property-type']]],
    ['a flag that is not boolean', { continuing: 1 }, [['$.continuing', 'property-type']]],
    ['several problems at once', { armed_conflict: { exists: 'no' }, operation: { coercion_domain: 'sport' } }, [['$.operation.coercion_domain', 'vocabulary'], ['$.armed_conflict.exists', 'property-type']]],
  ];
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(LEGAL_FACTS_SCHEMA);
  for (const [name, facts, expected] of cases) {
    it(`refuses ${name}, precisely, and so does the JSON Schema`, () => {
      const problems = checkLegalFacts(facts);
      assert.deepEqual(problems.map((problem) => [problem.path, problem.rule]), expected);
      for (const problem of problems) assert.ok(problem.message.length > 10);
      // JSON Schema cannot compare the two bounds of a range: that rule is the validator's alone (see LEGAL_FACTS_SCHEMA).
      assert.equal(validate(facts), name === 'an upside-down range', name);
      assert.throws(() => assessLegal(facts as LegalFacts), (error) => isAppError(error) && error.code === 'API_BAD_INPUT' && error.message.includes(expected[0]![0]));
    });
  }
  it('accepts every scenario, as does the JSON Schema', () => {
    for (const scenario of LEGAL_SCENARIOS) {
      assert.deepEqual(checkLegalFacts(scenario.facts), [], scenario.name);
      assert.equal(validate(scenario.facts), true, `${scenario.name}: ${ajv.errorsText(validate.errors)}`);
    }
  });
});

const ANALYST = 'identity--0d2c1d3e-5b1f-4a57-9a3e-7c1b8f0e4d21';
const CASE = 'accord-attribution-case--6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const override: LegalOverride = { conclusion: 'use-of-force', verdict: 'yes', reason: 'Our government holds severe economic effects can be force.', by: ANALYST, at: '2026-03-01T10:00:00.000Z' };

describe('legal overrides', () => {
  const assessment = assessLegal(LEGAL_SCENARIOS[0]!.facts);
  it('keeps the override beside the engine\'s conclusion', () => {
    const overridden = applyOverride(assessment, override);
    assert.deepEqual(overridden.overrides, [override]);
    assert.deepEqual(overridden.conclusions, assessment.conclusions);
    assert.equal(overridden.conclusions.find((conclusion) => conclusion.id === 'use-of-force')?.verdict, 'cannot-determine');
    assert.deepEqual(effectiveVerdict(overridden, 'use-of-force'), { verdict: 'yes', overridden: true });
    assert.deepEqual(effectiveVerdict(overridden, 'sovereignty'), { verdict: 'yes', overridden: false });
    assert.deepEqual(assessment.overrides, [], 'the original is unchanged');
  });
  for (const [name, bad, path] of [
    ['without a reason', { ...override, reason: '' }, '$.reason'],
    ['with a blank reason', { ...override, reason: '   ' }, '$.reason'],
    ['with an unknown verdict', { ...override, verdict: 'maybe' }, '$.verdict'],
    ['by something not an identity', { ...override, by: 'alice' }, '$.by'],
    ['of a conclusion this assessment lacks', { ...override, conclusion: 'due-diligence' }, '$.conclusion'],
  ] as const) {
    it(`refuses an override ${name}`, () => {
      assert.throws(() => applyOverride(assessment, bad as unknown as LegalOverride), (error) => isAppError(error) && error.code === 'API_BAD_INPUT' && error.message.includes(path));
    });
  }
});

describe('legal assessment as STIX', () => {
  const assessment = assessLegal(LEGAL_SCENARIOS[0]!.facts);
  const first = legalAssessmentObject(assessment, { case_ref: CASE }, ANALYST, undefined, '2026-03-01T09:00:00.000Z');
  it('is a valid STIX 2.1 object with the new-sdo extension and the workflow rules', () => {
    assert.equal(first.type, 'accord-legal-assessment');
    const result = validateObject(first);
    assert.ok(result.valid, JSON.stringify(result.errors));
    const problems: never[] = [];
    checkLegalAssessmentFields(new Fields(first, '$', problems));
    assert.deepEqual(problems, []);
  });
  it('versions on override: same id and created, later modified, override kept', () => {
    const second = legalAssessmentObject(applyOverride(assessment, override), {}, ANALYST, first, '2026-03-01T10:00:00.000Z');
    assert.equal(second.id, first.id);
    assert.equal(second.created, first.created);
    assert.equal(second.modified, '2026-03-01T10:00:00.000Z');
    assert.equal(second.case_ref, CASE);
    assert.equal(second.overrides?.length, 1);
    assert.equal(first.overrides, undefined, 'no empty list (STIX 2.1 §2.12)');
    assert.deepEqual(second.conclusions, first.conclusions);
  });
  it('refuses bad refs, no refs, and versioning by another identity', () => {
    assert.throws(() => legalAssessmentObject(assessment, { case_ref: 'incident--6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b' }, ANALYST), /case_ref/);
    assert.throws(() => legalAssessmentObject(assessment, {}, ANALYST), /at least one/);
    assert.throws(() => legalAssessmentObject(assessment, {}, 'identity--1d2c1d3e-5b1f-4a57-9a3e-7c1b8f0e4d21', first), /may version it/);
  });
  it('the workflow rules catch a tampered object', () => {
    const problems: { path: string }[] = [];
    checkLegalAssessmentFields(new Fields({ ...first, facts: { effects: { physical_damage: 'x' } }, overrides: [{ ...override, reason: '' }] }, '$', problems as never[]));
    assert.deepEqual(problems.map((problem) => problem.path), ['$.facts.effects.physical_damage', '$.overrides[0].reason']);
  });
});
