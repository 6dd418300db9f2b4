import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { WorkflowContext } from '../extensions/store-objects.ts';
import { createIncident } from '../incidents/incidents.ts';
import { checkWorkflowObject } from '../extensions/check.ts';
import { LESSONS_EXTENSION_ID, type LessonsLearned } from './model.ts';
import { searchLessons } from './search.ts';
import { buildLessons, loadLessons, recordLessons, reviseLessons, type LessonsInput } from './services.ts';

/** Post-incident reviews: the builder's checks, revision by the creator as new versions, and search. */

const NODE = 'identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PARTNER = 'identity--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const INCIDENT = 'incident--2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const OTHER_INCIDENT = 'incident--3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a';
const NOW = '2025-04-01T09:00:00.000Z';

const GOOD: LessonsInput = {
  name: 'Grid outage review',
  what_happened: 'A wiper reached the substation controllers through a maintenance VPN.',
  what_worked: ['Manual switching restored power within six hours'],
  what_did_not_work: ['The VPN had no second factor'],
  recommendations: [
    { text: 'Segment the OT network', owner: 'Grid operator OT team', due: '2025-06-01T00:00:00Z', status: 'open' },
    { text: 'Require a second factor on remote access', owner: NODE, due: '2025-05-01T00:00:00Z', status: 'done' },
  ],
  incident_refs: [INCIDENT],
};

