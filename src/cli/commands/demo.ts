import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { generateSecret, hashSecret } from '../../common/secrets.ts';
import { checkAgreement } from '../../federation/agreements.ts';
import { nodeSigningKey } from '../../federation/keys.ts';
import type { Checked } from '../../federation/model.ts';
import { nodeLocationIds } from '../../federation/node-identity.ts';
import { checkPartner } from '../../federation/partners.ts';
import { scheduleSync } from '../../federation/sync/sync.ts';
import { DEFAULT_API_ROOT, initNode } from '../../server/node.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import type { StixObject } from '../../stix/object.ts';
import { openNode, type NodeStores } from '../../store/data-dir.ts';
import type { Role } from '../../store/local/local-store.ts';
import { ValidatedIngest, type IngestProblem } from '../../store/validated-ingest.ts';
import { seedFollowUp } from '../../workflows/demo/follow-up.ts';
import { seedJointCases } from '../../workflows/demo/joint-cases.ts';
import { buildDemoScenario, DEMO_NODE_NAMES, demoAgreementId, type DemoNodeName, type DemoScenario } from '../../workflows/demo/scenario.ts';
import { DemoSeeding, type JointCaseNode } from '../../workflows/demo/seeding.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeLine } from '../output.ts';
import { nodeSync } from './sync.ts';
import type { GlobalOptions } from './options.ts';

/**
 * `accord demo` (issue 5, docs/demo.md): the demo federation — UK, AU and PL
 * nodes seeded from workflows/demo/scenario.ts, each with its own data
 * directory, served by this one process on loopback.
 */

/** The file `DIR/demo.json`: what scripts and tests need to drive the demo. Secrets in clear: demo only. */
export const DEMO_FILE = 'demo.json';

export interface DemoAccount {
  name: string;
  role: Role;
  secret: string;
}

export interface DemoFileNode {
  name: DemoNodeName;
  /** The node's TAXII API root. */
  url: string;
  /** The node's STIX identity id. */
  identity: string;
  accounts: DemoAccount[];
}

export interface DemoFile {
  nodes: DemoFileNode[];
}

/** The account a partner's node signs in with at another node: `au-node` at the UK. */
export function partnerAccountName(partner: DemoNodeName): string {
  return `${partner}-node`;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65533) throw new InvalidArgumentError(`expected a port number 1-65533, got "${value}"`);
  return port;
}

function apiRootUrl(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/taxii2/${DEFAULT_API_ROOT}/`;
}

function readDemoFile(dir: string): DemoFile | undefined {
  const file = path.join(dir, DEMO_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as DemoFile;
}

/** Validates and stores `objects` (the import path), joining `collections`; any rejection is a bug in the scenario. */
async function ingestValidated(node: NodeStores, objects: readonly StixObject[], collections?: readonly string[]): Promise<number> {
  const rejected: string[] = [];
  let stored = 0;
  const ingest = new ValidatedIngest<string>(node.store, {
    accepted: (_id, _object, outcome) => { if (outcome === 'stored') stored += 1; },
    rejected: (id, _value, problems: IngestProblem[]) => { rejected.push(`${id}: ${problems.map((problem) => problem.message).join('; ')}`); },
  }, collections === undefined ? {} : { collections });
  for (const object of objects) await ingest.add(object, object.id);
  await ingest.flush();
  if (rejected.length > 0) throw new Error(`the demo scenario has invalid objects:\n${rejected.join('\n')}`);
  return stored;
}

interface SeededNode {
  name: DemoNodeName;
  identity: string;
  publicKey: string;
  accounts: DemoAccount[];
  /** The default collection, which partners read and write. */
  collectionId: string;
}

/**
 * A new node from the scenario: its own identity, country and key first (so
 * `initNode` finds the scenario's identity rather than making one), then every
 * object into the default collection, the `admin` account and one `partner`
 * account per other node, and the grant letting partner accounts read and write.
 */
async function seedNode(node: NodeStores, scenario: DemoScenario, name: DemoNodeName): Promise<SeededNode> {
  const seed = scenario.nodes[name];
  if (node.local.settings().identityId !== undefined) {
    throw new AppError(ErrorCode.CLI_USAGE, `the ${name} node's folder already holds a node that ${DEMO_FILE} does not describe: remove the folder or use another --data`);
  }
  node.local.putSettings({ title: String(seed.identity.name), identityId: seed.identity.id });
  const location = nodeLocationIds(seed.identity.id);
  const own = new Set([seed.identity.id, location.location, location.relationship]);
  await ingestValidated(node, seed.objects.filter((object) => own.has(object.id)));
  const init = await initNode(node.store, node.local, { name: String(seed.identity.name), country: seed.country, sectors: seed.identity.sectors ?? [] });
  if (init.keyCreated) node.audit.append({ actor: 'cli', action: 'node-key.create', target: init.key.fingerprint, details: { algorithm: init.key.algorithm, publicKey: init.key.publicKey } });
  await ingestValidated(node, seed.objects, [init.collection.id]);
  node.local.putGrant({ collectionId: init.collection.id, apiRoot: init.apiRoot, readRoles: ['partner'], writeRoles: ['partner'] });

  const accounts: DemoAccount[] = [{ name: 'admin', role: 'admin', secret: generateSecret() }];
  for (const partner of DEMO_NODE_NAMES) {
    if (partner !== name) accounts.push({ name: partnerAccountName(partner), role: 'partner', secret: generateSecret() });
  }
  for (const account of accounts) {
    const kind = account.role === 'partner' ? 'system' : 'person';
    node.local.createAccount({ name: account.name, role: account.role, kind, secretHash: await hashSecret(account.secret) });
    node.audit.append({ actor: 'cli', action: 'account.create', target: account.name, details: { kind, role: account.role } });
  }
  return { name, identity: seed.identity.id, publicKey: init.key.publicKey, accounts, collectionId: init.collection.id };
}

