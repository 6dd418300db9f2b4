import { PHIA_TERMS } from '../attribution/probability.ts';
import type { Conclusion } from './assessment.ts';
import type { LegalFacts, LegalStateNexus, NexusConfidence } from './facts.ts';
import { partition, Reasoning } from './reasoning.ts';

/**
 * The law of state responsibility: whether the conduct is the act of a state
 * (ARSIWA Arts 4, 5, 8, 11), whether a harbouring state failed in due
 * diligence, and whether there is an internationally wrongful act (Art. 2).
 */

/**
 * Attribution is concluded only when the nexus is judged at least "highly
 * likely" (the low end of the probability range at 80 % or more), and denied
 * when it is judged at most "highly unlikely" (the high end at 20 % or less).
 * In between the confidence itself is the deciding fact.
 */
export const ATTRIBUTION_THRESHOLDS = { yesFromPercent: 80, noUpToPercent: 20 } as const;

function rangeOf(confidence: NexusConfidence): { range: readonly [number, number]; words: string } {
  if (Array.isArray(confidence)) return { range: confidence, words: `${confidence[0]}-${confidence[1]} %` };
  const term = PHIA_TERMS.find((candidate) => candidate.id === confidence)!;
  return { range: term.range, words: `"${term.term}" (${term.range[0]}-${term.range[1]} %)` };
}

const NEXUS_RULES: Readonly<Record<'state-organ' | 'empowered-entity' | 'directed-or-controlled-proxy', { cite: string[]; text: string }>> = {
  'state-organ': { cite: ['ARS-4'], text: 'the actor is an organ of the state, whose conduct is the state\'s own (ARS-4)' },
  'empowered-entity': { cite: ['ARS-5'], text: 'the actor is empowered by law to exercise governmental authority (ARS-5)' },
  'directed-or-controlled-proxy': { cite: ['ARS-8', 'ICJ-BOSNIA-400'], text: 'the actor acted on the state\'s instructions or under its direction or control of the operation (ARS-8, effective control: ICJ-BOSNIA-400)' },
};

export function attribution(facts: LegalFacts): Conclusion {
  const r = new Reasoning(facts, 'attribution', 'Is the conduct attributable to a state under the law of state responsibility?').cite('ARS-2');
  const state = r.fact<string>('attribution.responsible_state');
  const adopted = r.fact<boolean>('attribution.acknowledged_and_adopted');
  const nexus = r.fact<LegalStateNexus>('attribution.state_nexus');
  const named = state === undefined ? 'the state' : state;
  if (adopted === true) {
    r.cite('ARS-11').step(`${named} has acknowledged and adopted the conduct as its own, which makes it the state's act whatever the nexus (ARS-11).`);
    if (state === undefined) r.undecided('attribution.responsible_state', 'the state that adopted the conduct is not named');
    return r.concludeUnlessUndecided('yes');
  }
  if (nexus === 'tolerated-or-harboured') {
    r.cite('ARS-8', 'ICJ-BOSNIA-400').step(`${named} tolerates or harbours the actor. Tolerance, general support or safe haven is not instruction, direction or control of the operation, so the conduct is not ${named}'s act (ARS-8, ICJ-BOSNIA-400).`);
    r.step('Whether the host state breached a duty of its own is the due-diligence question.');
    if (adopted === undefined) r.caveat('Were the state to acknowledge and adopt the conduct as its own, it would become attributable (ARS-11).');
    return r.conclude('no');
  }
  if (nexus === undefined || nexus === 'unknown') {
    r.undecided('attribution.state_nexus', 'how a state stands to the actor (its organ, an empowered entity, a proxy it directs or controls, or a host that tolerates it) decides whether ARSIWA Arts 4, 5 or 8 apply');
    r.step('The state nexus of the actor is not known.');
    return r.conclude('cannot-determine');
  }
  const rule = NEXUS_RULES[nexus];
  r.cite(...rule.cite).step(`The case says ${rule.text}.`);
  const confidence = r.fact<NexusConfidence>('attribution.confidence');
  if (confidence === undefined) {
    r.undecided('attribution.confidence', `how likely the nexus is decides attribution: at least "highly likely" (${ATTRIBUTION_THRESHOLDS.yesFromPercent} %) is needed`);
    return r.conclude('cannot-determine');
  }
  const { range, words } = rangeOf(confidence);
  if (range[1] <= ATTRIBUTION_THRESHOLDS.noUpToPercent) {
    r.step(`The nexus is judged ${words}: on that judgement the conduct is not attributable to ${named}.`);
    return r.conclude('no');
  }
  if (range[0] < ATTRIBUTION_THRESHOLDS.yesFromPercent) {
    r.step(`The nexus is judged ${words}, below the "highly likely" (${ATTRIBUTION_THRESHOLDS.yesFromPercent} %) the engine requires before it concludes attribution.`);
    r.undecided('attribution.confidence', `the nexus is judged ${words}; attribution needs at least "highly likely" (${ATTRIBUTION_THRESHOLDS.yesFromPercent} %)`);
    return r.conclude('cannot-determine');
  }
  r.step(`The nexus is judged ${words}, at or above the "highly likely" the engine requires.`);
  if (nexus === 'empowered-entity') {
    const within = r.fact<boolean>('attribution.within_governmental_authority');
    if (within === false) {
      r.step('The entity acted outside its governmental authority, so Art. 5 does not make its conduct the state\'s (ARS-5).');
      return r.conclude('no');
    }
    if (within === undefined) r.undecided('attribution.within_governmental_authority', 'an empowered entity\'s conduct is the state\'s only when it acts in its governmental capacity (ARS-5)');
  }
  if (state === undefined) r.undecided('attribution.responsible_state', 'the state to which the conduct would be attributed is not named');
  if (r.hasUndecided) return r.conclude('cannot-determine');
  r.step(`The conduct is attributable to ${state}.`);
  return r.conclude('yes');
}

