import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { TLP2_CLEAR, TLP2_GREEN } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { checkWorkflowObject } from '../extensions/check.ts';
import type { WorkflowContext } from '../extensions/store-objects.ts';
import { createIncident } from '../incidents/incidents.ts';
import { statementBundle } from '../statements/bundle.ts';
import { cosignStatement } from '../statements/cosign.ts';
import { draftStatement, NORMS_AND_LAW_PLACEHOLDER, reviseStatement } from '../statements/draft.ts';
import { statementSignatures } from '../statements/signed-by.ts';
import { verifyStatementBundle } from '../statements/verify.ts';
import { caseView } from './case-view.ts';
import { addAssessment, addEvidence, openCase, recordOpinion, transitionCase, updateCase, type CaseInput } from './cases.ts';

const T = '2025-01-01T00:00:00.000Z';
const identity = (n: number, name: string): StixObject => ({ type: 'identity', spec_version: '2.1', id: `identity--${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`, created: T, modified: T, name, identity_class: 'organization' });
const UK = identity(1, 'United Kingdom');
const AU = identity(2, 'Australia');
const PL = identity(3, 'Poland');
const OUTSIDER = identity(4, 'Elsewhere');
const SANDWORM: StixObject = { type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--66666666-6666-4666-8666-666666666666', created: T, modified: T, name: 'Sandworm' };
const RUSSIA: StixObject = { type: 'location', spec_version: '2.1', id: 'location--77777777-7777-4777-8777-777777777777', created: T, modified: T, name: 'Russian Federation', country: 'RU' };
const INDICATOR: StixObject = { type: 'indicator', spec_version: '2.1', id: 'indicator--88888888-8888-4888-8888-888888888888', created: T, modified: T, pattern: "[domain-name:value = 'c2.example']", pattern_type: 'stix', valid_from: T };

interface Fixture { store: Store; ctx: WorkflowContext; incidentId: string; input: CaseInput }

async function fixture(): Promise<Fixture> {
  const store = await openSqliteStore({ path: ':memory:' });
  await store.ingest([UK, AU, PL, OUTSIDER, SANDWORM, RUSSIA, INDICATOR]);
  let tick = 0;
  const ctx: WorkflowContext = { store, now: () => new Date(Date.UTC(2025, 2, 1, 10, 0, tick++)).toISOString() };
  const incident = await createIncident(ctx, UK.id, { name: 'Grid outage in the north', category: 'critical-infrastructure-disruption', countries: ['GB'] });
  const input: CaseInput = {
    name: 'Grid outage attribution', incident_refs: [incident.id], candidate_ref: SANDWORM.id, state_nexus: 'state-organ', state_ref: RUSSIA.id, participant_refs: [AU.id, PL.id],
  };
  return { store, ctx, incidentId: incident.id, input };
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; paths: string[] }> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(isAppError(error), `expected a refusal, got ${String(error)}`);
  return { message: error.message, paths: ((error.details?.problems ?? []) as { path: string }[]).map((problem) => problem.path) };
}

describe('opening a case', () => {
  it('opens a draft case with the opener as a participant, rule "all" by default, and its first history entry', async () => {
    const { store, ctx, input } = await fixture();
    const opened = await openCase(ctx, UK.id, input);
    assert.deepEqual(checkWorkflowObject(opened), []);
    assert.equal(opened.status, 'draft');
    assert.deepEqual(opened.participant_refs, [UK.id, AU.id, PL.id]);
    assert.deepEqual(opened.concurrence_rule, { kind: 'all' });
    assert.deepEqual(opened.status_history, [{ status: 'draft', by: UK.id, at: opened.created }]);
    await store.close();
  });

  const bad: [name: string, change: Partial<Record<keyof CaseInput, unknown>>, paths: string[]][] = [
    ['an incident this node does not hold', { incident_refs: ['incident--99999999-9999-4999-8999-999999999999'] }, ['$.incident_refs[0]']],
    ['a candidate that is a malware', { candidate_ref: 'malware--99999999-9999-4999-8999-999999999999' }, ['$.candidate_ref']],
    ['an unknown state nexus', { state_nexus: 'friendly' }, ['$.state_nexus']],
    ['a rule asking more participants than there are', { concurrence_rule: { kind: 'n-of-m', n: 4 } }, ['$.concurrence_rule.n']],
    ['a participant this node does not know', { participant_refs: ['identity--99999999-9999-4999-8999-999999999999'] }, ['$.participant_refs[1]']],
    ['no incidents', { incident_refs: [] }, ['$.incident_refs']],
    ['participants given as one string', { participant_refs: AU.id }, ['$.participant_refs']],
  ];
  for (const [name, change, paths] of bad) {
    it(`refuses ${name}, saying where`, async () => {
      const { store, ctx, input } = await fixture();
      assert.deepEqual((await refusal(openCase(ctx, UK.id, { ...input, ...change } as CaseInput))).paths, paths);
      assert.equal((await store.stats()).byType['accord-attribution-case'], undefined);
      await store.close();
    });
  }
});

