/**
 * Issue 8 across three real nodes (`accord serve` for UK, AU and PL, synced
 * with `accord sync`): a legal assessment, a response option with partners'
 * positions and a lessons-learned review made on the nodes' own stores reach
 * exactly the partners the agreements name. What each node then holds is
 * judged by the independent reading of the sharing rules in
 * support/federation-oracle.ts against the agreements the nodes really have:
 * nothing where the rules forbid it, everything where they allow it.
 *
 * The agreements: UK and AU share every type of the workflow, lessons learned
 * included, at CLEAR, GREEN and AMBER; PL's agreements (with UK and with AU)
 * leave out `accord-lessons-learned` and AMBER from UK. So a GREEN review
 * reaches AU and not PL, and an AMBER assessment reaches AU, which may not
 * pass it onward to PL although its agreement with PL lists AMBER.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TLP2_AMBER, TLP2_CLEAR, TLP2_GREEN } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { newVersion } from '../src/stix/versioning.ts';
import type { NodeStores } from '../src/store/data-dir.ts';
import { openCase } from '../src/workflows/attribution/index.ts';
import { latestObject, type WorkflowContext } from '../src/workflows/extensions/index.ts';
import { createIncident } from '../src/workflows/incidents/index.ts';
import { recordLessons } from '../src/workflows/lessons/index.ts';
import { storeLegalAssessment } from '../src/workflows/legal/index.ts';
import { proposeResponse, recordPosition } from '../src/workflows/responses/index.ts';
import { Federation, run, versionKey } from './support/federation-nodes.ts';
import { breaches, forbidden, viewsOf } from './support/federation-oracle.ts';

const NAMES = ['uk', 'au', 'pl'] as const;
type Name = (typeof NAMES)[number];

/** What every agreement carries: the identities and the objects of the attribution and response workflows. */
const WORKFLOW_TYPES = ['identity', 'incident', 'intrusion-set', 'accord-attribution-case', 'accord-legal-assessment', 'accord-response-option', 'accord-response-position'];
/** The terms of each pair, the same in both directions at both nodes. */
const TERMS: readonly { pair: [Name, Name]; types: string[]; tlp: string }[] = [
  { pair: ['uk', 'au'], types: [...WORKFLOW_TYPES, 'accord-lessons-learned'], tlp: 'clear,green,amber' },
  { pair: ['uk', 'pl'], types: WORKFLOW_TYPES, tlp: 'clear,green' },
  { pair: ['au', 'pl'], types: WORKFLOW_TYPES, tlp: 'clear,green,amber' },
];

const GRID_FACTS = {
  effects: { physical_damage: true, injury_or_death: false, sectors: ['energy' as const], critical_infrastructure: true },
  target: { states: ['GB'] },
  attribution: { responsible_state: 'Q', state_nexus: 'state-organ' as const, confidence: 'almost-certain' as const },
  armed_conflict: { exists: false }, continuing: true,
};

