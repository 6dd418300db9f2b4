import type { StixObject } from '../stix/object.ts';
import type { Graph } from '../store/store.ts';
import { displayName } from './describe.ts';
import { formatTable } from './output.ts';

/**
 * A reader's view of an object's neighbourhood: what it references, its
 * relationships (with the object at the other end), and what references it.
 */
export function summarizeNeighbourhood(startId: string, graph: Graph, others: readonly StixObject[] = []): string {
  const byId = new Map([...others, ...graph.nodes.map((node) => node.object)].map((object) => [object.id, object]));
  const name = (id: string): string => {
    const object = byId.get(id);
    return object ? `${id}  ${displayName(object)}` : id;
  };
  const references: string[][] = [];
  const relationships: string[][] = [];
  const referencedBy: string[][] = [];
  for (const edge of graph.edges) {
    if (edge.source === startId) {
      references.push([edge.property, name(edge.target)]);
      continue;
    }
    if (edge.target !== startId) continue;
    const source = byId.get(edge.source);
    if (source?.type === 'relationship' && (edge.property === 'source_ref' || edge.property === 'target_ref')) {
      relationships.push(relationshipRow(source, edge.property, name));
    } else {
      referencedBy.push([edge.property, name(edge.source)]);
    }
  }
  const sections: string[] = [];
  const section = (title: string, header: string[], rows: string[][]) => {
    if (rows.length > 0) sections.push(`${title} (${rows.length}):\n${indent(formatTable(header, rows.sort(byColumns)))}`);
  };
  section('References', ['property', 'object'], references);
  section('Relationships', ['relationship', 'object'], relationships);
  section('Referenced by', ['property', 'object'], referencedBy);
  if (graph.truncated) sections.push('(the neighbourhood was cut at --limit)');
  return sections.length > 0 ? sections.join('\n\n') : 'No neighbours.';
}

/** The ids at the other end of the relationships that have `startId` at one end. */
export function relationshipFarEnds(startId: string, objects: readonly StixObject[]): string[] {
  const ids = new Set<string>();
  for (const object of objects) {
    if (object.type !== 'relationship') continue;
    if (object.source_ref === startId && typeof object.target_ref === 'string') ids.add(object.target_ref);
    if (object.target_ref === startId && typeof object.source_ref === 'string') ids.add(object.source_ref);
  }
  return [...ids];
}

/** `uses → tool--…  Mimikatz` when the start is the source, `← uses  intrusion-set--…` when it is the target. */
function relationshipRow(relationship: StixObject, startEnd: string, name: (id: string) => string): string[] {
  const type = String(relationship.relationship_type ?? 'related-to');
  const other = String(startEnd === 'source_ref' ? relationship.target_ref : relationship.source_ref);
  return [startEnd === 'source_ref' ? `${type} →` : `← ${type}`, name(other)];
}

function byColumns(a: string[], b: string[]): number {
  return a.join('\u0000').localeCompare(b.join('\u0000'));
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
