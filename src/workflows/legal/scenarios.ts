import type { ConclusionId, Verdict } from './assessment.ts';
import type { LegalFacts, NexusConfidence } from './facts.ts';

/**
 * Worked scenarios with the outcomes the engine must give: the table of
 * scenarios.test.ts, and examples for docs/legal.md and the wizard. The real
 * ones take their facts from the shared reference data: the public
 * attributions of attribution.json (by id, A01…A15) and the provisions of
 * international-law.json (by id, e.g. CIL-SOV, ARS-8). Where the reference
 * is silent a fact is left out (unknown), or the comment says what was assumed.
 */
export interface LegalScenario {
  name: string;
  facts: LegalFacts;
  /** The verdict of each conclusion named; conclusions not named are not checked by this row. */
  expect: Partial<Record<ConclusionId, Verdict>>;
  /** For `cannot-determine` rows: the exact deciding fact paths. */
  decidedBy?: Partial<Record<ConclusionId, string[]>>;
  /** Citations a conclusion must carry. */
  cites?: Partial<Record<ConclusionId, string[]>>;
}

/** An actor that is an organ of `state` (ARSIWA Art. 4), judged with `confidence`. */
const organ = (state: string, confidence: NexusConfidence): LegalFacts['attribution'] => ({ responsible_state: state, state_nexus: 'state-organ', confidence });
const noPhysicalHarm = { physical_damage: false, injury_or_death: false } as const;
const peacetime = { exists: false } as const;
const inConflict = { exists: true, nexus: true } as const;
const readyForCountermeasures = { called_on_responsible_state: true, notified: true } as const;