const SERIOUS_EFFECTS = ['effects.physical_damage', 'effects.injury_or_death', 'effects.loss_of_functionality', 'effects.critical_infrastructure'];

/** Only asked where the state tolerates or harbours the actor: the one case where its own omission is the question. */
export function dueDiligence(facts: LegalFacts): Conclusion | undefined {
  const r = new Reasoning(facts, 'due-diligence', 'Did the host state fail to exercise due diligence over the operations from its territory?').cite('TM-6', 'TM-7');
  if (r.fact<LegalStateNexus>('attribution.state_nexus') !== 'tolerated-or-harboured') return undefined;
  r.caveat('Contested: not every state accepts due diligence as a binding rule in cyberspace (compare the voluntary UN GGE norm 13(c)); the Tallinn experts\' majority sees no duty to monitor or prevent in advance, only to act once aware (TM-7).');
  const aware = r.fact<boolean>('attribution.host_state_aware');
  const measures = r.fact<boolean>('attribution.host_state_took_feasible_measures');
  const serious = partition(r, SERIOUS_EFFECTS);
  if (aware === false) {
    r.step('The host state did not know of the operations; the duty arises only once a state knows, or should have known (TM-6).');
    return r.conclude('no');
  }
  if (measures === true) {
    r.step('The host state took the measures feasible for it to end the operations (TM-7).');
    return r.conclude('no');
  }
  if (serious.yes.length === 0 && serious.unknown.length === 0) {
    r.step('The operations had no serious adverse consequences (no damage, injury, loss of functionality or effect on critical infrastructure), which the rule requires (TM-6).');
    return r.conclude('no');
  }
  if (aware === undefined) r.undecided('attribution.host_state_aware', 'the duty arises only once the host state knows of the operations');
  if (measures === undefined) r.undecided('attribution.host_state_took_feasible_measures', 'the duty is breached only if the host state, once aware, failed to take the measures feasible for it');
  if (serious.yes.length === 0) for (const path of serious.unknown) r.undecided(path, 'due diligence concerns operations with serious adverse consequences for another state');
  if (r.hasUndecided) return r.conclude('cannot-determine');
  r.step('The host state knew of operations with serious adverse consequences and did not take feasible measures to end them: on the view that due diligence binds, it breached that duty (TM-6, TM-7).');
  return r.conclude('yes');
}

export function wrongfulAct(facts: LegalFacts, attributed: Conclusion, breaches: readonly Conclusion[], diligence: Conclusion | undefined): Conclusion {
  const r = new Reasoning(facts, 'wrongful-act', 'Is there an internationally wrongful act of a state (ARSIWA Art. 2)?').cite('ARS-1', 'ARS-2');
  const breached = breaches.filter((breach) => breach.verdict === 'yes');
  if (attributed.verdict === 'yes' && breached.length > 0) {
    r.step(`The conduct is attributable to a state and breaches: ${breached.map((breach) => breach.id).join(', ')}. Both elements of a wrongful act are present (ARS-2), entailing responsibility (ARS-1).`);
    return r.conclude('yes');
  }
  if (diligence?.verdict === 'yes') {
    r.cite('TM-6').step('The operators\' conduct is not the host state\'s, but its failure of due diligence would be a wrongful omission of its own (ARS-2, TM-6).');
    r.caveat('This rests on due diligence being binding, which is contested.');
    return r.conclude('yes');
  }
  if (attributed.verdict === 'no' && diligence?.verdict !== 'cannot-determine') {
    r.step('The conduct is not attributable to a state, and no breach of the host state\'s own duties is established: no wrongful act of a state (ARS-2).');
    return r.conclude('no');
  }
  if (breaches.every((breach) => breach.verdict === 'no') && diligence?.verdict !== 'cannot-determine') {
    r.step('The conduct breaches none of the rules assessed, whoever answers for it: no wrongful act on these facts (ARS-2).');
    return r.conclude('no');
  }
  // Only the element still open decides: with a breach established, attribution; with attribution established, the breaches.
  const open = [...(breached.length > 0 ? [] : breaches), attributed, ...(diligence ? [diligence] : [])];
  r.dependsOn(...open.filter((conclusion) => conclusion.verdict === 'cannot-determine'));
  r.step('One element of a wrongful act (attribution or breach) is not determined.');
  return r.conclude('cannot-determine');
}
