/**
 * Clock skew between partner nodes (issue 5: "clock skew between nodes of ±5
 * minutes is harmless"): UK runs 5 minutes fast and AU 5 minutes slow — their
 * servers, their imports and their syncs, each a child process with a preload
 * that shifts its clock (support/skewed-clock.ts; the product has no clock seam).
 * Pull and push still converge with nothing lost or duplicated, every page and
 * envelope verifies, and the cursors advance so a second run moves nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { Federation, markedObject, run } from './support/federation-nodes.ts';

const MINUTE = 60_000;
const SKEW = { uk: 5 * MINUTE, au: -5 * MINUTE } as const;

/** Four versions each side may share (CLEAR, GREEN, AMBER twice) and one it may not (AMBER+STRICT). */
function batch(): { shared: StixObject[]; kept: StixObject[] } {
  return { shared: [TLP2_CLEAR, TLP2_GREEN, TLP2_AMBER, TLP2_AMBER].map((marking) => markedObject([marking.id])), kept: [markedObject([TLP2_AMBER_STRICT.id])] };
}

describe('partner nodes whose clocks are 5 minutes fast and 5 minutes slow', () => {
  let federation: Federation;

  /** How many versions of each object `name` holds in its default collection. */
  const versionsAt = async (name: string, objects: readonly StixObject[]): Promise<number[]> => federation.with(name, async (node) => {
    const found = await node.store.query({ ids: objects.map((object) => object.id), versions: ['all'], collection: federation.nodes[name]!.collection }, { limit: 1000 });
    return objects.map((object) => found.items.filter((item) => item.object.id === object.id).length);
  });
  const expectExactlyOnce = async (name: string, shared: readonly StixObject[], kept: readonly StixObject[]): Promise<void> => {
    assert.deepEqual(await versionsAt(name, shared), shared.map(() => 1), `every shared version at ${name} exactly once`);
    assert.deepEqual(await versionsAt(name, kept), kept.map(() => 0), `AMBER+STRICT never at ${name}`);
  };
  const syncOk = async (name: string, ...args: string[]) => {
    const result = await federation.syncInChild(name, ...args);
    assert.equal(result.code, 0, `sync at ${name}: ${result.stderr} ${JSON.stringify(result.reports)}`);
    return result.reports;
  };

  before(async () => {
    federation = await Federation.start(['uk', 'au'], { uk: { clockOffsetMs: SKEW.uk }, au: { clockOffsetMs: SKEW.au } });
    await federation.link('uk', 'au');
    for (const [self, peer] of [['uk', 'au'], ['au', 'uk']] as const) {
      for (const direction of ['outbound', 'inbound']) await run('--data', federation.nodes[self]!.dir, 'agreement', 'set', peer, '--direction', direction, '--tlp', 'clear,green,amber');
    }
  });

  after(async () => {
    await federation?.close();
  });

  it('the skew is real: what each node records carries its own clock', async () => {
    const probe = markedObject([TLP2_GREEN.id]);
    await federation.importInChild('uk', [probe]);
    const added = await federation.with('uk', async (node) => (await node.store.query({ ids: [probe.id] }, { limit: 1 })).items[0]!.dateAdded);
    assert.ok(Date.parse(added) - Date.now() > 4 * MINUTE, `UK dates what it adds ~5 min ahead (${added})`);
    await syncOk('au', 'uk', '--pull-only');
    const received = await federation.with('au', (node) => node.local.provenanceOf(probe.id, String(probe.modified))!.receivedAt);
    assert.ok(Date.now() - Date.parse(received) > 4 * MINUTE, `AU records receipt ~5 min behind (${received})`);
  });

  it('pull and push in both directions converge: nothing lost, nothing twice, signatures verified, cursors advance', async () => {
    const fromUk = [batch(), batch(), batch()];
    const fromAu = [batch(), batch(), batch()];
    // Interleave writes and syncs so each cursor is used with the other side's clock 10 minutes away.
    for (let round = 0; round < 3; round++) {
      await federation.importInChild('uk', [...fromUk[round]!.shared, ...fromUk[round]!.kept]);
      await federation.importInChild('au', [...fromAu[round]!.shared, ...fromAu[round]!.kept]);
      const direction = round % 2 === 0 ? '--pull-only' : '--push-only';
      for (const report of [...await syncOk('au', 'uk', direction), ...await syncOk('uk', 'au', direction)]) {
        assert.deepEqual(report.errors, [], JSON.stringify(report));
        assert.equal(report.refused, 0, JSON.stringify(report));
      }
      await expectExactlyOnce('au', fromUk.slice(0, round + 1).flatMap((b) => b.shared), fromUk.flatMap((b) => b.kept));
      await expectExactlyOnce('uk', fromAu.slice(0, round + 1).flatMap((b) => b.shared), fromAu.flatMap((b) => b.kept));
    }

    // Caught up: after one more full run each way (a push re-offers what a pull already brought), the next moves nothing.
    for (const name of ['uk', 'au']) await syncOk(name);
    for (const name of ['uk', 'au']) {
      for (const report of await syncOk(name)) assert.equal(report.objects, 0, `${name} ${report.direction} ${report.partner}: the cursor is past everything`);
    }
    for (const name of ['uk', 'au']) {
      const rejected = await federation.with(name, (node) => node.audit.list({ action: 'sync.signature-rejected' }));
      assert.deepEqual(rejected, [], `no page or envelope failed verification at ${name}`);
      const status = JSON.parse(await run('--data', federation.nodes[name]!.dir, 'sync', 'status', '--json')) as { direction: string; cursors: Record<string, string | null>; lastError: string | null }[];
      for (const link of status) {
        assert.equal(link.lastError, null);
        assert.ok(Object.values(link.cursors).length > 0 && Object.values(link.cursors).every((cursor) => cursor !== null), `${name} ${link.direction}: cursors set`);
      }
    }
  });
});
