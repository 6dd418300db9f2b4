import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { newIdentifier } from '../../stix/identifier.ts';
import { iterateObjects } from '../../store/iterate.ts';
import type { ObjectFilter, Store } from '../../store/store.ts';
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
        ? exportToFile(store, filter, options.out)
        : writeBundle(store, filter, context.stdout)));
      if (options.out) writeLine(context.stderr, `wrote ${formatCount(count)} objects to ${options.out}`);
      done(ExitCode.OK);
    });
}

/** Writes to `FILE.partial` and renames at the end, so a failed export leaves no half-written bundle. */
async function exportToFile(store: Store, filter: ObjectFilter, file: string): Promise<number> {
  const partial = `${file}.partial`;
  const output = createWriteStream(partial);
  const sink = file.endsWith('.gz') ? createGzip() : output;
  if (sink !== output) sink.pipe(output);
  try {
    const count = await writeBundle(store, filter, sink);
    sink.end();
    await finished(output);
    renameSync(partial, file);
    return count;
  } catch (error) {
    output.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Streams a bundle (STIX 2.1 §8): each object's stored JSON, unchanged, one per
 * line, so an export re-imports to the same bytes.
 */
export async function writeBundle(store: Store, filter: ObjectFilter, sink: NodeJS.WritableStream): Promise<number> {
  const write = async (text: string): Promise<void> => {
    if (!sink.write(text)) await once(sink, 'drain');
  };
  await write(`{"type":"bundle","id":"${newIdentifier('bundle')}","objects":[`);
  let count = 0;
  for await (const stored of iterateObjects(store, filter, { pageSize: 1000 })) {
    await write(`${count === 0 ? '\n' : ',\n'}${stored.json}`);
    count++;
  }
  await write('\n]}\n');
  return count;
}
