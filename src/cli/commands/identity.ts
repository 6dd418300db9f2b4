import type { Command } from 'commander';
import { nodePublicKey } from '../../federation/keys.ts';
import { countryName, readNodeIdentity } from '../../federation/node-identity.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeJson, writeLine } from '../output.ts';
import { formatFields, notFound, withNode } from './federation-config.ts';

/** `accord identity show`: who this node is to its partners, and the public key they register for it. */
export function registerIdentity(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const identity = program.command('identity').description('this node\'s STIX identity and signing key');
  identity
    .command('show')
    .description('print the node\'s identity, public key and fingerprint (give partners the identity id and public key; compare fingerprints by another channel)')
    .option('--json', 'print {"id", "name", "identityClass", "sectors", "country", "publicKey", "fingerprint", "keyCreatedAt"}')
    .action(async (options: { json?: boolean }, command: Command) => {
      const shown = await withNode(command, async (node) => {
        const found = await readNodeIdentity(node.store, node.local);
        return found && { ...found, key: nodePublicKey(node.local) };
      });
      if (shown === undefined) {
        notFound(context, done, 'this node has no identity yet: run `accord init`');
        return;
      }
      const { identity: object, country, key } = shown;
      const sectors = Array.isArray(object.sectors) ? (object.sectors as string[]) : [];
      if (options.json) {
        writeJson(context.stdout, {
          id: object.id,
          name: object.name,
          identityClass: object.identity_class,
          sectors,
          country: country ?? null,
          publicKey: key?.publicKey ?? null,
          fingerprint: key?.fingerprint ?? null,
          keyCreatedAt: key?.createdAt ?? null,
        });
      } else {
        writeLine(context.stdout, formatFields([
          ['identity', object.id],
          ['name', String(object.name)],
          ['class', String(object.identity_class)],
          ['sectors', sectors.length > 0 ? sectors.join(', ') : 'none'],
          ['country', country === undefined ? 'not set' : `${country} (${countryName(country) ?? 'unknown'})`],
          ['public key', key?.publicKey ?? 'none yet: run `accord init` to make the signing key'],
          ['fingerprint', key?.fingerprint],
          ['key created', key?.createdAt],
        ]));
      }
      done(ExitCode.OK);
    });
}
