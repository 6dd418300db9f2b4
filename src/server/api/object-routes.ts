import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { StixObject } from '../../stix/object.ts';
import type { StoredObject } from '../../store/store.ts';
import type { Facets, GraphData, ObjectDetail, ObjectList, RelationshipInfo, VersionInfo } from './contract.ts';
import { browseQueryOf, integerOf, LOCAL_ORIGIN, objectQuerySchema, originFilter, parseObjectQuery } from './object-query.ts';
import { idParams, int, open, str, summariesSchema, summarySchema } from './schemas.ts';
import { Viewer, type ViewerDeps } from './viewer.ts';
import { accountOf } from './api-auth.ts';

/** Graph bounds: hops (a relationship and its far end are one hop here) and nodes. */
export const MAX_GRAPH_DEPTH = 2;
export const MAX_GRAPH_NODES = 2000;
const DEFAULT_GRAPH_NODES = 300;
/** The neighbourhood read around one object for its detail's relationships. */
const DETAIL_NODES = 500;

/** The viewer of an authenticated web API request (a partner's machine account is refused here). */
export function viewerOf(request: FastifyRequest, deps: ViewerDeps): Viewer {
  return new Viewer(accountOf(request), deps);
}

/** The explorer: `/api/objects`, `/api/objects/:id`, `/api/facets`, `/api/graph/:id` (every role but partner). */
export function registerObjectRoutes(app: FastifyInstance, deps: ViewerDeps): void {
  const { store, local, policy } = deps;

  app.get('/api/objects', {
    schema: {
      summary: 'Browse the latest versions the account may see: full-text, filters (type, partner of origin, TLP, label, modified dates), sort and paging',
      tags: ['api'],
      querystring: objectQuerySchema,
      response: { 200: { type: 'object', required: ['items', 'total', 'offset', 'limit'], properties: { items: summariesSchema, total: int, offset: int, limit: int } } },
    },
  }, async (request): Promise<ObjectList> => {
    const query = parseObjectQuery(request.query as Record<string, unknown>);
    const viewer = viewerOf(request, deps);
    const known = new Set([...local.listPartners().map((partner) => partner.name), ...local.provenancePartners()]);
    const origin = originFilter(query.partner, known, (partner) => local.receivedObjectIds(partner));
    const browse = browseQueryOf(query, policy.defaultMarking(), origin);
    const page = await store.browse({ ...browse, ...(viewer.collections !== undefined && { collections: viewer.collections }) });
    const items = (await viewer.visible(page.items, true)).map((item) => viewer.summary(item));
    viewer.report('api.objects');
    return { items, total: page.total, offset: browse.offset!, limit: browse.limit! };
  });

  app.get('/api/objects/:id', {
    schema: {
      summary: 'One object: the latest version the account may see with every property, its visible versions (newest first), relationships and provenance; 404 when absent or withheld alike',
      tags: ['api'],
      params: idParams,
      response: {
        200: {
          type: 'object',
          required: ['summary', 'object', 'versions', 'relationships'],
          properties: {
            summary: summarySchema,
            object: open,
            versions: { type: 'array', items: { type: 'object', properties: { version: str, dateAdded: str, origin: str, agreementId: str, receivedAt: str } } },
            relationships: { type: 'array', items: { type: 'object', properties: { id: str, kind: str, direction: { type: 'string', enum: ['out', 'in'] }, other: summarySchema } } },
          },
        },
      },
    },
  }, async (request): Promise<ObjectDetail> => {
    const { id } = request.params as { id: string };
    const viewer = viewerOf(request, deps);
    const versions = await viewer.versions(id);
    const latest = versions[0];
    if (latest === undefined) {
      viewer.report('api.object');
      throw notFound(id);
    }
    const relationships = await relationshipsOf(viewer, latest);
    viewer.report('api.object');
    return {
      summary: viewer.summary(latest),
      object: JSON.parse(latest.json) as Record<string, unknown>,
      versions: versions.map((item) => versionInfo(item)),
      relationships,
    };
  });

  app.get('/api/facets', {
    schema: {
      summary: "Values for the explorer's filters: types and labels with counts (what the account may see), partners of origin",
      tags: ['api'],
      response: {
        200: {
          type: 'object',
          properties: {
            types: { type: 'array', items: { type: 'object', properties: { type: str, count: int } } },
            labels: { type: 'array', items: { type: 'object', properties: { label: str, count: int } } },
            origins: { type: 'array', items: str },
          },
        },
      },
    },
  }, async (request): Promise<Facets> => {
    const viewer = viewerOf(request, deps);
    const all = await store.facets();
    const origins = [LOCAL_ORIGIN, ...local.provenancePartners()];
    const collections = viewer.collections;
    if (collections === undefined) return { types: all.types, labels: all.labels, origins };
    // Counts of what a role limited by grants may read: one count per value, in its collections only.
    const count = async (filter: { types?: string[]; labels?: string[] }): Promise<number> => (await store.browse({ ...filter, collections, limit: 1 })).total;
    const types = (await Promise.all(all.types.map(async ({ type }) => ({ type, count: await count({ types: [type] }) })))).filter((entry) => entry.count > 0);
    const labels = (await Promise.all(all.labels.map(async ({ label }) => ({ label, count: await count({ labels: [label] }) })))).filter((entry) => entry.count > 0);
    return { types, labels: labels.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)), origins };
  });

  app.get('/api/graph/:id', {
    schema: {
      summary: `The neighbourhood the account may see around an object: nodes, edges (relationships and embedded references), truncated (depth 1-${MAX_GRAPH_DEPTH}, limit 1-${MAX_GRAPH_NODES})`,
      tags: ['api'],
      params: idParams,
      querystring: { type: 'object', properties: { depth: { type: 'string', description: `hops, 1 to ${MAX_GRAPH_DEPTH} (default 1)` }, limit: { type: 'string', description: `nodes, 1 to ${MAX_GRAPH_NODES} (default ${DEFAULT_GRAPH_NODES})` } } },
      response: {
        200: {
          type: 'object',
          properties: {
            nodes: summariesSchema,
            edges: { type: 'array', items: { type: 'object', properties: { source: str, target: str, kind: str, id: str } } },
            truncated: { type: 'boolean' },
          },
        },
      },
    },
  }, async (request): Promise<GraphData> => {
    const { id } = request.params as { id: string };
    const raw = request.query as Record<string, unknown>;
    const unknown = Object.keys(raw).filter((key) => key !== 'depth' && key !== 'limit');
    if (unknown.length > 0) throw new AppError(ErrorCode.API_BAD_INPUT, `unknown parameter ${unknown.map((key) => JSON.stringify(key)).join(', ')}: the graph takes depth and limit`);
    const depth = raw.depth === undefined ? 1 : integerOf('depth', raw.depth, 1, MAX_GRAPH_DEPTH);
    const limit = raw.limit === undefined ? DEFAULT_GRAPH_NODES : integerOf('limit', raw.limit, 1, MAX_GRAPH_NODES);
    const viewer = viewerOf(request, deps);
    const graph = await neighbourhood(viewer, id, depth * 2, limit * 2);
    viewer.report('api.graph');
    const data = graphData(viewer, graph.nodes, graph.edges);
    const truncated = graph.truncated || data.nodes.length > limit;
    const kept = new Set(data.nodes.slice(0, limit).map((node) => node.id));
    return {
      nodes: data.nodes.filter((node) => kept.has(node.id)),
      edges: data.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)),
      truncated,
    };
  });

  /** The visible nodes and edges around `id`, or 404 when the object itself is absent or not visible. */
  async function neighbourhood(viewer: Viewer, id: string, depth: number, limit: number) {
    let graph;
    try {
      graph = await store.neighbourhood(id, { depth: Math.min(depth, 5), limit });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.STORE_NOT_FOUND) throw notFound(id);
      throw error;
    }
    const nodes = await viewer.visible(graph.nodes);
    if (nodes[0]?.object.id !== id) throw notFound(id);
    const ids = new Set(nodes.map((node) => node.object.id));
    return { nodes, edges: graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)), truncated: graph.truncated };
  }

  function versionInfo(item: StoredObject): VersionInfo {
    const provenance = policy.provenanceOf(item.object.id, item.version);
    return {
      version: item.version,
      dateAdded: item.dateAdded,
      ...(provenance !== undefined && { origin: provenance.partner, agreementId: provenance.agreementId, receivedAt: provenance.receivedAt }),
    };
  }

  async function relationshipsOf(viewer: Viewer, item: StoredObject): Promise<RelationshipInfo[]> {
    const graph = await neighbourhood(viewer, item.object.id, 2, DETAIL_NODES).catch((error: unknown) => {
      // The latest stored version may be hidden while an older one is shown: then its neighbourhood is not shown either.
      if (error instanceof AppError && error.code === ErrorCode.TAXII_NOT_FOUND) return undefined;
      throw error;
    });
    if (graph === undefined) return [];
    const self = item.object.id;
    const byId = new Map(graph.nodes.map((node) => [node.object.id, node]));
    const out: RelationshipInfo[] = [];
    for (const edge of graph.edges) {
      if (edge.source === self && edge.target !== self) {
        out.push({ kind: edge.property, direction: 'out', other: viewer.summary(byId.get(edge.target)!) });
        continue;
      }
      if (edge.target !== self) continue;
      const from = byId.get(edge.source)!;
      const far = from.object.type === 'relationship' ? farEnd(from.object, edge.property) : undefined;
      const farNode = far === undefined ? undefined : byId.get(far);
      if (far !== undefined) {
        if (farNode !== undefined) out.push({ id: from.object.id, kind: String(from.object.relationship_type), direction: edge.property === 'source_ref' ? 'out' : 'in', other: viewer.summary(farNode) });
        continue;
      }
      out.push({ kind: edge.property, direction: 'in', other: viewer.summary(from) });
    }
    return out;
  }
}

