import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttributionCase } from '../attribution/model.ts';
import { WORKFLOW_EXTENSION_IDS } from '../extensions/definitions.ts';
import type { AccordIncident } from '../incidents/index.ts';
import { buildNormImplementation } from './implementations.ts';
import { decisionTag, suggestionTags } from './tags.ts';
import { normMatrix, periodOf, stateRecord } from './views.ts';

const NODE = 'identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ANALYST = 'identity--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const ACTOR = 'intrusion-set--5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c';
const OTHER_ACTOR = 'intrusion-set--6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d';
const STATE = 'location--7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

function incident(n: number, created: string, timeline: string[] = []): AccordIncident {
  return {
    type: 'incident', spec_version: '2.1', id: `incident--0000000${n}-0000-4000-8000-000000000000`, created, modified: created, name: `incident ${n}`,
    extensions: { [WORKFLOW_EXTENSION_IDS['accord-incident']]: {
      extension_type: 'property-extension', category: 'destructive-wiper', status: 'closed', countries: ['UA'],
      ...(timeline.length > 0 ? { timeline: timeline.map((at) => ({ at, event: 'seen' })) } : {}),
    } },
  };
}

function attributionCase(n: number, incidents: string[], candidate: string, status: AttributionCase['status'], state?: string): AttributionCase {
  return {
    type: 'accord-attribution-case', spec_version: '2.1', id: `accord-attribution-case--0000000${n}-0000-4000-8000-000000000000`, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z',
    created_by_ref: NODE, name: `case ${n}`, incident_refs: incidents, candidate_ref: candidate, state_nexus: 'state-organ', status,
    status_history: [], concurrence_rule: { kind: 'all' }, participant_refs: [NODE], ...(state === undefined ? {} : { state_ref: state }),
  };
}

const confirm = (incidentId: string, norm: '13f' | '13g', at: string) => decisionTag(NODE, ANALYST, { incident_ref: incidentId, norm, status: 'confirmed', reason: 'checked' }, at);
const suggest = (incidentId: string, norm: '13f' | '13g', at: string) => suggestionTags(NODE, incidentId, [{ norm, title: '', citation: '', score: 1, rules: [{ rule: 'destructive-malware', condition: '', weight: 2, matched: {} }] }], at)[0]!;

const one = incident(1, '2022-03-01T00:00:00.000Z', ['2022-02-24T04:00:00Z', '2022-02-23T22:00:00Z']);
const two = incident(2, '2017-06-28T00:00:00.000Z');
const three = incident(3, '2022-11-05T00:00:00.000Z');
const TAGS = [
  confirm(one.id, '13f', '2022-03-02T00:00:00.000Z'),
  confirm(two.id, '13f', '2022-03-02T00:00:00.000Z'),
  suggest(three.id, '13f', '2022-11-06T00:00:00.000Z'),
  // Confirmed first, then rejected: the rejection is current.
  confirm(one.id, '13g', '2022-03-02T00:00:00.000Z'),
  decisionTag(NODE, ANALYST, { incident_ref: one.id, norm: '13g', status: 'rejected', reason: 'not protection' }, '2022-03-03T00:00:00.000Z'),
];
const CASES = [
  attributionCase(1, [one.id], ACTOR, 'published', STATE),
  attributionCase(2, [two.id], OTHER_ACTOR, 'agreed'),
  attributionCase(3, [two.id], ACTOR, 'withdrawn', STATE),
];