/** Registers every other node as a partner (URL, identity, key, its account here, our credentials there) and the scenario's agreements with it. */
function linkNode(node: NodeStores, scenario: DemoScenario, self: SeededNode, all: readonly SeededNode[], urls: Record<DemoNodeName, string>): void {
  const valueOf = <T>(checked: Checked<T>): T => {
    if (!checked.ok) throw new Error(`the demo's ${self.name} node: ${checked.problems.join('; ')}`);
    return checked.value;
  };
  for (const other of all) {
    if (other.name === self.name) continue;
    const ours = other.accounts.find((account) => account.name === partnerAccountName(self.name))!;
    const added = valueOf(checkPartner({
      name: other.name, kind: 'state', url: urls[other.name], identity: other.identity, publicKey: other.publicKey,
      account: partnerAccountName(other.name), credentials: `${ours.name}:${ours.secret}`,
    }, { accountExists: (account) => node.local.accountByName(account) !== undefined }));
    node.local.addPartner(added.partner, added.credentials);
    node.audit.append({ actor: 'cli', action: 'partner.add', target: other.name, details: { ...added.partner, credentials: 'set' } });
  }
  for (const { arrangement, partner, direction, collections, objectTypes, tlp, onward, basis } of scenario.agreements[self.name]) {
    const id = demoAgreementId({ partner, arrangement, direction });
    const { agreement } = valueOf(checkAgreement(
      { partner, direction, id, collections, types: objectTypes, tlp, onward: onward ? 'yes' : 'no', ...(basis !== undefined && { basis }) },
      { partner: node.local.partner(partner), agreement: (found) => node.local.agreement(found), partnerAgreements: node.local.listAgreements(partner) },
    ));
    node.local.putAgreement(agreement);
    const { id: agreementId, ...terms } = agreement;
    node.audit.append({ actor: 'cli', action: 'agreement.set', target: agreementId, details: terms });
  }
}

/** How long before the scenario's `now` the joint cases and their follow-up start (one step a minute: they end before it). */
const JOINT_CASES_LEAD_MS = 3 * 60 * 60_000;

/** What the joint cases are worked through with: each node's stores, collection, identity and keys. */
function jointCaseNodes(opened: Readonly<Record<DemoNodeName, NodeStores>>, seeded: readonly SeededNode[]): Record<DemoNodeName, JointCaseNode> {
  return Object.fromEntries(seeded.map((node) => {
    const { store, local } = opened[node.name];
    const signingKey = nodeSigningKey(local);
    if (signingKey === undefined) throw new Error(`the demo's ${node.name} node has no signing key after init`);
    return [node.name, { store, local, collectionId: node.collectionId, identityId: node.identity, signingKey, publicKey: node.publicKey }];
  })) as Record<DemoNodeName, JointCaseNode>;
}

/** Sets up the three nodes under `dir` unless `demo.json` says they are there; returns what `demo.json` holds. */
async function setUpDemo(dir: string, urls: Record<DemoNodeName, string>): Promise<{ file: DemoFile; created: boolean }> {
  const existing = readDemoFile(dir);
  if (existing !== undefined) {
    for (const node of existing.nodes) {
      if (node.url !== urls[node.name]) {
        throw new AppError(ErrorCode.CLI_USAGE, `${path.join(dir, DEMO_FILE)} has the ${node.name} node at ${node.url}: give the --host and --base-port it was set up with, or another --data`);
      }
    }
    return { file: existing, created: false };
  }
  const scenario = buildDemoScenario();
  const opened: Partial<Record<DemoNodeName, NodeStores>> = {};
  try {
    const seeded: SeededNode[] = [];
    for (const name of DEMO_NODE_NAMES) {
      const node = await openNode(path.join(dir, name));
      opened[name] = node;
      seeded.push(await seedNode(node, scenario, name));
    }
    for (const self of seeded) linkNode(opened[self.name]!, scenario, self, seeded, urls);
    const seeding = new DemoSeeding(jointCaseNodes(opened as Record<DemoNodeName, NodeStores>, seeded), scenario.seed, new Date(Date.parse(scenario.now) - JOINT_CASES_LEAD_MS));
    await seedFollowUp(seeding, await seedJointCases(seeding));
    const file: DemoFile = { nodes: seeded.map(({ name, identity, accounts }) => ({ name, url: urls[name], identity, accounts })) };
    writeFileSync(path.join(dir, DEMO_FILE), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    return { file, created: true };
  } finally {
    for (const node of Object.values(opened)) await node.close();
  }
}

interface DemoOptions {
  basePort: number;
  host: string;
  logLevel: string;
  syncInterval: number;
  sync: boolean;
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) throw new InvalidArgumentError(`expected a number of seconds 1-86400, got "${value}"`);
  return seconds;
}

