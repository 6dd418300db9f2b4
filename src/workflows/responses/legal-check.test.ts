import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedPath } from '../../../test/support/shared.ts';
import { assessLegal } from '../legal/assess.ts';
import { legalRule } from '../legal/catalogue.ts';
import { applyOverride } from '../legal/overrides.ts';
import { LEGAL_SCENARIOS } from '../legal/scenarios.ts';
import { RESPONSE_KINDS, responseKind, TOOLBOX_CATEGORIES, type LegalBasis } from './catalogue.ts';
import { checkResponseLegality } from './legal-check.ts';

/** Response options checked by the real legal engine, and the catalogue against the shared reference facts. */

const scenario = (name: string) => {
  const found = LEGAL_SCENARIOS.find((entry) => entry.name === name);
  assert.ok(found, name);
  return found.facts;
};
const check = (kind: string, facts: Parameters<typeof assessLegal>[0]) => checkResponseLegality(responseKind(kind)!, assessLegal(facts));
const IDENTITY = 'identity--11111111-1111-4111-8111-111111111111';

describe('the response catalogue', () => {
  const reference = JSON.parse(readFileSync(sharedPath('reference', 'response-toolbox.json'), 'utf8')) as {
    eu_cyber_diplomacy_toolbox: { measure_categories: { category: string }[] };
    generic_response_ladder: { step: number; option: string; legal_character: string }[];
  };

  it('names the Toolbox\'s five categories as the reference does', () => {
    const categories = reference.eu_cyber_diplomacy_toolbox.measure_categories.map((entry) => entry.category.split(/[ (]/)[0]!.replace('possible', 'support'));
    assert.deepEqual(TOOLBOX_CATEGORIES.filter((category) => category !== 'national'), categories);
  });

  it('rests each option on the legal character the reference ladder gives its step', () => {
    // The ladder's words decide the first basis: retorsion (and "lawful; no prior wrong", "law enforcement"), ARSIWA 49-53, Art. 51.
    const expected = (character: string): LegalBasis => (/49-53/.test(character) ? 'countermeasures' : /armed attack/.test(character) ? 'self-defence' : 'retorsion');
    for (const kind of RESPONSE_KINDS) {
      const step = reference.generic_response_ladder.find((entry) => entry.step === kind.ladderStep);
      assert.ok(step, `${kind.id}: ladder step ${kind.ladderStep}`);
      assert.equal(kind.bases[0], expected(step.legal_character), `${kind.id} against "${step.option}"`);
    }
    const covered = new Set(RESPONSE_KINDS.map((kind) => kind.ladderStep));
    for (const step of reference.generic_response_ladder) assert.ok(covered.has(step.step), `ladder step ${step.step} (${step.option}) has an option`);
  });

  it('has the seven measures of the issue and self-defence, each with sources', () => {
    assert.deepEqual(RESPONSE_KINDS.map((kind) => kind.id).sort(), ['countermeasures', 'demarche', 'joint-statement', 'law-enforcement', 'partner-support', 'sanctions-listing', 'self-defence', 'technical-disruption']);
    for (const kind of RESPONSE_KINDS) assert.ok(kind.sources.length > 0 && kind.summary.length > 40, kind.id);
  });
});

describe('the legal check of an option', () => {
  it('agrees with the engine on every scenario: all preconditions met exactly when the engine says yes, one unmet whenever it says no', () => {
    for (const entry of LEGAL_SCENARIOS) {
      for (const kind of ['countermeasures', 'self-defence']) {
        const basis = check(kind, entry.facts).bases[0]!;
        const statuses = basis.requirements!.map((requirement) => requirement.status);
        assert.equal(statuses.every((status) => status === 'met'), basis.engine_verdict === 'yes', `${entry.name}: ${kind} ${statuses.join(',')} vs ${basis.engine_verdict}`);
        if (basis.engine_verdict === 'no') assert.ok(statuses.includes('unmet'), `${entry.name}: ${kind} is no, so a precondition is unmet`);
        for (const requirement of basis.requirements!) for (const id of requirement.citations) legalRule(id);
      }
    }
  });

  it('a state organ\'s armed attack under way: self-defence is open within its conditions; statements stay lawful in themselves', () => {
    const facts = scenario('Grid equipment destroyed in peacetime, continuing');
    const defence = check('self-defence', facts);
    assert.equal(defence.standing, 'lawful-within-conditions');
    assert.equal(defence.lawful_basis, 'self-defence');
    assert.deepEqual(defence.bases[0]!.requirements!.map((requirement) => requirement.status), ['met', 'met', 'met']);
    assert.ok(defence.bases[0]!.conditions!.some((condition) => /Security Council/.test(condition.text)), 'the report to the Security Council is a condition');
    assert.equal(check('joint-statement', facts).standing, 'lawful-in-itself');
    const disruption = check('technical-disruption', facts);
    assert.deepEqual(disruption.bases.map((basis) => basis.basis), ['countermeasures', 'self-defence', 'necessity']);
  });

  it('the attack is over: self-defence is not open, and says which precondition fails', () => {
    const defence = check('self-defence', scenario('Deadly attack, over'));
    assert.equal(defence.standing, 'not-open');
    assert.deepEqual(defence.bases[0]!.requirements!.map((requirement) => requirement.status), ['met', 'met', 'unmet']);
  });

  it('a tolerated ransomware group: countermeasures only against the responsible host state; retorsion always', () => {
    const tolerated = check('countermeasures', scenario('Ransomware group tolerated by its host state'));
    assert.equal(tolerated.standing, 'lawful-within-conditions');
    assert.ok(tolerated.bases[0]!.conditions!.some((condition) => /Only against the responsible state \(Y\)/.test(condition.text)));
    assert.match(tolerated.bases[0]!.requirements![0]!.text, /\(Y\)/);
    const acted = scenario('Tolerated group, host acted');
    assert.equal(check('countermeasures', acted).standing, 'not-open', 'a host that took feasible measures committed no wrongful act');
    assert.equal(check('countermeasures', acted).bases[0]!.requirements![0]!.status, 'unmet');
    for (const kind of ['demarche', 'joint-statement', 'sanctions-listing', 'law-enforcement', 'partner-support']) {
      for (const facts of [acted, scenario('Ransomware group tolerated by its host state'), {}]) assert.equal(check(kind, facts).standing, 'lawful-in-itself', kind);
    }
  });

  it('on thin facts says cannot-determine and names the deciding facts', () => {
    const thin = check('countermeasures', scenario('NotPetya (2017)'));
    assert.equal(thin.standing, 'cannot-determine');
    assert.match(thin.summary, /\$\.response\.called_on_responsible_state/);
    assert.equal(thin.bases[0]!.requirements![1]!.status, 'cannot-determine');
  });

  it('an analyst\'s override stands, with its reason, beside the engine\'s verdict', () => {
    const assessment = assessLegal(scenario('Tolerated group, host acted'));
    const overridden = applyOverride(assessment, { conclusion: 'countermeasures', verdict: 'yes', reason: 'The host\'s measures were a pretence.', by: IDENTITY, at: '2025-01-01T00:00:00.000Z' });
    const result = checkResponseLegality(responseKind('countermeasures')!, overridden);
    assert.equal(result.standing, 'lawful-within-conditions');
    assert.equal(result.bases[0]!.engine_verdict, 'no');
    assert.equal(result.bases[0]!.override_reason, 'The host\'s measures were a pretence.');
  });
});
