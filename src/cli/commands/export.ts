import type { Command } from 'commander';
import { iterateObjects } from '../../store/iterate.ts';
import type { Reader } from '../../federation/model.ts';
import { decide, localPolicySource, policyContext, WithheldTally, type Decision } from '../../federation/policy.ts';
import { openNode } from '../../store/data-dir.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { ObjectFilter, Store, StoredObject } from '../../store/store.ts';
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
  for?: string;
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
    .option('--for <partner>', 'only what the sharing policy lets this partner (or `public`) receive (docs/policy.md); what it withholds is counted and audited')
    .action(async (options: ExportOptions, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const filter: ObjectFilter = {
        types: options.type, ids: options.id, versions: options.version, specVersions: options.specVersion,
        addedAfter: options.addedAfter, createdByRefs: options.createdBy, markings: options.marking,
        collection: options.collection,
      };
      const write = (objects: AsyncIterable<string>): Promise<number> => (options.out ? writeBundleFile(objects, options.out) : writeBundle(objects, context.stdout));
      if (options.for === undefined) {
        const count = await withStore(context, data, (store) => write(storedJson(store, filter)));
        if (options.out) writeLine(context.stderr, `wrote ${formatCount(count)} objects to ${options.out}`);
        return done(ExitCode.OK);
      }
      const node = await openNode(data);
      try {
        const reader = readerNamed(node.local, options.for);
        if (reader === undefined) {
          writeLine(context.stderr, `accord: no partner named ${JSON.stringify(options.for)} (accord partner list); \`--for public\` exports what the public may see`);
          return done(ExitCode.USAGE);
        }
        const source = localPolicySource(node.local, { audit: node.audit });
        const policy = policyContext(source, reader, { collectionId: options.collection, nodeIdentityId: node.local.settings().identityId });
        const withheld = new WithheldTally();
        const count = await write(allowedJson(node.store, filter, (object) => decide(reader, object, policy), withheld));
        const actor = reader.kind === 'partner' ? `partner:${reader.partner.name}` : 'public';
        if (withheld.count > 0) source.recordWithheld?.(withheld.summary(actor, 'cli.export', options.collection));
        writeLine(context.stderr, `exported ${formatCount(count)} objects for ${actor}${options.out ? ` to ${options.out}` : ''}; the sharing policy withheld ${formatCount(withheld.count)}`);
      } finally {
        await node.close();
      }
      done(ExitCode.OK);
    });
}

async function* storedJson(store: Store, filter: ObjectFilter): AsyncGenerator<string> {
  for await (const stored of iterateObjects(store, filter, { pageSize: 1000 })) yield stored.json;
}

/** The versions the policy lets through, counting the others in `withheld`. */
async function* allowedJson(store: Store, filter: ObjectFilter, judge: (object: StoredObject['object']) => Decision, withheld: WithheldTally): AsyncGenerator<string> {
  for await (const stored of iterateObjects(store, filter, { pageSize: 1000 })) {
    const decision = judge(stored.object);
    if (decision.allow) yield stored.json;
    else withheld.add(stored.object, decision);
  }
}

function readerNamed(local: LocalStore, name: string): Reader | undefined {
  if (name === 'public') return { kind: 'public' };
  const partner = local.partner(name);
  return partner && { kind: 'partner', partner };
}
