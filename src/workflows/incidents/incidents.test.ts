import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { checkWorkflowObject } from '../extensions/check.ts';
import type { WorkflowContext } from '../extensions/store-objects.ts';
import { createIncident, incidentExtension, updateIncident, type IncidentInput } from './incidents.ts';

const UK = 'identity--11111111-1111-4111-8111-111111111111';
const AU = 'identity--22222222-2222-4222-8222-222222222222';
const INDICATOR = 'indicator--77777777-7777-4777-8777-777777777777';

function context(store: Store): WorkflowContext {
  let tick = 0;
  return { store, now: () => new Date(Date.UTC(2025, 2, 1, 10, 0, tick++)).toISOString() };
}

const input: IncidentInput = {
  name: 'Hospital ransomware', description: 'Records systems encrypted', category: 'ransomware', sectors: ['healthcare'], countries: ['GB'],
  impact: { physical_damage: false, injury_or_death: false, data: ['stolen', 'leaked'], disruption_hours: 72, economic_cost_usd: 1_500_000 },
  timeline: [{ at: '2025-02-27T03:00:00Z', event: 'encryption begins' }], related_refs: [INDICATOR],
};

async function rejection(promise: Promise<unknown>): Promise<{ message: string; problems: { path: string; rule: string }[] }> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(isAppError(error), `expected a refusal, got ${String(error)}`);
  return { message: error.message, problems: (error.details?.problems ?? []) as { path: string; rule: string }[] };
}

describe('incidents', () => {
  it('creates an incident with the extension (status open by default), valid and stored', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    const incident = await createIncident(context(store), UK, input);
    assert.deepEqual(checkWorkflowObject(incident), []);
    assert.equal(incident.created_by_ref, UK);
    assert.equal(incidentExtension(incident)?.status, 'open');
    assert.deepEqual(incidentExtension(incident)?.impact?.data, ['stolen', 'leaked']);
    assert.equal((await store.query({ ids: [incident.id] })).items.length, 1);
    await store.close();
  });

  it('updates as a new STIX version, keeping what is not changed and removing what is set to null', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    const ctx = context(store);
    const first = await createIncident(ctx, UK, input);
    const second = await updateIncident(ctx, UK, first.id, { status: 'contained', description: null, timeline: [...input.timeline!, { at: '2025-02-28T12:00:00Z', event: 'backups restored' }] });
    assert.equal(second.id, first.id);
    assert.ok(second.modified! > first.modified!);
    assert.equal(second.description, undefined);
    assert.equal(incidentExtension(second)?.status, 'contained');
    assert.equal(incidentExtension(second)?.timeline?.length, 2);
    assert.equal(incidentExtension(second)?.category, 'ransomware');
    assert.equal((await store.query({ ids: [first.id], versions: ['all'] })).items.length, 2);
    await store.close();
  });

  const bad: [name: string, input: unknown, path: string, rule: string][] = [
    ['no name', { ...input, name: undefined }, '$.name', 'required-property'],
    ['an unknown category', { ...input, category: 'vandalism' }, '$.category', 'vocabulary'],
    ['a country code in lower case', { ...input, countries: ['gb'] }, '$.countries[0]', 'value-format'],
    ['an empty sector list', { ...input, sectors: [] }, '$.sectors', 'property-type'],
    ['a cost that is text', { ...input, impact: { ...input.impact, economic_cost_usd: '1M' } }, '$.impact.economic_cost_usd', 'property-type'],
    ['a timeline time that is not a timestamp', { ...input, timeline: [{ at: 'yesterday', event: 'x' }] }, '$.timeline[0].at', 'value-format'],
    ['a related ref to a person', { ...input, related_refs: [UK] }, '$.related_refs[0]', 'reference-type'],
    ['an unknown property', { ...input, severity: 'high' }, '$.severity', 'unknown-property'],
  ];
  for (const [name, value, path, rule] of bad) {
    it(`refuses ${name}, saying where and why, and writes nothing`, async () => {
      const store = await openSqliteStore({ path: ':memory:' });
      const { problems, message } = await rejection(createIncident(context(store), UK, value as IncidentInput));
      assert.ok(problems.some((problem) => problem.path === path && problem.rule === rule), JSON.stringify(problems));
      assert.match(message, new RegExp(`^the incident is not valid: .*${path.replace(/[$.[\]]/g, '\\$&')}`));
      assert.equal((await store.stats()).objects, 0);
      await store.close();
    });
  }

  it('refuses an update by anyone but the creator, and bad changes', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    const ctx = context(store);
    const incident = await createIncident(ctx, UK, input);
    assert.match((await rejection(updateIncident(ctx, AU, incident.id, { status: 'closed' }))).message, /only its creator makes new versions of it \(STIX 2\.1 §3\.6\)/);
    assert.deepEqual((await rejection(updateIncident(ctx, UK, incident.id, { status: 'solved' as never }))).problems.map((p) => p.path), ['$.status']);
    assert.deepEqual((await rejection(updateIncident(ctx, UK, incident.id, { category: null as never }))).problems.map((p) => p.path), ['$.category']);
    assert.match((await rejection(updateIncident(ctx, UK, 'incident--99999999-9999-4999-8999-999999999999', {}))).message, /is not in this node's store/);
    await store.close();
  });
});
