import type { Command } from 'commander';
import { initNode } from '../../server/node.ts';
import { openNode } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeJson, writeLine } from '../output.ts';
import type { GlobalOptions } from './options.ts';

export function registerInit(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('init')
    .description('prepare a new node: the default TAXII API root and a default collection for administrators (safe to run again)')
    .option('--title <title>', 'the node\'s title in TAXII discovery')
    .option('--contact <text>', 'contact information in TAXII discovery')
    .option('--json', 'print the result as JSON')
    .action(async (options: { title?: string; contact?: string; json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const node = await openNode(data);
      try {
        // Settings first: a new node's identity is named after its title.
        if (options.title !== undefined || options.contact !== undefined) {
          node.local.putSettings({ ...(options.title !== undefined && { title: options.title }), ...(options.contact !== undefined && { contact: options.contact }) });
        }
        const result = await initNode(node.store, node.local);
        const accounts = node.local.countAccounts();
        if (options.json) {
          writeJson(context.stdout, { apiRoot: `/taxii2/${result.apiRoot}/`, collection: result.collection, created: result.created, identity: result.identity.id, accounts });
        } else {
          writeLine(context.stdout, `${result.created ? 'initialised' : 'already initialised'}: API root /taxii2/${result.apiRoot}/, default collection ${result.collection.id} (${result.collection.title}), node identity ${result.identity.id} (${String(result.identity.name)})`);
          if (accounts === 0) writeLine(context.stdout, 'no account yet: create one with `accord user add NAME --role admin`');
        }
      } finally {
        await node.close();
      }
      done(ExitCode.OK);
    });
}
