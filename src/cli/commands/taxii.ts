import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { readBundle } from '../../stix/bundle-reader.ts';
import type { StixObject } from '../../stix/object.ts';
import { TaxiiClient, type TaxiiCredentials, type TaxiiQueryParams } from '../../taxii/index.ts';
import { writeBundle, writeBundleFile } from '../bundle-output.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { expandInputs } from '../input-files.ts';
import { formatCount, writeJson, writeLine } from '../output.ts';
import { parsePositiveInteger, parseTimestamp } from './options.ts';

/**
 * `accord taxii …`: one-off use of another TAXII 2.1 server with the
 * project's client. Secrets come from the environment, never the command line
 * (where other users of the machine could read them in the process list).
 */
const SECRET_ENV = 'ACCORD_TAXII_SECRET';
const KEY_ENV = 'ACCORD_TAXII_KEY';

interface ConnectionOptions {
  user?: string;
  allowHttp?: boolean;
}

interface GetOptions extends ConnectionOptions {
  type?: string[];
  id?: string[];
  version?: string[];
  addedAfter?: string;
  pageSize: number;
  out?: string;
}

interface PushOptions extends ConnectionOptions {
  batchSize: number;
  json?: boolean;
}

/** A collection's URL split into what the client takes (TAXII 2.1 §5: `{api-root}/collections/{id}/`). */
export function parseCollectionUrl(text: string): { server: URL; apiRoot: string; collection: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError(ErrorCode.CLI_USAGE, `"${text}" is not a URL; expected https://HOST/API-ROOT/collections/ID/`);
  }
  const match = /^(.*\/)collections\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) throw new AppError(ErrorCode.CLI_USAGE, `"${text}" is not a collection URL; expected https://HOST/API-ROOT/collections/ID/`);
  return { server: new URL(url.origin), apiRoot: match[1]!, collection: decodeURIComponent(match[2]!) };
}

function credentials(options: ConnectionOptions): TaxiiCredentials | undefined {
  const key = process.env[KEY_ENV];
  if (options.user) {
    const password = process.env[SECRET_ENV];
    if (!password) throw new AppError(ErrorCode.CLI_USAGE, `--user ${options.user} needs the secret in the environment variable ${SECRET_ENV}`);
    return { scheme: 'basic', username: options.user, password };
  }
  return key ? { scheme: 'bearer', token: key } : undefined;
}

function client(server: URL, options: ConnectionOptions): TaxiiClient {
  return new TaxiiClient({ url: server, credentials: credentials(options), allowHttp: options.allowHttp });
}

function connectionOptions(command: Command): Command {
  return command
    .option('--user <name>', `log in with HTTP Basic as NAME (the secret from $${SECRET_ENV}); without it, $${KEY_ENV} is sent as a Bearer API key`)
    .option('--allow-http', 'allow plain http to a host other than this machine');
}

export function registerTaxii(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const taxii = program.command('taxii').description('use another TAXII 2.1 server: discover, get objects, push bundles');

  connectionOptions(taxii.command('discover'))
    .description('print the server\'s discovery resource, its API roots and their collections')
    .argument('<server-url>', 'the server, e.g. https://taxii.example.org')
    .action(async (serverUrl: string, options: ConnectionOptions) => {
      const taxiiClient = client(new URL(serverUrl), options);
      const discovery = await taxiiClient.discovery();
      const roots = [];
      for (const root of discovery.api_roots ?? []) {
        roots.push({ url: root, ...(await taxiiClient.collections(root)) });
      }
      writeJson(context.stdout, { discovery, api_roots: roots });
      done(ExitCode.OK);
    });

  connectionOptions(taxii.command('get'))
    .description('read every page of a collection\'s objects (Get Objects, TAXII 2.1 §5.4) into one bundle')
    .argument('<collection-url>', 'https://HOST/API-ROOT/collections/ID/')
    .option('--type <type...>', 'match[type]')
    .option('--id <id...>', 'match[id]')
    .option('--version <version...>', 'match[version]: last (default), first, all, or a timestamp')
    .option('--added-after <timestamp>', 'added_after', parseTimestamp)
    .option('--page-size <n>', 'limit per request', parsePositiveInteger, 1000)
    .option('--out <file>', 'write to a file (written whole or not at all; .gz compresses) instead of standard output')
    .action(async (collectionUrl: string, options: GetOptions) => {
      const { server, apiRoot, collection } = parseCollectionUrl(collectionUrl);
      const params: TaxiiQueryParams = {
        types: options.type, ids: options.id, versions: options.version, addedAfter: options.addedAfter, limit: options.pageSize,
      };
      const objects = client(server, options).objects(apiRoot, collection, params);
      const json = async function* (): AsyncGenerator<string> {
        for await (const object of objects) yield JSON.stringify(object);
      };
      const count = options.out ? await writeBundleFile(json(), options.out) : await writeBundle(json(), context.stdout);
      writeLine(context.stderr, `read ${formatCount(count)} objects from ${collectionUrl}`);
      done(ExitCode.OK);
    });

  connectionOptions(taxii.command('push'))
    .description('post bundles to a collection as envelopes (Add Objects, TAXII 2.1 §5.5) and wait for each status')
    .argument('<collection-url>', 'https://HOST/API-ROOT/collections/ID/')
    .argument('<inputs...>', 'bundle files (.json/.json.gz) or directories')
    .option('--batch-size <n>', 'objects per envelope', parsePositiveInteger, 1000)
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExit codes: 0 every object accepted, 1 the server refused some, 2 an input could not be read.')
    .action(async (collectionUrl: string, inputs: string[], options: PushOptions) => {
      const { server, apiRoot, collection } = parseCollectionUrl(collectionUrl);
      const taxiiClient = client(server, options);
      const summary = { sent: 0, succeeded: 0, failed: 0, failures: [] as { id: string; message?: string }[] };
      const post = async (objects: StixObject[]): Promise<void> => {
        if (objects.length === 0) return;
        const status = await taxiiClient.addObjectsAndWait(apiRoot, collection, { objects });
        summary.sent += objects.length;
        summary.succeeded += status.success_count;
        summary.failed += status.failure_count;
        for (const failure of status.failures ?? []) summary.failures.push({ id: failure.id, message: failure.message });
      };
      for (const file of expandInputs(inputs)) {
        let batch: StixObject[] = [];
        for await (const entries of readBundle(createReadStream(file))) {
          for (const entry of entries) {
            if (entry.kind === 'malformed') throw new AppError(entry.code, `${file}: ${entry.message}`);
            batch.push(entry.value as StixObject);
            if (batch.length >= options.batchSize) {
              await post(batch);
              batch = [];
            }
          }
        }
        await post(batch);
      }
      if (options.json) {
        writeJson(context.stdout, summary);
      } else {
        writeLine(context.stdout, `sent ${formatCount(summary.sent)}, accepted ${formatCount(summary.succeeded)}, refused ${formatCount(summary.failed)}`);
        for (const failure of summary.failures.slice(0, 10)) writeLine(context.stdout, `  refused ${failure.id}: ${failure.message ?? ''}`);
      }
      done(summary.failed > 0 ? ExitCode.REJECTED : ExitCode.OK);
    });
}
