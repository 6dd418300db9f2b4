/**
 * The demo federation's two joint attribution cases (docs/demo-scenario.md
 * "Joint cases"), worked through by UK, AU and PL each on its own node with
 * the workflow services: every node's own incidents, assessments, opinions
 * and signatures are created by its identity and signed with its key. What a
 * partner sends arrives as sync would deliver it: stored in the default
 * collection with provenance naming the sender and the trilateral inbound
 * agreement (so it is never sent back, and passes on only as that allows).
 *
 * - "Paper Ballot": agreed by all three and published, its statement
 *   co-signed by UK, AU and PL (TLP:CLEAR: on every node's public pages);
 * - "Ballot Flood": in consultation under the all-participants rule, with
 *   PL's dissent, so it cannot be agreed.
 */
import type { KeyObject } from 'node:crypto';
import { TLP2_GREEN } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { Store } from '../../store/store.ts';
import { addAssessment, addEvidence, openCase, recordOpinion, transitionCase, type AssessmentInput, type OpinionInput } from '../attribution/index.ts';
import { latestObject, type WorkflowContext } from '../extensions/store-objects.ts';
import { createIncident } from '../incidents/index.ts';
import { cosignStatement, draftStatement } from '../statements/index.ts';
import { demoId, seedNamespace } from './builder.ts';
import { DEMO_NODE_NAMES, demoAgreementId, type DemoNodeName } from './scenario.ts';

/** One demo node as the seeding sees it: its stores, default collection, identity and signing key. */
export interface JointCaseNode {
  store: Store;
  local: LocalStore;
  collectionId: string;
  identityId: string;
  signingKey: KeyObject;
  /** Its public key (SPKI DER base64), as its partners register it. */
  publicKey: string;
}

export interface SeededJointCases {
  /** The agreed and published case, and its co-signed statement (a report). */
  published: { caseId: string; statementId: string };
  /** The case in consultation with PL's dissent. */
  consultation: { caseId: string };
}

const MINUTE = 60_000;

/**
 * Works the two cases through on `nodes` (each already holding its scenario
 * objects, seed `seed`), one step a minute from `start` so that every version
 * and history entry is in order. Returns the ids the demo prints and tests use.
 */
export async function seedJointCases(nodes: Readonly<Record<DemoNodeName, JointCaseNode>>, seed: number, start: Date): Promise<SeededJointCases> {
  let clock = start.getTime();
  const tick = (): string => new Date((clock += MINUTE)).toISOString();
  // Case objects are GREEN (the trilateral arrangement carries them, onward too); statements and signatures are CLEAR by rule.
  const ctx = (name: DemoNodeName): WorkflowContext => ({ store: nodes[name].store, collections: [nodes[name].collectionId], markings: [TLP2_GREEN.id], now: tick });
  const id = (node: DemoNodeName, type: string, key: string): string => demoId(seedNamespace(seed), node, type, key);
  const { uk, au, pl } = { uk: nodes.uk.identityId, au: nodes.au.identityId, pl: nodes.pl.identityId };
  const expectedKeys = new Map(DEMO_NODE_NAMES.map((name) => [nodes[name].identityId, nodes[name].publicKey]));

  /** `from`'s objects arrive at each other node, as the trilateral sync would bring them. */
  const share = async (from: DemoNodeName, ...objects: StixObject[]): Promise<void> => {
    for (const to of DEMO_NODE_NAMES) if (to !== from) await deliver(nodes[to], from, objects, tick());
  };
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
  return { published: { caseId: ballotCase.id, statementId: statement.id }, consultation: { caseId: floodCase.id } };
}

/** Stores `objects` from partner `from` at `node` with provenance, as a sync pull under the trilateral agreement would. */
async function deliver(node: JointCaseNode, from: DemoNodeName, objects: readonly StixObject[], receivedAt: string): Promise<void> {
  const result = await node.store.ingest(objects, { collections: [node.collectionId] });
  if (result.conflicts.length > 0) throw new Error(`demo joint cases: ${result.conflicts[0]!.message}`);
  const agreementId = demoAgreementId({ partner: from, arrangement: 'trilateral', direction: 'inbound' });
  node.local.recordProvenance(objects.map((object) => ({ objectId: object.id, modified: (object.modified ?? object.created)!, partner: from, agreementId, receivedAt })));
}
