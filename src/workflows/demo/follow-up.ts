/**
 * What follows the demo's joint cases (issue 8, docs/demo-scenario.md "After
 * the cases"): the UK's legal assessments of both cases, the norms its
 * analyst confirms and rejects for the Paper Ballot incident, the response
 * options with every partner's position, each state's norm implementation
 * records, and the UK's lessons-learned review. Each node does its own part
 * on its own store with its own identity; GREEN objects reach the partners
 * under the trilateral arrangement, the AMBER review reaches AU under the
 * UK–AU bilateral one (seeding.ts).
 */
import { TLP2_AMBER } from '../../stix/markings.ts';
import type { Assessment, AttributionCase } from '../attribution/model.ts';
import { latestObject, latestWhere } from '../extensions/store-objects.ts';
import type { AccordIncident } from '../incidents/index.ts';
import type { LegalFacts } from '../legal/facts.ts';
import { recordLessons } from '../lessons/index.ts';
import { decideNorm, recordImplementation, recordSuggestions, type NormDecision, type NormImplementationInput } from '../norms/index.ts';
import { storeLegalAssessment } from '../legal/index.ts';
import { proposeResponse, recordPosition, transitionResponse, type PositionInput, type ResponseInput, type ResponseOption } from '../responses/index.ts';
import type { SeededJointCases } from './joint-cases.ts';
import type { DemoNodeName } from './scenario.ts';
import type { DemoSeeding } from './seeding.ts';

const DAY = 24 * 60 * 60_000;

/** The UK analyst's decisions on the norms the engine suggests for the Paper Ballot incident. */
const BALLOT_NORM_DECISIONS: readonly Omit<NormDecision, 'incident_ref'>[] = [
  { norm: '13a', status: 'confirmed', reason: 'A campaign against an election is the harmful practice the partners agreed to prevent together; AU and PL saw the same lures.' },
  { norm: '13b', status: 'confirmed', reason: 'The attribution weighed technical, operational and strategic assessments from three partners before any public response.' },
  { norm: '13f', status: 'rejected', reason: 'The administrators\' mailboxes are not designated critical infrastructure here, and no service to the public was impaired: the count went ahead.' },
];

/** Each state's measures implementing the norms, as its own node records them; days before the seeding starts. */
const IMPLEMENTATIONS: Readonly<Record<DemoNodeName, readonly (Omit<NormImplementationInput, 'state' | 'date'> & { daysAgo: number })[]>> = {
  uk: [
    { norm: '13g', daysAgo: 700, measure: 'Operators of essential services assessed against a national cyber assessment framework (demo).', evidence: ['https://example.org/demo/gb/ci-assessment-framework'] },
    { norm: '13k', daysAgo: 420, measure: 'Published policy keeping the national CERT apart from offensive operations (demo).', evidence: ['https://example.org/demo/gb/cert-policy'] },
    { norm: '13j', daysAgo: 150, measure: 'Vulnerability disclosure policy for every government service (demo).', evidence: ['https://example.org/demo/gb/vulnerability-disclosure'] },
  ],
  au: [
    { norm: '13g', daysAgo: 600, measure: 'Security obligations for critical infrastructure extended to eleven sectors (demo).', evidence: ['https://example.org/demo/au/critical-infrastructure-obligations'] },
    { norm: '13k', daysAgo: 300, measure: 'The national CERT\'s role and its protection from misuse set out in public guidance (demo).', evidence: ['https://example.org/demo/au/cert-role'] },
  ],
  pl: [
    { norm: '13g', daysAgo: 800, measure: 'National cybersecurity system law: operators of essential services designated and supervised (demo).', evidence: ['https://example.org/demo/pl/cybersecurity-system-act'] },
    { norm: '13k', daysAgo: 500, measure: 'Three national CSIRTs established, their remits published (demo).', evidence: ['https://example.org/demo/pl/csirt-remits'] },
    { norm: '13h', daysAgo: 90, measure: 'A point of contact for partners\' requests for assistance published (demo).', evidence: ['https://example.org/demo/pl/assistance-contact'] },
  ],
};

