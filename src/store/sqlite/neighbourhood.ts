import type { Database, Statement } from 'better-sqlite3';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { graphBounds } from '../limits.ts';
import { referencesOf, type Reference } from '../references.ts';
import type { Graph, GraphEdge, NeighbourhoodOptions, StoredObject } from '../store.ts';
import { idHash } from './id-hash.ts';
import { OBJECT_COLUMNS, toStoredObject, type ObjectRow } from './rows.ts';

interface Node {
  seq: number;
  id: string;
  stored: StoredObject;
  references: Reference[];
}

/**
 * Breadth-first walk over latest versions, both ways: whom a node references
 * (read from its JSON, resolved to the targets' latest versions) and who
 * references it (the `edges` table). One query per hop for the whole frontier.
 */
export class Neighbourhood {
  readonly #start: Statement;
  readonly #hop: Statement;

  constructor(db: Database) {
    this.#start = db.prepare(`SELECT ${OBJECT_COLUMNS}, o.id FROM objects o WHERE o.id_hash = ? AND o.id = ? AND o.is_latest = 1`);
    // Outgoing first so, when the row cap bites (a marking or an identity
    // referenced by everything), what the frontier itself points at survives.
    this.#hop = db.prepare(`
      SELECT ${OBJECT_COLUMNS}, o.id FROM (
        SELECT t.seq AS seq FROM json_each(?) j CROSS JOIN objects t ON t.id_hash = j.value ->> 0 AND t.id = j.value ->> 1 AND t.is_latest = 1
        UNION ALL
        SELECT e.source_seq FROM edges e WHERE e.target IN (SELECT value FROM json_each(?))
        LIMIT ?
      ) n CROSS JOIN objects o ON o.seq = n.seq`);
  }

  walk(id: string, options: NeighbourhoodOptions): Graph {
    const { depth, limit } = graphBounds(options);
    const startRow = this.#start.get(idHash(id), id) as (ObjectRow & { id: string }) | undefined;
    if (!startRow) throw new AppError(ErrorCode.STORE_NOT_FOUND, `no object ${id} is stored`, { id });

    const start = node(startRow);
    const nodes = new Map<number, Node>([[start.seq, start]]);
    let frontier = [start];
    let truncated = false;
    for (let hop = 0; hop < depth && frontier.length > 0; hop += 1) {
      // Room for every node still allowed, plus as many rows again for nodes found before.
      const rowCap = 2 * limit - nodes.size;
      const targets = [...new Set(frontier.flatMap((from) => from.references.map((reference) => reference.target)))];
      const rows = this.#hop.all(JSON.stringify(targets.map((target) => [idHash(target), target])), JSON.stringify(frontier.map((from) => from.id)), rowCap) as Array<ObjectRow & { id: string }>;
      if (rows.length === rowCap) truncated = true;
      frontier = [];
      for (const row of rows) {
        if (nodes.has(row.seq)) continue;
        if (nodes.size === limit) {
          truncated = true;
          break;
        }
        const found = node(row);
        nodes.set(found.seq, found);
        frontier.push(found);
      }
    }
    return { nodes: [...nodes.values()].map((found) => found.stored), edges: edgesAmong(nodes), truncated };
  }
}

function node(row: ObjectRow & { id: string }): Node {
  const stored = toStoredObject(row);
  return { seq: row.seq, id: row.id, stored, references: referencesOf(stored.object) };
}

/** Every reference between two nodes found, including those between nodes of the last hop. */
function edgesAmong(nodes: ReadonlyMap<number, Node>): GraphEdge[] {
  const ids = new Set([...nodes.values()].map((found) => found.id));
  const edges: GraphEdge[] = [];
  for (const from of nodes.values()) {
    for (const { property, target } of from.references) {
      if (ids.has(target)) edges.push({ source: from.id, target, property });
    }
  }
  return edges;
}
