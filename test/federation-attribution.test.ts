/**
 * Joint attribution across three real nodes (issue 7): `accord serve`
 * processes for UK, AU and PL, synced with `accord sync`. A case opened at UK
 * reaches AU and PL; each adds its assessment and opinion on its own node
 * (the workflow services against that node's store, its own identity); they
 * sync back; UK moves the case to agreed and drafts the statement; each node
 * co-signs with its own key; the signatures sync; UK publishes. The statement
 * bundle then verifies on every node against the keys that node registered
 * for its partners, and on every node's public pages — and fails to verify
 * after any change to the statement or a signature.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nodeSigningKey } from '../src/federation/keys.ts';
import { TLP2_CLEAR, TLP2_GREEN } from '../src/stix/markings.ts';
import type { StixBundle, StixObject } from '../src/stix/object.ts';
import { newVersion } from '../src/stix/versioning.ts';
import type { NodeStores } from '../src/store/data-dir.ts';
import { latestObject } from '../src/workflows/extensions/store-objects.ts';
import { addAssessment, caseView, openCase, readCase, recordOpinion, transitionCase } from '../src/workflows/attribution/index.ts';
import type { WorkflowContext } from '../src/workflows/extensions/index.ts';
import { createIncident } from '../src/workflows/incidents/index.ts';
import { cosignStatement, draftStatement, statementBundle, verifyStatementBundle } from '../src/workflows/statements/index.ts';
import { Federation, run } from './support/federation-nodes.ts';

const NAMES = ['uk', 'au', 'pl'] as const;
type Name = (typeof NAMES)[number];

describe('a joint attribution across three partner nodes', () => {
  let federation: Federation;
  const id = (name: Name): string => federation.nodes[name]!.identity.id;
  /** The workflow context of `name`'s own work: its default collection, GREEN (joint cases travel at CLEAR/GREEN). */
  const ctx = (name: Name, node: NodeStores): WorkflowContext => ({ store: node.store, collections: [federation.nodes[name]!.collection], markings: [TLP2_GREEN.id] });
  const work = <T>(name: Name, step: (context: WorkflowContext, node: NodeStores) => Promise<T>): Promise<T> => federation.with(name, (node) => step(ctx(name, node), node));
  const syncAll = async (name: Name): Promise<void> => {
    const { code, reports } = await federation.sync(name);
    assert.equal(code, 0, `accord sync at ${name}: ${JSON.stringify(reports.flatMap((report) => report.errors))}`);
  };
  /** The keys `name` registered for its partners, and its own. */
  const expectedKeys = (name: Name): Promise<Map<string, string>> => federation.with(name, (node) => new Map([
    ...node.local.listPartners().flatMap((partner) => (partner.identityId !== undefined && partner.publicKey !== undefined ? [[partner.identityId, partner.publicKey] as const] : [])),
    [id(name), federation.nodes[name]!.identity.publicKey] as const,
  ]));

  let caseId: string;
  let statementId: string;

  before(async () => {
    federation = await Federation.start(NAMES);
    for (const [a, b] of [['uk', 'au'], ['uk', 'pl'], ['au', 'pl']] as const) await federation.link(a, b);
    for (const name of NAMES) {
      for (const peer of NAMES.filter((other) => other !== name)) {
        for (const direction of ['outbound', 'inbound']) {
          await run('--data', federation.nodes[name]!.dir, 'agreement', 'set', peer, '--direction', direction, '--tlp', 'clear,green', '--onward', 'yes');
        }
      }
    }
  });
  after(async () => federation?.close());

  it('opens the case at UK and shares it with AU and PL', async () => {
    // Each node publishes its identity TLP:CLEAR in its default collection (it signs public statements); a first round makes the partners known to each other.
    for (const name of NAMES) {
      await work(name, async (context) => {
        const identity = await latestObject(context.store, id(name));
        await context.store.ingest([newVersion(identity!, { object_marking_refs: [TLP2_CLEAR.id] })], { collections: context.collections! });
      });
    }
    for (const name of NAMES) await syncAll(name);
    caseId = await work('uk', async (context) => {
      const actor: StixObject = {
        type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--0b6a2d1e-4c3f-4e8a-9b7d-5f1e2a3c4d5e', created: '2026-01-02T00:00:00.000Z', modified: '2026-01-02T00:00:00.000Z',
        created_by_ref: id('uk'), name: 'GLASS HERON (test)', object_marking_refs: [TLP2_GREEN.id],
      };
      await context.store.ingest([actor], { collections: context.collections! });
      const incident = await createIncident(context, id('uk'), {
        name: 'Spear-phishing of electoral administrators', category: 'election-interference', countries: ['GB'],
        impact: { physical_damage: false, injury_or_death: false, data: ['stolen'] }, status: 'contained',
      });
      const opened = await openCase(context, id('uk'), {
        name: 'Paper Ballot', incident_refs: [incident.id], candidate_ref: actor.id, state_nexus: 'state-organ', participant_refs: [id('au'), id('pl')],
      });
      await transitionCase(context, id('uk'), opened.id, 'consultation');
      return opened.id;
    });
    await syncAll('uk');
    for (const name of ['au', 'pl'] as const) {
      const atPartner = await federation.with(name, (node) => readCase(node.store, caseId));
      assert.equal(atPartner.status, 'consultation', `${name} holds the case in consultation`);
      assert.equal(atPartner.created_by_ref, id('uk'));
    }
  });

  it('each partner assesses and concurs on its own node, and the results sync back to UK', async () => {
    const likelihoods = { uk: 'highly-likely', au: 'likely', pl: 'almost-certain' } as const;
    for (const name of NAMES) {
      await work(name, async (context) => {
        await addAssessment(context, id(name), caseId, { level: 'technical', likelihood: likelihoods[name], rationale: `${name.toUpperCase()}'s own analysis of the tooling.` });
        await recordOpinion(context, id(name), caseId, { opinion: 'agree', explanation: `${name.toUpperCase()} joins the attribution.` });
      });
    }
    for (const name of ['au', 'pl'] as const) await syncAll(name);
    const atUk = await federation.with('uk', (node) => caseView(node.store, caseId));
    for (const name of NAMES) {
      const participant = atUk.participants.find((found) => found.identityId === id(name));
      assert.ok(participant, `UK sees ${name} as a participant`);
      assert.deepEqual(participant.assessments.map((assessment) => [assessment.created_by_ref, assessment.likelihood]), [[id(name), likelihoods[name]]], `UK holds ${name}'s assessment`);
      assert.deepEqual([participant.latestOpinion?.created_by_ref, participant.stance], [id(name), 'concurs'], `UK holds ${name}'s opinion`);
    }
  });

  it('UK agrees the case and drafts the statement; every node co-signs it with its own key; UK publishes', async () => {
    statementId = await work('uk', async (context) => {
      await transitionCase(context, id('uk'), caseId, 'agreed');
      return (await draftStatement(context, id('uk'), caseId)).id;
    });
    await syncAll('uk');
    for (const name of NAMES) {
      await work(name, async (context, node) => {
        await cosignStatement(context, id(name), statementId, nodeSigningKey(node.local)!);
      });
    }
    for (const name of ['au', 'pl'] as const) await syncAll(name);
    const keys = await expectedKeys('uk');
    const published = await work('uk', (context) => transitionCase(context, id('uk'), caseId, 'published', { expectedKeys: keys }));
    assert.equal(published.status, 'published');
    await syncAll('uk');
    for (const name of ['au', 'pl'] as const) await syncAll(name);
  });

  it('the statement bundle verifies on every node against the keys that node registered', async () => {
    for (const name of NAMES) {
      const bundle = await federation.with(name, (node) => statementBundle(node.store, statementId));
      const verification = verifyStatementBundle(bundle, { expectedKeys: await expectedKeys(name) });
      assert.deepEqual(verification.problems, [], `at ${name}`);
      assert.equal(verification.ok, true, `at ${name}`);
      assert.deepEqual(new Set(verification.signatures.map((signature) => signature.signer)), new Set(NAMES.map(id)), `three signers at ${name}`);
      assert.ok(verification.signatures.every((signature) => signature.valid));
      assert.equal((await federation.with(name, (node) => readCase(node.store, caseId))).status, 'published', `${name} holds the published case`);
    }
  });

  it("every node's public pages serve the statement, and its bundle verifies there — and not after any change", async () => {
    for (const name of NAMES) {
      const server = federation.nodes[name]!.server;
      const page = await fetch(`${server.url}/public/statements/`);
      assert.equal(page.status, 200);
      assert.ok((await page.text()).includes(statementId), `${name}'s public pages list the statement`);
      const response = await fetch(`${server.url}/public/statements/${statementId}/bundle.json`);
      assert.equal(response.status, 200, `${name} serves the bundle`);
      const text = await response.text();
      const keys = await expectedKeys(name);
      assert.equal(verifyStatementBundle(JSON.parse(text), { expectedKeys: keys }).ok, true, `the bundle from ${name}'s public pages verifies`);
      for (const [what, tampered] of tamperings(JSON.parse(text) as StixBundle, statementId)) {
        const verification = verifyStatementBundle(tampered, { expectedKeys: keys });
        assert.equal(verification.ok, false, `${what} (bundle from ${name}) still verifies`);
        assert.ok(verification.problems.length > 0 || verification.signatures.some((signature) => !signature.valid), what);
      }
    }
  });
});

