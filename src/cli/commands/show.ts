import type { Command } from 'commander';
import { withStore, type CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import { displayName } from '../describe.ts';
import { parsePositiveInteger, type GlobalOptions } from './options.ts';

interface ShowOptions {
  depth: number;
  limit: number;
  json?: boolean;
}

export function registerShow(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('show')
    .description('print an object (latest version) and its neighbours through relationships and references')
    .argument('<id>', 'a STIX id such as intrusion-set--…')
    .option('--depth <n>', 'hops to follow (a relationship counts as one)', parsePositiveInteger, 1)
    .option('--limit <n>', 'at most this many neighbours', parsePositiveInteger, 200)
    .option('--json', 'print {object, neighbours, edges} as JSON')
    .action(async (id: string, options: ShowOptions, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const graph = await withStore(context, data, (store) => store.neighbourhood(id, { depth: options.depth, limit: options.limit }));
      const [start, ...neighbours] = graph.nodes;
      if (!start || start.object.id !== id) {
        writeLine(context.stderr, `no object with id ${id} in this node`);
        done(ExitCode.NOT_FOUND);
        return;
      }
      if (options.json) {
        writeJson(context.stdout, { object: start.object, neighbours: neighbours.map((node) => node.object), edges: graph.edges, truncated: graph.truncated });
        done(ExitCode.OK);
        return;
      }
      writeLine(context.stdout, JSON.stringify(start.object, null, 2));
      writeLine(context.stdout);
      const byId = new Map(graph.nodes.map((node) => [node.object.id, node.object]));
      const label = (nodeId: string): string => {
        const object = byId.get(nodeId);
        return nodeId === id ? '(this)' : object ? `${nodeId} ${displayName(object)}` : nodeId;
      };
      const rows = graph.edges.map((edge) => [label(edge.source), edge.property, label(edge.target)]);
      writeLine(context.stdout, `${neighbours.length} neighbours within ${options.depth} hop${options.depth === 1 ? '' : 's'}${graph.truncated ? ' (cut at --limit)' : ''}:`);
      if (rows.length > 0) writeLine(context.stdout, formatTable(['from', 'property', 'to'], rows));
      done(ExitCode.OK);
    });
}
