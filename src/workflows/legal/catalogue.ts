/**
 * Accord's catalogue of the rules the legal engine applies, each summarised in
 * our own words and citing where it comes from. The summaries are short
 * orientation for analysts, not quotations: for exact wording read the
 * instrument named in `source`. Ids follow the instrument and article
 * (`UNC-2-4` is UN Charter Art. 2(4), `ARS-8` is ARSIWA Art. 8, `TM-4` is
 * Tallinn Manual 2.0 Rule 4); every conclusion of the engine cites these ids.
 */

export interface LegalRule {
  readonly id: string;
  /** The instrument or body of law. */
  readonly instrument: string;
  /** The article, rule or paragraph. */
  readonly provision: string;
  readonly title: string;
  /** What the rule asks, in our words. */
  readonly summary: string;
  /** Where to read it. */
  readonly source: string;
  /** Expert restatements and national positions persuade; they do not bind. */
  readonly binding: boolean;
}

const CHARTER = 'Charter of the United Nations (1945), https://www.un.org/en/about-us/un-charter/full-text';
const ARSIWA = 'ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), annexed to GA res. 56/83, https://legal.un.org/ilc/texts/instruments/english/draft_articles/9_6_2001.pdf';
const TALLINN = 'M. N. Schmitt (ed.), Tallinn Manual 2.0 on the International Law Applicable to Cyber Operations (Cambridge UP, 2017), ISBN 9781107177222';
const API = 'Protocol Additional to the Geneva Conventions of 12 August 1949 (Protocol I, 1977), https://ihl-databases.icrc.org/en/ihl-treaties/api-1977';

const rule = (id: string, instrument: string, provision: string, title: string, summary: string, source: string, binding = true): LegalRule =>
  Object.freeze({ id, instrument, provision, title, summary, source, binding });

