import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { TLP2_GREEN } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { openCase } from '../attribution/cases.ts';
import type { WorkflowContext } from '../extensions/store-objects.ts';
import { createIncident } from '../incidents/incidents.ts';
import { assessLegal } from '../legal/assess.ts';
import type { LegalFacts } from '../legal/facts.ts';
import { LEGAL_SCENARIOS } from '../legal/scenarios.ts';
import { responseKind } from './catalogue.ts';
import { checkResponseLegality } from './legal-check.ts';
import { overrideLegalAssessment, storeLegalAssessment } from '../legal/records.ts';
import { RESPONSE_STATUSES, type ResponseOption, type ResponsePosition, type ResponseStatus } from './model.ts';
import { boardEntry, optionPositions, proposeResponse, recheckResponse, recordPosition, responseBoard, transitionResponse } from './services.ts';

/** The response services over a real (in-memory) store: proposals, the status flow, positions, the board and rechecks. */

const T = '2025-01-01T00:00:00.000Z';
/** The case's participants (UK opens it) and a state outside it, as identities the store must know. */
const [UK, AU, PL, OUTSIDER] = [
  ['United Kingdom', '5a0c1e2d-3f4b-4c5d-8e6f-7a8b9c0d1e2f'], ['Australia', '6b1d2f3e-4a5c-4d6e-9f7a-8b9c0d1e2f3a'],
  ['Poland', '7c2e3a4f-5b6d-4e7f-8a8b-9c0d1e2f3a4b'], ['Elsewhere', '8d3f4b5a-6c7e-4f8a-9b9c-0d1e2f3a4b5c'],
].map(([name, uuid]): StixObject => ({ type: 'identity', spec_version: '2.1', id: `identity--${uuid}`, created: T, modified: T, name, identity_class: 'organization' })) as [StixObject, StixObject, StixObject, StixObject];
const ACTOR: StixObject = { type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--9e4a5c6b-7d8f-4a9b-8c0d-1e2f3a4b5c6d', created: T, modified: T, name: 'Volt Heron (test)' };

const scenario = (name: string): LegalFacts => {
  const found = LEGAL_SCENARIOS.find((entry) => entry.name === name);
  assert.ok(found, name);
  return found.facts;
};
/** An armed attack still under way: self-defence open within its conditions. */
const GRID = scenario('Grid equipment destroyed in peacetime, continuing');
/** Espionage only: no wrongful act, no armed attack. */
const ESPIONAGE = scenario('Cloud Hopper espionage (A04)');

/** The refusal `promise` ends in: its code, message and problem paths. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; paths: string[] }> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(isAppError(error), `expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message, paths: ((error.details?.problems ?? []) as { path: string }[]).map((problem) => problem.path) };
}

describe('response services', () => {
  let store: SqliteStore;
  let ctx: WorkflowContext;
  let caseId: string;
  let tick = 0;

  /** How many versions of `id` the store holds. */
  const versions = async (id: string): Promise<number> => (await store.query({ ids: [id], versions: ['all'] }, { limit: 100 })).items.length;
  const propose = (kind = 'joint-statement', actor = UK.id): Promise<ResponseOption> => proposeResponse(ctx, actor, caseId, { kind, description: `A ${kind} about the grid outage.`, facts: GRID });

  before(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    await store.ingest([UK, AU, PL, OUTSIDER, ACTOR]);
    // A clock that moves a second per call, so every new version is newer than the last.
    ctx = { store, now: () => new Date(Date.UTC(2025, 2, 1, 10, 0, tick++)).toISOString() };
    const incident = await createIncident(ctx, UK.id, { name: 'Grid outage', category: 'critical-infrastructure-disruption', countries: ['EE'] });
    caseId = (await openCase(ctx, UK.id, { name: 'Grid outage attribution', incident_refs: [incident.id], candidate_ref: ACTOR.id, state_nexus: 'state-organ', participant_refs: [AU.id, PL.id] })).id;
  });
  after(async () => store.close());

  describe('proposing', () => {
    it('lets any participant propose, checked by the legal engine on the facts given', async () => {
      const option = await propose('self-defence', AU.id);
      assert.equal(option.created_by_ref, AU.id);
      assert.equal(option.status, 'proposed');
      assert.deepEqual(option.status_history, [{ status: 'proposed', by: AU.id, at: option.created }]);
      assert.deepEqual(option.legal_check, checkResponseLegality(responseKind('self-defence')!, assessLegal(GRID)));
      assert.equal(option.legal_check.standing, 'lawful-within-conditions');
      assert.equal(option.assessment_ref, undefined, 'facts were given: no stored assessment is named');
    });

    it('refuses a proposal by someone outside the case, writing nothing', async () => {
      const before = (await store.stats()).byType['accord-response-option']?.objects;
      const refused = await refusal(propose('demarche', OUTSIDER.id));
      assert.equal(refused.code, 'WORKFLOW_REFUSED');
      assert.equal(refused.message, `proposing a response is for the participants of case ${caseId}; ${OUTSIDER.id} is not one`);
      assert.equal((await store.stats()).byType['accord-response-option']?.objects, before);
    });

    it('refuses bad input with every problem, saying where', async () => {
      const refused = await refusal(proposeResponse(ctx, UK.id, caseId, { kind: 'invasion', description: ' ', facts: 'grid' as unknown as LegalFacts, colour: 'red' } as never));
      assert.equal(refused.code, 'WORKFLOW_BAD_INPUT');
      assert.deepEqual(refused.paths, ['$.kind', '$.description', '$.facts', '$.colour']);
    });
  });

  describe('the status flow', () => {
    /** What the flow allows (docs/responses.md): forward one step, or dropped from any open status. */
    const ALLOWED = new Set(['proposed>agreed', 'agreed>in-progress', 'in-progress>done', 'proposed>dropped', 'agreed>dropped', 'in-progress>dropped']);
    /** The way from proposed to each status. */
    const PATH: Record<ResponseStatus, ResponseStatus[]> = { proposed: [], agreed: ['agreed'], 'in-progress': ['agreed', 'in-progress'], done: ['agreed', 'in-progress', 'done'], dropped: ['dropped'] };
    const REASON = 'Partners prefer another measure.';

    const optionAt = async (status: ResponseStatus): Promise<ResponseOption> => {
      let option = await propose();
      for (const step of PATH[status]) option = await transitionResponse(ctx, UK.id, option.id, step, step === 'dropped' ? REASON : undefined);
      assert.equal(option.status, status);
      return option;
    };

    for (const from of RESPONSE_STATUSES) {
      for (const to of RESPONSE_STATUSES) {
        const allowed = ALLOWED.has(`${from}>${to}`);
        it(`${from} → ${to}: ${allowed ? 'allowed, appended to the history' : 'refused with the reason, nothing written'}`, async () => {
          const option = await optionAt(from);
          const held = await versions(option.id);
          const attempt = transitionResponse(ctx, UK.id, option.id, to, REASON);
          if (allowed) {
            const moved = await attempt;
            assert.equal(moved.status, to);
            assert.equal(moved.id, option.id);
            assert.deepEqual(moved.status_history.slice(0, -1), option.status_history);
            assert.deepEqual(moved.status_history.at(-1), { status: to, by: UK.id, at: moved.modified, reason: REASON });
            assert.equal(await versions(option.id), held + 1);
            return;
          }
          const refused = await refusal(attempt);
          assert.equal(refused.code, 'WORKFLOW_REFUSED');
          const next = RESPONSE_STATUSES.filter((status) => ALLOWED.has(`${from}>${status}`));
          const why = from === to ? `the option is ${from} already`
            : next.length === 0 ? `the option is ${from}, a final status`
              : `an option ${from} can go to ${next.join(' or ')}, not ${to}`;
          assert.equal(refused.message, why);
          assert.equal(await versions(option.id), held);
        });
      }
    }

    it('drops an option only with a reason', async () => {
      const option = await propose();
      for (const reason of [undefined, '', '   ']) {
        const refused = await refusal(transitionResponse(ctx, UK.id, option.id, 'dropped', reason));
        assert.equal(refused.message, 'dropping an option needs a reason', `reason ${JSON.stringify(reason)}`);
      }
      assert.equal(await versions(option.id), 1);
      assert.equal((await transitionResponse(ctx, UK.id, option.id, 'dropped', REASON)).status_history.at(-1)?.reason, REASON);
    });

    it('refuses an unknown status as bad input, and a change by anyone but the proposer', async () => {
      const option = await propose();
      const unknown = await refusal(transitionResponse(ctx, UK.id, option.id, 'cancelled' as ResponseStatus));
      assert.deepEqual([unknown.code, unknown.paths], ['WORKFLOW_BAD_INPUT', ['$.status']]);
      const other = await refusal(transitionResponse(ctx, AU.id, option.id, 'agreed'));
      assert.equal(other.code, 'WORKFLOW_REFUSED');
      assert.match(other.message, new RegExp(`^only ${UK.id}, which proposed ${option.id}, may change it`));
      assert.equal(await versions(option.id), 1);
    });
  });

  describe('positions', () => {
    it('records support without a reason; oppose and abstain need one, saying where', async () => {
      const option = await propose();
      const support = await recordPosition(ctx, AU.id, option.id, { position: 'support' });
      assert.deepEqual([support.created_by_ref, support.option_ref, support.position, support.reason], [AU.id, option.id, 'support', undefined]);
      for (const position of ['oppose', 'abstain'] as const) {
        const refused = await refusal(recordPosition(ctx, PL.id, option.id, { position }));
        assert.equal(refused.code, 'WORKFLOW_BAD_INPUT');
        assert.deepEqual(refused.paths, ['$.reason']);
        assert.match(refused.message, new RegExp(`why the partner ${position}s? `));
        const given = await recordPosition(ctx, PL.id, option.id, { position, reason: `PL ${position}s: the evidence is not shared yet.` });
        assert.equal(given.position, position);
      }
      const unknown = await refusal(recordPosition(ctx, PL.id, option.id, { position: 'maybe' as 'support' }));
      assert.deepEqual(unknown.paths, ['$.position']);
    });

    it('makes a later position a new version of the earlier one; a reason not given again is dropped', async () => {
      const option = await propose();
      const first = await recordPosition(ctx, PL.id, option.id, { position: 'oppose', reason: 'Too early.' });
      const second = await recordPosition(ctx, PL.id, option.id, { position: 'support' });
      assert.equal(second.id, first.id);
      assert.ok(second.modified > first.modified, 'a newer version');
      assert.equal(second.reason, undefined);
      assert.equal(await versions(first.id), 2);
      assert.deepEqual((await optionPositions(store, option.id)).map((position) => [position.created_by_ref, position.position]), [[PL.id, 'support']]);
    });

    it('refuses a position from outside the case, and on an option done or dropped', async () => {
      const option = await propose();
      const outsider = await refusal(recordPosition(ctx, OUTSIDER.id, option.id, { position: 'support' }));
      assert.equal(outsider.message, `stating a position is for the participants of case ${caseId}; ${OUTSIDER.id} is not one`);
      await transitionResponse(ctx, UK.id, option.id, 'dropped', 'Overtaken by events.');
      const closed = await refusal(recordPosition(ctx, AU.id, option.id, { position: 'support' }));
      assert.equal(closed.message, `option ${option.id} is dropped: positions are taken while it is open`);
      assert.deepEqual(await optionPositions(store, option.id), []);
    });
  });

  describe('the board', () => {
    it('lists the case\'s options oldest first, each with its latest positions, the tally and the silent participants', async () => {
      const board = await responseBoard(store, caseId);
      assert.equal(board.case.id, caseId);
      const created = board.options.map((entry) => entry.option.created);
      assert.deepEqual(created, [...created].sort());
      assert.equal(board.options.length, (await store.stats()).byType['accord-response-option']?.objects);
      for (const entry of board.options) {
        const positions = await optionPositions(store, entry.option.id);
        const count = (position: string) => positions.filter((found) => found.position === position).length;
        assert.deepEqual([entry.tally.support, entry.tally.oppose, entry.tally.abstain], [count('support'), count('oppose'), count('abstain')], entry.option.id);
        assert.deepEqual(entry.tally.silent, [UK.id, AU.id, PL.id].filter((id) => !positions.some((position) => position.created_by_ref === id)));
      }
    });

    it('tallies one option: support, oppose, a changed mind counted once, silence', async () => {
      const option = await propose('demarche');
      await recordPosition(ctx, UK.id, option.id, { position: 'support' });
      await recordPosition(ctx, AU.id, option.id, { position: 'support' });
      await recordPosition(ctx, AU.id, option.id, { position: 'abstain', reason: 'Awaiting our minister.' });
      const entry = (await responseBoard(store, caseId)).options.find((found) => found.option.id === option.id)!;
      assert.deepEqual(entry.tally, { support: 1, oppose: 0, abstain: 1, silent: [PL.id] });
      assert.deepEqual(entry.positions.map((position) => position.created_by_ref).sort(), [UK.id, AU.id].sort());
    });

    it('counts only the participants\' positions on that option (boardEntry is pure)', async () => {
      const board = await responseBoard(store, caseId);
      const { option } = board.options[0]!;
      const stray = (n: number, by: string, optionRef: string): ResponsePosition => ({
        type: 'accord-response-position', spec_version: '2.1', id: `accord-response-position--0000000${n}-0000-4000-8000-000000000000`,
        created: T, modified: T, created_by_ref: by, option_ref: optionRef, position: 'oppose', reason: 'x',
      });
      const entry = boardEntry(board.case, option, [stray(1, OUTSIDER.id, option.id), stray(2, PL.id, 'accord-response-option--00000000-0000-4000-8000-000000000000')]);
      assert.deepEqual(entry.positions, []);
      assert.deepEqual(entry.tally, { support: 0, oppose: 0, abstain: 0, silent: [UK.id, AU.id, PL.id] });
    });
  });

  describe('rechecking', () => {
    it('refuses a proposal without facts while the case has no stored assessment', async () => {
      const refused = await refusal(proposeResponse(ctx, UK.id, caseId, { kind: 'countermeasures', description: 'Suspend a treaty obligation.' }));
      assert.equal(refused.message, `case ${caseId} has no legal assessment yet: store one for the case first, or give the facts with the proposal`);
    });

    it('checks an option again against the case\'s current assessment after new facts: a new version naming it', async () => {
      const option = await propose('self-defence');
      assert.equal(option.legal_check.standing, 'lawful-within-conditions');
      // New facts: the operation turns out to be espionage only.
      const stored = await storeLegalAssessment(ctx, UK.id, ESPIONAGE, { case_ref: caseId });
      const rechecked = await recheckResponse(ctx, UK.id, option.id);
      assert.equal(rechecked.id, option.id);
      assert.ok(rechecked.modified > option.modified);
      assert.equal(rechecked.assessment_ref, stored.id);
      assert.deepEqual(rechecked.legal_check, checkResponseLegality(responseKind('self-defence')!, assessLegal(ESPIONAGE)));
      assert.notEqual(rechecked.legal_check.standing, option.legal_check.standing);
      assert.deepEqual([rechecked.status, rechecked.status_history], [option.status, option.status_history], 'the status is untouched');
      assert.equal(await versions(option.id), 2);
      // With facts given again, the stored assessment is not named any more.
      const back = await recheckResponse(ctx, UK.id, option.id, GRID);
      assert.equal(back.assessment_ref, undefined);
      assert.deepEqual(back.legal_check, option.legal_check);
    });

    it('marks a stored assessment as the context says, and keeps the marking on an override', async () => {
      const marked = { ...ctx, markings: [TLP2_GREEN.id] };
      const stored = await storeLegalAssessment(marked, UK.id, GRID, { case_ref: caseId });
      assert.deepEqual(stored.object_marking_refs, [TLP2_GREEN.id]);
      const overridden = await overrideLegalAssessment(ctx, UK.id, UK.id, stored.id, { conclusion: 'necessity', verdict: 'no', reason: 'Other means were available.' });
      assert.deepEqual(overridden.object_marking_refs, [TLP2_GREEN.id]);
      assert.equal((await storeLegalAssessment(ctx, UK.id, GRID, { case_ref: caseId })).object_marking_refs, undefined, 'no markings asked: the node default applies');
    });

    it('lets only the proposer recheck, and refuses bad facts with their paths under $.facts', async () => {
      // The engine cannot decide countermeasures on these facts (no call on the state yet): the option still stands, open.
      const option = await propose('countermeasures');
      assert.equal(option.legal_check.standing, 'cannot-determine');
      assert.equal(option.legal_check.bases[0]!.steps, undefined, 'no reasoning steps, only what would decide it');
      assert.ok(option.legal_check.bases[0]!.decided_by!.length > 0);
      const other = await refusal(recheckResponse(ctx, PL.id, option.id));
      assert.equal(other.code, 'WORKFLOW_REFUSED');
      const bad = await refusal(recheckResponse(ctx, UK.id, option.id, { effects: { physical_damage: 'yes' } } as unknown as LegalFacts));
      assert.equal(bad.code, 'WORKFLOW_BAD_INPUT');
      assert.deepEqual(bad.paths, ['$.facts.effects.physical_damage']);
      assert.equal(await versions(option.id), 1);
    });
  });
});