describe('a joint attribution case from draft to published', () => {
  it('runs the whole flow, refusing each step out of turn with its reason', async () => {
    const { store, ctx, input, incidentId } = await fixture();
    const opened = await openCase(ctx, UK.id, input);
    const id = opened.id;

    // Evidence: from participants only, graded with the Admiralty code.
    const evidence = await addEvidence(ctx, AU.id, id, { object_refs: [INDICATOR.id], description: 'C2 domain reused from 2022', source_reliability: 'B', information_credibility: 2 });
    assert.equal(evidence.contributed_by_ref, AU.id);
    assert.match((await refusal(addEvidence(ctx, OUTSIDER.id, id, { object_refs: [INDICATOR.id], description: 'x', source_reliability: 'A', information_credibility: 1 }))).message, /is not a participant of case/);
    assert.deepEqual((await refusal(addEvidence(ctx, UK.id, id, { object_refs: [INDICATOR.id], description: 'x', source_reliability: 'G' as never, information_credibility: 9 as never }))).paths, ['$.source_reliability', '$.information_credibility']);
    assert.deepEqual((await refusal(addEvidence(ctx, UK.id, id, { object_refs: [INDICATOR.id], description: 'x', source_reliability: 'A', information_credibility: 1, contributed_by_ref: OUTSIDER.id }))).paths, ['$.contributed_by_ref']);

    // Assessments: the ICD 203 term and numbers are derived from the PHIA term.
    const ukAssessment = await addAssessment(ctx, UK.id, id, { level: 'strategic', likelihood: 'almost-certain', rationale: 'Signals and technical overlap' });
    assert.deepEqual([ukAssessment.icd203_term, ukAssessment.probability], ['almost certain', [95, 100]]);
    await addAssessment(ctx, AU.id, id, { level: 'technical', likelihood: 'highly-likely', rationale: 'Tooling match' });
    await addAssessment(ctx, PL.id, id, { level: 'operational', likelihood: 'realistic-possibility', rationale: 'Overlap with a criminal group' });
    assert.deepEqual((await refusal(addAssessment(ctx, AU.id, id, { level: 'legal' as never, likelihood: 'probable' as never, rationale: '' }))).paths, ['$.level', '$.likelihood', '$.rationale']);

    // Opinions only during consultation; the flow cannot skip consultation.
    assert.match((await refusal(recordOpinion(ctx, AU.id, id, { opinion: 'agree' }))).message, /the case is draft; partners give their opinion during consultation/);
    assert.match((await refusal(transitionCase(ctx, UK.id, id, 'agreed'))).message, /a draft case can go only to consultation or withdrawn, not to agreed/);
    assert.match((await refusal(transitionCase(ctx, AU.id, id, 'consultation'))).message, /only that node versions it \(STIX 2\.1 §3\.6\)/);
    await transitionCase(ctx, UK.id, id, 'consultation');

    await recordOpinion(ctx, UK.id, id, { opinion: 'strongly-agree' });
    await recordOpinion(ctx, AU.id, id, { opinion: 'agree' });
    assert.deepEqual((await refusal(recordOpinion(ctx, PL.id, id, { opinion: 'disagree' }))).paths, ['$.explanation']);
    await recordOpinion(ctx, PL.id, id, { opinion: 'disagree', explanation: 'The infrastructure is shared with a criminal group.' });

    // Rule "all": PL's dissent blocks agreement, and the reason names it.
    assert.match((await refusal(transitionCase(ctx, UK.id, id, 'agreed'))).message, new RegExp(`the concurrence rule is not met: 2 of 3 participants concur and the rule needs all of them \\(${PL.id} dissents\\)`));
    const consulting = await caseView(store, id);
    assert.deepEqual(consulting.participants.map((p) => [p.name, p.stance]), [['United Kingdom', 'concurs'], ['Australia', 'concurs'], ['Poland', 'dissents']]);
    assert.deepEqual(consulting.participants[2]!.dissent, { opinion: 'disagree', explanation: 'The infrastructure is shared with a criminal group.' });
    assert.deepEqual(consulting.evidence.map((e) => [e.grade.code, e.contributorName]), [['B2', 'Australia']]);
    assert.equal(consulting.participants[0]!.assessments[0]!.likelihood, 'almost-certain');
    assert.deepEqual([consulting.candidate?.name, consulting.state?.name, consulting.incidents.map((i) => i.id)], ['Sandworm', 'Russian Federation', [incidentId]]);

    // The opener changes the rule to 2 of 3: agreement with the dissent on record.
    assert.match((await refusal(updateCase(ctx, AU.id, id, { concurrence_rule: { kind: 'n-of-m', n: 2 } }))).message, /only that node versions it/);
    assert.deepEqual((await refusal(updateCase(ctx, UK.id, id, { status: 'agreed' } as never))).paths, ['$.status']);
    assert.deepEqual((await refusal(updateCase(ctx, UK.id, id, { concurrence_rule: { kind: 'n-of-m', n: 5 } }))).paths, ['$.concurrence_rule.n']);
    await updateCase(ctx, UK.id, id, { concurrence_rule: { kind: 'n-of-m', n: 2 } });
    await transitionCase(ctx, UK.id, id, 'agreed');
    assert.match((await refusal(addEvidence(ctx, UK.id, id, { object_refs: [INDICATOR.id], description: 'late', source_reliability: 'A', information_credibility: 1 }))).message, /the case is agreed; it takes new input only while draft or in consultation/);

    // Publishing needs a statement and the signature of every concurring participant.
    assert.match((await refusal(transitionCase(ctx, UK.id, id, 'published'))).message, /no joint statement has been drafted/);
    assert.match((await refusal(draftStatement(ctx, AU.id, id))).message, /which drafts its statement/);
    const statement = await draftStatement(ctx, UK.id, id);
    assert.match((await refusal(draftStatement(ctx, UK.id, id))).message, /the case has one already/);
    assert.deepEqual(statement.object_marking_refs, [TLP2_CLEAR.id]);
    assert.deepEqual(statement.report_types, ['threat-actor']);
    assert.deepEqual(statement.x_accord_signatories, [UK.id, AU.id]);
    assert.equal(statement.description, [
      'United Kingdom and Australia jointly attribute Grid outage in the north to Sandworm, acting as an organ of Russian Federation.',
      // The weakest of the concurring assessments (UK almost certain, AU highly likely); PL's dissent does not weaken it.
      'They judge it highly likely (ICD 203: very likely; 80–90 %) that Sandworm is responsible.',
      `Norms and international law engaged: ${NORMS_AND_LAW_PLACEHOLDER}`,
    ].join('\n\n'));

    const keys = new Map([UK, AU].map((who) => [who.id, generateKeyPairSync('ed25519')]));
    assert.match((await refusal(transitionCase(ctx, UK.id, id, 'published'))).message, new RegExp(`no valid signature of its current version from ${UK.id}, ${AU.id}$`));
    await cosignStatement(ctx, UK.id, statement.id, keys.get(UK.id)!.privateKey);
    assert.match((await refusal(transitionCase(ctx, UK.id, id, 'published'))).message, new RegExp(`from ${AU.id}$`));
    await cosignStatement(ctx, AU.id, statement.id, keys.get(AU.id)!.privateKey);
    // With registered keys, a signature by another key does not count.
    const wrongKeys = new Map([[UK.id, keys.get(AU.id)!.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')]]);
    assert.match((await refusal(transitionCase(ctx, UK.id, id, 'published', { expectedKeys: wrongKeys }))).message, new RegExp(`from ${UK.id}, ${AU.id}$`));
    const published = await transitionCase(ctx, UK.id, id, 'published');
    assert.deepEqual(published.status_history.map((change) => change.status), ['draft', 'consultation', 'agreed', 'published']);
    assert.ok(published.status_history.every((change) => change.by === UK.id));
    assert.match((await refusal(transitionCase(ctx, UK.id, id, 'withdrawn', { reason: 'second thoughts' }))).message, /published, which is final/);

    // The exported bundle verifies anywhere; the view shows the signatures.
    const bundle = await statementBundle(store, statement.id);
    assert.deepEqual(bundle.objects!.map((object) => object.type).sort(), ['accord-attribution-case', 'accord-signature', 'accord-signature', 'identity', 'identity', 'report']);
    const verification = verifyStatementBundle(JSON.parse(JSON.stringify(bundle)));
    assert.deepEqual(verification.problems, []);
    assert.deepEqual(verification.signatures.map((s) => s.signerName), ['United Kingdom', 'Australia']);
    const final = await caseView(store, id);
    assert.equal(final.statement?.id, statement.id);
    assert.deepEqual(final.signatures.map((s) => [s.signerName, s.valid]), [['United Kingdom', true], ['Australia', true]]);

    // A revised statement is a new version: the old signatures do not carry over.
    const revised = await reviseStatement(ctx, UK.id, statement.id, `${statement.description as string} (revised)`);
    assert.deepEqual(await statementSignatures(store, revised), []);
    await store.close();
  });

  it('withdraws only with a reason, which the history keeps', async () => {
    const { store, ctx, input } = await fixture();
    const opened = await openCase(ctx, UK.id, input);
    assert.match((await refusal(transitionCase(ctx, UK.id, opened.id, 'withdrawn'))).message, /withdrawing a case needs a reason/);
    const withdrawn = await transitionCase(ctx, UK.id, opened.id, 'withdrawn', { reason: 'The incident was a test.' });
    assert.deepEqual(withdrawn.status_history.at(-1), { status: 'withdrawn', by: UK.id, at: withdrawn.modified, reason: 'The incident was a test.' });
    assert.match((await refusal(transitionCase(ctx, UK.id, opened.id, 'consultation'))).message, /withdrawn, which is final/);
    await store.close();
  });

  it('marks what it creates with the context\'s markings, and the statement TLP:CLEAR whatever they are', async () => {
    const { store, ctx, input } = await fixture();
    const green = { ...ctx, markings: [TLP2_GREEN.id] };
    const opened = await openCase(green, UK.id, { ...input, participant_refs: [], concurrence_rule: { kind: 'all' } });
    const assessment = await addAssessment(green, UK.id, opened.id, { level: 'strategic', likelihood: 'likely', rationale: 'r' });
    await transitionCase(green, UK.id, opened.id, 'consultation');
    const opinion = await recordOpinion(green, UK.id, opened.id, { opinion: 'agree' });
    await transitionCase(green, UK.id, opened.id, 'agreed');
    const statement = await draftStatement(green, UK.id, opened.id);
    assert.deepEqual([opened, assessment, opinion].map((object) => object.object_marking_refs), [[TLP2_GREEN.id], [TLP2_GREEN.id], [TLP2_GREEN.id]]);
    assert.deepEqual((await caseView(store, opened.id)).case.object_marking_refs, [TLP2_GREEN.id]);
    assert.deepEqual(statement.object_marking_refs, [TLP2_CLEAR.id]);
    await store.close();
  });

  it('a participant\'s later opinion is a new version of its earlier one', async () => {
    const { store, ctx, input } = await fixture();
    const opened = await openCase(ctx, UK.id, input);
    await transitionCase(ctx, UK.id, opened.id, 'consultation');
    const first = await recordOpinion(ctx, PL.id, opened.id, { opinion: 'strongly-disagree', explanation: 'Single source.' });
    const second = await recordOpinion(ctx, PL.id, opened.id, { opinion: 'agree' });
    assert.equal(second.id, first.id);
    assert.equal(second.explanation, undefined);
    assert.equal((await caseView(store, opened.id)).participants[2]!.stance, 'concurs');
    await store.close();
  });

  it('refuses a statement when a concurring participant has no assessment', async () => {
    const { store, ctx, input } = await fixture();
    const opened = await openCase(ctx, UK.id, { ...input, participant_refs: [AU.id], concurrence_rule: { kind: 'all' } });
    await transitionCase(ctx, UK.id, opened.id, 'consultation');
    await addAssessment(ctx, UK.id, opened.id, { level: 'strategic', likelihood: 'likely', rationale: 'r' });
    await recordOpinion(ctx, UK.id, opened.id, { opinion: 'agree' });
    await recordOpinion(ctx, AU.id, opened.id, { opinion: 'agree' });
    await transitionCase(ctx, UK.id, opened.id, 'agreed');
    assert.match((await refusal(draftStatement(ctx, UK.id, opened.id))).message, new RegExp(`${AU.id} concur but have made no assessment`));
    await store.close();
  });
});
