import type { StateNexus } from '../attribution/model.ts';
import type { IncidentCategory, IncidentImpact } from '../incidents/model.ts';
import type { NormId } from './catalogue.ts';

/**
 * The rules that suggest which norms an incident engages, as data: each rule
 * names a plain-language condition over the incident's facts, the norms it
 * engages with a weight, and (in `match`) the facts it rests on. The
 * justification of each rule is the comment above it, citing the norm and,
 * where it decides, the 2021 implementation guidance (A/76/135) as summarised
 * in the reference facts. A rule suggests; an analyst confirms or rejects.
 */

/** What the rules look at: the incident's accord-incident extension and, when known, the attribution's state nexus. */
export interface NormFacts {
  category?: IncidentCategory;
  /** Sector names, lower-case. */
  sectors: readonly string[];
  countries: readonly string[];
  impact?: IncidentImpact;
  /** Ids of the intelligence the incident relates to. */
  relatedRefs: readonly string[];
  /** How the state stands to the actor, from the attribution case (absent: no attribution yet). */
  stateNexus?: StateNexus;
}

/** How strongly a rule engages a norm: 3 the norm is squarely in play, 2 it is in play, 1 it may be, on a condition the analyst checks. */
export type RuleWeight = 1 | 2 | 3;

/** The facts a rule matched, by fact name (`category`, `sectors`, `state_nexus` …). */
export type MatchedFacts = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export interface NormRule {
  id: string;
  /** The condition in plain language. */
  condition: string;
  engages: readonly (readonly [NormId, RuleWeight])[];
  /** The facts the condition matched, or undefined when it does not hold. */
  match(facts: NormFacts): MatchedFacts | undefined;
}

/**
 * Sectors the 2021 guidance gives as examples of critical infrastructure
 * (health and medical facilities, energy, water and sanitation, education,
 * finance, transport, telecommunications), in STIX industry-sector-ov terms
 * (§10.11) plus the spelling `health-care`. Each state designates its own
 * critical infrastructure; this list is where a suggestion starts.
 */
export const CRITICAL_SECTORS: readonly string[] = [
  'healthcare', 'health-care', 'energy', 'utilities', 'water', 'dams', 'nuclear', 'infrastructure', 'education',
  'financial-services', 'transportation', 'telecommunications', 'communications', 'emergency-services',
];
const HEALTH_SECTORS: readonly string[] = ['healthcare', 'health-care'];
/** Not in industry-sector-ov: Accord's sector names for national and sectoral emergency response teams. */
export const RESPONSE_TEAM_SECTORS: readonly string[] = ['cert', 'csirt'];
export const ELECTORAL_SECTORS: readonly string[] = ['elections', 'electoral'];
/** Whose rights surveillance and leaks most often hit (journalists, NGOs, dissidents). */
export const RIGHTS_SECTORS: readonly string[] = ['non-profit', 'media', 'journalism', 'civil-society', 'human-rights'];

const DISRUPTIVE_CATEGORIES: readonly IncidentCategory[] = ['critical-infrastructure-disruption', 'destructive-wiper', 'ddos', 'ransomware'];

function sectorsIn(facts: NormFacts, list: readonly string[]): string[] | undefined {
  const found = facts.sectors.filter((sector) => list.includes(sector));
  return found.length > 0 ? found : undefined;
}

function categoryIn(facts: NormFacts, list: readonly IncidentCategory[]): MatchedFacts | undefined {
  return facts.category !== undefined && list.includes(facts.category) ? { category: facts.category } : undefined;
}

/** The impact facts that show services were impaired or something was damaged. */
function harmFacts(impact: IncidentImpact | undefined): Record<string, boolean | number | string[]> {
  const harm: Record<string, boolean | number | string[]> = {};
  if (impact === undefined) return harm;
  if (impact.physical_damage) harm['impact.physical_damage'] = true;
  if (impact.injury_or_death) harm['impact.injury_or_death'] = true;
  if ((impact.disruption_hours ?? 0) > 0) harm['impact.disruption_hours'] = impact.disruption_hours!;
  if (impact.data?.includes('destroyed')) harm['impact.data'] = ['destroyed'];
  return harm;
}

