import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answeredIn, FACT_FIELDS, FACT_STEPS, factLabel, factsFromForm, formFromFacts, schemaOptions } from './law-facts.ts';

// The facts of the engine's "Hack-and-leak before an election" scenario (docs/legal.md), as the wizard collects them.
const HACK_AND_LEAK = {
  incident: { name: 'Leak before the election' },
  effects: { physical_damage: false, injury_or_death: false, loss_of_functionality: false, data: ['exfiltrated', 'leaked'], sectors: ['elections', 'government'] },
  target: { states: ['GB'] },
  operation: { kind: 'hack-and-leak', coercion_domain: 'elections' },
  attribution: { responsible_state: 'RU', state_nexus: 'state-organ', confidence: 'almost-certain' },
  armed_conflict: { exists: false },
};

describe('the wizard form', () => {
  it('has the eight steps of the facts, each fact once', () => {
    assert.deepEqual(FACT_STEPS.map((s) => s.title), [
      'Effects and scale', 'Target', 'Coercion and domain', 'State nexus and confidence', 'Armed conflict', 'Continuing', 'Urgency', 'Notification',
    ]);
    assert.equal(new Set(FACT_FIELDS.map((f) => f.path)).size, FACT_FIELDS.length);
  });

  it('turns facts into answers and back without change', () => {
    const form = formFromFacts(HACK_AND_LEAK);
    assert.equal(form['effects.physical_damage'], 'no');
    assert.deepEqual(form['effects.sectors'], ['elections', 'government']);
    assert.equal(form['target.states'], 'GB');
    assert.deepEqual(factsFromForm(form), { facts: HACK_AND_LEAK, problems: [] });
  });

  it('leaves unknown and empty answers out of the facts', () => {
    const { facts } = factsFromForm({
      'effects.physical_damage': '', 'effects.sectors': [], 'target.states': ' , ', 'operation.coercive': 'yes', 'attribution.confidence': '', continuing: 'no',
    });
    assert.deepEqual(facts, { operation: { coercive: true }, continuing: false });
  });

  it('reads amounts with separators and names the field of one that is not a number', () => {
    assert.deepEqual(factsFromForm({ 'effects.economic_cost_usd': '10,000,000' }).facts, { effects: { economic_cost_usd: 10_000_000 } });
    const { facts, problems } = factsFromForm({ 'effects.disruption_hours': 'a day', 'effects.economic_cost_usd': '-5' });
    assert.deepEqual(facts, {});
    assert.deepEqual(problems, ['Disruption (hours): "a day" is not a number of 0 or more.', 'Economic cost (USD): "-5" is not a number of 0 or more.']);
  });

  it('leaves out what the form cannot show (a confidence range)', () => {
    assert.equal(formFromFacts({ attribution: { confidence: [80, 95] } })['attribution.confidence'], undefined);
  });

  it('counts the answered facts of a step', () => {
    const form = formFromFacts(HACK_AND_LEAK);
    assert.equal(answeredIn(FACT_STEPS[0]!, form), 6);
    assert.equal(answeredIn(FACT_STEPS[5]!, form), 0);
  });

  it("reads a field's options from the facts' JSON Schema", () => {
    const schema = { properties: { effects: { properties: { data: { type: 'array', items: { enum: ['exfiltrated', 'leaked'] } } } }, operation: { properties: { kind: { enum: ['espionage'] } } } } };
    assert.deepEqual(schemaOptions(schema, 'effects.data'), ['exfiltrated', 'leaked']);
    assert.deepEqual(schemaOptions(schema, 'operation.kind'), ['espionage']);
    assert.deepEqual(schemaOptions(schema, 'operation.coercive'), []);
    assert.deepEqual(schemaOptions(undefined, 'operation.kind'), []);
  });

  it("names a deciding fact by its label", () => {
    assert.equal(factLabel('$.operation.coercive'), 'Coercive');
    assert.equal(factLabel('$.something.else'), 'something.else');
  });
});
