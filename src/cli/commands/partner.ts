import { type Command } from 'commander';
import { AppError, ErrorCode, isAppError } from '../../common/errors.ts';
import { keyFingerprint } from '../../federation/keys.ts';
import type { Partner } from '../../federation/model.ts';
import { updatePartner } from '../../federation/partner-changes.ts';
import { checkPartner, unknownPartner, type PartnerInput } from '../../federation/partners.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import { formatFields, notFound, recordChange, valueOrUsageError, withNode } from './federation-config.ts';

/** `partner add`'s and `update`'s options: the partner's fields as typed, and where else credentials may come from. */
interface AddOptions extends Omit<PartnerInput, 'name'> {
  credentialsEnv?: string;
  json?: boolean;
}

/** A partner as shown: the key's fingerprint beside it, and whether credentials are stored — never the credentials. */
function partnerView(local: LocalStore, partner: Partner) {
  return {
    ...partner,
    ...(partner.publicKey !== undefined && { fingerprint: keyFingerprint(partner.publicKey) }),
    credentials: local.partnerCredentials(partner.name) === undefined ? 'not set' : 'set',
  };
}

/** The credentials from `--credentials`, or from the environment variable `--credentials-env` names (kept off the process list). */
function credentialsOption(options: AddOptions): string | undefined {
  if (options.credentialsEnv === undefined) return options.credentials;
  if (options.credentials !== undefined) throw new AppError(ErrorCode.CLI_USAGE, 'give --credentials or --credentials-env, not both');
  const value = process.env[options.credentialsEnv];
  if (value === undefined || value === '') throw new AppError(ErrorCode.CLI_USAGE, `the environment variable ${options.credentialsEnv} (--credentials-env) is not set`);
  return value;
}

/** The options `add` and `update` share: a partner node's fields. */
function nodeOptions(command: Command): Command {
  return command
    .option('--url <url>', 'the partner node\'s TAXII API root, e.g. https://taxii.example.gov/taxii2/accord/')
    .option('--identity <id>', 'the partner\'s STIX identity id (identity--<uuid>, from `accord identity show` on its node)')
    .option('--public-key <key>', 'the partner node\'s public key (base64 SPKI, from `accord identity show` on its node)')
    .option('--account <name>', 'the local account the partner\'s node signs in with here')
    .option('--credentials <secret>', 'how this node signs in at the partner\'s server: USER:SECRET (HTTP Basic) or an API key accord_KEYID_SECRET; stored, never shown')
    .option('--credentials-env <var>', 'read --credentials from this environment variable instead (keeps the secret off the process list)')
    .option('--push-collection <id>', 'the partner\'s collection pushes go to (default: the first one it lets this node write)')
    .option('--json', 'print the partner as JSON');
}

/** The partner's fields as typed, credentials taken from `--credentials` or `--credentials-env`. */
function fieldsOf(options: AddOptions): Omit<PartnerInput, 'name'> {
  const { credentialsEnv: _, json: __, ...fields } = options;
  const credentials = credentialsOption(options);
  return { ...fields, ...(credentials !== undefined && { credentials }) };
}

