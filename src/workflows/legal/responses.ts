import type { Conclusion } from './assessment.ts';
import type { LegalFacts, Sector } from './facts.ts';
import { listing, partition, Reasoning } from './reasoning.ts';

/**
 * The responses open to the injured state, each with its conditions, and
 * international humanitarian law where an armed conflict exists.
 */

export function retorsion(facts: LegalFacts): Conclusion {
  const r = new Reasoning(facts, 'retorsion', 'May the injured state respond by retorsion (unfriendly but lawful acts)?').cite('RETORSION');
  r.step('Retorsion is lawful in itself and needs no prior wrongful act: public attribution, démarches, expelling diplomats, ending voluntary co-operation, sanctions no treaty bars (RETORSION).');
  r.condition('The measure must not itself breach an obligation owed to the other state; if it would, it is a countermeasure and needs their conditions.', 'RETORSION');
  return r.conclude('yes');
}

/** The conditions every countermeasure must meet when taken (ARSIWA Arts 49-53, Tallinn 2.0 Rules 20-25). */
function countermeasureConditions(r: Reasoning, state: string | undefined): void {
  r.condition(`Only against the responsible state${state === undefined ? '' : ` (${state})`}, and only to induce it to cease the wrongful act and make reparation, not to punish.`, 'ARS-49', 'TM-20-25');
  r.condition('Temporary non-performance of obligations, chosen to be reversible as far as possible.', 'ARS-49');
  r.condition('Proportionate: commensurate with the injury, weighing the gravity of the act and the rights in question.', 'ARS-51');
  r.condition('No use of force, no breach of fundamental human rights, of humanitarian rules prohibiting reprisals or of peremptory norms; respect diplomatic and consular inviolability and dispute-settlement obligations.', 'ARS-50');
  r.condition('No breach of obligations owed to third states (for example through spill-over to their infrastructure).', 'TM-20-25');
  r.condition('End as soon as the responsible state complies with its obligations of cessation and reparation.', 'ARS-53');
}

export function countermeasures(facts: LegalFacts, wrongful: Conclusion): Conclusion {
  const r = new Reasoning(facts, 'countermeasures', 'May the injured state take countermeasures now?').cite('ARS-22', 'ARS-49', 'ARS-52');
  r.caveat('Only the injured state may take countermeasures in the majority view; countermeasures by other states on its behalf (collective countermeasures) are disputed (ARS-54, TM-20-25).').cite('ARS-54');
  const followed = r.followUnlessYes(wrongful,
    'Countermeasures answer a prior internationally wrongful act of the state they target; there is none on these facts. Retorsion remains open (ARS-49).',
    'Whether there is a prior wrongful act, which countermeasures require, is not determined (ARS-49).');
  if (followed !== undefined) return followed;
  const state = r.fact<string>('attribution.responsible_state');
  countermeasureConditions(r, state);
  const continuing = r.fact<boolean>('continuing');
  const tribunal = r.fact<boolean>('response.dispute_before_tribunal');
  if (continuing === false && tribunal === true) {
    r.step('The wrongful act has ceased and the dispute is before a tribunal that can bind the parties: countermeasures may not be taken, and must be suspended (ARS-52(3)).');
    return r.conclude('no');
  }
  const called = r.fact<boolean>('response.called_on_responsible_state');
  const notified = r.fact<boolean>('response.notified');
  const urgent = r.fact<boolean>('response.urgent');
  if (called === false) {
    r.step('The injured state has not yet called on the responsible state to cease and make reparation; it must do so first (ARS-52(1)(a)).');
    return r.conclude('no');
  }
  if (called === undefined) r.undecided('response.called_on_responsible_state', 'countermeasures must be preceded by a call on the responsible state to comply (ARS-52(1)(a))');
  if (notified === true) r.step('The responsible state was notified of the intended countermeasures with an offer to negotiate (ARS-52(1)(b)).');
  else if (urgent === true) r.step('Urgent countermeasures needed to preserve the injured state\'s rights may be taken without prior notification (ARS-52(2)).');
  else if (notified === false && urgent === false) {
    r.step('The responsible state has not been notified of the countermeasures, and they are not urgent: notify and offer to negotiate first (ARS-52(1)(b)).');
    r.caveat('The Tallinn experts and some states consider notification may be dispensed with where it would compromise the response.');
    return r.conclude('no');
  } else {
    r.undecided(notified === undefined ? 'response.notified' : 'response.urgent', 'countermeasures need prior notification with an offer to negotiate, unless they are urgent (ARS-52(1)(b), (2))');
  }
  if (continuing === false && tribunal === undefined) r.undecided('response.dispute_before_tribunal', 'once the act has ceased, a dispute pending before a binding tribunal bars countermeasures (ARS-52(3))');
  if (continuing === undefined && tribunal === true) r.undecided('continuing', 'with the dispute before a tribunal, countermeasures are barred if the wrongful act has ceased (ARS-52(3))');
  if (r.hasUndecided) return r.conclude('cannot-determine');
  r.step('A wrongful act is established and the procedural conditions are met: countermeasures are open, within the conditions listed (ARS-22).');
  return r.conclude('yes');
}