/** Nodes and edges for the graph view: a relationship whose two ends are both shown becomes one edge carrying its id. */
function graphData(viewer: Viewer, nodes: readonly StoredObject[], edges: readonly { source: string; target: string; property: string }[]): GraphData {
  const present = new Set(nodes.map((node) => node.object.id));
  const collapsed = new Map<string, StixObject>();
  for (const node of nodes) {
    const object = node.object;
    if (object.type === 'relationship' && present.has(String(object.source_ref)) && present.has(String(object.target_ref))) collapsed.set(object.id, object);
  }
  const out: GraphData['edges'] = [...collapsed.values()].map((relationship) => ({
    source: String(relationship.source_ref), target: String(relationship.target_ref), kind: String(relationship.relationship_type), id: relationship.id,
  }));
  for (const edge of edges) if (!collapsed.has(edge.source) && !collapsed.has(edge.target)) out.push({ source: edge.source, target: edge.target, kind: edge.property });
  return { nodes: nodes.filter((node) => !collapsed.has(node.object.id)).map((node) => viewer.summary(node)), edges: out, truncated: false };
}

/** The other end of a relationship reached through `property` (`source_ref` or `target_ref`). */
function farEnd(relationship: StixObject, property: string): string | undefined {
  if (property === 'source_ref') return typeof relationship.target_ref === 'string' ? relationship.target_ref : undefined;
  if (property === 'target_ref') return typeof relationship.source_ref === 'string' ? relationship.source_ref : undefined;
  return undefined;
}

function notFound(id: string): AppError {
  return new AppError(ErrorCode.TAXII_NOT_FOUND, `there is no object ${JSON.stringify(id)} that this account may see`);
}
