import { type Command, Option } from 'commander';
import { checkIdentityProfile } from '../../federation/node-identity.ts';
import { DEFAULT_MARKING } from '../../federation/policy.ts';
import { TLP_LEVELS, type TlpLevel } from '../../stix/markings.ts';
import { initNode } from '../../server/node.ts';
import { openNode } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeJson, writeLine } from '../output.ts';
import { recordChange, valueOrUsageError } from './federation-config.ts';
import { collect, type GlobalOptions } from './options.ts';

export function registerInit(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('init')
    .description('prepare a new node: the default TAXII API root, a default collection for administrators, the node\'s STIX identity and its Ed25519 signing key (safe to run again)')
    .option('--title <title>', 'the node\'s title in TAXII discovery')
    .option('--contact <text>', 'contact information in TAXII discovery')
    .option('--country <code>', 'the node\'s country, ISO 3166-1 alpha-2 (e.g. GB): a STIX location the identity is located-at')
    .option('--sector <sector>', 'an industry sector of the node\'s identity (STIX industry-sector-ov, e.g. government-national; repeatable or comma-separated)', collect)
    .addOption(new Option('--default-marking <level>', 'the TLP level of objects that carry no TLP marking, for the sharing policy (out of the box: amber)').choices(TLP_LEVELS))
    .option('--json', 'print the result as JSON')
    .action(async (options: { title?: string; contact?: string; country?: string; sector?: string[]; defaultMarking?: TlpLevel; json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const profile = valueOrUsageError(checkIdentityProfile({ sectors: options.sector, country: options.country }), context);
      const node = await openNode(data);
      try {
        // Settings first: a new node's identity is named after its title.
        if (options.title !== undefined || options.contact !== undefined) {
          node.local.putSettings({ ...(options.title !== undefined && { title: options.title }), ...(options.contact !== undefined && { contact: options.contact }) });
        }
        if (options.defaultMarking !== undefined && options.defaultMarking !== node.local.settings().defaultMarking) {
          node.local.putSettings({ defaultMarking: options.defaultMarking });
          recordChange(node, { action: 'settings.update', target: 'defaultMarking', details: { defaultMarking: options.defaultMarking } });
        }
        const result = await initNode(node.store, node.local, profile);
        if (result.keyCreated) recordChange(node, { action: 'node-key.create', target: result.key.fingerprint, details: { algorithm: result.key.algorithm, publicKey: result.key.publicKey } });
        const accounts = node.local.countAccounts();
        if (options.json) {
          writeJson(context.stdout, { apiRoot: `/taxii2/${result.apiRoot}/`, collection: result.collection, created: result.created, identity: result.identity.id, fingerprint: result.key.fingerprint, defaultMarking: node.local.settings().defaultMarking ?? DEFAULT_MARKING, accounts });
        } else {
          writeLine(context.stdout, `${result.created ? 'initialised' : 'already initialised'}: API root /taxii2/${result.apiRoot}/, default collection ${result.collection.id} (${result.collection.title}), node identity ${result.identity.id} (${String(result.identity.name)})`);
          writeLine(context.stdout, `signing key ${result.keyCreated ? 'created' : 'kept'}: fingerprint ${result.key.fingerprint} (\`accord identity show\` prints the public key for partners)`);
          if (accounts === 0) writeLine(context.stdout, 'no account yet: create one with `accord user add NAME --role admin`');
        }
      } finally {
        await node.close();
      }
      done(ExitCode.OK);
    });
}