export const LEGAL_SCENARIOS: readonly LegalScenario[] = [
  {
    // A02: NotPetya (June 2017), destructive malware against Ukrainian finance, energy and government that spread worldwide;
    // the UK judged the Russian military "almost certainly" responsible (a GRU unit: a state organ, ARS-4).
    // Destroyed data and systems that had to be rebuilt are loss of functionality (CIL-SOV test 2) → sovereignty yes.
    // No physical damage or injury is recorded: whether severe non-physical effects are force is open (TM-68-69) → cannot-determine,
    // decided by the loss of functionality. The reference records no call on Russia → countermeasures undecided.
    name: 'NotPetya (2017)',
    facts: {
      incident: { name: 'NotPetya' },
      effects: { ...noPhysicalHarm, loss_of_functionality: true, data: ['destroyed'], sectors: ['finance', 'energy', 'government'], critical_infrastructure: true, spread_beyond_target: true },
      target: { states: ['UA'] },
      operation: { kind: 'destruction' },
      attribution: organ('RU', 'almost-certain'),
      continuing: false,
    },
    expect: { sovereignty: 'yes', 'use-of-force': 'cannot-determine', 'armed-attack': 'cannot-determine', attribution: 'yes', 'wrongful-act': 'yes', retorsion: 'yes', countermeasures: 'cannot-determine', 'ihl-applies': 'cannot-determine' },
    decidedBy: { 'use-of-force': ['$.effects.loss_of_functionality'], countermeasures: ['$.response.called_on_responsible_state', '$.response.notified', '$.response.dispute_before_tribunal'], 'ihl-applies': ['$.armed_conflict.exists', '$.armed_conflict.nexus'] },
    cites: { attribution: ['ARS-2', 'ARS-4'], 'use-of-force': ['UNC-2-4', 'TM-68-69'] },
  },
  {
    // A01: WannaCry (May 2017), ransomware on ~300,000 computers in 150 countries incl. 48 NHS trusts; the UK NCSC judged the
    // Lazarus Group "highly likely" North Korean (treated as a state organ, ARS-4). "Highly likely" is exactly the engine's threshold → yes.
    // Encryption is not recorded as physical damage or loss of functionality: both unknown, so sovereignty and force stay open.
    // Ransom demands on hospitals do not coerce the UK in a domestic matter (CIL-NI test 2) → intervention no.
    name: 'WannaCry (2017)',
    facts: {
      incident: { name: 'WannaCry' },
      effects: { ...noPhysicalHarm, data: ['encrypted'], sectors: ['health'], critical_infrastructure: true, spread_beyond_target: true },
      target: { states: ['GB'] },
      operation: { kind: 'ransomware', coercive: false },
      attribution: organ('KP', 'highly-likely'),
      armed_conflict: peacetime,
    },
    expect: { sovereignty: 'cannot-determine', intervention: 'no', 'use-of-force': 'cannot-determine', attribution: 'yes', 'wrongful-act': 'cannot-determine', 'ihl-applies': 'no', 'self-defence': 'cannot-determine' },
    decidedBy: { sovereignty: ['$.effects.loss_of_functionality', '$.target.governmental_functions'], 'use-of-force': ['$.effects.loss_of_functionality'] },
  },
  {
    // A11: the Viasat KA-SAT attack, ~1 hour before the invasion of 24 Feb 2022, disabled tens of thousands of modems with spill-over
    // across Europe; the EU, UK, US and others attributed it to Russia (GRU). The reference gives no PHIA term; a formal joint
    // attribution is taken as at least "highly likely" (an assumption). IHL governs (IHL: armed conflict + nexus), and modems that had
    // to be replaced are loss of functionality, an attack in the majority view (IHL, Tallinn Rule 92) → ihl-attack yes with a caveat.
    name: 'Viasat KA-SAT (24 Feb 2022)',
    facts: {
      incident: { name: 'Viasat KA-SAT' },
      effects: { ...noPhysicalHarm, loss_of_functionality: true, sectors: ['telecommunications'], critical_infrastructure: true, spread_beyond_target: true, immediate: true, direct: true },
      target: { states: ['UA'] },
      operation: { kind: 'disruption' },
      attribution: organ('RU', 'highly-likely'),
      armed_conflict: inConflict,
    },
    expect: { sovereignty: 'yes', 'use-of-force': 'cannot-determine', attribution: 'yes', 'wrongful-act': 'yes', 'ihl-applies': 'yes', 'ihl-attack': 'yes' },
    cites: { 'ihl-applies': ['IHL', 'API-48', 'API-51-5-B', 'API-57'] },
  },
  {
    // A12: Star Blizzard (FSB Centre 18, "almost certainly"): hack-and-leak incl. US-UK trade documents before the 2019 election.
    // Elections are within domestic affairs, but a leak aimed at voters is coercive only if it deprives the state of free choice
    // (CIL-NI test 2: "pure influence or propaganda is usually not enough") → intervention cannot-determine, decided by coercion.
    name: 'Hack-and-leak before an election',
    facts: {
      incident: { name: 'Leak of trade documents before the 2019 UK general election' },
      effects: { ...noPhysicalHarm, loss_of_functionality: false, data: ['exfiltrated', 'leaked'], sectors: ['elections', 'government'] },
      target: { states: ['GB'] },
      operation: { kind: 'hack-and-leak', coercion_domain: 'elections' },
      attribution: organ('RU', 'almost-certain'),
      armed_conflict: peacetime,
    },
    expect: { intervention: 'cannot-determine', sovereignty: 'cannot-determine', 'use-of-force': 'no', 'armed-attack': 'no', attribution: 'yes', 'wrongful-act': 'cannot-determine', 'self-defence': 'no' },
    decidedBy: { intervention: ['$.operation.coercive'], sovereignty: ['$.target.governmental_functions'] },
    cites: { intervention: ['CIL-NI', 'TM-66', 'UK-AG-2018'] },
  },
  {
    // CIL-NI (UK view, AG 2018): manipulating another state's electoral system to change results breaches non-intervention;
    // interfering with the count is also interference with an inherently governmental function (CIL-SOV test 3). A proxy
    // directed by the state (ARS-8) at "highly likely"; the injured state has called on it and notified → countermeasures open.
    name: 'Vote tallies altered by a directed proxy',
    facts: {
      effects: { ...noPhysicalHarm, data: ['altered'], sectors: ['elections'] },
      target: { states: ['PL'], governmental_functions: true },
      operation: { kind: 'disruption', coercive: true, coercion_domain: 'elections' },
      attribution: { responsible_state: 'X', state_nexus: 'directed-or-controlled-proxy', confidence: 'highly-likely' },
      continuing: true,
      response: readyForCountermeasures,
    },
    expect: { intervention: 'yes', sovereignty: 'yes', attribution: 'yes', 'wrongful-act': 'yes', countermeasures: 'yes', retorsion: 'yes' },
    cites: { attribution: ['ARS-8', 'ICJ-BOSNIA-400'] },
  },
  {
    // ARS-8 cyber note: where Art. 8 is not met (mere tolerance), consider due diligence (TM-6, TM-7). The host knew of the
    // ransomware group's attacks on hospitals and did nothing feasible → due diligence yes (contested), which is the host's own
    // wrongful omission; the operators' conduct is not attributable.
    name: 'Ransomware group tolerated by its host state',
    facts: {
      effects: { ...noPhysicalHarm, loss_of_functionality: false, data: ['encrypted', 'exfiltrated'], disruption_hours: 72, sectors: ['health'], critical_infrastructure: true },
      target: { states: ['AU'] },
      operation: { kind: 'ransomware', coercive: false },
      attribution: { responsible_state: 'Y', state_nexus: 'tolerated-or-harboured', host_state_aware: true, host_state_took_feasible_measures: false },
      armed_conflict: peacetime,
      continuing: true,
      response: readyForCountermeasures,
    },
    expect: { attribution: 'no', 'due-diligence': 'yes', 'wrongful-act': 'yes', countermeasures: 'yes', 'self-defence': 'no', 'use-of-force': 'no' },
    cites: { 'due-diligence': ['TM-6', 'TM-7'] },
  },
  {
    // TM-6 test 3: did the host know? Not given → due diligence and so the wrongful act stay open, decided by awareness.
    name: 'Tolerated group, host awareness unknown',
    facts: {
      effects: { ...noPhysicalHarm, loss_of_functionality: true, critical_infrastructure: true },
      target: { states: ['AU'] },
      attribution: { responsible_state: 'Y', state_nexus: 'tolerated-or-harboured' },
    },
    expect: { attribution: 'no', 'due-diligence': 'cannot-determine', 'wrongful-act': 'cannot-determine', countermeasures: 'cannot-determine', retorsion: 'yes' },
    decidedBy: { 'due-diligence': ['$.attribution.host_state_aware', '$.attribution.host_state_took_feasible_measures'] },
  },
  {
    // TM-7: a host that took the feasible measures once aware has met the duty → no wrongful act; only retorsion remains.
    name: 'Tolerated group, host acted',
    facts: {
      effects: { ...noPhysicalHarm, loss_of_functionality: true },
      target: { states: ['AU'] },
      attribution: { responsible_state: 'Y', state_nexus: 'tolerated-or-harboured', host_state_aware: true, host_state_took_feasible_measures: true },
    },
    expect: { 'due-diligence': 'no', 'wrongful-act': 'no', countermeasures: 'no', retorsion: 'yes' },
  },
  {
    // A hospital's systems wiped (loss of functionality, CIL-SOV) in peacetime by a proxy judged only "likely" state-directed:
    // below the "highly likely" threshold, attribution and so the wrongful act turn on the confidence (ARS-8).
    name: 'Attack on a hospital, attribution only likely',
    facts: {
      effects: { physical_damage: false, loss_of_functionality: true, disruption_hours: 48, sectors: ['health'], critical_infrastructure: true },
      target: { states: ['CZ'] },
      attribution: { responsible_state: 'Z', state_nexus: 'directed-or-controlled-proxy', confidence: 'likely' },
      armed_conflict: peacetime,
    },
    expect: { sovereignty: 'yes', attribution: 'cannot-determine', 'wrongful-act': 'cannot-determine', countermeasures: 'cannot-determine', 'use-of-force': 'cannot-determine' },
    decidedBy: { attribution: ['$.attribution.confidence'], 'wrongful-act': ['$.attribution.confidence'], 'use-of-force': ['$.effects.injury_or_death'] },
  },
  {
    // IHL (Tallinn Rule 80) in armed conflict: hospitals are protected (API-12); a wiper that disables a hospital is an attack
    // (loss of functionality) directed at a protected object.
    name: 'Attack on a hospital in armed conflict',
    facts: {
      effects: { physical_damage: false, injury_or_death: false, loss_of_functionality: true, sectors: ['health'], critical_infrastructure: true },
      target: { states: ['UA'] },
      attribution: organ('RU', 'highly-likely'),
      armed_conflict: inConflict,
    },
    expect: { 'ihl-applies': 'yes', 'ihl-attack': 'yes' },
    cites: { 'ihl-applies': ['API-12'] },
  },
  {
    // A15 / IHL: a wiper on a power grid in an armed conflict (GRU units against Ukrainian critical infrastructure). IHL governs;
    // the grid is a civilian object unless it contributes to military action (API-48), and incidental harm must not be excessive.
    name: 'Wiper on a power grid in armed conflict',
    facts: {
      effects: { ...noPhysicalHarm, loss_of_functionality: true, data: ['destroyed'], disruption_hours: 6, sectors: ['energy'], critical_infrastructure: true },
      target: { states: ['UA'] },
      operation: { kind: 'destruction' },
      attribution: organ('RU', 'almost-certain'),
      armed_conflict: inConflict,
      continuing: true,
    },
    expect: { 'ihl-applies': 'yes', 'ihl-attack': 'yes', 'use-of-force': 'cannot-determine', sovereignty: 'yes', 'wrongful-act': 'yes' },
    cites: { 'ihl-applies': ['API-48', 'API-51-5-B'] },
  },
  {
    // UNC-2-4 test 3: physical damage is a strong indicator of force; destruction of critical infrastructure reaches the armed-attack
    // gravity (TM-71); the attack continues → self-defence open (UNC-51), subject to necessity, proportionality and reporting.
    name: 'Grid equipment destroyed in peacetime, continuing',
    facts: {
      effects: { physical_damage: true, injury_or_death: false, sectors: ['energy'], critical_infrastructure: true },
      target: { states: ['EE'] },
      attribution: organ('Q', 'almost-certain'),
      armed_conflict: peacetime,
      continuing: true,
    },
    expect: { 'use-of-force': 'yes', 'armed-attack': 'yes', 'self-defence': 'yes', 'wrongful-act': 'yes', 'ihl-applies': 'no' },
    cites: { 'self-defence': ['UNC-51', 'TM-71'] },
  },
  {
    // UNC-51 test 2: the armed attack must be occurring or imminent; over and nothing imminent → no self-defence (Rule 73).
    name: 'Deadly attack, over',
    facts: {
      effects: { injury_or_death: true, physical_damage: true },
      target: { states: ['EE'] },
      attribution: organ('Q', 'almost-certain'),
      continuing: false,
      further_attack_imminent: false,
    },
    expect: { 'armed-attack': 'yes', 'self-defence': 'no', necessity: 'no' },
  },
  {
    name: 'Armed attack, whether it continues unknown',
    facts: { effects: { injury_or_death: true }, target: { states: ['EE'] }, attribution: organ('Q', 'almost-certain') },
    expect: { 'armed-attack': 'yes', 'self-defence': 'cannot-determine' },
    decidedBy: { 'self-defence': ['$.continuing', '$.further_attack_imminent'] },
  },
  {
    // A04: Cloud Hopper (APT10, MSS, "almost certainly"): theft of data from managed service providers. Espionage alone: no damage,
    // loss of functionality or governmental interference (CIL-SOV), not coercive (CIL-NI), presumptively lawful (TM-68-69) →
    // no wrongful act on these facts; retorsion remains (the UK and allies attributed publicly).
    name: 'Cloud Hopper espionage (A04)',
    facts: {
      effects: { ...noPhysicalHarm, loss_of_functionality: false, data: ['exfiltrated'], sectors: ['industry'] },
      target: { states: ['GB'], governmental_functions: false },
      operation: { kind: 'espionage', coercive: false },
      attribution: organ('CN', 'almost-certain'),
      armed_conflict: peacetime,
    },
    expect: { sovereignty: 'no', intervention: 'no', 'use-of-force': 'no', 'armed-attack': 'no', attribution: 'yes', 'wrongful-act': 'no', countermeasures: 'no', retorsion: 'yes', 'self-defence': 'no', 'peaceful-settlement': 'yes' },
  },
  {
    // A09: SolarWinds (SVR, UK "highly likely"): supply-chain espionage; the US answered with expulsions and sanctions, i.e. retorsion.
    name: 'SolarWinds supply-chain espionage (A09)',
    facts: {
      effects: { ...noPhysicalHarm, loss_of_functionality: false, data: ['exfiltrated'] },
      target: { states: ['US'], governmental_functions: false },
      operation: { kind: 'espionage', coercive: false },
      attribution: organ('RU', 'highly-likely'),
    },
    expect: { 'wrongful-act': 'no', retorsion: 'yes', countermeasures: 'no' },
  },
  {
    // A05: Georgia, 28 Oct 2019 (GRU, "almost certainly"): defaced government and court sites and interrupted national
    // broadcasters: interference with governmental functions (CIL-SOV test 3) → sovereignty yes; wrongful act yes.
    name: 'Georgian websites and broadcasters (A05)',
    facts: {
      effects: { ...noPhysicalHarm, sectors: ['government', 'media'] },
      target: { states: ['GE'], governmental_functions: true },
      operation: { kind: 'disruption' },
      attribution: organ('RU', 'almost-certain'),
    },
    expect: { sovereignty: 'yes', intervention: 'cannot-determine', attribution: 'yes', 'wrongful-act': 'yes', countermeasures: 'cannot-determine' },
  },
  {
    // Nothing known: every question that needs a fact says which; only the always-open responses are answered.
    name: 'No facts at all',
    facts: {},
    expect: {
      sovereignty: 'cannot-determine', intervention: 'cannot-determine', 'use-of-force': 'cannot-determine', 'armed-attack': 'cannot-determine',
      attribution: 'cannot-determine', 'wrongful-act': 'cannot-determine', retorsion: 'yes', countermeasures: 'cannot-determine',
      necessity: 'cannot-determine', 'self-defence': 'cannot-determine', 'peaceful-settlement': 'yes', 'ihl-applies': 'cannot-determine', 'ihl-attack': 'cannot-determine',
    },
    decidedBy: { attribution: ['$.attribution.state_nexus'], 'ihl-applies': ['$.armed_conflict.exists', '$.armed_conflict.nexus'], 'use-of-force': ['$.effects.injury_or_death', '$.effects.physical_damage'] },
  },
  {
    name: 'Nexus unknown',
    facts: { attribution: { responsible_state: 'X', state_nexus: 'unknown', confidence: 'almost-certain' } },
    expect: { attribution: 'cannot-determine' },
    decidedBy: { attribution: ['$.attribution.state_nexus'] },
  },
  {
    // ARS-4 with confidence "realistic possibility" (40-50 %): below the threshold.
    name: 'State organ, realistic possibility',
    facts: { attribution: organ('X', 'realistic-possibility') },
    expect: { attribution: 'cannot-determine' },
    decidedBy: { attribution: ['$.attribution.confidence'] },
  },
  {
    name: 'State organ, confidence missing',
    facts: { attribution: { responsible_state: 'X', state_nexus: 'state-organ' } },
    expect: { attribution: 'cannot-determine' },
    decidedBy: { attribution: ['$.attribution.confidence'] },
  },
  {
    name: 'State organ, judged highly unlikely (range 10-20 %)',
    facts: { attribution: organ('X', [10, 20]) },
    expect: { attribution: 'no' },
  },
  {
    name: 'Proxy, range 80-95 %',
    facts: { attribution: { responsible_state: 'X', state_nexus: 'directed-or-controlled-proxy', confidence: [80, 95] } },
    expect: { attribution: 'yes' },
  },
  {
    name: 'Proxy, range 75-90 % (low end below 80)',
    facts: { attribution: { responsible_state: 'X', state_nexus: 'directed-or-controlled-proxy', confidence: [75, 90] } },
    expect: { attribution: 'cannot-determine' },
    decidedBy: { attribution: ['$.attribution.confidence'] },
  },
  {
    // ARS-11: conduct acknowledged and adopted becomes the state's own, even of a tolerated group.
    name: 'Tolerated group, conduct adopted by the state',
    facts: { attribution: { responsible_state: 'X', state_nexus: 'tolerated-or-harboured', acknowledged_and_adopted: true } },
    expect: { attribution: 'yes' },
    cites: { attribution: ['ARS-11'] },
  },
  {
    name: 'Empowered entity, capacity unknown',
    facts: { attribution: { responsible_state: 'X', state_nexus: 'empowered-entity', confidence: 'almost-certain' } },
    expect: { attribution: 'cannot-determine' },
    decidedBy: { attribution: ['$.attribution.within_governmental_authority'] },
    cites: { attribution: ['ARS-5'] },
  },
  {
    name: 'Empowered entity outside its authority',
    facts: { attribution: { responsible_state: 'X', state_nexus: 'empowered-entity', confidence: 'almost-certain', within_governmental_authority: false } },
    expect: { attribution: 'no' },
  },
  {
    // ARS-52(3): the act has ceased and the dispute is before a binding tribunal → countermeasures barred.
    name: 'Countermeasures barred: ceased, before a tribunal',
    facts: {
      effects: { loss_of_functionality: true }, target: { states: ['A'] }, attribution: organ('B', 'almost-certain'),
      continuing: false, response: { ...readyForCountermeasures, dispute_before_tribunal: true },
    },
    expect: { 'wrongful-act': 'yes', countermeasures: 'no' },
  },
  {
    // ARS-52(2): urgent countermeasures need no prior notification, but the call on the responsible state remains.
    name: 'Urgent countermeasures without notification',
    facts: {
      effects: { loss_of_functionality: true }, target: { states: ['A'] }, attribution: organ('B', 'almost-certain'),
      continuing: true, response: { called_on_responsible_state: true, notified: false, urgent: true },
    },
    expect: { countermeasures: 'yes' },
  },
  {
    // ARS-52(1)(a): no call on the responsible state yet → not yet.
    name: 'Countermeasures before any call on the responsible state',
    facts: {
      effects: { loss_of_functionality: true }, target: { states: ['A'] }, attribution: organ('B', 'almost-certain'),
      continuing: true, response: { called_on_responsible_state: false },
    },
    expect: { countermeasures: 'no' },
  },
  {
    // ARS-25: essential interest (the grid), imminent peril (continuing), the only way, no serious impairment of others → necessity,
    // with no attribution needed (ARS-25 test 5).
    name: 'Necessity against an unattributed attack on the grid',
    facts: {
      effects: { critical_infrastructure: true, sectors: ['energy'] }, continuing: true,
      response: { only_means: true, impairs_other_states: false },
    },
    expect: { necessity: 'yes', attribution: 'cannot-determine' },
  },
  {
    name: 'Necessity refused: other means exist',
    facts: { effects: { critical_infrastructure: true }, continuing: true, response: { only_means: false, impairs_other_states: false } },
    expect: { necessity: 'no' },
  },
  {
    // IHL applies only to operations with a nexus to the conflict.
    name: 'Armed conflict without nexus',
    facts: { armed_conflict: { exists: true, nexus: false } },
    expect: { 'ihl-applies': 'no', 'ihl-attack': 'no' },
  },
  {
    // TM-68-69 severity: a cost at or above the engine's severe threshold without physical harm leaves force open.
    name: 'Severe economic cost only',
    facts: { effects: { ...noPhysicalHarm, loss_of_functionality: false, economic_cost_usd: 2_000_000_000 } },
    expect: { 'use-of-force': 'cannot-determine', 'armed-attack': 'cannot-determine' },
    decidedBy: { 'use-of-force': ['$.effects.economic_cost_usd'] },
  },
  {
    // CIL-NI: coercion must bear on a matter within domestic or external affairs.
    name: 'Coercion outside the domaine réservé',
    facts: { operation: { coercive: true, coercion_domain: 'none' } },
    expect: { intervention: 'no' },
  },
  {
    // CIL-NI, UK view: interfering with essential medical, energy or financial services would breach non-intervention.
    name: 'Coercive disruption of essential services',
    facts: { operation: { coercive: true, coercion_domain: 'essential-services' }, effects: { sectors: ['finance'] } },
    expect: { intervention: 'yes' },
    cites: { intervention: ['UK-AG-2018'] },
  },
];