describe('legal assessments, response positions and lessons learned across three partner nodes', () => {
  let federation: Federation;
  const id = (name: Name): string => federation.nodes[name]!.identity.id;
  const ctx = (name: Name, node: NodeStores, marking: string): WorkflowContext => ({ store: node.store, collections: [federation.nodes[name]!.collection], markings: [marking] });
  /** Runs `step` on `name`'s own store, its new objects marked `marking`. */
  const work = <T>(name: Name, step: (context: WorkflowContext) => Promise<T>, marking = TLP2_GREEN.id): Promise<T> => federation.with(name, (node) => step(ctx(name, node, marking)));
  /** Syncs every node with all its partners, `rounds` times over (onward sharing needs a second round). */
  const syncRounds = async (rounds: number): Promise<void> => {
    for (let round = 1; round <= rounds; round++) {
      for (const name of NAMES) {
        const { code, reports } = await federation.sync(name);
        assert.equal(code, 0, `accord sync at ${name}, round ${round}: ${JSON.stringify(reports.flatMap((report) => report.errors))}`);
      }
    }
  };

  /** Every version made, by the node that made it. */
  const made = new Map<Name, StixObject[]>(NAMES.map((name) => [name, []]));
  const keep = <T extends StixObject>(name: Name, object: T): T => {
    made.get(name)!.push(object);
    return object;
  };
  let greenAssessment: StixObject;
  let amberAssessment: StixObject;
  let review: StixObject;
  let positions: StixObject[];

  before(async () => {
    federation = await Federation.start(NAMES);
    for (const { pair: [a, b], types, tlp } of TERMS) {
      await federation.link(a, b);
      for (const [self, peer] of [[a, b], [b, a]] as const) {
        for (const direction of ['outbound', 'inbound']) {
          await run('--data', federation.nodes[self]!.dir, 'agreement', 'set', peer, '--direction', direction, '--types', types.join(','), '--tlp', tlp, '--onward', 'yes');
        }
      }
    }
    // Each node publishes its identity at CLEAR, so the others know the case's participants.
    for (const name of NAMES) {
      await work(name, async (context) => {
        await context.store.ingest([newVersion((await latestObject(context.store, id(name)))!, { object_marking_refs: [TLP2_CLEAR.id] })], { collections: context.collections! });
      });
    }
    await syncRounds(1);
  });
  after(async () => federation?.close());

  it('UK assesses the case, proposes a response and records a review; AU states its position on its own node', async () => {
    const { caseId, optionId } = await work('uk', async (context) => {
      const actor = keep('uk', {
        type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--4d2c8e1a-7b3f-4a5e-9c6d-1e2f3a4b5c6d', created: '2026-02-01T00:00:00.000Z', modified: '2026-02-01T00:00:00.000Z',
        created_by_ref: id('uk'), name: 'COPPER STORK (test)', object_marking_refs: [TLP2_GREEN.id],
      } as StixObject);
      await context.store.ingest([actor], { collections: context.collections! });
      const incident = keep('uk', await createIncident(context, id('uk'), { name: 'Substation wiper', category: 'critical-infrastructure-disruption', sectors: ['energy'], countries: ['GB'] }));
      const opened = keep('uk', await openCase(context, id('uk'), { name: 'Substation wiper attribution', incident_refs: [incident.id], candidate_ref: actor.id, state_nexus: 'state-organ', participant_refs: [id('au'), id('pl')] }));
      greenAssessment = keep('uk', await storeLegalAssessment(context, id('uk'), GRID_FACTS, { case_ref: opened.id }));
      const option = keep('uk', await proposeResponse(context, id('uk'), opened.id, { kind: 'joint-statement', description: 'A joint public attribution with partners.' }));
      keep('uk', await recordPosition(context, id('uk'), option.id, { position: 'support' }));
      review = keep('uk', await recordLessons(context, id('uk'), {
        name: 'Substation wiper review', what_happened: 'A wiper reached substation controllers through a maintenance VPN.',
        recommendations: [{ text: 'Second factor on remote access', owner: 'Grid operator', due: '2026-06-01T00:00:00Z', status: 'open' }],
        incident_refs: [incident.id], case_refs: [opened.id],
      }));
      return { caseId: opened.id, optionId: option.id };
    });
    // A second assessment, once the attack has stopped, kept at AMBER.
    amberAssessment = await work('uk', async (context) => keep('uk', await storeLegalAssessment(context, id('uk'), { ...GRID_FACTS, continuing: false }, { case_ref: caseId })), TLP2_AMBER.id);
    await syncRounds(1);
    // AU holds the option now (its agreement with UK covers it) and answers on its own node.
    await work('au', async (context) => {
      keep('au', await recordPosition(context, id('au'), optionId, { position: 'abstain', reason: 'Awaiting ministerial clearance.' }));
    });
    positions = [...made.values()].flat().filter((object) => object.type === 'accord-response-position');
    assert.equal(positions.length, 2);
  });

  it('after syncing, every node holds exactly what the agreements allow it', async () => {
    await syncRounds(2);
    const objects = [...made.values()].flat();
    const origin = new Map([...made].flatMap(([name, list]) => list.map((object) => [versionKey(object), name] as const)));
    const views = await viewsOf(federation, objects);
    assert.deepEqual(breaches(views, objects, origin), []);

    const holders = (object: StixObject): string[] => NAMES.filter((name) => views.get(name)!.held.has(versionKey(object)));
    // What the oracle's reading of the agreements says of the direct routes from UK, beside what arrived.
    const direct = (object: StixObject, to: Name): string | undefined => forbidden(views, 'uk', to, object, null);
    assert.deepEqual(holders(review), ['uk', 'au'], `the review: PL ${direct(review, 'pl')}`);
    assert.equal(direct(review, 'au'), undefined);
    assert.deepEqual(holders(greenAssessment), ['uk', 'au', 'pl']);
    assert.deepEqual(holders(amberAssessment), ['uk', 'au'], `the AMBER assessment: PL ${direct(amberAssessment, 'pl')}`);
    // AU may not pass it on, although AU's agreements with PL list AMBER and the type.
    const atAu = views.get('au')!.held.get(versionKey(amberAssessment));
    assert.equal(atAu?.partner, 'uk', 'AU received it from UK');
    assert.match(forbidden(views, 'au', 'pl', amberAssessment, atAu!) ?? '', /amber received by au from uk never travels onward/);
    for (const position of positions) assert.deepEqual(holders(position), ['uk', 'au', 'pl'], `${position.created_by_ref}'s position`);
  });
});
