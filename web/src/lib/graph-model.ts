/**
 * The graph view's data, outside React and cytoscape: neighbourhoods merged
 * as they are expanded. `merge` answers only what is new, so the view adds it
 * to cytoscape in one batch and never redraws what is already there.
 */
import type { GraphData, ObjectSummary } from '../../../src/server/api/contract.ts';

export type GraphEdge = GraphData['edges'][number];

export interface GraphDelta {
  nodes: ObjectSummary[];
  edges: (GraphEdge & { key: string })[];
}

/** An edge's identity: its relationship id, else (embedded references have none) its ends and kind. */
export function edgeKey(edge: GraphEdge): string {
  return edge.id ?? `${edge.source}|${edge.kind}|${edge.target}`;
}

export class GraphModel {
  readonly nodes = new Map<string, ObjectSummary>();
  readonly edges = new Map<string, GraphEdge>();
  /** Edges to objects not (yet) in the graph, e.g. cut by the server's limit: added once both ends are. */
  private readonly waiting = new Map<string, GraphEdge>();
  readonly expanded = new Set<string>();

  merge(data: GraphData, expandedId?: string): GraphDelta {
    if (expandedId) this.expanded.add(expandedId);
    const delta: GraphDelta = { nodes: [], edges: [] };
    for (const node of data.nodes) {
      if (this.nodes.has(node.id)) continue;
      this.nodes.set(node.id, node);
      delta.nodes.push(node);
    }
    for (const edge of data.edges) {
      const key = edgeKey(edge);
      if (!this.edges.has(key)) this.waiting.set(key, edge);
    }
    for (const [key, edge] of this.waiting) {
      if (!this.nodes.has(edge.source) || !this.nodes.has(edge.target)) continue;
      this.waiting.delete(key);
      this.edges.set(key, edge);
      delta.edges.push({ ...edge, key });
    }
    return delta;
  }
}

/** Object types among `nodes`, with how many nodes each, most common first. */
export function countTypes(nodes: Iterable<ObjectSummary>): { type: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/**
 * Where to put `count` new neighbours of a node at `center`: evenly on a ring
 * whose size grows with the count, so an expansion appears around its node
 * without laying out (and moving) the whole graph again.
 */
export function ringPositions(center: { x: number; y: number }, count: number, spacing = 40): { x: number; y: number }[] {
  const radius = Math.max(80, (count * spacing) / (2 * Math.PI));
  return Array.from({ length: count }, (_, i) => {
    const angle = (2 * Math.PI * i) / count;
    return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
  });
}

export const LAYOUTS = ['cose', 'concentric', 'breadthfirst', 'grid', 'circle'] as const;
export type LayoutName = (typeof LAYOUTS)[number];
/**
 * Above this many nodes the force-directed `cose` layout blocks the page for
 * a minute (measured: 2,000 nodes did not finish in 60 s in headless
 * Chromium), so larger graphs are laid out `concentric`, which takes well under a second.
 */
export const COSE_LIMIT = 400;

export function effectiveLayout(requested: LayoutName, nodeCount: number): LayoutName {
  return requested === 'cose' && nodeCount > COSE_LIMIT ? 'concentric' : requested;
}