/** The problems a refusal carries, as `path rule`, and its messages by path. */
function problemsOf(work: () => unknown): { list: string[]; messages: Record<string, string> } {
  try {
    work();
  } catch (error) {
    assert.ok(isAppError(error), String(error));
    assert.equal(error.code, 'WORKFLOW_BAD_INPUT');
    const problems = (error.details?.problems ?? []) as { path: string; rule: string; message: string }[];
    return { list: problems.map((problem) => `${problem.path} ${problem.rule}`), messages: Object.fromEntries(problems.map((problem) => [problem.path, problem.message])) };
  }
  assert.fail('expected a refusal');
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; paths: string[] }> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(isAppError(error), `expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message, paths: ((error.details?.problems ?? []) as { path: string }[]).map((problem) => problem.path) };
}

describe('buildLessons', () => {
  it('builds a valid accord-lessons-learned object from good input, as given', () => {
    const review = buildLessons(NODE, GOOD, NOW);
    assert.deepEqual(checkWorkflowObject(review), [], 'a registered workflow type: partners check it at ingest');
    assert.match(review.id, /^accord-lessons-learned--[0-9a-f-]{36}$/);
    assert.deepEqual([review.created, review.modified, review.created_by_ref], [NOW, NOW, NODE]);
    assert.deepEqual(review.extensions, { [LESSONS_EXTENSION_ID]: { extension_type: 'new-sdo' } });
    assert.deepEqual(Object.keys(review).sort(), ['created', 'created_by_ref', 'extensions', 'id', 'modified', 'spec_version', 'type', ...Object.keys(GOOD)].sort());
    for (const [name, value] of Object.entries(GOOD)) assert.deepEqual(review[name as keyof LessonsInput], value, name);
    assert.notEqual(buildLessons(NODE, GOOD, NOW).id, review.id, 'each review is new');
  });

  it('needs only a name, an account and the incidents', () => {
    const minimal = buildLessons(NODE, { name: GOOD.name, what_happened: GOOD.what_happened, incident_refs: [INCIDENT] }, NOW);
    assert.deepEqual(checkWorkflowObject(minimal), []);
  });

  it('names every missing required property', () => {
    const { list, messages } = problemsOf(() => buildLessons(NODE, {} as LessonsInput, NOW));
    assert.deepEqual(list, ['$.name required-property', '$.what_happened required-property', '$.incident_refs required-property']);
    assert.match(messages['$.what_happened']!, /account of what happened/);
  });

  it('reports every problem of bad input at once: where, which rule, why', () => {
    const bad = {
      ...GOOD,
      name: '',
      what_worked: 'one thing',
      recommendations: [{ text: 'Patch', owner: '', due: 'soon', status: 'later', priority: 1 }],
      incident_refs: ['malware--11111111-1111-4111-8111-111111111111'],
      case_refs: ['case-7'],
      colour: 'red',
    } as unknown as LessonsInput;
    const { list, messages } = problemsOf(() => buildLessons(NODE, bad, NOW));
    assert.deepEqual(list, [
      '$.name property-type',
      '$.what_worked property-type',
      '$.recommendations[0].owner property-type',
      '$.recommendations[0].due value-format',
      '$.recommendations[0].status vocabulary',
      '$.recommendations[0].priority unknown-property',
      '$.incident_refs[0] reference-type',
      '$.case_refs[0] identifier-format',
      '$.colour unknown-property',
    ]);
    assert.match(messages['$.recommendations[0].owner']!, /identity id or a team/);
    assert.match(messages['$.recommendations[0].due']!, /"soon" is not a STIX timestamp/);
    assert.equal(messages['$.recommendations[0].status'], '"later" is not one of open, in-progress, done, dropped');
    assert.match(messages['$.incident_refs[0]']!, /must be the id of a\w* incident/);
    assert.match(messages['$.colour']!, /known: name, what_happened/);
  });

  it('refuses an empty list of incidents and input that is not an object', () => {
    assert.deepEqual(problemsOf(() => buildLessons(NODE, { ...GOOD, incident_refs: [] }, NOW)).list, ['$.incident_refs property-type']);
    const { list, messages } = problemsOf(() => buildLessons(NODE, 'a review' as unknown as LessonsInput, NOW));
    assert.deepEqual(list, ['$ not-an-object']);
    assert.match(messages.$!, /not "a review"/);
  });
});

describe('recording and revising reviews', () => {
  let store: SqliteStore;
  let ctx: WorkflowContext;
  let incidentId: string;
  let tick = 0;
  const versions = async (id: string): Promise<LessonsLearned[]> => (await store.query({ ids: [id], versions: ['all'] }, { limit: 100 })).items.map((item) => item.object as LessonsLearned);

  before(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    // A clock that moves a second per call, so every revision is newer than the last.
    ctx = { store, now: () => new Date(Date.UTC(2025, 3, 1, 9, 0, tick++)).toISOString() };
    incidentId = (await createIncident(ctx, NODE, { name: 'Grid outage', category: 'critical-infrastructure-disruption', countries: ['EE'] })).id;
  });
  after(async () => store.close());

  it('records a review linked to an incident the store holds, and refuses one naming an incident it does not', async () => {
    const review = await recordLessons(ctx, NODE, { ...GOOD, incident_refs: [incidentId] });
    assert.deepEqual((await loadLessons(store)).map((found) => found.id), [review.id]);
    const missing = await refusal(recordLessons(ctx, NODE, { ...GOOD, incident_refs: [OTHER_INCIDENT] }));
    assert.equal(missing.code, 'STORE_NOT_FOUND');
    assert.equal(missing.message, `incident ${OTHER_INCIDENT} is not in this node's store`);
    assert.equal((await loadLessons(store)).length, 1, 'nothing written');
  });

  it('revises as a new version by the creator: same id and created, later modified, changes merged', async () => {
    const review = await recordLessons(ctx, NODE, { ...GOOD, incident_refs: [incidentId] });
    const done = GOOD.recommendations!.map((recommendation) => ({ ...recommendation, status: 'done' as const }));
    const revised = await reviseLessons(ctx, NODE, review.id, { recommendations: done });
    assert.deepEqual([revised.id, revised.created, revised.created_by_ref], [review.id, review.created, NODE]);
    assert.ok(revised.modified > review.modified);
    assert.deepEqual(revised.recommendations, done);
    assert.equal(revised.what_happened, review.what_happened, 'what was not changed stays');
    assert.deepEqual((await versions(review.id)).map((version) => version.modified).sort(), [review.modified, revised.modified]);
    assert.deepEqual(checkWorkflowObject(revised), []);
  });

  it('removes an optional property given as null, and refuses removing a required one', async () => {
    const review = await recordLessons(ctx, NODE, { ...GOOD, incident_refs: [incidentId] });
    const without = await reviseLessons(ctx, NODE, review.id, { what_did_not_work: null });
    assert.equal('what_did_not_work' in without, false);
    assert.deepEqual(without.what_worked, GOOD.what_worked);
    const required = await refusal(reviseLessons(ctx, NODE, review.id, { name: null }));
    assert.deepEqual([required.code, required.paths], ['WORKFLOW_BAD_INPUT', ['$.name']]);
    assert.equal((await versions(review.id)).length, 2, 'the refused change wrote nothing');
  });

  it('lets only the creator revise, and refuses bad changes with every problem, writing nothing', async () => {
    const review = await recordLessons(ctx, NODE, { ...GOOD, incident_refs: [incidentId] });
    const other = await refusal(reviseLessons(ctx, PARTNER, review.id, { name: 'Taken over' }));
    assert.equal(other.code, 'WORKFLOW_REFUSED');
    assert.equal(other.message, `only ${NODE}, which recorded review ${review.id}, may revise it (STIX 2.1 §3.6)`);
    const bad = await refusal(reviseLessons(ctx, NODE, review.id, { recommendations: [{ text: 'x', owner: 'y', due: '2025-01-01T00:00:00Z', status: 'closed' }], shape: 'round' } as never));
    assert.deepEqual([bad.code, bad.paths], ['WORKFLOW_BAD_INPUT', ['$.recommendations[0].status', '$.shape']]);
    const unknown = await refusal(reviseLessons(ctx, NODE, 'accord-lessons-learned--00000000-0000-4000-8000-000000000000', { name: 'x' }));
    assert.equal(unknown.code, 'STORE_NOT_FOUND');
    assert.equal((await versions(review.id)).length, 1);
  });
});

