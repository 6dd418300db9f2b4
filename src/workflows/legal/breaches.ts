import type { Conclusion, FactorBearing, SchmittFactor } from './assessment.ts';
import type { CoercionDomain, LegalFacts, OperationKind } from './facts.ts';
import { listing, partition, Reasoning } from './reasoning.ts';

/**
 * The primary rules an operation may breach: sovereignty, non-intervention,
 * the prohibition of force and the armed-attack threshold. Each asks whether
 * the conduct as described would breach the rule; whether a state answers for
 * it is the attribution conclusion's question, and both meet in `wrongful-act`.
 */

/** Economic cost from which effects count as severe for the use-of-force analysis (USD). */
export const SEVERE_ECONOMIC_COST_USD = 1_000_000_000;

const SEVERE_EFFECTS = ['effects.physical_damage', 'effects.injury_or_death', 'effects.loss_of_functionality', 'target.governmental_functions'];

export function sovereignty(facts: LegalFacts): Conclusion {
  const r = new Reasoning(facts, 'sovereignty', 'Would the operation, if a state conducted it, violate the sovereignty of the target state?').cite('CIL-SOV', 'TM-4');
  if (r.fact<string[]>('target.states') === undefined) r.undecided('target.states', 'a violation needs effects on infrastructure in the territory of another state; the target state is not given');
  const { yes, unknown } = partition(r, SEVERE_EFFECTS);
  r.caveat('The United Kingdom does not accept a stand-alone rule of sovereignty beyond non-intervention; France, Germany, the Netherlands and many others do (UK-AG-2018).').cite('UK-AG-2018');
  if (yes.length > 0) {
    r.step(`The operation had effects the Tallinn experts agreed violate sovereignty: ${listing(yes)} (CIL-SOV, TM-4).`);
    return r.concludeUnlessUndecided('yes');
  }
  for (const path of unknown) r.undecided(path, 'physical damage, injury, loss of functionality or interference with inherently governmental functions would each decide that sovereignty was violated');
  if (r.hasUndecided) {
    r.step('None of the effects that establish a violation is known to have occurred, and some are unknown.');
    return r.conclude('cannot-determine');
  }
  r.step('No physical damage, injury, loss of functionality or interference with governmental functions: the effects are below the threshold the Tallinn experts agreed on (CIL-SOV).');
  r.caveat('Views differ on lesser effects: some states regard any unauthorised intrusion into their infrastructure as a violation.');
  return r.conclude('no');
}

const DOMAIN_WORDS: Readonly<Record<Exclude<CoercionDomain, 'none'>, string>> = {
  elections: 'the holding and outcome of elections',
  'political-system': 'the choice of political system',
  'foreign-policy': 'the conduct of foreign policy',
  'governmental-functions': 'inherently governmental functions',
  'essential-services': 'essential medical, energy or financial services',
};

export function intervention(facts: LegalFacts): Conclusion {
  const r = new Reasoning(facts, 'intervention', 'Would the operation, if a state conducted it, be a prohibited intervention (coercion in matters within the target state\'s domestic or external affairs)?').cite('CIL-NI', 'TM-66');
  const coercive = r.fact<boolean>('operation.coercive');
  const domain = r.fact<CoercionDomain>('operation.coercion_domain');
  const kind = r.fact<OperationKind>('operation.kind');
  if (coercive === false) {
    r.step('The operation is not coercive: it does not deprive the target state of free choice. Influence or pressure without coercion is not intervention (CIL-NI).');
    return r.conclude('no');
  }
  if (domain === 'none') {
    r.step('The operation bears on no matter the target state is entitled to decide freely (domaine réservé), so it is not intervention (CIL-NI).');
    return r.conclude('no');
  }
  if (domain === undefined) r.undecided('operation.coercion_domain', 'intervention needs a matter within the target state\'s domestic or external affairs, such as elections or foreign policy');
  else r.step(`The operation bears on ${DOMAIN_WORDS[domain]}, a matter within the target state's own affairs (CIL-NI).`);
  if (coercive === undefined) {
    const influence = kind === 'hack-and-leak' || kind === 'influence';
    r.undecided('operation.coercive', influence
      ? 'a leak or campaign that only seeks to influence voters or opinion is usually not coercive; one that disables or alters electoral or governmental systems, or compels an outcome, is'
      : 'intervention needs coercion: conduct designed to deprive the target state of free choice or compel an outcome');
  }
  if (domain === 'elections' || domain === 'essential-services') {
    r.cite('UK-AG-2018').step('The United Kingdom gives manipulating an electoral system and disrupting essential medical, energy or financial services as examples of prohibited intervention (UK-AG-2018).');
  }
  if (domain === 'essential-services') r.caveat('Treating the disruption of essential services as intervention rests on national positions such as the UK\'s; not every state has said so.');
  if (r.hasUndecided) return r.conclude('cannot-determine');
  r.step('The operation is coercive in that matter: both elements of prohibited intervention are present (CIL-NI, TM-66).');
  return r.conclude('yes');
}