describe('normMatrix', () => {
  it('puts each incident with a confirmed current tag under its norm and year, with its actors and states; every norm has a row', () => {
    const matrix = normMatrix([one, two, three], TAGS, CASES);
    assert.deepEqual(matrix.periods, ['2017', '2022']);
    assert.equal(matrix.rows.length, 11);
    const f = matrix.rows.find((row) => row.norm === '13f')!;
    assert.equal(f.total, 2);
    assert.deepEqual(f.cells.map((cell) => [cell.period, cell.incidents.map((item) => [item.id, item.at, item.actors, item.states])]), [
      ['2017', [[two.id, two.created, [OTHER_ACTOR], []]]],
      // The first timeline entry dates it; the withdrawn case names nobody.
      ['2022', [[one.id, '2022-02-23T22:00:00Z', [ACTOR], [STATE]]]],
    ]);
    assert.equal(matrix.rows.find((row) => row.norm === '13g')!.total, 0);
  });

  it('counts suggestions too when asked, by quarter', () => {
    const matrix = normMatrix([one, two, three], TAGS, CASES, { statuses: ['confirmed', 'suggested'], period: 'quarter' });
    assert.deepEqual(matrix.periods, ['2017-Q2', '2022-Q1', '2022-Q4']);
    assert.deepEqual(matrix.rows.find((row) => row.norm === '13f')!.cells.map((cell) => cell.incidents.map((item) => item.status)), [['confirmed'], ['confirmed'], ['suggested']]);
  });

  it('filters by actor and by state', () => {
    const byActor = normMatrix([one, two, three], TAGS, CASES, { actor: ACTOR });
    assert.deepEqual(byActor.rows.flatMap((row) => row.cells.flatMap((cell) => cell.incidents.map((item) => item.id))), [one.id]);
    const byState = normMatrix([one, two, three], TAGS, CASES, { state: STATE });
    assert.deepEqual(byState.periods, ['2022']);
    assert.deepEqual(normMatrix([one, two, three], TAGS, CASES, { state: 'location--00000000-0000-4000-8000-000000000000' }).periods, []);
  });

  it('groups the rows per actor or per state, by id, with the incidents no attribution names for last; an incident naming two actors is in both', () => {
    // A second live case names incident one with the other actor.
    const cases = [...CASES, attributionCase(4, [one.id], OTHER_ACTOR, 'agreed', STATE)];
    const options = { statuses: ['confirmed', 'suggested'] as const, by: 'actor' as const };
    const byActor = normMatrix([one, two, three], TAGS, cases, options);
    assert.equal(byActor.by, 'actor');
    const cellsOf = (rows: NonNullable<typeof byActor.groups>[number]['rows']) => rows.filter((row) => row.total > 0)
      .map((row) => [row.norm, row.cells.map((cell) => [cell.period, cell.incidents.map((item) => item.id)])]);
    assert.deepEqual(byActor.groups!.map((group) => [group.key, group.total]), [[ACTOR, 1], [OTHER_ACTOR, 2], [null, 1]]);
    assert.deepEqual(cellsOf(byActor.groups![1]!.rows), [['13f', [['2017', [two.id]], ['2022', [one.id]]]]]);
    assert.deepEqual(cellsOf(byActor.groups![2]!.rows), [['13f', [['2017', []], ['2022', [three.id]]]]], 'the unattributed suggestion');
    for (const group of byActor.groups!) {
      assert.equal(group.rows.length, 11, 'every norm has a row in every group');
      assert.ok(group.rows.every((row) => row.cells.map((cell) => cell.period).join() === byActor.periods.join()), 'the same columns');
    }
    // The ungrouped rows are unchanged by the grouping.
    assert.deepEqual(byActor.rows, normMatrix([one, two, three], TAGS, cases, { statuses: options.statuses }).rows);

    const byState = normMatrix([one, two, three], TAGS, cases, { ...options, by: 'state' });
    assert.deepEqual(byState.groups!.map((group) => [group.key, group.total]), [[STATE, 1], [null, 2]]);
    assert.deepEqual(cellsOf(byState.groups![1]!.rows), [['13f', [['2017', [two.id]], ['2022', [three.id]]]]]);
  });

  it('groups within the filters, adds nothing without `by`, and does not depend on the order of its inputs', () => {
    const filtered = normMatrix([one, two, three], TAGS, CASES, { state: STATE, by: 'actor' });
    assert.deepEqual(filtered.groups!.map((group) => [group.key, group.total]), [[ACTOR, 1]]);
    const plain = normMatrix([one, two, three], TAGS, CASES);
    assert.equal('groups' in plain || 'by' in plain, false);
    assert.deepEqual(normMatrix([one, two, three], TAGS, CASES, { state: 'location--00000000-0000-4000-8000-000000000000', by: 'state' }).groups, [], 'nothing to group');
    const grouped = normMatrix([one, two, three], TAGS, CASES, { by: 'actor', statuses: ['confirmed', 'suggested'] });
    assert.deepEqual(normMatrix([three, two, one], [...TAGS].reverse(), [...CASES].reverse(), { by: 'actor', statuses: ['suggested', 'confirmed'] }), grouped);
  });

  it('names periods by year, quarter and month', () => {
    assert.deepEqual(['year', 'quarter', 'month'].map((period) => periodOf('2024-05-31T23:59:59Z', period as 'year')), ['2024', '2024-Q2', '2024-05']);
    assert.equal(periodOf('2024-12-01T00:00:00Z', 'quarter'), '2024-Q4');
  });
});

describe('stateRecord', () => {
  it('lists every norm with the state\'s measures, oldest first', () => {
    const input = (norm: '13g' | '13h', date: string, state = 'PL') => buildNormImplementation(NODE, { state, norm, measure: `${norm} ${date}`, evidence: ['https://example.org/e'], date }, '2024-01-01T00:00:00.000Z');
    const record = stateRecord([input('13g', '2023-01-01T00:00:00Z'), input('13g', '2019-01-01T00:00:00Z'), input('13h', '2020-01-01T00:00:00Z'), input('13h', '2020-01-01T00:00:00Z', 'GB')], 'PL');
    assert.equal(record.total, 3);
    assert.equal(record.norms.length, 11);
    assert.deepEqual(record.norms.filter((row) => row.measures.length > 0).map((row) => [row.norm, row.measures.map((measure) => measure.date)]), [
      ['13g', ['2019-01-01T00:00:00Z', '2023-01-01T00:00:00Z']],
      ['13h', ['2020-01-01T00:00:00Z']],
    ]);
  });
});
