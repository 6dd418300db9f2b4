import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import type { Graph, Store } from '../store.ts';
import { idOf, identity, indicator, malware, marking, relationship, sdo, TLP_GREEN } from './fixtures.ts';

const author = identity(1);
const green = marking(TLP_GREEN, 'GREEN');
const mal = malware(1, 0, { created_by_ref: author.id, object_marking_refs: [TLP_GREEN] });
const ind = indicator(1, 0, { created_by_ref: author.id });
const indicates = relationship(1, ind.id, mal.id);
const missing = idOf('campaign', 404);
const report = sdo('report', 1, 0, { name: 'R', published: mal.created, object_refs: [mal.id, missing] });
const sighting = sdo('sighting', 1, 0, { sighting_of_ref: ind.id, where_sighted_refs: [author.id] });
const world = [author, green, mal, ind, indicates, report, sighting];

/** neighbourhood(): relationships and embedded references, both directions, latest versions. */
export function graphContract(store: () => Store): void {
  const nodeIds = (graph: Graph): string[] => graph.nodes.map((node) => node.object.id);
  const edgeKeys = (graph: Graph): string[] => graph.edges.map((edge) => `${edge.source} ${edge.property} ${edge.target}`).sort();

  it('returns the start first, then what it references and what references it', async () => {
    await store().ingest(world);
    const graph = await store().neighbourhood(mal.id);
    assert.equal(nodeIds(graph)[0], mal.id);
    assert.deepEqual(nodeIds(graph).sort(), [author.id, green.id, mal.id, indicates.id, report.id].sort());
    assert.equal(graph.truncated, false);
    assert.deepEqual(edgeKeys(graph), [
      `${indicates.id} target_ref ${mal.id}`,
      `${mal.id} created_by_ref ${author.id}`,
      `${mal.id} object_marking_refs ${green.id}`,
      `${report.id} object_refs ${mal.id}`,
    ].sort());
  });

  it('leaves out references to objects it does not hold', async () => {
    await store().ingest(world);
    const graph = await store().neighbourhood(report.id);
    assert.ok(!nodeIds(graph).includes(missing));
    assert.ok(graph.edges.every((edge) => edge.target !== missing));
  });

  it('follows every embedded reference inward: created_by_ref, where_sighted_refs…', async () => {
    await store().ingest(world);
    const graph = await store().neighbourhood(author.id);
    assert.deepEqual(nodeIds(graph).sort(), [author.id, mal.id, ind.id, sighting.id].sort());
  });

  const depths: Array<[number, string[]]> = [
    [0, [mal.id]],
    [1, [mal.id, author.id, green.id, indicates.id, report.id]],
    // A relationship is a node, so its other end is two hops away.
    [2, [mal.id, author.id, green.id, indicates.id, report.id, ind.id, sighting.id]],
  ];
  for (const [depth, expected] of depths) {
    it(`goes ${depth} hop(s) deep`, async () => {
      await store().ingest(world);
      const graph = await store().neighbourhood(mal.id, { depth });
      assert.deepEqual(nodeIds(graph).sort(), [...expected].sort());
    });
  }

  for (const depth of [1, 2]) {
    it(`cuts at the node limit and says so (depth ${depth})`, async () => {
      await store().ingest(world);
      const graph = await store().neighbourhood(mal.id, { depth, limit: 3 });
      assert.equal(graph.nodes.length, 3);
      assert.equal(graph.truncated, true);
      assert.equal(nodeIds(graph)[0], mal.id);
      const ids = new Set(nodeIds(graph));
      assert.ok(graph.edges.every((edge) => ids.has(edge.source) && ids.has(edge.target)));
    });
  }

  it('is not truncated when the limit is exactly met', async () => {
    await store().ingest(world);
    const graph = await store().neighbourhood(mal.id, { limit: 5 });
    assert.equal(graph.nodes.length, 5);
    assert.equal(graph.truncated, false);
  });

  it('bounds a hub that everything references', async () => {
    const many = Array.from({ length: 40 }, (_, n) => malware(100 + n, 0, { created_by_ref: author.id }));
    await store().ingest([author, ...many]);
    const graph = await store().neighbourhood(author.id, { limit: 10 });
    assert.equal(graph.nodes.length, 10);
    assert.equal(graph.truncated, true);
  });

  it('uses latest versions only', async () => {
    await store().ingest(world);
    const other = malware(2);
    await store().ingest([other, relationship(1, ind.id, other.id, 1)]);
    const graph = await store().neighbourhood(mal.id);
    assert.ok(!nodeIds(graph).includes(indicates.id), 'the relationship no longer points here');
    const moved = await store().neighbourhood(other.id);
    assert.deepEqual(nodeIds(moved).sort(), [other.id, indicates.id].sort());
    assert.equal(moved.nodes.find((node) => node.object.id === indicates.id)!.version, relationship(1, '', '', 1).modified);
  });

  it('refuses an unknown start', async () => {
    await assert.rejects(store().neighbourhood(missing), (error) => isAppError(error, 'STORE_NOT_FOUND'));
  });
}
