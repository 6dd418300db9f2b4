import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectSummary } from '../../../src/server/api/contract.ts';
import { COSE_LIMIT, countTypes, edgeKey, effectiveLayout, GraphModel, ringPositions } from './graph-model.ts';

const node = (id: string, type = id.split('--')[0] ?? 'x'): ObjectSummary => ({ id, type, name: id, tlp: 'green', marked: true, dateAdded: '2024-01-01T00:00:00Z', labels: [] });

describe('graph model', () => {
  it('answers only new nodes and edges when a neighbourhood is merged', () => {
    const graph = new GraphModel();
    const first = graph.merge({ nodes: [node('malware--a'), node('indicator--b')], edges: [{ id: 'relationship--1', source: 'indicator--b', target: 'malware--a', kind: 'indicates' }], truncated: false });
    assert.deepEqual(first.nodes.map((n) => n.id), ['malware--a', 'indicator--b']);
    assert.deepEqual(first.edges.map((e) => e.key), ['relationship--1']);

    const second = graph.merge({
      nodes: [node('indicator--b'), node('identity--c')],
      edges: [
        { id: 'relationship--1', source: 'indicator--b', target: 'malware--a', kind: 'indicates' },
        { source: 'indicator--b', target: 'identity--c', kind: 'created_by_ref' },
      ],
      truncated: false,
    }, 'indicator--b');
    assert.deepEqual(second.nodes.map((n) => n.id), ['identity--c']);
    assert.deepEqual(second.edges.map((e) => e.key), ['indicator--b|created_by_ref|identity--c']);
    assert.equal(graph.nodes.size, 3);
    assert.equal(graph.edges.size, 2);
    assert.ok(graph.expanded.has('indicator--b'));
  });

  it('holds back an edge until both its ends are in the graph', () => {
    const graph = new GraphModel();
    const edge = { id: 'relationship--2', source: 'malware--a', target: 'tool--z', kind: 'uses' };
    assert.deepEqual(graph.merge({ nodes: [node('malware--a')], edges: [edge], truncated: true }).edges, []);
    assert.deepEqual(graph.merge({ nodes: [node('tool--z')], edges: [], truncated: false }).edges.map((e) => e.key), ['relationship--2']);
  });

  it('names embedded references by their ends and kind', () => {
    assert.equal(edgeKey({ source: 'a', target: 'b', kind: 'object_refs' }), 'a|object_refs|b');
    assert.equal(edgeKey({ id: 'relationship--9', source: 'a', target: 'b', kind: 'uses' }), 'relationship--9');
  });

  it('counts types, most common first', () => {
    assert.deepEqual(countTypes([node('indicator--1'), node('malware--2'), node('indicator--3')]), [{ type: 'indicator', count: 2 }, { type: 'malware', count: 1 }]);
  });
});

describe('ring placement', () => {
  it('puts neighbours evenly around the centre, further out when there are many', () => {
    const few = ringPositions({ x: 10, y: 20 }, 4);
    assert.equal(few.length, 4);
    assert.deepEqual(few[0], { x: 90, y: 20 });
    for (const p of few) assert.equal(Math.round(Math.hypot(p.x - 10, p.y - 20)), 80);
    const many = ringPositions({ x: 0, y: 0 }, 300);
    const radius = Math.hypot(many[0]!.x, many[0]!.y);
    assert.ok(radius > 80, `radius ${radius}`);
    // Neighbours on the ring are spaced as asked.
    assert.equal(Math.round(Math.hypot(many[1]!.x - many[0]!.x, many[1]!.y - many[0]!.y)), 40);
    assert.deepEqual(ringPositions({ x: 0, y: 0 }, 0), []);
  });
});

describe('layout choice', () => {
  it('keeps the requested layout, except cose on a large graph', () => {
    assert.equal(effectiveLayout('cose', COSE_LIMIT), 'cose');
    assert.equal(effectiveLayout('cose', COSE_LIMIT + 1), 'concentric');
    assert.equal(effectiveLayout('grid', 5000), 'grid');
  });
});
