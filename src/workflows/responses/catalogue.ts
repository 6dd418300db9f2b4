/**
 * The response options partners weigh after an attributed incident: the
 * measures of the EU Cyber Diplomacy Toolbox and national measures, in our
 * own words, each with the legal bases on which it can be lawful (checked by
 * the legal engine, ./legal-check.ts) and its sources. `ladderStep` places the
 * option on the usual graduated ladder (1 private diplomacy … 7 self-defence).
 */

/** The engine's conclusions an option can rest on, in the order they are tried. */
export const LEGAL_BASES = ['retorsion', 'countermeasures', 'self-defence', 'necessity'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** The Toolbox's five categories (recital 3 of Decision (CFSP) 2019/797); `national` for measures outside it. */
export const TOOLBOX_CATEGORIES = ['preventive', 'co-operative', 'stability', 'restrictive', 'support', 'national'] as const;
export type ToolboxCategory = (typeof TOOLBOX_CATEGORIES)[number];

export interface ResponseKind {
  readonly id: string;
  readonly title: string;
  /** What the measure is, in our words. */
  readonly summary: string;
  readonly category: ToolboxCategory;
  readonly ladderStep: number;
  /** Legal bases that can make it lawful, first tried first. */
  readonly bases: readonly LegalBasis[];
  /** What to observe beyond the engine's conditions (option-specific). */
  readonly notes: readonly string[];
  readonly sources: readonly string[];
}

const TOOLBOX = 'EU Cyber Diplomacy Toolbox: Council conclusions of 19 June 2017; implementing guidelines, Council doc. 13007/17, revised by doc. 10289/23 (8 June 2023)';
const SANCTIONS = 'Council Decision (CFSP) 2019/797 and Council Regulation (EU) 2019/796 of 17 May 2019 (restrictive measures against cyber-attacks), OJ L 129I';
const BUDAPEST = 'Council of Europe Convention on Cybercrime (ETS No. 185), Arts 23-35 (international co-operation, mutual assistance, extradition)';
const ARSIWA = 'ILC Articles on State Responsibility (2001), Arts 22 and 49-54';
const CHARTER_51 = 'UN Charter, Art. 51; NATO Wales Summit Declaration (2014), para. 72';

const kind = (entry: ResponseKind): ResponseKind => Object.freeze(entry);

export const RESPONSE_KINDS: readonly ResponseKind[] = Object.freeze([
  kind({
    id: 'demarche', title: 'Diplomatic démarche', category: 'co-operative', ladderStep: 1, bases: ['retorsion'],
    summary: 'A private diplomatic approach to the state concerned (through embassies, points of contact or dialogues) setting out the concern and asking it to act.',
    notes: ['A démarche calling on the responsible state to stop and make reparation is also the call that countermeasures must follow (ARSIWA Art. 52(1)(a)).'],
    sources: [TOOLBOX],
  }),
  kind({
    id: 'joint-statement', title: 'Joint public statement', category: 'stability', ladderStep: 2, bases: ['retorsion'],
    summary: 'A public attribution statement made together by the partners (or by the High Representative on behalf of the EU), naming the actor and the state.',
    notes: ['Attribution to a state is each state\'s sovereign political decision; the statement names only the states that concur.'],
    sources: [TOOLBOX],
  }),
  kind({
    id: 'law-enforcement', title: 'Law-enforcement action or indictment', category: 'national', ladderStep: 4, bases: ['retorsion'],
    summary: 'Criminal process against the individuals: investigation, indictment, arrest warrants, requests for mutual legal assistance or extradition.',
    notes: ['Enforcement acts on another state\'s territory (searches, arrests, remote access to data held there) need its consent or a treaty basis; without them they breach its sovereignty.'],
    sources: [BUDAPEST],
  }),
  kind({
    id: 'sanctions-listing', title: 'Sanctions listing proposal', category: 'restrictive', ladderStep: 5, bases: ['retorsion'],
    summary: 'A proposal to list persons or entities responsible for the operation under the EU cyber sanctions regime (travel bans, asset freezes) or a national regime.',
    notes: ['The EU regime covers cyber-attacks with a significant effect that are an external threat to the Union or its Member States (Decision (CFSP) 2019/797, Art. 1).'],
    sources: [TOOLBOX, SANCTIONS],
  }),
  kind({
    id: 'technical-disruption', title: 'Technical disruption', category: 'national', ladderStep: 6, bases: ['countermeasures', 'self-defence', 'necessity'],
    summary: 'Disrupting the actor\'s infrastructure: taking down or sinkholing servers, disabling tools or botnets.',
    notes: ['Disruption confined to this state\'s own territory, or done with the consent of the state where the infrastructure sits, breaches no obligation and is lawful in itself; the check covers disruption that reaches systems abroad without consent.'],
    sources: [ARSIWA, CHARTER_51],
  }),
  kind({
    id: 'countermeasures', title: 'Countermeasures', category: 'national', ladderStep: 6, bases: ['countermeasures'],
    summary: 'Acts against the responsible state that would otherwise be unlawful (cyber or not), taken to make it stop and make reparation.',
    notes: [],
    sources: [ARSIWA],
  }),
  kind({
    id: 'self-defence', title: 'Self-defence measures', category: 'national', ladderStep: 7, bases: ['self-defence'],
    summary: 'Force, by cyber or other means, to repel an armed attack, individually or collectively (in NATO, the North Atlantic Council decides on Article 5 case by case).',
    notes: [],
    sources: [CHARTER_51],
  }),
  kind({
    id: 'partner-support', title: 'Support to a partner', category: 'support', ladderStep: 3, bases: ['retorsion'],
    summary: 'Political backing, technical assistance or EU support for a partner\'s lawful response, possibly under the mutual assistance clause (Art. 42(7) TEU).',
    notes: ['Taking countermeasures on the injured partner\'s behalf (collective countermeasures) is contested (ARSIWA Art. 54); joining its self-defence needs its request.'],
    sources: [TOOLBOX],
  }),
]);

export const RESPONSE_KIND_IDS = RESPONSE_KINDS.map((entry) => entry.id);

export function responseKind(id: string): ResponseKind | undefined {
  return RESPONSE_KINDS.find((entry) => entry.id === id);
}
