import { type Command, InvalidArgumentError } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { ROLES, type Role } from '../../store/local/local-store.ts';
import { DEFAULT_API_ROOT } from '../../server/node.ts';
import { openNode } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import type { GlobalOptions } from './options.ts';

function collectRole(value: string, previous: Role[] = []): Role[] {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`a role is one of ${ROLES.join(', ')}`);
  return [...previous, value as Role];
}

export function registerCollection(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const collection = program.command('collection').description('TAXII collections and which roles may read and write them');
  collection
    .command('create')
    .description('create a collection (administrators can always read and write it)')
    .requiredOption('--title <title>', 'its title')
    .option('--description <text>', 'its description')
    .option('--read <role>', 'a role that may read it (repeatable)', collectRole, [])
    .option('--write <role>', 'a role that may write to it (repeatable)', collectRole, [])
    .option('--api-root <name>', 'the API root that serves it', DEFAULT_API_ROOT)
    .option('--json', 'print the collection as JSON')
    .action(async (options: { title: string; description?: string; read: Role[]; write: Role[]; apiRoot: string; json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const node = await openNode(data);
      try {
        if (node.local.apiRoot(options.apiRoot) === undefined) {
          throw new AppError(ErrorCode.CLI_USAGE, `there is no API root named ${JSON.stringify(options.apiRoot)}; run \`accord init\` first`);
        }
        const created = await node.store.createCollection({ title: options.title, ...(options.description !== undefined && { description: options.description }) });
        const grant = { collectionId: created.id, apiRoot: options.apiRoot, readRoles: [...new Set(options.read)], writeRoles: [...new Set(options.write)] };
        node.local.putGrant(grant);
        node.audit.append({ actor: 'cli', action: 'collection.create', target: created.id, details: { title: created.title, apiRoot: grant.apiRoot, readRoles: grant.readRoles, writeRoles: grant.writeRoles } });
        if (options.json) writeJson(context.stdout, { ...created, ...grant });
        else writeLine(context.stdout, `collection ${created.id} (${created.title}) created under /taxii2/${options.apiRoot}/`);
      } finally {
        await node.close();
      }
      done(ExitCode.OK);
    });
  collection
    .command('list')
    .description('list collections served over TAXII, with their API root and grants')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const node = await openNode(data);
      try {
        const stored = new Map((await node.store.listCollections()).map((c) => [c.id, c]));
        const rows = node.local.listGrants().flatMap((grant) => {
          const found = stored.get(grant.collectionId);
          return found ? [{ ...found, ...grant }] : [];
        });
        if (options.json) writeJson(context.stdout, rows);
        else {
          const table = rows.map((row) => [row.id, row.title, row.apiRoot, ['admin', ...row.readRoles].join(','), ['admin', ...row.writeRoles].join(',')]);
          writeLine(context.stdout, formatTable(['id', 'title', 'api root', 'read', 'write'], table));
        }
      } finally {
        await node.close();
      }
      done(ExitCode.OK);
    });
}