export const NORM_RULES: readonly NormRule[] = Object.freeze([
  {
    // 13(f): no ICT activity that intentionally damages critical infrastructure or impairs its
    // services to the public. 13(g) (protection) and 13(h) (requests for help when CI is attacked)
    // follow: the reference's quick map pairs an attack on CI with 13f, 13g and 13h.
    id: 'ci-disrupted',
    condition: 'critical infrastructure was disrupted or damaged: the category is critical-infrastructure-disruption, or a critical sector was hit by a disruptive category (wiper, DDoS, ransomware) or with impaired service (disruption hours, physical damage, injury, data destroyed)',
    engages: [['13f', 3], ['13g', 2], ['13h', 2]],
    match(facts) {
      if (facts.category === 'critical-infrastructure-disruption') return { category: facts.category, ...sectorFact(facts) };
      const sectors = sectorsIn(facts, CRITICAL_SECTORS);
      if (sectors === undefined) return undefined;
      const disruptive = categoryIn(facts, DISRUPTIVE_CATEGORIES);
      const harm = harmFacts(facts.impact);
      if (disruptive === undefined && Object.keys(harm).length === 0) return undefined;
      return { sectors, ...disruptive, ...harm };
    },
  },
  {
    // 13(g): each state protects its own CI; any compromise of a critical sector, even
    // espionage without damage, tests that protection (2021 guidance: CI categorisation, risk
    // assessment, public-private co-operation).
    id: 'ci-sector-hit',
    condition: 'a critical-infrastructure sector was affected, whatever the category',
    engages: [['13g', 2]],
    match(facts) {
      const sectors = sectorsIn(facts, CRITICAL_SECTORS);
      return sectors === undefined ? undefined : { sectors };
    },
  },
  {
    // 13(f): the 2021 guidance names health and medical facilities first among its examples of
    // critical infrastructure; hostile activity against them is weighed under 13(f) even before
    // any disruption is known (ci-disrupted adds the full weight when services were impaired).
    id: 'health-sector',
    condition: 'the health sector was affected',
    engages: [['13f', 2]],
    match(facts) {
      const sectors = sectorsIn(facts, HEALTH_SECTORS);
      return sectors === undefined ? undefined : { sectors };
    },
  },
  {
    // 13(k): no activity that harms the systems of another state's authorised emergency
    // response teams; 13(f) too, as the 2021 guidance counts the infrastructure that keeps
    // the Internet available among what 13(f) protects.
    id: 'response-team-targeted',
    condition: 'a CERT or CSIRT was affected (sector cert or csirt)',
    engages: [['13k', 3], ['13f', 1]],
    match(facts) {
      const sectors = sectorsIn(facts, RESPONSE_TEAM_SECTORS);
      return sectors === undefined ? undefined : { sectors };
    },
  },
  {
    // 13(f) only where the state treats electoral infrastructure as critical infrastructure
    // (the 2021 guidance lists electoral processes among its examples; the quick map adds
    // "if electoral infrastructure treated as CI"), hence weight 1. 13(a): interference in
    // democratic processes is the kind of harmful practice states co-operate to prevent.
    // The law of non-intervention is the legal engine's, not a norm.
    id: 'election-interference',
    condition: 'elections were targeted (category election-interference, or sector elections/electoral); 13(f) only if the state designates electoral infrastructure as critical',
    engages: [['13a', 2], ['13f', 1]],
    match(facts) {
      const category = categoryIn(facts, ['election-interference']);
      const sectors = sectorsIn(facts, ELECTORAL_SECTORS);
      if (category === undefined && sectors === undefined) return undefined;
      return { ...category, ...(sectors === undefined ? {} : { sectors }) };
    },
  },
  {
    // 13(f): destructive or wiper malware is the typical 13(f) case in the reference (NotPetya's
    // cross-border spill-over), even where the sectors hit are not recorded as critical.
    id: 'destructive-malware',
    condition: 'destructive or wiper malware was used',
    engages: [['13f', 2]],
    match: (facts) => categoryIn(facts, ['destructive-wiper']),
  },
  {
    // 13(i): states take reasonable steps for supply-chain integrity and against harmful hidden
    // functions (SolarWinds Orion 2020 is the reference's example).
    id: 'supply-chain',
    condition: 'the incident is a supply-chain compromise',
    engages: [['13i', 3]],
    match: (facts) => categoryIn(facts, ['supply-chain']),
  },
  {
    // 13(j): responsible reporting of vulnerabilities and sharing of remedies; an incident that
    // exploits a known or zero-day vulnerability (EternalBlue in WannaCry/NotPetya) engages it.
    id: 'vulnerability-exploited',
    condition: 'the incident relates to a vulnerability (a vulnerability object among its related intelligence)',
    engages: [['13j', 2]],
    match(facts) {
      const refs = facts.relatedRefs.filter((ref) => ref.startsWith('vulnerability--'));
      return refs.length > 0 ? { related_refs: refs } : undefined;
    },
  },
  {
    // 13(d): co-operation on information, assistance and prosecution against criminal use of
    // ICTs; ransomware and fraud campaigns are the reference's typical cases.
    id: 'cybercrime',
    condition: 'the incident is cybercrime (ransomware, fraud or other cybercrime)',
    engages: [['13d', 3]],
    match: (facts) => categoryIn(facts, ['ransomware', 'fraud-cybercrime']),
  },
  {
    // 13(e): human rights and privacy; surveillance or leaks aimed at journalists, NGOs or
    // dissidents are the reference's typical case (commercial spyware).
    id: 'rights-surveillance',
    condition: 'espionage or hack-and-leak against media, NGOs or civil society',
    engages: [['13e', 2]],
    match(facts) {
      const category = categoryIn(facts, ['espionage', 'hack-and-leak']);
      const sectors = sectorsIn(facts, RIGHTS_SECTORS);
      return category === undefined || sectors === undefined ? undefined : { ...category, sectors };
    },
  },
  {
    // 13(a): campaigns that hit several states at once call for co-operation and a
    // co-ordinated response (the reference's typical 13(a) cases).
    id: 'several-states',
    condition: 'more than one country was affected',
    engages: [['13a', 1]],
    match: (facts) => (facts.countries.length > 1 ? { countries: facts.countries } : undefined),
  },
  {
    // 13(c): a state does not knowingly allow its territory to be used for wrongful ICT acts;
    // a group the state tolerates or harbours is the reference's first example. 13(h): the
    // victim may ask that state to mitigate activity from its territory.
    id: 'tolerated-or-harboured',
    condition: "the attribution finds the actor tolerated or harboured by a state (state_nexus tolerated-or-harboured)",
    engages: [['13c', 3], ['13h', 2]],
    match: (facts) => (facts.stateNexus === 'tolerated-or-harboured' ? { state_nexus: facts.stateNexus } : undefined),
  },
  {
    // 13(c), read with A/70/174 para. 28(e) (no use of proxies; keep non-state actors from
    // using the territory): a directed or controlled proxy acts from somewhere. The reference's
    // quick map groups territory and proxies under 13c and 13h.
    id: 'proxy',
    condition: 'the attribution finds a proxy directed or controlled by a state (state_nexus directed-or-controlled-proxy)',
    engages: [['13c', 2], ['13h', 1]],
    match: (facts) => (facts.stateNexus === 'directed-or-controlled-proxy' ? { state_nexus: facts.stateNexus } : undefined),
  },
  {
    // 13(b): before reacting, weigh all relevant information, the difficulty of attribution
    // and the consequences (with para. 28(f): origin alone does not attribute). The quick map
    // pairs attribution and response decisions with 13b and 13a.
    id: 'attribution-decision',
    condition: 'the incident is under attribution (an attribution case gives a state nexus)',
    engages: [['13b', 2], ['13a', 1]],
    match: (facts) => (facts.stateNexus === undefined ? undefined : { state_nexus: facts.stateNexus }),
  },
]);

function sectorFact(facts: NormFacts): MatchedFacts {
  const sectors = sectorsIn(facts, CRITICAL_SECTORS);
  return sectors === undefined ? {} : { sectors };
}
