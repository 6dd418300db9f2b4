/**
 * The demo federation's two joint attribution cases (docs/demo-scenario.md
 * "Joint cases"), worked through by UK, AU and PL each on its own node with
 * the workflow services: every node's own incidents, assessments, opinions
 * and signatures are created by its identity and signed with its key. What a
 * partner sends arrives as the trilateral sync would deliver it (seeding.ts).
 *
 * - "Paper Ballot": agreed by all three and published, its statement
 *   co-signed by UK, AU and PL (TLP:CLEAR: on every node's public pages);
 * - "Ballot Flood": in consultation under the all-participants rule, with
 *   PL's dissent, so it cannot be agreed.
 */
import type { StixObject } from '../../stix/object.ts';
import { addAssessment, addEvidence, openCase, recordOpinion, transitionCase, type AssessmentInput, type OpinionInput } from '../attribution/index.ts';
import { latestObject, type WorkflowContext } from '../extensions/store-objects.ts';
import { createIncident } from '../incidents/index.ts';
import { cosignStatement, draftStatement } from '../statements/index.ts';
import { DEMO_NODE_NAMES, type DemoNodeName } from './scenario.ts';
import type { DemoSeeding } from './seeding.ts';

export interface SeededJointCases {
  /** The agreed and published case, its incident and its co-signed statement (a report). */
  published: { caseId: string; incidentId: string; statementId: string };
  /** The case in consultation with PL's dissent, and its incident. */
  consultation: { caseId: string; incidentId: string };
}

/**
 * Works the two cases through on the seeding's nodes (each already holding
 * its scenario objects). Returns the ids the demo prints and tests use.
 */
