import type { Command } from 'commander';
import { withStore, type CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import { displayName } from '../describe.ts';
import { parsePositiveInteger, type GlobalOptions } from './options.ts';

interface SearchOptions {
  type?: string[];
  limit: number;
  json?: boolean;
}

export function registerSearch(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('search')
    .description('full-text search over names, descriptions and aliases (latest versions)')
    .argument('<text...>', 'words to look for')
    .option('--type <type...>', 'only these object types')
    .option('--limit <n>', 'at most this many results', parsePositiveInteger, 20)
    .option('--json', 'print the matching objects as JSON')
    .action(async (words: string[], options: SearchOptions, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const results = await withStore(context, data, (store) => store.search(words.join(' '), { types: options.type, limit: options.limit }));
      if (options.json) {
        writeJson(context.stdout, results.map((result) => result.object));
      } else if (results.length === 0) {
        writeLine(context.stderr, 'no matches');
      } else {
        writeLine(context.stdout, formatTable(['type', 'id', 'name'], results.map(({ object }) => [object.type, object.id, displayName(object)])));
      }
      done(results.length === 0 ? ExitCode.NOT_FOUND : ExitCode.OK);
    });
}
