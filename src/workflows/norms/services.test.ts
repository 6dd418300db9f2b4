import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { WorkflowContext } from '../extensions/store-objects.ts';
import { createIncident, type AccordIncident } from '../incidents/index.ts';
import { implementationsOfNorm, implementationsOfState, loadImplementations, recordImplementation } from './implementations.ts';
import { currentNormTag, currentNormTags, decideNorm, loadNormTags, recordSuggestions } from './tags.ts';

/** The norms services over a real (in-memory) store: suggestions written once, analysts' decisions kept, records queried. */

const NODE = 'identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ANALYST = 'identity--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

describe('norms services', () => {
  let store: SqliteStore;
  let ctx: WorkflowContext;
  let incident: AccordIncident;
  let clock = 0;

  before(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    // A clock that moves a second per call, so the order of decisions is the order of the calls.
    ctx = { store, now: () => new Date(Date.UTC(2024, 5, 1, 10, 0, clock++)).toISOString() };
    incident = await createIncident(ctx, NODE, { name: 'Grid wiper', category: 'destructive-wiper', sectors: ['energy'], countries: ['UA', 'PL'], status: 'open' });
  });
  after(async () => store.close());

  it('writes a suggested tag per suggested norm, and nothing more when nothing changed', async () => {
    const first = await recordSuggestions(ctx, NODE, incident);
    assert.deepEqual(first.written.map((tag) => tag.norm), first.suggestions.map((suggestion) => suggestion.norm));
    assert.deepEqual(first.suggestions.map((suggestion) => suggestion.norm), ['13f', '13g', '13h', '13a']);
    const again = await recordSuggestions(ctx, NODE, incident);
    assert.deepEqual(again.written, []);
    assert.equal((await loadNormTags(store, incident.id)).length, 4);
  });

  it('keeps an analyst\'s decision: the latest tag is current, and a later suggestion does not replace it', async () => {
    await decideNorm(ctx, NODE, ANALYST, { incident_ref: incident.id, norm: '13h', status: 'rejected', reason: 'No request for assistance was made.' });
    await decideNorm(ctx, NODE, ANALYST, { incident_ref: incident.id, norm: '13f', status: 'confirmed', reason: 'Substations were switched off for six hours.' });
    const rerun = await recordSuggestions(ctx, NODE, incident, { state_nexus: 'state-organ' });
    // Only the attribution rule adds something new: 13a now rests on two rules (score 2), and 13b (2) is new; ties go by id.
    assert.deepEqual(rerun.written.map((tag) => [tag.norm, tag.rules]), [['13a', ['several-states', 'attribution-decision']], ['13b', ['attribution-decision']]]);
    const current = currentNormTags(await loadNormTags(store, incident.id));
    assert.equal(currentNormTag(current, incident.id, '13h')?.status, 'rejected');
    assert.equal(currentNormTag(current, incident.id, '13f')?.status, 'confirmed');
    assert.equal(currentNormTag(current, incident.id, '13f')?.decided_by, ANALYST);
    assert.equal(currentNormTag(current, incident.id, '13g')?.status, 'suggested');
  });

  it('refuses a decision about an incident the store does not hold, writing nothing', async () => {
    const before = (await loadNormTags(store)).length;
    await assert.rejects(decideNorm(ctx, NODE, ANALYST, { incident_ref: 'incident--9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f', norm: '13f', status: 'confirmed', reason: 'x' }), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, 'STORE_NOT_FOUND');
      assert.equal(error.message, "incident incident--9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f is not in this node's store");
      return true;
    });
    assert.equal((await loadNormTags(store)).length, before);
  });

  it('stores implementation records and answers per state and per norm, oldest first', async () => {
    await recordImplementation(ctx, NODE, { state: 'PL', norm: '13g', measure: 'National CI protection act', evidence: ['https://example.gov.pl/ci-act'], date: '2023-01-01T00:00:00Z' });
    await recordImplementation(ctx, NODE, { state: 'GB', norm: '13j', measure: 'Vulnerability disclosure policy', evidence: ['https://example.gov.uk/vdp'], date: '2021-05-01T00:00:00Z' });
    await recordImplementation(ctx, NODE, { state: 'PL', norm: '13h', measure: 'National point of contact named', evidence: ['https://example.gov.pl/poc'], date: '2020-02-01T00:00:00Z' });
    const records = await loadImplementations(store);
    assert.deepEqual(implementationsOfState(records, 'PL').map((record) => record.norm), ['13h', '13g']);
    assert.deepEqual(implementationsOfNorm(records, '13j').map((record) => record.state), ['GB']);
    assert.deepEqual(implementationsOfState(records, 'AU'), []);
  });
});