const STATES: Readonly<Record<DemoNodeName, string>> = { uk: 'GB', au: 'AU', pl: 'PL' };

/** Seeds the follow-up of `cases` on the seeding's nodes. */
export async function seedFollowUp(seeding: DemoSeeding, cases: SeededJointCases): Promise<void> {
  const { nodes, tick } = seeding;
  const uk = nodes.uk.identityId;
  const ukStore = nodes.uk.store;
  const propose = async (caseId: string, input: ResponseInput): Promise<ResponseOption> => {
    const option = await proposeResponse(seeding.ctx('uk'), uk, caseId, input);
    await seeding.share('uk', option);
    return option;
  };
  const position = async (name: DemoNodeName, option: ResponseOption, input: PositionInput): Promise<void> => {
    await seeding.share(name, await recordPosition(seeding.ctx(name), nodes[name].identityId, option.id, input));
  };
  const move = async (option: ResponseOption, ...steps: ('agreed' | 'in-progress' | 'done')[]): Promise<void> => {
    let latest = option;
    for (const to of steps) latest = await transitionResponse(seeding.ctx('uk'), uk, option.id, to);
    await seeding.share('uk', latest);
  };
  /** The UK's facts for `caseId`: its own likelihood on the case is the confidence in the case's state nexus. */
  const attributionFacts = async (caseId: string): Promise<NonNullable<LegalFacts['attribution']>> => {
    const entry = (await latestObject(ukStore, caseId)) as AttributionCase;
    const [own] = (await latestWhere(ukStore, ['accord-assessment'], (object) => object.case_ref === caseId && object.created_by_ref === uk)) as Assessment[];
    if (own === undefined) throw new Error(`demo follow-up: the UK has no assessment of case ${caseId}`);
    return { responsible_state: 'The state that runs the Heron Directorate (demo)', ...(entry.state_nexus !== undefined && { state_nexus: entry.state_nexus }), confidence: own.likelihood };
  };

  // Paper Ballot: the UK's legal assessment, its analyst's norm decisions, two responses.
  const ballot = cases.published;
  await seeding.share('uk', await storeLegalAssessment(seeding.ctx('uk'), uk, {
    incident: { name: 'Operation Paper Ballot (demo)', description: 'Spear-phishing of electoral administrators, then a leak of altered documents before the count.' },
    effects: { physical_damage: false, injury_or_death: false, loss_of_functionality: false, data: ['exfiltrated', 'altered', 'leaked'], sectors: ['elections', 'government'] },
    target: { states: ['GB'] },
    operation: { kind: 'hack-and-leak', coercion_domain: 'elections' },
    attribution: await attributionFacts(ballot.caseId),
    armed_conflict: { exists: false },
  }, { case_ref: ballot.caseId, incident_ref: ballot.incidentId }));
  const incident = (await latestObject(ukStore, ballot.incidentId)) as AccordIncident;
  const { suggestions, written } = await recordSuggestions(seeding.ctx('uk'), uk, incident, (await latestObject(ukStore, ballot.caseId)) as AttributionCase);
  await seeding.share('uk', ...written);
  for (const decision of BALLOT_NORM_DECISIONS) {
    // The analyst decides on what the engine suggests: a rule change that drops a norm must show here, not pass unseen.
    if (!suggestions.some((suggestion) => suggestion.norm === decision.norm)) throw new Error(`demo follow-up: the engine no longer suggests norm ${decision.norm} for Paper Ballot`);
    await seeding.share('uk', await decideNorm(seeding.ctx('uk'), uk, uk, { ...decision, incident_ref: ballot.incidentId }));
  }
  const statement = await propose(ballot.caseId, {
    kind: 'joint-statement', name: 'Joint statement on Operation Paper Ballot (demo)',
    description: 'Publish the attribution of Paper Ballot to GLASS HERON, co-signed by the UK, Australia and Poland.',
  });
  const demarche = await propose(ballot.caseId, {
    kind: 'demarche', name: 'Démarche on Operation Paper Ballot (demo)',
    description: 'Summon the ambassador of the state that runs the Heron Directorate and set out the attribution and what we expect of it.',
  });
  for (const name of ['uk', 'au', 'pl'] as const) await position(name, statement, { position: 'support' });
  await position('uk', demarche, { position: 'support' });
  await position('au', demarche, { position: 'support', reason: 'Our ambassador will deliver the same message in the same week.' });
  await position('pl', demarche, { position: 'abstain', reason: 'Poland raises election interference in its own bilateral channels; a joint démarche on an incident in the UK is not ours to join.' });
  await move(statement, 'agreed', 'in-progress', 'done');
  await move(demarche, 'agreed');

  // Ballot Flood: the same facts leave attribution undetermined at the UK's own likelihood; a sanctions proposal PL opposes.
  const flood = cases.consultation;
  await seeding.share('uk', await storeLegalAssessment(seeding.ctx('uk'), uk, {
    incident: { name: 'Ballot Flood (demo)', description: 'Election-night DDoS against the Polish results portal and electoral commission sites.' },
    effects: { physical_damage: false, injury_or_death: false, loss_of_functionality: false, disruption_hours: 7, sectors: ['elections'] },
    target: { states: ['PL'] },
    operation: { kind: 'disruption' },
    attribution: await attributionFacts(flood.caseId),
    armed_conflict: { exists: false },
  }, { case_ref: flood.caseId, incident_ref: flood.incidentId }));
  const sanctions = await propose(flood.caseId, {
    kind: 'sanctions-listing', name: 'Sanctions listing for Ballot Flood (demo)',
    description: 'Propose listing the Heron Directorate under the cyber sanctions regime for the election-night DDoS.',
  });
  await position('uk', sanctions, { position: 'support' });
  await position('pl', sanctions, {
    position: 'oppose',
    reason: 'The attribution is not agreed: the flood came from a botnet rented by many customers, and a listing on timing alone would not survive review and would weaken the Paper Ballot statement.',
  });

  // Each state records its own measures; the trilateral arrangement carries them to the others.
  for (const name of ['uk', 'au', 'pl'] as const) {
    const start = Date.parse(tick());
    for (const { daysAgo, ...record } of IMPLEMENTATIONS[name]) {
      await seeding.share(name, await recordImplementation(seeding.ctx(name), nodes[name].identityId, { ...record, state: STATES[name], date: new Date(start - daysAgo * DAY).toISOString() }));
    }
  }

  // The UK's review of Paper Ballot: AMBER, for AU under the bilateral arrangement.
  const reviewed = Date.parse(tick());
  const review = await recordLessons(seeding.ctx('uk', TLP2_AMBER.id), uk, {
    name: 'Operation Paper Ballot: lessons learned (demo)',
    what_happened: 'Electoral administrators gave up mailbox credentials to lures; altered documents were leaked before the count. The partners attributed the campaign jointly and published a co-signed statement.',
    what_worked: ['The trilateral case brought AU\'s and PL\'s matching reporting in within days.', 'The co-signed statement could be verified by anyone.'],
    what_did_not_work: ['Local election offices had no phishing-resistant sign-in.', 'Leaked documents circulated for two days before they were shown to be altered.'],
    recommendations: [
      { text: 'Phishing-resistant multi-factor sign-in for every electoral administration mailbox.', owner: 'Elections security team', due: new Date(reviewed + 60 * DAY).toISOString(), status: 'in-progress' },
      { text: 'A rapid-rebuttal procedure with the electoral commission for leaked documents.', owner: uk, due: new Date(reviewed + 120 * DAY).toISOString(), status: 'open' },
    ],
    incident_refs: [ballot.incidentId],
    case_refs: [ballot.caseId],
  });
  await seeding.deliver('uk', 'au', 'bilateral', [review]);
}