/** Sectors whose protection is an essential interest of the state (ARSIWA Art. 25 commentary: e.g. the power grid, the financial system). */
const ESSENTIAL_SECTORS: readonly Sector[] = ['health', 'energy', 'water', 'food', 'finance', 'telecommunications', 'transport', 'elections', 'government', 'defence'];

export function necessity(facts: LegalFacts): Conclusion {
  const r = new Reasoning(facts, 'necessity', 'Could the injured state invoke necessity for a measure that would otherwise be unlawful?').cite('ARS-25');
  r.step('Necessity needs neither a prior wrongful act nor attribution, but its conditions are strict (ARS-25).');
  r.caveat('Necessity is excluded if the invoking state contributed to the situation or the obligation rules it out (ARS-25(2)).');
  const critical = r.fact<boolean>('effects.critical_infrastructure');
  const sectors = (r.fact<Sector[]>('effects.sectors') ?? []).filter((sector) => ESSENTIAL_SECTORS.includes(sector));
  const failed: string[] = [];
  if (critical === true || sectors.length > 0) r.step(`An essential interest is at stake: ${critical === true ? 'critical infrastructure' : listing(sectors)}.`);
  else if (critical === false) failed.push('no essential interest (no critical infrastructure or essential sector) is at stake');
  else r.undecided('effects.critical_infrastructure', 'necessity protects essential interests, such as critical infrastructure');
  const peril = partition(r, ['continuing', 'further_attack_imminent']);
  if (peril.yes.length > 0) r.step('The peril is grave and imminent: the operation continues or further attacks are imminent.');
  else if (peril.unknown.length === 0) failed.push('the peril is not imminent: the operation has stopped and no further attack is imminent');
  else for (const path of peril.unknown) r.undecided(path, 'necessity answers a grave and imminent peril');
  const only = r.fact<boolean>('response.only_means');
  if (only === false) failed.push('other means are available');
  else if (only === undefined) r.undecided('response.only_means', 'the measure must be the only way to safeguard the interest');
  const impairs = r.fact<boolean>('response.impairs_other_states');
  if (impairs === true) failed.push('the measure would seriously impair an essential interest of another state or of the international community');
  else if (impairs === undefined) r.undecided('response.impairs_other_states', 'the measure must not seriously impair an essential interest of other states or of the international community');
  if (failed.length > 0) {
    r.step(`Necessity cannot be invoked: ${failed.join('; ')} (ARS-25).`);
    return r.conclude('no');
  }
  if (r.hasUndecided) return r.conclude('cannot-determine');
  r.step('Every condition of necessity is met on these facts (ARS-25).');
  return r.conclude('yes');
}

export function selfDefence(facts: LegalFacts, attack: Conclusion, attributed: Conclusion): Conclusion {
  const r = new Reasoning(facts, 'self-defence', 'May the injured state use force in self-defence (UN Charter Art. 51)?').cite('UNC-51', 'TM-71');
  const followed = r.followUnlessYes(attack,
    'Self-defence is open only against an armed attack; the operation is not one (UNC-51).',
    'Whether the operation is an armed attack, which self-defence requires, is not determined (UNC-51).');
  if (followed !== undefined) return followed;
  r.condition('Necessary: no adequate non-forcible alternative.', 'TM-71');
  r.condition('Proportionate to repelling the attack, not punitive.', 'TM-71');
  r.condition('Reported at once to the Security Council; lasts until the Council has acted.', 'UNC-51');
  r.condition('Collective self-defence only at the request of the victim state.', 'TM-71');
  if (attributed.verdict === 'no') {
    r.step('The armed attack is not attributable to a state on these facts.');
    r.caveat('Whether self-defence is open against non-state actors, or on the territory of a state unwilling or unable to stop them, is contested.');
    return r.conclude('no');
  }
  if (attributed.verdict === 'cannot-determine') {
    r.dependsOn(attributed).step('Whether the armed attack is attributable to a state is not determined.');
    return r.conclude('cannot-determine');
  }
  const ongoing = partition(r, ['continuing', 'further_attack_imminent']);
  if (ongoing.yes.length > 0) {
    r.step('An armed attack attributable to a state is under way or imminent: self-defence is open, within the conditions listed (UNC-51, TM-71).');
    return r.conclude('yes');
  }
  if (ongoing.unknown.length === 0) {
    r.step('The attack is over and no further attack is imminent: force now would be a reprisal, not self-defence (TM-71, Rule 73).');
    return r.conclude('no');
  }
  for (const path of ongoing.unknown) r.undecided(path, 'self-defence answers an attack that is under way or imminent');
  return r.conclude('cannot-determine');
}