export const LEGAL_RULES: readonly LegalRule[] = Object.freeze([
  rule('UNC-2-3', 'UN Charter', 'Art. 2(3)', 'Peaceful settlement of disputes',
    'States settle their international disputes by peaceful means, so that peace, security and justice are not put at risk.', CHARTER),
  rule('UNC-2-4', 'UN Charter', 'Art. 2(4)', 'Prohibition of the threat or use of force',
    'States may not threaten or use force against the territorial integrity or political independence of another state, or otherwise against the purposes of the UN.', CHARTER),
  rule('UNC-33', 'UN Charter', 'Art. 33', 'Means of peaceful settlement',
    'Parties to a dispute that may endanger peace first look for a solution by negotiation, enquiry, mediation, conciliation, arbitration, judicial settlement, regional bodies or other peaceful means they choose.', CHARTER),
  rule('UNC-51', 'UN Charter', 'Art. 51', 'Self-defence',
    'A state that suffers an armed attack keeps its inherent right of individual or collective self-defence until the Security Council acts; what it does in self-defence is reported to the Council at once.', CHARTER),
  rule('CIL-SOV', 'Customary international law', 'Sovereignty (Tallinn 2.0 Rules 1-4)', 'Sovereignty',
    'A state has sovereignty over the cyber infrastructure, people and activities on its territory. An operation by another state that damages infrastructure there, causes loss of its functionality or interferes with inherently governmental functions violates it; whether lesser effects do is disputed.', TALLINN),
  rule('TM-4', 'Tallinn Manual 2.0', 'Rule 4', 'Violation of sovereignty',
    'The experts\' restatement: a state must not conduct cyber operations that violate the sovereignty of another state.', TALLINN, false),
  rule('CIL-NI', 'Customary international law', 'Non-intervention (ICJ, Nicaragua v. United States, 1986, para. 205)', 'Prohibited intervention',
    'A state may not use coercion, cyber means included, to bear on matters each state decides freely (its political system, its elections, its foreign policy). Influence or propaganda alone is usually not coercion.', 'ICJ, Military and Paramilitary Activities in and against Nicaragua (Nicaragua v. United States), Merits, 1986, https://www.icj-cij.org/case/70'),
  rule('TM-66', 'Tallinn Manual 2.0', 'Rule 66', 'Intervention by states',
    'The experts\' restatement of non-intervention for cyber operations: no coercive interference, by cyber means, in another state\'s internal or external affairs.', TALLINN, false),
  rule('TM-68-69', 'Tallinn Manual 2.0', 'Rules 68-69', 'Use of force by cyber means',
    'A cyber operation is a use of force when its scale and effects are comparable to those of a non-cyber operation that would be one. Indicative factors (the Schmitt factors): severity, immediacy, directness, invasiveness, measurability of effects, military character, state involvement and presumptive legality. None decides alone.', TALLINN, false),
  rule('ICJ-NICARAGUA-191', 'ICJ case law', 'Nicaragua v. United States (1986), paras 191 and 195', 'Gravity of an armed attack',
    'The Court distinguished the gravest forms of the use of force, which are armed attacks, from less grave forms; scale and effects decide.', 'ICJ, Military and Paramilitary Activities in and against Nicaragua, Merits, 1986, https://www.icj-cij.org/case/70'),
  rule('TM-71', 'Tallinn Manual 2.0', 'Rules 71-75', 'Self-defence against a cyber armed attack',
    'An operation whose scale and effects make it an armed attack opens self-defence, which must be necessary and proportionate (Rule 72), answer an attack that is under way or imminent (Rule 73), may be collective at the victim\'s request (Rule 74) and is reported to the Security Council (Rule 75).', TALLINN, false),
  rule('ARS-1', 'ARSIWA', 'Art. 1', 'Responsibility for wrongful acts',
    'Every internationally wrongful act of a state makes that state internationally responsible.', ARSIWA),
  rule('ARS-2', 'ARSIWA', 'Art. 2', 'Elements of a wrongful act',
    'A wrongful act has two elements: conduct attributable to the state, and a breach of one of its international obligations.', ARSIWA),
  rule('ARS-4', 'ARSIWA', 'Art. 4', 'Conduct of state organs',
    'What any organ of a state does in that capacity (an intelligence service, a military cyber unit) is the act of the state, even beyond its instructions.', ARSIWA),
  rule('ARS-5', 'ARSIWA', 'Art. 5', 'Entities exercising governmental authority',
    'A body that is not an organ but is empowered by law to exercise governmental authority acts for the state when it acts in that capacity.', ARSIWA),
  rule('ARS-8', 'ARSIWA', 'Art. 8', 'Conduct instructed, directed or controlled by a state',
    'A person or group acts for a state when it acts on the state\'s instructions or under its direction or control of the operation in question; general support, funding or tolerance is not enough.', ARSIWA),
  rule('ICJ-BOSNIA-400', 'ICJ case law', 'Bosnian Genocide (2007), para. 400; Nicaragua (1986), para. 115', 'Effective control',
    'Attribution of a group\'s conduct under the control test needs the state\'s effective control of the specific operation, not a general relationship.', 'ICJ, Application of the Genocide Convention (Bosnia and Herzegovina v. Serbia and Montenegro), 2007; Nicaragua v. United States, 1986, https://www.icj-cij.org/case/70'),
  rule('ARS-11', 'ARSIWA', 'Art. 11', 'Conduct acknowledged and adopted',
    'Conduct not otherwise attributable becomes the state\'s own if and as far as the state acknowledges and adopts it; approval or sympathy is not adoption.', ARSIWA),
  rule('TM-6', 'Tallinn Manual 2.0', 'Rule 6', 'Due diligence',
    'A state should not knowingly let its territory or infrastructure under its control be used for cyber operations that affect another state\'s rights with serious adverse consequences. Several states do not accept this as a binding rule.', TALLINN, false),
  rule('TM-7', 'Tallinn Manual 2.0', 'Rule 7', 'Compliance with due diligence',
    'Once aware, a state takes the measures feasible for it to end such operations; in the majority view there is no duty to monitor or prevent in advance.', TALLINN, false),
  rule('RETORSION', 'General international law', 'Retorsion (ARSIWA commentary to Part Three, ch. II)', 'Retorsion',
    'Unfriendly but lawful acts (public attribution, démarches, expelling diplomats, ending voluntary co-operation, measures no treaty bars) need no prior wrongful act and no special conditions.', 'ILC, Commentaries to ARSIWA (2001), https://legal.un.org/ilc/texts/instruments/english/commentaries/9_6_2001.pdf'),
  rule('ARS-22', 'ARSIWA', 'Art. 22', 'Countermeasures preclude wrongfulness',
    'An act otherwise unlawful towards another state is not wrongful as far as it is a lawful countermeasure under Arts 49-54.', ARSIWA),
  rule('ARS-49', 'ARSIWA', 'Art. 49', 'Object and limits of countermeasures',
    'Only the injured state, only against the responsible state, only to induce it to stop and make reparation; temporary non-performance and, as far as possible, reversible.', ARSIWA),
  rule('ARS-50', 'ARSIWA', 'Art. 50', 'Obligations not affected by countermeasures',
    'Countermeasures may not involve force, breach fundamental human rights, humanitarian rules against reprisals or peremptory norms, and must respect dispute-settlement duties and diplomatic and consular inviolability.', ARSIWA),
  rule('ARS-51', 'ARSIWA', 'Art. 51', 'Proportionality of countermeasures',
    'Countermeasures must be commensurate with the injury, weighing the gravity of the wrongful act and the rights at stake.', ARSIWA),
  rule('ARS-52', 'ARSIWA', 'Art. 52', 'Conditions of resort to countermeasures',
    'First call on the responsible state to comply and notify it of the decision, offering to negotiate; urgent countermeasures to preserve rights may come first. Suspend them if the act has ceased and the dispute is before a tribunal that can bind the parties.', ARSIWA),
  rule('ARS-53', 'ARSIWA', 'Art. 53', 'Termination of countermeasures',
    'Countermeasures end as soon as the responsible state has complied with its obligations of cessation and reparation.', ARSIWA),
  rule('ARS-54', 'ARSIWA', 'Art. 54', 'Measures by states other than the injured state',
    'Leaves open lawful measures by other states entitled to invoke responsibility; whether third states may take countermeasures on a victim\'s behalf ("collective countermeasures") is disputed.', ARSIWA),
  rule('TM-20-25', 'Tallinn Manual 2.0', 'Rules 20-25', 'Cyber countermeasures',
    'Countermeasures, cyber or not, answer a breach owed to the state (20), aim at compliance (21), use no force and respect fundamental rights and inviolability (22), are proportionate (23), are taken by the injured state (24, majority) and must not breach duties owed to third states (25).', TALLINN, false),
  rule('ARS-25', 'ARSIWA', 'Art. 25', 'Necessity',
    'A state may invoke necessity only if the act is the only way to protect an essential interest from grave and imminent peril and does not seriously impair an essential interest of other states or the international community; not if the state contributed to the situation. It needs no prior wrongful act or attribution.', ARSIWA),
  rule('UK-AG-2018', 'National position (United Kingdom)', 'Attorney General, "Cyber and International Law in the 21st Century", 23 May 2018', 'United Kingdom position',
    'The UK does not accept a stand-alone sovereignty rule beyond non-intervention; it gives manipulating another state\'s electoral system and disrupting essential medical, energy or financial services as examples of prohibited intervention.', 'https://www.gov.uk/government/speeches/cyber-and-international-law-in-the-21st-century', false),
  rule('IHL', 'International humanitarian law', 'Geneva Conventions, Additional Protocol I, customary IHL; Tallinn 2.0 Rules 80 and 92', 'IHL in armed conflict',
    'Cyber operations with a nexus to an armed conflict are governed by IHL. An attack in the IHL sense is an operation reasonably expected to injure or kill people or damage or destroy objects; many hold loss of functionality counts.', TALLINN),
  rule('API-48', 'Additional Protocol I', 'Art. 48 (with Art. 52)', 'Distinction',
    'Parties distinguish at all times between civilians and combatants and between civilian objects and military objectives, and direct operations only against military objectives.', API),
  rule('API-51-5-B', 'Additional Protocol I', 'Art. 51(5)(b)', 'Proportionality in attack',
    'An attack is prohibited if the expected incidental civilian harm is excessive in relation to the concrete and direct military advantage anticipated.', API),
  rule('API-57', 'Additional Protocol I', 'Art. 57', 'Precautions in attack',
    'Constant care to spare civilians: verify targets, choose means and methods that minimise incidental harm, cancel or suspend an attack that turns out unlawful.', API),
  rule('API-12', 'Additional Protocol I', 'Art. 12 (with Geneva Convention IV, Art. 18)', 'Protection of medical units',
    'Hospitals and other medical units are respected and protected and may not be the object of attack.', API),
  rule('API-54', 'Additional Protocol I', 'Art. 54', 'Objects indispensable to the civilian population',
    'Attacking, destroying or rendering useless objects indispensable to the survival of the civilian population (food, drinking-water installations, irrigation) is prohibited.', API),
  rule('API-56', 'Additional Protocol I', 'Art. 56', 'Works and installations containing dangerous forces',
    'Dams, dykes and nuclear electrical generating stations may not be attacked where that may release dangerous forces and cause severe civilian losses, even if military objectives.', API),
]);

const RULES_BY_ID: ReadonlyMap<string, LegalRule> = new Map(LEGAL_RULES.map((entry) => [entry.id, entry]));

/** The rule with `id`; throws for an id the catalogue lacks (a bug in the engine, not bad input). */
export function legalRule(id: string): LegalRule {
  const found = RULES_BY_ID.get(id);
  if (found === undefined) throw new Error(`no legal rule ${id} in the catalogue`);
  return found;
}
