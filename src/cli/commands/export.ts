import type { Command } from 'commander';
import { iterateObjects } from '../../store/iterate.ts';
import type { ObjectFilter, Store } from '../../store/store.ts';
import { writeBundle, writeBundleFile } from '../bundle-output.ts';
import { withStore, type CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatCount, writeLine } from '../output.ts';
import { parseTimestamp, type GlobalOptions } from './options.ts';

interface ExportOptions {
  type?: string[];
  id?: string[];
  version?: string[];
  specVersion?: string[];
  addedAfter?: string;
  createdBy?: string[];
  marking?: string[];
  collection?: string;
  out?: string;
}

export function registerExport(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('export')
    .description('write the objects matching the filters as one STIX 2.1 bundle (streamed; .gz output is compressed)')
    .option('--type <type...>', 'only these object types')
    .option('--id <id...>', 'only these object ids')
    .option('--version <version...>', 'which versions: last (default), first, all, or a timestamp')
    .option('--spec-version <version...>', 'only these spec_version values')
    .option('--added-after <timestamp>', 'only versions added to this node after the timestamp', parseTimestamp)
    .option('--created-by <identity...>', 'only objects created by these identities')
    .option('--marking <marking-definition...>', 'only objects carrying one of these markings')
    .option('--collection <id>', 'only objects in this collection')
    .option('--out <file>', 'write to a file instead of standard output (written whole or not at all)')
    .action(async (options: ExportOptions, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const filter: ObjectFilter = {
        types: options.type, ids: options.id, versions: options.version, specVersions: options.specVersion,
        addedAfter: options.addedAfter, createdByRefs: options.createdBy, markings: options.marking,
        collection: options.collection,
      };
      const count = await withStore(context, data, (store) => (options.out
        ? writeBundleFile(storedJson(store, filter), options.out)
        : writeBundle(storedJson(store, filter), context.stdout)));
      if (options.out) writeLine(context.stderr, `wrote ${formatCount(count)} objects to ${options.out}`);
      done(ExitCode.OK);
    });
}

async function* storedJson(store: Store, filter: ObjectFilter): AsyncGenerator<string> {
  for await (const stored of iterateObjects(store, filter, { pageSize: 1000 })) yield stored.json;
}
