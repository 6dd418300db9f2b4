import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiNode, signedIn, type ApiNode, type Client } from './support/api-node.ts';

/** The issue-8 JSON API over real HTTP: legal assessment, norms, the response board and lessons learned, with roles, policy and audit. */

const T = '2025-01-01T00:00:00.000Z';
const SANDWORM = { type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--66666666-6666-4666-8666-666666666666', created: T, modified: T, name: 'Sandworm' };
const GRID = {
  effects: { physical_damage: true, injury_or_death: false, sectors: ['energy'], critical_infrastructure: true },
  attribution: { responsible_state: 'Q', state_nexus: 'state-organ', confidence: 'almost-certain' }, armed_conflict: { exists: false }, continuing: true,
};

describe('web API: law, norms, responses, lessons', () => {
  let api: ApiNode;
  let ana: Client;
  let rita: Client;
  let incidentId: string;
  let caseId: string;

  before(async () => {
    api = await startApiNode(async (node, collections) => {
      await node.store.ingest([SANDWORM], { collections: [collections.shared] });
    });
    [ana, rita] = await Promise.all([signedIn(api, 'ana'), signedIn(api, 'rita')]);
    const incident = await ana.call('POST', '/api/incidents', { name: 'Grid outage', category: 'critical-infrastructure-disruption', sectors: ['energy'], countries: ['EE'], collection: api.collections.shared });
    assert.equal(incident.status, 201, incident.text);
    incidentId = incident.body.id ?? incident.body.summary?.id;
    const opened = await ana.call('POST', '/api/cases', { name: 'Grid outage attribution', incident_refs: [incidentId], candidate_ref: SANDWORM.id, state_nexus: 'state-organ', collection: api.collections.shared });
    assert.equal(opened.status, 201, opened.text);
    caseId = opened.body.case.id;
  });
  after(async () => api.close());

  it('assesses facts without writing, serves the schema, and refuses bad facts with every problem', async () => {
    const assessed = await rita.call('POST', '/api/legal/assess', GRID);
    assert.equal(assessed.status, 200, assessed.text);
    assert.equal(assessed.body.conclusions.find((entry: { id: string }) => entry.id === 'armed-attack').verdict, 'yes');
    assert.equal((await rita.call('GET', '/api/legal/schema')).body.title, 'Accord legal facts');
    const rules = (await rita.call('GET', '/api/legal/rules')).body as { id: string; source: string }[];
    assert.ok(rules.length >= 30 && rules.every((rule) => rule.id && rule.source), 'every rule the engine cites, with its source');
    const bad = await rita.call('POST', '/api/legal/assess', { effects: { physical_damage: 'yes' }, colour: 1 });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.details.problems.map((problem: { path: string }) => problem.path).sort(), ['$.colour', '$.effects.physical_damage']);
  });

  it('stores an assessment for the case, overrides it with a reason, and audits both; readers may not write', async () => {
    assert.equal((await rita.call('POST', '/api/legal/assessments', { facts: GRID, case_ref: caseId })).status, 403);
    const stored = await ana.call('POST', '/api/legal/assessments', { facts: GRID, case_ref: caseId });
    assert.equal(stored.status, 201, stored.text);
    assert.equal(stored.body.type, 'accord-legal-assessment');
    const noReason = await ana.call('POST', `/api/legal/assessments/${stored.body.id}/overrides`, { conclusion: 'necessity', verdict: 'yes', reason: '' });
    assert.equal(noReason.status, 400, noReason.text);
    const overridden = await ana.call('POST', `/api/legal/assessments/${stored.body.id}/overrides`, { conclusion: 'necessity', verdict: 'no', reason: 'Other means were available.' });
    assert.equal(overridden.status, 200, overridden.text);
    assert.equal(overridden.body.overrides[0].reason, 'Other means were available.');
    assert.notEqual(overridden.body.modified, stored.body.modified);
    const listed = await rita.call('GET', `/api/legal/assessments?case=${encodeURIComponent(caseId)}`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.map((item: { id: string; modified: string }) => [item.id, item.modified]), [[stored.body.id, overridden.body.modified]], 'the latest version, for readers too');
    assert.deepEqual((await rita.call('GET', '/api/legal/assessments?case=accord-attribution-case--00000000-0000-4000-8000-000000000000')).body, []);
    assert.equal((await rita.call('GET', '/api/legal/assessments?colour=red')).status, 400);
    const actions = api.node.audit.list({}).filter((entry) => entry.action.startsWith('legal.')).map((entry) => `${entry.actor} ${entry.action}`);
    assert.deepEqual(actions, ['ana legal.assess', 'ana legal.override']);
  });

  it('proposes responses checked by the legal engine, records positions and statuses, and shows the board', async () => {
    const defence = await ana.call('POST', `/api/cases/${caseId}/responses`, { kind: 'self-defence', description: 'Disable the attacking servers while the attack continues.' });
    assert.equal(defence.status, 201, defence.text);
    assert.equal(defence.body.legal_check.standing, 'lawful-within-conditions');
    assert.ok(defence.body.assessment_ref.startsWith('accord-legal-assessment--'));
    const statement = await ana.call('POST', `/api/cases/${caseId}/responses`, { kind: 'joint-statement', description: 'Joint statement with partners.' });
    assert.equal(statement.body.legal_check.standing, 'lawful-in-itself');
    const bad = await ana.call('POST', `/api/cases/${caseId}/responses`, { kind: 'invasion', description: '' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.details.problems.map((problem: { path: string }) => problem.path), ['$.kind', '$.description']);

    assert.equal((await ana.call('POST', `/api/responses/${statement.body.id}/positions`, { position: 'oppose' })).status, 400, 'opposing needs a reason');
    const position = await ana.call('POST', `/api/responses/${statement.body.id}/positions`, { position: 'support', reason: 'Deters repetition.' });
    assert.equal(position.status, 201, position.text);
    const agreed = await ana.call('POST', `/api/responses/${statement.body.id}/status`, { status: 'agreed' });
    assert.equal(agreed.status, 200, agreed.text);
    const skipped = await ana.call('POST', `/api/responses/${statement.body.id}/status`, { status: 'done' });
    assert.equal(skipped.status, 409, skipped.text);

    const board = await rita.call('GET', `/api/cases/${caseId}/responses`);
    assert.equal(board.status, 200, board.text);
    assert.deepEqual(board.body.options.map((entry: { option: { kind: string; status: string } }) => `${entry.option.kind} ${entry.option.status}`), ['self-defence proposed', 'joint-statement agreed']);
    assert.equal(board.body.options[1].tally.support, 1);
  });

  it('serves the norms catalogue, an incident\'s suggestions, decisions, the matrix and state records', async () => {
    const catalogue = await rita.call('GET', '/api/norms');
    assert.equal(catalogue.body.length, 11);
    const norms = await rita.call('GET', `/api/incidents/${incidentId}/norms`);
    assert.equal(norms.status, 200, norms.text);
    assert.ok(norms.body.suggestions.some((entry: { norm: string }) => entry.norm === '13f'));
    const decided = await ana.call('POST', `/api/incidents/${incidentId}/norms/13f`, { status: 'confirmed', reason: 'Substations were switched off.' });
    assert.equal(decided.status, 201, decided.text);
    assert.equal((await ana.call('POST', `/api/incidents/${incidentId}/norms/13z`, { status: 'confirmed', reason: 'x' })).status, 400);
    const matrix = await rita.call('GET', '/api/norms/matrix?by=actor&period=quarter');
    assert.equal(matrix.status, 200, matrix.text);
    assert.equal(matrix.body.rows.find((row: { norm: string }) => row.norm === '13f').total, 1);
    assert.equal((await rita.call('GET', '/api/norms/matrix?period=decade')).status, 400);
    const record = await ana.call('POST', '/api/norms/implementations', { state: 'GB', norm: '13h', measure: 'A 24/7 point of contact.', evidence: ['https://example.org/poc'], date: T, collection: api.collections.shared });
    assert.equal(record.status, 201, record.text);
    const state = await rita.call('GET', '/api/norms/states/GB');
    assert.equal(state.body.total, 1);
  });

  it('groups the norms matrix per actor or per state (?by=), over what the account may see', async () => {
    const decided = await ana.call('POST', `/api/incidents/${incidentId}/norms/13f`, { status: 'confirmed', reason: 'Substations were switched off.' });
    assert.equal(decided.status, 201, decided.text);
    const hidden = await ana.call('POST', '/api/incidents', { name: 'Analysts-only outage', category: 'critical-infrastructure-disruption', sectors: ['energy'], countries: ['EE'], collection: api.collections.analysts });
    assert.equal(hidden.status, 201, hidden.text);
    const hiddenId = hidden.body.id ?? hidden.body.summary?.id;
    assert.equal((await ana.call('POST', `/api/incidents/${hiddenId}/norms/13f`, { status: 'confirmed', reason: 'Same effects.' })).status, 201);

    type Group = { key: string | null; total: number; rows: { norm: string; total: number; cells: { incidents: { id: string }[] }[] }[] };
    const incidentsOf = (group: Group | undefined, norm: string): string[] => group?.rows.find((row) => row.norm === norm)?.cells.flatMap((cell) => cell.incidents.map((item) => item.id)) ?? [];
    const byActor = await rita.call('GET', '/api/norms/matrix?by=actor&period=quarter');
    assert.equal(byActor.status, 200, byActor.text);
    assert.equal(byActor.body.by, 'actor');
    const groups = byActor.body.groups as Group[];
    // The case names Sandworm as the candidate actor and no state.
    assert.ok(incidentsOf(groups.find((group) => group.key === SANDWORM.id), '13f').includes(incidentId));
    for (const group of groups) assert.equal(group.total, group.rows.reduce((sum, row) => sum + row.total, 0), `group ${group.key}`);
    assert.ok(groups.every((group) => !incidentsOf(group, '13f').includes(hiddenId)), 'rita may not read the analysts\' incident');
    const byState = await ana.call('GET', '/api/norms/matrix?by=state');
    const unattributed = (byState.body.groups as Group[]).find((group) => group.key === null);
    assert.deepEqual([incidentId, hiddenId].filter((id) => incidentsOf(unattributed, '13f').includes(id)), [incidentId, hiddenId], 'ana sees both, under no state');
    const bad = await rita.call('GET', '/api/norms/matrix?by=country');
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.body.message ?? bad.text, /by=country: expected actor or state/);
  });

  it('records lessons learned and searches them by text, incident, owner and status; what a role may not read stays hidden', async () => {
    const input = {
      name: 'Grid outage review', what_happened: 'A wiper reached substation controllers.', what_worked: ['Manual switching'],
      recommendations: [{ text: 'Segment the OT network', owner: 'Grid operator', due: '2025-06-01T00:00:00Z', status: 'open' }],
      incident_refs: [incidentId], collection: api.collections.shared,
    };
    const review = await ana.call('POST', '/api/lessons', input);
    assert.equal(review.status, 201, review.text);
    const hidden = await ana.call('POST', '/api/lessons', { ...input, name: 'Analysts only', collection: api.collections.analysts });
    assert.equal(hidden.status, 201, hidden.text);
    assert.deepEqual((await rita.call('GET', '/api/lessons?q=substation%20wiper')).body.map((entry: { id: string }) => entry.id), [review.body.id]);
    assert.equal((await ana.call('GET', `/api/lessons?incident=${incidentId}&owner=grid&status=open`)).body.length, 2);
    assert.equal((await rita.call('GET', '/api/lessons?status=done')).body.length, 0);
    assert.equal((await rita.call('GET', `/api/lessons/${hidden.body.id}`)).status, 404);
    assert.equal((await rita.call('GET', `/api/lessons/${review.body.id}`)).body.name, 'Grid outage review');
    assert.equal((await ana.call('POST', '/api/lessons', { ...input, recommendations: [{ text: 'x', owner: 'y', due: 'soon', status: 'later' }] })).status, 400);
  });
});
