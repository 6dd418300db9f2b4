import { type Command, InvalidArgumentError, Option } from 'commander';
import { AppError, ErrorCode, isAppError } from '../../common/errors.ts';
import { generateSecret, hashSecret } from '../../common/secrets.ts';
import { ACCOUNT_KINDS, ROLES, type AccountKind, type Role } from '../../store/local/local-store.ts';
import { openNode } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import type { GlobalOptions } from './options.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

function parseName(value: string): string {
  // RFC 7617 §2: a Basic user id cannot hold a colon; keep names plain so they are safe in logs too.
  if (!NAME.test(value)) throw new InvalidArgumentError('names are 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');
  return value;
}

export function registerUser(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const user = program.command('user').description('accounts of people and partner systems');
  user
    .command('add')
    .description('create an account and print its secret once (HTTP Basic: NAME and the secret)')
    .argument('<name>', 'the account name (the HTTP Basic user id)', parseName)
    .addOption(new Option('--role <role>', 'what the account may do').choices(ROLES).makeOptionMandatory())
    .addOption(new Option('--kind <kind>', 'a person or a system').choices(ACCOUNT_KINDS).default('person'))
    .option('--json', 'print {"name", "role", "secret"}')
    .action(async (name: string, options: { role: Role; kind: AccountKind; json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const secret = generateSecret();
      const node = await openNode(data);
      try {
        node.local.createAccount({ name, role: options.role, kind: options.kind, secretHash: await hashSecret(secret) });
        node.audit.append({ actor: 'cli', action: 'account.create', target: name, details: { kind: options.kind, role: options.role } });
      } catch (error) {
        if (isAppError(error, ErrorCode.LOCAL_CONFLICT)) throw new AppError(ErrorCode.CLI_USAGE, error.message);
        throw error;
      } finally {
        await node.close();
      }
      if (options.json) writeJson(context.stdout, { name, role: options.role, secret });
      else {
        writeLine(context.stdout, `account ${name} (${options.kind}, ${options.role}) created. Its secret, shown only now:`);
        writeLine(context.stdout, secret);
      }
      done(ExitCode.OK);
    });
  user
    .command('disable')
    .description('disable an account at once: its secret and every API key of it stop working (401)')
    .argument('<name>', 'the account name')
    .action(async (name: string, _options: unknown, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const node = await openNode(data);
      try {
        const account = node.local.accountByName(name);
        if (account === undefined) throw new AppError(ErrorCode.CLI_USAGE, `there is no account named ${JSON.stringify(name)}`);
        node.local.setAccountDisabled(account.id, true);
        node.audit.append({ actor: 'cli', action: 'account.disable', target: name });
      } finally {
        await node.close();
      }
      writeLine(context.stdout, `account ${name} disabled`);
      done(ExitCode.OK);
    });
  user
    .command('list')
    .description('list accounts (never their secrets)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const node = await openNode(data);
      try {
        const accounts = node.local.listAccounts().map(({ secretHash: _, ...account }) => account);
        if (options.json) writeJson(context.stdout, accounts);
        else writeLine(context.stdout, formatTable(['name', 'kind', 'role', 'created', 'disabled'], accounts.map((a) => [a.name, a.kind, a.role, a.createdAt, a.disabled ? 'yes' : ''])));
      } finally {
        await node.close();
      }
      done(ExitCode.OK);
    });
}
