import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { formatApiKey, generateKeyId, generateSecret, hashSecret } from '../../common/secrets.ts';
import { openNode } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeJson, writeLine } from '../output.ts';
import type { GlobalOptions } from './options.ts';

export function registerKey(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const key = program.command('key').description('API keys (Authorization: Bearer accord_<keyId>_<secret>)');
  key
    .command('create')
    .description('create an API key for an account and print it once')
    .requiredOption('--user <name>', 'the account the key acts as')
    .option('--label <label>', 'what the key is for (shown in listings)')
    .option('--json', 'print {"keyId", "user", "key"}')
    .action(async (options: { user: string; label?: string; json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const node = await openNode(data);
      let keyId: string;
      let secret: string;
      try {
        const account = node.local.accountByName(options.user);
        if (account === undefined) throw new AppError(ErrorCode.CLI_USAGE, `there is no account named ${JSON.stringify(options.user)}`);
        keyId = generateKeyId();
        secret = generateSecret();
        const label = options.label !== undefined ? { label: options.label } : {};
        node.local.createApiKey({ keyId, accountId: account.id, hash: await hashSecret(secret), ...label });
        node.audit.append({ actor: 'cli', action: 'key.create', target: keyId, details: { account: account.name, ...label } });
      } finally {
        await node.close();
      }
      const token = formatApiKey(keyId, secret);
      if (options.json) writeJson(context.stdout, { keyId, user: options.user, key: token });
      else {
        writeLine(context.stdout, `API key ${keyId} created for ${options.user}. The key, shown only now:`);
        writeLine(context.stdout, token);
      }
      done(ExitCode.OK);
    });
  key
    .command('revoke')
    .description('revoke an API key at once (requests with it get 401)')
    .argument('<keyId>', 'the key id (the part after accord_)')
    .action(async (keyId: string, _options: unknown, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const node = await openNode(data);
      let found: boolean;
      try {
        found = node.local.revokeApiKey(keyId);
        if (found) node.audit.append({ actor: 'cli', action: 'key.revoke', target: keyId });
      } finally {
        await node.close();
      }
      if (!found) {
        writeLine(context.stderr, `accord: there is no API key ${keyId}`);
        done(ExitCode.NOT_FOUND);
        return;
      }
      writeLine(context.stdout, `API key ${keyId} revoked`);
      done(ExitCode.OK);
    });
}