export function registerPartner(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const partner = program.command('partner').description('partner nodes this node shares with: other states, industry, the public (docs/federation.md)');
  nodeOptions(partner
    .command('add')
    .description('register a partner: its node\'s TAXII API root, STIX identity and Ed25519 public key')
    .argument('<name>', 'a short lower-case name (au, pl, acme-isac)')
    .option('--kind <kind>', 'state, industry or public (the public has no node: it reads the public pages)', 'state'))
    .action(async (name: string, options: AddOptions, command: Command) => {
      const input: PartnerInput = { name, ...fieldsOf(options) };
      const view = await withNode(command, (node) => {
        const { partner: added, credentials: secret } = valueOrUsageError(checkPartner(input, { accountExists: (account) => node.local.accountByName(account) !== undefined }), context);
        try {
          node.local.addPartner(added, secret);
        } catch (error) {
          if (isAppError(error, ErrorCode.LOCAL_CONFLICT)) throw new AppError(ErrorCode.CLI_USAGE, `${error.message} (remove it first to register it again)`);
          throw error;
        }
        const shown = partnerView(node.local, added);
        recordChange(node, { action: 'partner.add', target: added.name, details: shown });
        return shown;
      });
      if (options.json) writeJson(context.stdout, view);
      else writeLine(context.stdout, `partner ${view.name} (${view.kind}) added${view.url === undefined ? '' : ` at ${view.url}`}${view.fingerprint === undefined ? '' : `, key fingerprint ${view.fingerprint}`}; credentials ${view.credentials}`);
      done(ExitCode.OK);
    });
  nodeOptions(partner
    .command('update')
    .description('change a partner in place: a rotated key, a moved node, new credentials, identity, account or push collection (checked as add checks them; audited)')
    .argument('<name>', 'the partner (`accord partner list`)'))
    .action(async (name: string, options: AddOptions, command: Command) => {
      const change = fieldsOf(options);
      const view = await withNode(command, (node) => {
        const updated = updatePartner(node, 'cli', name, change);
        return updated && partnerView(node.local, valueOrUsageError(updated, context).partner);
      });
      if (view === undefined) {
        notFound(context, done, unknownPartner(name));
        return;
      }
      if (options.json) writeJson(context.stdout, view);
      else writeLine(context.stdout, `partner ${view.name} updated${view.url === undefined ? '' : `: at ${view.url}`}${view.fingerprint === undefined ? '' : `, key fingerprint ${view.fingerprint}`}; credentials ${view.credentials}`);
      done(ExitCode.OK);
    });
  partner
    .command('list')
    .description('list partners (never their credentials)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const views = await withNode(command, (node) => node.local.listPartners().map((found) => partnerView(node.local, found)));
      if (options.json) writeJson(context.stdout, views);
      else if (views.length === 0) writeLine(context.stdout, 'no partners yet: add one with `accord partner add NAME --url … --identity … --public-key …`');
      else {
        writeLine(context.stdout, formatTable(['name', 'kind', 'url', 'identity', 'key fingerprint', 'account', 'credentials'], views.map((view) => [
          view.name, view.kind, view.url ?? '', view.identityId ?? '', view.fingerprint === undefined ? '' : `${view.fingerprint.slice(0, 19)} …`, view.accountName ?? '', view.credentials,
        ])));
      }
      done(ExitCode.OK);
    });
  partner
    .command('show')
    .description('one partner in full, with its agreements')
    .argument('<name>', 'the partner')
    .option('--json', 'print as JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const view = await withNode(command, (node) => {
        const found = node.local.partner(name);
        return found && { ...partnerView(node.local, found), agreements: node.local.listAgreements(name).map((agreement) => agreement.id) };
      });
      if (view === undefined) {
        notFound(context, done, unknownPartner(name));
        return;
      }
      if (options.json) writeJson(context.stdout, view);
      else {
        writeLine(context.stdout, formatFields([
          ['partner', view.name],
          ['kind', view.kind],
          ['url', view.url],
          ['identity', view.identityId],
          ['public key', view.publicKey],
          ['fingerprint', view.fingerprint],
          ['account here', view.accountName],
          ['credentials', view.credentials],
          ['push collection', view.pushCollection ?? 'its first writable collection'],
          ['added', view.createdAt],
          ['agreements', view.agreements.length > 0 ? view.agreements.join(', ') : 'none (`accord agreement set`)'],
        ]));
      }
      done(ExitCode.OK);
    });
  partner
    .command('remove')
    .description('remove a partner (its agreements first: `accord agreement remove`)')
    .argument('<name>', 'the partner')
    .action(async (name: string, _options: unknown, command: Command) => {
      const removed = await withNode(command, (node) => {
        const found = node.local.partner(name);
        if (found === undefined) return false;
        try {
          node.local.removePartner(name);
        } catch (error) {
          if (isAppError(error, ErrorCode.LOCAL_CONFLICT)) throw new AppError(ErrorCode.CLI_USAGE, error.message);
          throw error;
        }
        recordChange(node, { action: 'partner.remove', target: name, details: { kind: found.kind, ...(found.identityId !== undefined && { identityId: found.identityId }) } });
        return true;
      });
      if (!removed) {
        notFound(context, done, unknownPartner(name));
        return;
      }
      writeLine(context.stdout, `partner ${name} removed`);
      done(ExitCode.OK);
    });
}