/** The Schmitt factors (Tallinn 2.0 Rule 69): indicative only, listed with how the facts bear on each. */
function schmittFactors(r: Reasoning): SchmittFactor[] {
  const factor = (name: string, facts: string[], decide: () => [FactorBearing, string]): SchmittFactor => {
    const [bearing, reason] = decide();
    return { factor: name, bearing, reason, facts: facts.map((path) => `$.${path}`) };
  };
  const physical = partition(r, ['effects.injury_or_death', 'effects.physical_damage']);
  const cost = r.fact<number>('effects.economic_cost_usd');
  const nexus = r.fact<string>('attribution.state_nexus');
  const kind = r.fact<OperationKind>('operation.kind');
  const flag = (path: string, yes: string, no: string): [FactorBearing, string] => {
    const value = r.fact<boolean>(path);
    return value === undefined ? ['unknown', `not given (${path})`] : value ? ['towards-force', yes] : ['against-force', no];
  };
  return [
    factor('severity', ['effects.injury_or_death', 'effects.physical_damage', 'effects.economic_cost_usd'], () => {
      if (physical.yes.length > 0) return ['towards-force', `harm to persons or property: ${listing(physical.yes)}`];
      if (cost !== undefined && cost >= SEVERE_ECONOMIC_COST_USD) return ['towards-force', `economic cost of ${cost} USD, at or above the ${SEVERE_ECONOMIC_COST_USD} USD the engine treats as severe`];
      if (physical.unknown.length > 0) return ['unknown', `not known: ${listing(physical.unknown)}`];
      return ['against-force', 'no injury, death or physical damage'];
    }),
    factor('immediacy', ['effects.immediate'], () => flag('effects.immediate', 'the consequences followed quickly', 'the consequences took time to appear')),
    factor('directness', ['effects.direct'], () => flag('effects.direct', 'the operation itself caused the consequences', 'intervening events stand between the operation and the consequences')),
    factor('invasiveness', ['target.governmental_functions', 'target.military', 'effects.critical_infrastructure'], () => {
      const invaded = partition(r, ['target.governmental_functions', 'target.military', 'effects.critical_infrastructure']);
      if (invaded.yes.length > 0) return ['towards-force', `it reached protected systems: ${listing(invaded.yes)}`];
      if (invaded.unknown.length > 0) return ['unknown', `not known: ${listing(invaded.unknown)}`];
      return ['against-force', 'no governmental, military or critical-infrastructure systems were reached'];
    }),
    factor('measurability of effects', ['effects.economic_cost_usd', 'effects.disruption_hours', 'effects.physical_damage'], () => {
      const hours = r.fact<number>('effects.disruption_hours');
      if (cost !== undefined || hours !== undefined || physical.yes.length > 0) return ['towards-force', 'the effects are quantified (cost, duration or physical damage)'];
      return ['unknown', 'no measure of the effects is given'];
    }),
    factor('military character', ['target.military', 'armed_conflict.exists'], () => flag('target.military', 'military forces or systems were targeted', 'no military forces or systems were targeted')),
    factor('state involvement', ['attribution.state_nexus'], () => {
      if (nexus === 'state-organ' || nexus === 'empowered-entity' || nexus === 'directed-or-controlled-proxy') return ['towards-force', `the nexus is ${nexus}`];
      if (nexus === 'tolerated-or-harboured') return ['against-force', 'the state at most tolerates the actor'];
      return ['unknown', 'the state nexus is not known'];
    }),
    factor('presumptive legality', ['operation.kind'], () => {
      if (kind === undefined) return ['unknown', 'the kind of operation is not given'];
      if (kind === 'espionage' || kind === 'influence' || kind === 'hack-and-leak') return ['against-force', `${kind} is a kind of act international law does not generally prohibit as force`];
      return ['towards-force', `${kind} is not an act presumed lawful`];
    }),
  ];
}

