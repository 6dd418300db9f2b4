import type { Command } from 'commander';
import { withStore, type CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeJson, writeLine } from '../output.ts';
import { relationshipFarEnds, summarizeNeighbourhood } from '../neighbourhood-summary.ts';
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
    .option('--depth <n>', 'hops to follow (a relationship counts as one); the readable view lists direct neighbours', parsePositiveInteger, 1)
    .option('--limit <n>', 'at most this many neighbours', parsePositiveInteger, 200)
    .option('--json', 'print {object, neighbours, edges} as JSON')
    .action(async (id: string, options: ShowOptions, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const { graph, farEnds } = await withStore(context, data, async (store) => {
        const graph = await store.neighbourhood(id, { depth: options.depth, limit: options.limit });
        if (options.json) return { graph, farEnds: [] };
        // Name the object at the far end of each relationship: one query, not a deeper walk.
        const ids = relationshipFarEnds(id, graph.nodes.map((node) => node.object));
        const page = ids.length > 0 ? await store.query({ ids }, { limit: ids.length }) : { items: [] };
        return { graph, farEnds: page.items.map((item) => item.object) };
      });
      const start = graph.nodes[0]!;
      if (options.json) {
        writeJson(context.stdout, { object: start.object, neighbours: graph.nodes.slice(1).map((node) => node.object), edges: graph.edges, truncated: graph.truncated });
        done(ExitCode.OK);
        return;
      }
      writeLine(context.stdout, JSON.stringify(start.object, null, 2));
      writeLine(context.stdout);
      writeLine(context.stdout, summarizeNeighbourhood(id, graph, farEnds));
      done(ExitCode.OK);
    });
}
