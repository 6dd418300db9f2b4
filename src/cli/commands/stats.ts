import type { Command } from 'commander';
import { withStore, type CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import type { GlobalOptions } from './options.ts';

export function registerStats(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('stats')
    .description('count the objects and versions held, by type')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const stats = await withStore(context, data, (store) => store.stats());
      if (options.json) {
        writeJson(context.stdout, stats);
      } else {
        const rows = Object.entries(stats.byType)
          .sort((a, b) => b[1].objects - a[1].objects || a[0].localeCompare(b[0]))
          .map(([type, count]) => [type, count.objects, count.versions] as const);
        writeLine(context.stdout, formatTable(['type', 'objects', 'versions'], [...rows, ['total', stats.objects, stats.versions]]));
      }
      done(ExitCode.OK);
    });
}