/**
 * One changed copy of `bundle` per signed byte run: each string or number of
 * the statement report, and each of every signature's own properties, with
 * one character changed (the statement's text at its first, middle and last
 * character).
 */
function tamperings(bundle: StixBundle, statementId: string): [string, StixBundle][] {
  const changed: [string, StixBundle][] = [];
  const objects = bundle.objects as Record<string, unknown>[];
  objects.forEach((object, index) => {
    const signed = object.id === statementId || object.type === 'accord-signature';
    if (!signed) return;
    for (const [property, value] of Object.entries(object)) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      if (object.type === 'accord-signature' && ['id', 'created', 'modified', 'spec_version', 'type', 'created_by_ref', 'algorithm', 'canonicalization', 'key_fingerprint'].includes(property)) continue;
      const text = String(value);
      const positions = property === 'description' ? [0, Math.floor(text.length / 2), text.length - 1] : [text.length - 1];
      for (const at of positions) {
        const copy = structuredClone(bundle);
        const flipped = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
        (copy.objects as Record<string, unknown>[])[index]![property] = typeof value === 'number' ? value + 1 : flipped;
        changed.push([`${String(object.type)}.${property}[${at}] changed`, copy]);
      }
    }
  });
  assert.ok(changed.length > 10, 'the statement and its signatures were found in the bundle');
  return changed;
}