export function useOfForce(facts: LegalFacts): Conclusion {
  const r = new Reasoning(facts, 'use-of-force', 'Would the operation, if a state conducted it, be a use of force contrary to UN Charter Art. 2(4)?').cite('UNC-2-4', 'TM-68-69');
  const factors = schmittFactors(r);
  const physical = partition(r, ['effects.injury_or_death', 'effects.physical_damage']);
  r.caveat('A use of force below the armed-attack threshold does not by itself permit force in response: the responses are retorsion, countermeasures or necessity.');
  if (physical.yes.length > 0) {
    r.step(`The operation caused ${listing(physical.yes)}: its scale and effects are comparable to a kinetic operation that would be a use of force (TM-68-69, UNC-2-4).`);
    return r.conclude('yes', { factors });
  }
  for (const path of physical.unknown) r.undecided(path, 'injury, death or physical damage is the strongest indicator of a use of force');
  if (r.hasUndecided) {
    r.step('Whether the operation injured people or damaged property is not known.');
    return r.conclude('cannot-determine', { factors });
  }
  r.step('No injury, death or physical damage.');
  const lossOfFunction = r.fact<boolean>('effects.loss_of_functionality');
  const critical = r.fact<boolean>('effects.critical_infrastructure');
  const cost = r.fact<number>('effects.economic_cost_usd');
  const severeCost = cost !== undefined && cost >= SEVERE_ECONOMIC_COST_USD;
  if ((lossOfFunction === true && critical === true) || severeCost) {
    r.step(`Severe effects without physical harm: ${[lossOfFunction === true && critical === true ? 'loss of functionality of critical infrastructure' : '', severeCost ? `economic cost of ${cost} USD` : ''].filter(Boolean).join(' and ')}. Whether such effects reach the threshold is unsettled; the Schmitt factors weigh it (TM-68-69).`);
    r.undecided(lossOfFunction === true && critical === true ? 'effects.loss_of_functionality' : 'effects.economic_cost_usd',
      'severe non-physical effects may or may not amount to force: the assessing state\'s position on the Schmitt factors, above all severity, decides');
    return r.conclude('cannot-determine', { factors });
  }
  if (lossOfFunction === undefined) {
    r.undecided('effects.loss_of_functionality', 'loss of functionality of critical systems, with severe consequences, could bring the operation near the threshold');
    return r.conclude('cannot-determine', { factors });
  }
  r.step('Neither physical harm nor severe non-physical effects: the scale and effects are not comparable to a use of force (TM-68-69).');
  return r.conclude('no', { factors });
}

export function armedAttack(facts: LegalFacts, force: Conclusion): Conclusion {
  const r = new Reasoning(facts, 'armed-attack', 'Would the operation, if a state conducted it, be an armed attack in the sense of UN Charter Art. 51?').cite('UNC-51', 'ICJ-NICARAGUA-191', 'TM-71');
  r.caveat('Some states see no gap between a use of force and an armed attack; the engine follows the gravity distinction of Nicaragua.');
  const followed = r.followUnlessYes(force,
    'The operation is not a use of force, so it cannot be an armed attack, the gravest form of force (ICJ-NICARAGUA-191).',
    'Whether the operation is a use of force is not determined, so neither is whether it is an armed attack.');
  if (followed !== undefined) return followed;
  const injury = r.fact<boolean>('effects.injury_or_death');
  const damage = r.fact<boolean>('effects.physical_damage');
  const critical = r.fact<boolean>('effects.critical_infrastructure');
  if (injury === true) {
    r.step('The operation killed or injured people: its scale and effects match the gravest forms of force (ICJ-NICARAGUA-191, TM-71).');
    return r.conclude('yes');
  }
  if (damage === true && critical === true) {
    r.step('The operation physically damaged critical infrastructure: destruction of that scale is an armed attack (TM-71).');
    return r.conclude('yes');
  }
  if (injury === undefined) r.undecided('effects.injury_or_death', 'casualties would make the use of force grave enough to be an armed attack');
  if (damage === true && critical === undefined) r.undecided('effects.critical_infrastructure', 'physical damage to critical infrastructure would reach the gravity of an armed attack');
  if (r.hasUndecided) return r.conclude('cannot-determine');
  r.step('A use of force without casualties or destruction of critical infrastructure falls short of the gravest forms (ICJ-NICARAGUA-191).');
  return r.conclude('no');
}