export async function seedJointCases(seeding: DemoSeeding): Promise<SeededJointCases> {
  const { nodes, tick } = seeding;
  // Case objects are GREEN (the trilateral arrangement carries them, onward too); statements and signatures are CLEAR by rule.
  const ctx = (name: DemoNodeName): WorkflowContext => seeding.ctx(name);
  const id = (node: DemoNodeName, type: string, key: string): string => seeding.scenarioId(node, type, key);
  const { uk, au, pl } = { uk: nodes.uk.identityId, au: nodes.au.identityId, pl: nodes.pl.identityId };
  const expectedKeys = new Map(DEMO_NODE_NAMES.map((name) => [nodes[name].identityId, nodes[name].publicKey]));
  const share = (from: DemoNodeName, ...objects: StixObject[]): Promise<void> => seeding.share(from, ...objects);
  const assess = async (name: DemoNodeName, caseId: string, input: AssessmentInput): Promise<void> => share(name, await addAssessment(ctx(name), nodes[name].identityId, caseId, input));
  const opine = async (name: DemoNodeName, caseId: string, input: OpinionInput): Promise<void> => share(name, await recordOpinion(ctx(name), nodes[name].identityId, caseId, input));
  const move = async (caseId: string, to: 'consultation' | 'agreed' | 'published'): Promise<void> => share('uk', await transitionCase(ctx('uk'), uk, caseId, to, { expectedKeys }));

  // The partners know each other's identities (TLP:CLEAR), as the signers of a public statement must be known.
  for (const name of DEMO_NODE_NAMES) await share(name, (await latestObject(nodes[name].store, nodes[name].identityId))!);

  // Case 1, Paper Ballot: opened at UK, agreed by all, published with three signatures.
  const ballotIncident = await createIncident(ctx('uk'), uk, {
    name: 'Spear-phishing of electoral administrators (Operation Paper Ballot, demo)',
    description: 'Electoral administrators were sent lures to steal their mailbox credentials ahead of a national election; altered documents were then leaked to undermine confidence in the count.',
    category: 'election-interference', sectors: ['government-local', 'elections'], countries: ['GB'],
    impact: { physical_damage: false, injury_or_death: false, data: ['stolen', 'leaked'] },
    timeline: [{ at: tick(), event: 'First lures reach electoral administrators' }, { at: tick(), event: 'Altered documents leaked' }],
    status: 'contained', related_refs: [id('uk', 'campaign', 'paper-ballot'), id('uk', 'malware', 'inkdrop')],
  });
  const ballotCase = await openCase(ctx('uk'), uk, {
    name: 'Operation Paper Ballot (demo)', description: 'Who ran the spear-phishing of electoral administrators and the leaks that followed?',
    incident_refs: [ballotIncident.id], candidate_ref: id('uk', 'intrusion-set', 'glass-heron'), state_nexus: 'state-organ', participant_refs: [uk, au, pl],
  });
  const ballotEvidence = await addEvidence(ctx('uk'), uk, ballotCase.id, {
    object_refs: [id('uk', 'infrastructure', 'paper-ballot-phishing'), id('uk', 'malware', 'inkdrop')],
    description: 'The phishing sites and the INKDROP macro documents match GLASS HERON tooling seen in earlier intrusions.', source_reliability: 'B', information_credibility: 2,
  });
  await share('uk', ballotIncident, ballotCase, ballotEvidence);
  await move(ballotCase.id, 'consultation');
  await assess('uk', ballotCase.id, { level: 'strategic', likelihood: 'highly-likely', rationale: 'Tooling, infrastructure and targeting match GLASS HERON, which we assess the Heron Directorate runs.' });
  await assess('au', ballotCase.id, { level: 'technical', likelihood: 'likely', rationale: 'The lure documents and the phishing kit match samples from our own election-security reporting.' });
  await assess('pl', ballotCase.id, { level: 'operational', likelihood: 'highly-likely', rationale: 'The same infrastructure was used against Polish election staff in the same weeks.' });
  for (const name of DEMO_NODE_NAMES) await opine(name, ballotCase.id, { opinion: name === 'au' ? 'agree' : 'strongly-agree', explanation: 'We join the attribution.' });
  await move(ballotCase.id, 'agreed');
  const statement = await draftStatement(ctx('uk'), uk, ballotCase.id);
  await share('uk', statement, (await latestObject(nodes.uk.store, ballotCase.id))!);
  for (const name of DEMO_NODE_NAMES) await share(name, await cosignStatement(ctx(name), nodes[name].identityId, statement.id, nodes[name].signingKey));
  await move(ballotCase.id, 'published');

  // Case 2, Ballot Flood: PL's incident, a case opened at UK, PL dissents: under the all-participants rule it stays in consultation.
  const floodIncident = await createIncident(ctx('pl'), pl, {
    name: 'DDoS against Polish election infrastructure (Ballot Flood, demo)',
    description: 'The results portal and the electoral commission\'s sites were flooded on election night.',
    category: 'ddos', sectors: ['elections'], countries: ['PL'],
    impact: { physical_damage: false, injury_or_death: false, disruption_hours: 7 },
    status: 'closed', related_refs: [id('pl', 'infrastructure', 'kestrel-botnet'), id('pl', 'tool', 'kestrel-flood')],
  });
  await share('pl', floodIncident);
  const floodCase = await openCase(ctx('uk'), uk, {
    name: 'Ballot Flood (demo)', description: 'Was the election-night DDoS in Poland part of the same GLASS HERON operation as Paper Ballot?',
    incident_refs: [floodIncident.id], candidate_ref: id('uk', 'intrusion-set', 'glass-heron'), state_nexus: 'state-organ',
    participant_refs: [uk, au, pl], concurrence_rule: { kind: 'all' },
  });
  await share('uk', floodCase);
  await move(floodCase.id, 'consultation');
  await assess('uk', floodCase.id, { level: 'strategic', likelihood: 'realistic-possibility', rationale: 'The timing matches Paper Ballot and the targets overlap.' });
  await assess('pl', floodCase.id, { level: 'technical', likelihood: 'unlikely', rationale: 'The flood came from the NOISY KESTREL botnet, a criminal service for hire; nothing technical links it to GLASS HERON.' });
  await opine('uk', floodCase.id, { opinion: 'agree', explanation: 'Timing and targeting point to one operation.' });
  await opine('au', floodCase.id, { opinion: 'neutral', explanation: 'We saw none of this activity.' });
  await opine('pl', floodCase.id, {
    opinion: 'disagree',
    explanation: 'Timing alone does not attribute: the botnet is rented by many customers, and our forensics find no GLASS HERON tooling. Attributing this would weaken the Paper Ballot statement.',
  });
  return { published: { caseId: ballotCase.id, incidentId: ballotIncident.id, statementId: statement.id }, consultation: { caseId: floodCase.id, incidentId: floodIncident.id } };
}

