import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair } from '../src/federation/keys.ts';
import { uuidV5 } from '../src/stix/identifier.ts';
import type { StixObject } from '../src/stix/object.ts';
import { addAssessment, recordOpinion } from '../src/workflows/attribution/index.ts';
import { createIncident } from '../src/workflows/incidents/index.ts';
import type { WorkflowContext } from '../src/workflows/extensions/store-objects.ts';
import { cosignStatement, verifyStatementBundle } from '../src/workflows/statements/index.ts';
import { basic, Client, signedIn, startApiNode, type ApiNode } from './support/api-node.ts';

const NS = '0d7e3a52-7a4f-4d8e-8a51-3c2f3f7a9b10';
const T0 = '2025-01-01T00:00:00.000Z';
const sdo = (type: string, name: string, extra: Record<string, unknown> = {}): StixObject =>
  ({ type, spec_version: '2.1', id: `${type}--${uuidV5(NS, `${type}/${name}`)}`, created: T0, modified: T0, name, ...extra });
const indicator = (name: string, ip: string): StixObject => sdo('indicator', name, { pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', valid_from: T0 });
const indicates = (from: StixObject, to: StixObject): StixObject =>
  ({ type: 'relationship', spec_version: '2.1', id: `relationship--${uuidV5(NS, `${from.id}>${to.id}`)}`, created: T0, modified: T0, relationship_type: 'indicates', source_ref: from.id, target_ref: to.id });

// The partner AU, as its objects would arrive here: its identity, and intelligence it created.
const auIdentity = sdo('identity', 'AU ACSC (test)', { identity_class: 'organization' });
const auKeys = generateKeyPair();
const bear = sdo('intrusion-set', 'Copper Bear', { created_by_ref: auIdentity.id });
const lynx = sdo('intrusion-set', 'Quiet Lynx', { created_by_ref: auIdentity.id });
const secretSet = sdo('intrusion-set', 'Secret Heron');
const secretWorm = sdo('malware', 'Secret Worm', { is_family: false });
// The incident's own intelligence: two C2 addresses.
const c2a = indicator('C2 a', '203.0.113.7');
const c2b = indicator('C2 b', '203.0.113.8');
// Bear is known by both addresses, Lynx by one: Bear ranks first.
const bearA = indicator('Bear a', '203.0.113.7');
const bearB = indicator('Bear b', '203.0.113.8');
const lynxA = indicator('Lynx a', '203.0.113.7');
// Known to analysts only: a reader's correlations leave it out.
const secretA = indicator('Secret a', '203.0.113.8');
const SHARED_OBJECTS = [auIdentity, bear, lynx, c2a, c2b, bearA, bearB, lynxA, indicates(bearA, bear), indicates(bearB, bear), indicates(lynxA, lynx)];

describe('web API: incidents, correlation, attribution cases and statements', () => {
  let api: ApiNode;
  let ana: Client;
  let ada: Client;
  let rita: Client;
  let pat: Client;
  /** AU's own node acting on the objects this node shares with it (its answers arrive in the shared collection). */
  let au: WorkflowContext;

  before(async () => {
    api = await startApiNode(async (node, collections) => {
      await node.store.ingest(SHARED_OBJECTS, { collections: [collections.shared] });
      await node.store.ingest([secretSet, secretWorm, secretA, indicates(secretA, secretSet)], { collections: [collections.analysts] });
      node.local.addPartner({ name: 'au', kind: 'state', url: 'https://au.example/taxii2/accord/', identityId: auIdentity.id, publicKey: auKeys.publicKey, createdAt: T0 });
    });
    au = { store: api.node.store, collections: [api.collections.shared] };
    [ana, ada, rita] = await Promise.all([signedIn(api, 'ana'), signedIn(api, 'ada'), signedIn(api, 'rita')]);
    // A partner's machine account cannot sign in to the web app: it tries with its Authorization header.
    pat = new Client(api.base, basic('pat', api.secrets.pat!));
  });
  after(async () => api.close());

  const problemsOf = (body: any): { path: string }[] => body.details?.problems ?? [];

  let incidentId: string;

  it('creates, lists, shows and versions incidents; bad input is a 400 listing every problem', async () => {
    const created = await ana.call('POST', '/api/incidents', {
      name: 'Ministry mail breach', description: 'Mail servers of a ministry were breached.', category: 'espionage', countries: ['GB'], sectors: ['government'],
      impact: { physical_damage: false, injury_or_death: false, data: ['stolen'] }, timeline: [{ at: '2025-02-01T08:00:00Z', event: 'first beacon' }],
      related_refs: [c2a.id, c2b.id, secretWorm.id], collection: api.collections.shared,
    });
    assert.equal(created.status, 201, created.text);
    incidentId = created.body.summary.id;
    assert.equal(created.body.category, 'espionage');
    assert.equal(created.body.status, 'open');
    assert.deepEqual(created.body.countries, ['GB']);
    assert.equal(created.body.timeline[0].event, 'first beacon');
    assert.equal(created.body.editable, true);
    assert.equal(created.body.object.created_by_ref, api.identityId);

    const detailForReader = await rita.call('GET', `/api/incidents/${incidentId}`);
    assert.equal(detailForReader.status, 200, detailForReader.text);
    // The reader sees the shared intelligence, not the analysts-only malware.
    assert.deepEqual(detailForReader.body.related.map((item: { id: string }) => item.id), [c2a.id, c2b.id]);
    assert.deepEqual(detailForReader.body.missing, [secretWorm.id]);

    const patched = await ana.call('PATCH', `/api/incidents/${incidentId}`, { status: 'contained', description: null });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.status, 'contained');
    assert.equal(patched.body.description, undefined);
    assert.notEqual(patched.body.summary.modified, created.body.summary.modified);

    await ana.call('POST', '/api/incidents', { name: 'Grid outage', category: 'critical-infrastructure-disruption', countries: ['PL'], collection: api.collections.shared });
    const espionage = await rita.call('GET', '/api/incidents?category=espionage&country=gb');
    assert.equal(espionage.status, 200, espionage.text);
    assert.deepEqual(espionage.body.items.map((row: { summary: { id: string } }) => row.summary.id), [incidentId]);
    assert.deepEqual(espionage.body.items[0].impact?.data, ['stolen'], 'a row carries the impact');
    assert.deepEqual((await rita.call('GET', '/api/incidents?sector=Government')).body.items.map((row: { summary: { id: string } }) => row.summary.id), [incidentId]);
    assert.equal((await rita.call('GET', '/api/incidents?sector=energy')).body.total, 0);
    const all = await rita.call('GET', '/api/incidents?limit=1');
    assert.equal(all.body.total, 2);
    assert.equal(all.body.items[0].summary.name, 'Grid outage', 'newest first');

    const bad = await ana.call('POST', '/api/incidents', { category: 'nonsense', countries: ['XX1'], colour: 'red' });
    assert.equal(bad.status, 400, bad.text);
    const paths = problemsOf(bad.body).map((problem) => problem.path);
    for (const path of ['$.name', '$.category', '$.colour']) assert.ok(paths.some((found) => found.startsWith(path)), `${path} in ${paths.join(', ')}`);
    assert.equal((await ana.call('PATCH', `/api/incidents/${incidentId}`, { status: 'gone' })).status, 400);
    const ofAu = await createIncident(au, auIdentity.id, { name: 'AU port breach', category: 'ransomware' });
    const foreign = await ana.call('PATCH', `/api/incidents/${ofAu.id}`, { status: 'closed' });
    assert.equal(foreign.status, 409, foreign.text);
    assert.match(foreign.body.description, /only its creator makes new versions/);
    assert.equal((await rita.call('GET', `/api/incidents/${ofAu.id}`)).body.editable, false);
    assert.equal((await rita.call('GET', '/api/incidents?category=nonsense')).status, 400);
    assert.equal((await ana.call('POST', '/api/incidents', { name: 'x', category: 'other', collection: api.collections.default })).status, 400, 'an analyst may not write the administrators\' collection');
  });

  it('answers ranked, explained correlations with the partner each suggestion came from', async () => {
    const answer = await rita.call('GET', `/api/incidents/${incidentId}/correlations`);
    assert.equal(answer.status, 200, answer.text);
    const targets = answer.body.suggestions.map((suggestion: { target: { id: string } }) => suggestion.target.id);
    assert.deepEqual(targets.slice(0, 2), [bear.id, lynx.id]);
    const [first, second] = answer.body.suggestions;
    assert.ok(first.score > second.score);
    assert.equal(first.origin, 'AU ACSC (test)');
    assert.equal(first.reasons[0].kind, 'observables');
    assert.equal(first.reasons[0].count, 2);
    assert.match(first.explanation, /shares 2 observables with intrusion set Copper Bear \(from AU ACSC \(test\)\)/);
    assert.ok(!targets.includes(secretSet.id), 'the reader may not see the analysts\' intrusion set');
    const forAnalyst = await ana.call('GET', `/api/incidents/${incidentId}/correlations`);
    assert.ok(forAnalyst.body.suggestions.some((suggestion: { target: { id: string } }) => suggestion.target.id === secretSet.id));
    assert.equal((await rita.call('GET', `/api/incidents/${incidentId}/correlations?limit=0`)).status, 400);
  });

  it('takes a case through its flow over HTTP: refusals are 409 with the reason, publishing needs every signature, the bundle verifies', async () => {
    const opened = await ana.call('POST', '/api/cases', {
      name: 'Ministry mail breach', incident_refs: [incidentId], candidate_ref: bear.id, state_nexus: 'unknown', participant_refs: [auIdentity.id], collection: api.collections.shared,
    });
    assert.equal(opened.status, 201, opened.text);
    const caseId: string = opened.body.case.id;
    assert.equal(opened.body.case.status, 'draft');
    assert.deepEqual(opened.body.participants.map((p: { identityId: string }) => p.identityId).sort(), [api.identityId, auIdentity.id].sort());
    assert.equal(opened.body.candidate.id, bear.id);
    assert.deepEqual(opened.body.transitions.map((t: { to: string; allowed: boolean }) => [t.to, t.allowed]), [['consultation', true], ['withdrawn', true]]);

    const evidence = await ana.call('POST', `/api/cases/${caseId}/evidence`, { object_refs: [c2a.id], description: 'The C2 address is Bear infrastructure.', source_reliability: 'B', information_credibility: 2 });
    assert.equal(evidence.status, 201, evidence.text);
    assert.equal(evidence.body.evidence[0].grade.code, 'B2');
    assert.deepEqual(evidence.body.evidence[0].objects.map((o: { id: string }) => o.id), [c2a.id]);
    const badEvidence = await ana.call('POST', `/api/cases/${caseId}/evidence`, { object_refs: [], source_reliability: 'Z', information_credibility: 9 });
    assert.equal(badEvidence.status, 400, badEvidence.text);
    assert.ok(problemsOf(badEvidence.body).length >= 3, badEvidence.text);

    const assessed = await ana.call('POST', `/api/cases/${caseId}/assessments`, { level: 'technical', likelihood: 'highly-likely', rationale: 'Shared C2 and tooling.' });
    assert.equal(assessed.status, 201, assessed.text);
    await addAssessment(au, auIdentity.id, caseId, { level: 'strategic', likelihood: 'likely', rationale: 'Consistent with the actor\'s tasking.' });

    const early = await ana.call('POST', `/api/cases/${caseId}/opinions`, { opinion: 'agree' });
    assert.equal(early.status, 409, early.text);
    assert.match(early.body.description, /during consultation/);
    const skip = await ana.call('POST', `/api/cases/${caseId}/transitions`, { to: 'agreed' });
    assert.equal(skip.status, 409, skip.text);
    assert.match(skip.body.description, /a draft case can go only to consultation or withdrawn/);
    assert.equal((await ana.call('POST', `/api/cases/${caseId}/transitions`, { to: 'sideways' })).status, 400);

    const consultation = await ana.call('POST', `/api/cases/${caseId}/transitions`, { to: 'consultation' });
    assert.equal(consultation.status, 200, consultation.text);
    assert.equal(consultation.body.case.status, 'consultation');
    assert.equal((await ana.call('POST', `/api/cases/${caseId}/opinions`, { opinion: 'disagree' })).status, 400, 'a dissent needs reasons');
    assert.equal((await ana.call('POST', `/api/cases/${caseId}/opinions`, { opinion: 'agree' })).status, 201);
    await recordOpinion(au, auIdentity.id, caseId, { opinion: 'strongly-disagree', explanation: 'The C2 address is shared hosting.' });

    const disputed = await rita.call('GET', `/api/cases/${caseId}`);
    assert.equal(disputed.status, 200, disputed.text);
    const auView = disputed.body.participants.find((p: { identityId: string }) => p.identityId === auIdentity.id);
    assert.equal(auView.stance, 'dissents');
    assert.deepEqual(auView.dissent, { opinion: 'strongly-disagree', explanation: 'The C2 address is shared hosting.' });
    assert.equal(auView.assessments[0].likelihood, 'likely');
    assert.equal(auView.name, 'AU ACSC (test)');
    const listedRow = (await rita.call('GET', '/api/cases')).body.items.find((row: { summary: { id: string } }) => row.summary.id === caseId);
    assert.deepEqual(listedRow.stances.find((row: { identityId: string }) => row.identityId === auIdentity.id), { identityId: auIdentity.id, name: 'AU ACSC (test)', stance: 'dissents' }, 'the list shows each stance too');
    const toAgreed = disputed.body.transitions.find((t: { to: string }) => t.to === 'agreed');
    assert.equal(toAgreed.allowed, false);
    assert.match(toAgreed.reason, /concurrence rule is not met/);
    const refused = await ana.call('POST', `/api/cases/${caseId}/transitions`, { to: 'agreed' });
    assert.equal(refused.status, 409, refused.text);
    assert.match(refused.body.description, /concurrence rule is not met/);

    await recordOpinion(au, auIdentity.id, caseId, { opinion: 'agree' });
    const agreed = await ana.call('POST', `/api/cases/${caseId}/transitions`, { to: 'agreed' });
    assert.equal(agreed.status, 200, agreed.text);
    assert.equal(agreed.body.concurrence.met, true);

    const drafted = await ana.call('POST', `/api/cases/${caseId}/statement`);
    assert.equal(drafted.status, 201, drafted.text);
    const statementId: string = drafted.body.statement.summary.id;
    assert.equal(drafted.body.statement.summary.tlp, 'clear');
    assert.match(drafted.body.statement.text, /Copper Bear/);

    const unsigned = await ana.call('POST', `/api/cases/${caseId}/transitions`, { to: 'published' });
    assert.equal(unsigned.status, 409, unsigned.text);
    assert.match(unsigned.body.description, /not signed by every concurring participant/);

    const signed = await ana.call('POST', `/api/statements/${statementId}/signatures`);
    assert.equal(signed.status, 201, signed.text);
    assert.equal(signed.body.caseId, caseId);
    assert.equal(signed.body.signature.signer, api.identityId);
    assert.equal(signed.body.signature.valid, true);
    const halfSigned = await ana.call('POST', `/api/cases/${caseId}/transitions`, { to: 'published' });
    assert.equal(halfSigned.status, 409, halfSigned.text);
    assert.match(halfSigned.body.description, new RegExp(`from ${auIdentity.id}`));

    await cosignStatement(au, auIdentity.id, statementId, auKeys.privateKey);
    const published = await ana.call('POST', `/api/cases/${caseId}/transitions`, { to: 'published' });
    assert.equal(published.status, 200, published.text);
    assert.equal(published.body.case.status, 'published');
    assert.deepEqual(published.body.signatures.map((s: { signer: string; valid: boolean }) => [s.signer, s.valid]).sort(), [[api.identityId, true], [auIdentity.id, true]].sort());
    assert.deepEqual(published.body.transitions, []);

    const bundle = await rita.call('GET', `/api/statements/${statementId}/bundle`);
    assert.equal(bundle.status, 200, bundle.text);
    assert.match(bundle.headers.get('content-disposition') ?? '', /^attachment; filename="statement-/);
    const ownKey = api.node.local.nodeKey()!.publicKey;
    const verdict = verifyStatementBundle(bundle.body, { expectedKeys: new Map([[api.identityId, ownKey], [auIdentity.id, auKeys.publicKey]]) });
    assert.equal(verdict.ok, true, verdict.problems.join('; '));
    assert.equal(verdict.signatures.length, 2);
    const checked = await rita.call('POST', '/api/statements/verify', bundle.body);
    assert.equal(checked.body.ok, true, checked.text);
    const tampered = structuredClone(bundle.body);
    const report = tampered.objects.find((object: { id: string }) => object.id === statementId);
    report.description = `${report.description} `;
    assert.equal((await rita.call('POST', '/api/statements/verify', tampered)).body.ok, false, 'one byte more in the text breaks every signature');

    const actions = api.node.audit.list().filter((entry) => entry.target === caseId || entry.target === statementId).map((entry) => `${entry.actor} ${entry.action}`);
    for (const action of ['ana case.open', 'ana case.evidence', 'ana case.assessment', 'ana case.opinion', 'ana case.transition', 'ana statement.draft', 'ana statement.sign']) {
      assert.ok(actions.includes(action), `${action} audited (${actions.join(', ')})`);
    }
  });

  it('readers read, analysts and administrators write, partners\' machine accounts are refused', async () => {
    const cases = await rita.call('GET', '/api/cases');
    assert.equal(cases.status, 200, cases.text);
    const caseId: string = cases.body.items[0].summary.id;
    assert.equal(cases.body.items[0].status, 'published');
    assert.equal((await rita.call('POST', '/api/incidents', { name: 'x', category: 'other' })).status, 403);
    assert.equal((await rita.call('POST', `/api/cases/${caseId}/transitions`, { to: 'withdrawn', reason: 'no' })).status, 403);
    assert.equal((await pat.call('GET', '/api/cases')).status, 403);
    const byAdmin = await ada.call('POST', `/api/cases/${caseId}/transitions`, { to: 'withdrawn', reason: 'test' });
    assert.equal(byAdmin.status, 409, 'a published case is final');
    assert.match(byAdmin.body.description, /final/);
  });

  it('shows no case to a reader without a grant on its collection: 404 like an absent one', async () => {
    const hidden = await ana.call('POST', '/api/cases', {
      name: 'Analysts only', incident_refs: [incidentId], candidate_ref: secretSet.id, state_nexus: 'state-organ', collection: api.collections.analysts,
    });
    assert.equal(hidden.status, 201, hidden.text);
    const id: string = hidden.body.case.id;
    assert.equal((await ana.call('GET', `/api/cases/${id}`)).status, 200);
    const forReader = await rita.call('GET', `/api/cases/${id}`);
    const absent = await rita.call('GET', `/api/cases/accord-attribution-case--${uuidV5(NS, 'absent')}`);
    assert.equal(forReader.status, 404);
    assert.equal(absent.status, 404);
    assert.equal(forReader.body.error_code, absent.body.error_code);
    const listed = await rita.call('GET', '/api/cases');
    assert.ok(!listed.body.items.some((row: { summary: { id: string } }) => row.summary.id === id));
    assert.equal((await rita.call('POST', `/api/cases/${id}/opinions`, { opinion: 'agree' })).status, 403);
    const incident = await rita.call('GET', `/api/incidents/${incidentId}`);
    assert.ok(!incident.body.cases.some((row: { summary: { id: string } }) => row.summary.id === id), 'the incident lists only the cases the reader may see');
  });

  it('searches the record of public attributions by actor, state and year', async () => {
    const lazarus = await rita.call('GET', '/api/attributions?actor=lazarus');
    assert.equal(lazarus.status, 200, lazarus.text);
    assert.ok(lazarus.body.items.some((item: { key: string }) => item.key === '2017-12-19-wannacry'));
    assert.equal(lazarus.body.total, lazarus.body.items.length);
    const russia2018 = await rita.call('GET', '/api/attributions?state=russia&year=2018');
    assert.ok(russia2018.body.items.length > 0);
    for (const item of russia2018.body.items) {
      assert.match(item.state, /russia/i);
      assert.ok(item.date.startsWith('2018-'));
    }
    assert.equal((await rita.call('GET', '/api/attributions?year=last')).status, 400);
    assert.equal((await rita.call('GET', '/api/attributions?actorname=x')).status, 400);
  });
});