export function peacefulSettlement(facts: LegalFacts): Conclusion {
  const r = new Reasoning(facts, 'peaceful-settlement', 'Are peaceful means of settlement open, and required, for the dispute?').cite('UNC-2-3', 'UNC-33');
  r.step('States settle disputes by peaceful means (UNC-2-3); where a dispute may endanger peace, they first seek a solution by the means of Art. 33: negotiation, enquiry, mediation, conciliation, arbitration, judicial settlement or regional bodies (UNC-33).');
  r.condition('Consider bilateral consultation, regional channels (e.g. OSCE confidence-building consultations) and judicial settlement before or beside coercive responses.', 'UNC-33');
  return r.conclude('yes');
}

export function ihlApplies(facts: LegalFacts): Conclusion {
  const r = new Reasoning(facts, 'ihl-applies', 'Does international humanitarian law govern the operation?').cite('IHL');
  const exists = r.fact<boolean>('armed_conflict.exists');
  const nexus = r.fact<boolean>('armed_conflict.nexus');
  if (exists === false) {
    r.step('There is no armed conflict: IHL does not apply; peacetime international law does (IHL).');
    return r.conclude('no');
  }
  if (exists === undefined) r.undecided('armed_conflict.exists', 'IHL governs only operations in an armed conflict');
  if (nexus === false) {
    r.step('The operation has no nexus to the armed conflict: IHL does not govern it (IHL).');
    return r.conclude('no');
  }
  if (nexus === undefined) r.undecided('armed_conflict.nexus', 'IHL governs operations linked to the armed conflict');
  if (r.hasUndecided) return r.conclude('cannot-determine');
  r.step('An armed conflict exists and the operation is linked to it: IHL governs it (IHL).');
  r.condition('Distinction: direct operations only at military objectives, never at civilians or civilian objects.', 'API-48');
  r.condition('Proportionality: no attack whose expected incidental civilian harm is excessive to the concrete and direct military advantage.', 'API-51-5-B');
  r.condition('Precautions: verify targets, choose means that minimise incidental harm, cancel an attack that turns out unlawful.', 'API-57');
  const sectors = r.fact<Sector[]>('effects.sectors') ?? [];
  if (sectors.includes('health')) r.condition('Hospitals and medical units are protected and may not be attacked.', 'API-12');
  if (sectors.includes('water') || sectors.includes('food')) r.condition('Objects indispensable to the survival of the civilian population (drinking water, food) may not be attacked or rendered useless.', 'API-54');
  if (sectors.includes('energy')) r.condition('A power grid serving civilians is a civilian object unless it contributes effectively to military action; even then, incidental civilian harm must not be excessive.', 'API-48', 'API-51-5-B');
  return r.conclude('yes');
}

export function ihlAttack(facts: LegalFacts, applies: Conclusion): Conclusion {
  const r = new Reasoning(facts, 'ihl-attack', 'Is the operation an "attack" in the sense of IHL, to which the rules on the conduct of hostilities apply?').cite('IHL');
  const followed = r.followUnlessYes(applies,
    'IHL does not govern the operation.',
    'Whether IHL governs the operation is not determined.');
  if (followed !== undefined) return followed;
  const harm = partition(r, ['effects.injury_or_death', 'effects.physical_damage', 'effects.loss_of_functionality']);
  if (harm.yes.length > 0) {
    r.step(`The operation caused ${listing(harm.yes)}: it is an attack in the IHL sense (Tallinn 2.0 Rule 92).`);
    if (!harm.yes.includes('effects.injury_or_death') && !harm.yes.includes('effects.physical_damage')) {
      r.caveat('This counts loss of functionality needing repair or replacement as damage, the majority view of the Tallinn experts; some states require physical damage.');
    }
    return r.conclude('yes');
  }
  for (const path of harm.unknown) r.undecided(path, 'an attack in the IHL sense is an operation expected to injure or kill people or damage objects, loss of functionality included in the majority view');
  if (r.hasUndecided) return r.conclude('cannot-determine');
  r.step('No injury, death, damage or loss of functionality: not an attack in the IHL sense, though other IHL rules (e.g. constant care for civilians) still apply.');
  return r.conclude('no');
}