describe('searchLessons', () => {
  /** A review made of GOOD with `input` over it (`undefined` leaves a property out), with a fixed id. */
  const review = (n: number, modified: string, input: Partial<LessonsInput>): LessonsLearned => ({ ...buildLessons(NODE, { ...GOOD, ...input }, modified), id: `accord-lessons-learned--0000000${n}-0000-4000-8000-000000000000` });
  const GRID = review(1, '2025-03-01T00:00:00.000Z', {});
  const HOSPITAL = review(2, '2025-05-01T00:00:00.000Z', {
    name: 'Hospital ransomware review', what_happened: 'Ransomware encrypted the patient records system.', what_worked: ['Offline backups'], what_did_not_work: undefined,
    recommendations: [{ text: 'Rehearse restoring from backups', owner: 'Hospital IT', due: '2025-09-01T00:00:00Z', status: 'in-progress' }],
    incident_refs: [OTHER_INCIDENT],
  });
  const BOTH = review(3, '2025-04-01T00:00:00.000Z', { name: 'Winter campaign review', what_happened: 'Both incidents were one campaign.', what_worked: undefined, what_did_not_work: undefined, recommendations: undefined, incident_refs: [INCIDENT, OTHER_INCIDENT] });
  const ALL = [GRID, HOSPITAL, BOTH];
  const ids = (found: LessonsLearned[]): string[] => found.map((entry) => entry.id);

  it('returns every review newest first without criteria', () => {
    assert.deepEqual(ids(searchLessons(ALL)), [HOSPITAL.id, BOTH.id, GRID.id]);
  });

  it('finds by text: every word, any case, anywhere in the review, owners included', () => {
    assert.deepEqual(ids(searchLessons(ALL, { text: 'WIPER substation' })), [GRID.id]);
    assert.deepEqual(ids(searchLessons(ALL, { text: 'backups' })), [HOSPITAL.id]);
    assert.deepEqual(ids(searchLessons(ALL, { text: 'hospital it' })), [HOSPITAL.id]);
    assert.deepEqual(ids(searchLessons(ALL, { text: 'second factor' })), [GRID.id], 'from what did not work and a recommendation');
    assert.deepEqual(ids(searchLessons(ALL, { text: 'wiper ransomware' })), [], 'every word must occur');
    assert.deepEqual(ids(searchLessons(ALL, { text: '   ' })), ids(searchLessons(ALL)));
  });

  it('finds by incident', () => {
    assert.deepEqual(ids(searchLessons(ALL, { incident: INCIDENT })), [BOTH.id, GRID.id]);
    assert.deepEqual(ids(searchLessons(ALL, { incident: OTHER_INCIDENT })), [HOSPITAL.id, BOTH.id]);
    assert.deepEqual(searchLessons(ALL, { incident: 'incident--99999999-9999-4999-8999-999999999999' }), []);
  });

  it('finds by owner (any case, part of it) and by status, both on the same recommendation', () => {
    assert.deepEqual(ids(searchLessons(ALL, { owner: 'ot team' })), [GRID.id]);
    assert.deepEqual(ids(searchLessons(ALL, { owner: NODE })), [GRID.id]);
    assert.deepEqual(ids(searchLessons(ALL, { status: 'in-progress' })), [HOSPITAL.id]);
    assert.deepEqual(ids(searchLessons(ALL, { status: 'done' })), [GRID.id]);
    assert.deepEqual(ids(searchLessons(ALL, { owner: 'grid operator', status: 'open' })), [GRID.id]);
    // The OT team's recommendation is open, the done one is the node's: no single recommendation matches both.
    assert.deepEqual(searchLessons(ALL, { owner: 'grid operator', status: 'done' }), []);
    assert.deepEqual(searchLessons(ALL, { status: 'dropped' }), []);
  });

  it('combines every criterion given', () => {
    assert.deepEqual(ids(searchLessons(ALL, { text: 'review', incident: OTHER_INCIDENT, status: 'in-progress' })), [HOSPITAL.id]);
    assert.deepEqual(searchLessons(ALL, { text: 'campaign', owner: 'hospital' }), []);
  });
});