export function registerDemo(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('demo')
    .description('run the demo federation: UK, AU and PL nodes on consecutive ports, seeded with the demo scenario, until SIGINT or SIGTERM (docs/demo.md); with --data DIR the nodes are kept in DIR/uk, DIR/au, DIR/pl and DIR/demo.json, else in a temporary folder removed on exit')
    .option('--base-port <port>', 'the UK node\'s port; AU and PL take the next two', parsePort, 7401)
    .option('--host <host>', 'the address the nodes listen on', '127.0.0.1')
    .addOption(new Option('--log-level <level>', 'JSON request logs on stdout').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('warn'))
    .option('--sync-interval <seconds>', 'how often each node syncs with its partners (pull, then push)', parseSeconds, 10)
    .option('--no-sync', 'serve the seeded nodes without syncing them (each keeps only its own scenario objects)')
    .action(async (options: DemoOptions, command: Command) => {
      const given = command.getOptionValueSourceWithGlobals('data') === 'cli';
      const dir = given ? path.resolve(command.optsWithGlobals<GlobalOptions>().data) : mkdtempSync(path.join(os.tmpdir(), 'accord-demo-'));
      const removeTemporary = (): void => { if (!given) rmSync(dir, { recursive: true, force: true }); };
      const ports = Object.fromEntries(DEMO_NODE_NAMES.map((name, index) => [name, options.basePort + index])) as Record<DemoNodeName, number>;
      const urls = Object.fromEntries(DEMO_NODE_NAMES.map((name) => [name, apiRootUrl(options.host, ports[name])])) as Record<DemoNodeName, string>;

      // Run on stop, in order: the sync schedulers and their stores, the servers (each closes its stores), then the temporary folder.
      const servers: RunningServer[] = [];
      const syncs: { stop(): Promise<void>; node: NodeStores }[] = [];
      const stop = async (): Promise<void> => {
        for (const sync of syncs.splice(0)) {
          await sync.stop();
          await sync.node.close();
        }
        for (const server of servers.splice(0)) await server.close();
        removeTemporary();
      };
      let setUp;
      try {
        setUp = await setUpDemo(dir, urls);
        for (const name of DEMO_NODE_NAMES) {
          servers.push(await startServer({ host: options.host, port: ports[name], dataDir: path.join(dir, name), logLevel: options.logLevel, handleSignals: false }));
        }
        // Once every node serves: each syncs with its partners on a schedule, through its own connection to its stores.
        for (const name of options.sync ? DEMO_NODE_NAMES : []) {
          const node = await openNode(path.join(dir, name));
          const schedule = scheduleSync(nodeSync(node), {
            intervalMs: options.syncInterval * 1000,
            onReports: (reports) => {
              for (const report of reports) for (const error of report.errors) writeLine(context.stderr, `accord demo: ${name} ${report.direction} ${report.partner}: ${error.message}`);
            },
            onError: (error) => writeLine(context.stderr, `accord demo: ${name} sync failed: ${error instanceof Error ? error.message : String(error)}`),
          });
          syncs.push({ stop: () => schedule.stop(), node });
        }
      } catch (error) {
        await stop();
        throw error;
      }

      writeLine(context.stdout, `accord demo: three partner nodes ${setUp.created ? 'set up' : 'reused'} in ${dir}${given ? '' : ' (temporary: removed on exit)'}`);
      for (const node of setUp.file.nodes) {
        writeLine(context.stdout, '');
        writeLine(context.stdout, `${node.name.toUpperCase()}  ${node.url}  (identity ${node.identity}; data: accord --data ${path.join(dir, node.name)} …)`);
        for (const account of node.accounts) writeLine(context.stdout, `  ${account.name.padEnd(8)} ${account.role.padEnd(8)} ${account.secret}`);
      }
      writeLine(context.stdout, '');
      writeLine(context.stdout, `Logins are HTTP Basic (name and secret)${given ? `; they are also in ${path.join(dir, DEMO_FILE)}` : ''}. Demo secrets only: never use them for real data.`);
      writeLine(context.stdout, 'accord demo: ready (Ctrl-C stops it)');

      await new Promise<void>((resolve) => {
        const onSignal = (): void => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
      writeLine(context.stderr, 'accord demo: stopping');
      await stop();
      done(ExitCode.OK);
    });
}
