/**
 * Real partner nodes for the federation tests: each an `accord init`ed data
 * directory served by its own `accord serve` child process on loopback, with a
 * `partner`-role system account for every other node (`PEER-node`) that may read
 * and write its default collection, and — on `link` — each other registered as
 * partners with the real identity, public key and credentials.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SyncReport } from '../../src/federation/sync/sync.ts';
import type { StixObject } from '../../src/stix/object.ts';
import { openNode, type NodeStores } from '../../src/store/data-dir.ts';
import { accord, temporaryDirectory } from './cli.ts';
import { runAccordProcess, spawnServe, type ChildOptions, type ServeProcess } from './serve-process.ts';
import { repoRoot } from './shared.ts';

export interface FederationNode {
  name: string;
  dir: string;
  /** The node's default collection. */
  collection: string;
  identity: { id: string; publicKey: string };
  server: ServeProcess;
  /** How this node's child processes run (its clock skew). */
  child: ChildOptions;
  /** Secrets of the accounts `PEER-node` on this node, by peer. */
  secrets: Record<string, string>;
}

export interface NodeOptions {
  /** Run this node's server (and `syncInChild`) with its clock shifted by this many ms. */
  clockOffsetMs?: number;
}

/** Node options that load the skewed-clock preload with `offsetMs`. */
export function skewedClock(offsetMs: number): ChildOptions {
  return { nodeArgs: ['--import', path.join(repoRoot, 'test', 'support', 'skewed-clock.ts')], env: { ACCORD_CLOCK_OFFSET_MS: String(offsetMs) } };
}

/** `accord ARGS` in-process; fails the test unless it exits 0. */
export async function run(...argv: string[]): Promise<string> {
  const result = await accord(...argv);
  assert.equal(result.code, 0, `accord ${argv.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

export class Federation {
  readonly nodes: Record<string, FederationNode> = {};
  readonly #cleanups: (() => void)[] = [];

  /** Starts one node per name (each knows an account for every other). */
  static async start(names: readonly string[], options: Record<string, NodeOptions> = {}): Promise<Federation> {
    const federation = new Federation();
    try {
      await Promise.all(names.map((name) => federation.#startNode(name, names.filter((other) => other !== name), options[name] ?? {})));
    } catch (error) {
      await federation.close();
      throw error;
    }
    return federation;
  }

  async #startNode(name: string, peers: readonly string[], options: NodeOptions): Promise<void> {
    const { dir, cleanup } = temporaryDirectory(`accord-fed-${name}-`);
    this.#cleanups.push(cleanup);
    const init = JSON.parse(await run('--data', dir, 'init', '--title', name.toUpperCase(), '--json')) as { collection: { id: string } };
    const secrets: Record<string, string> = {};
    for (const peer of peers) {
      secrets[peer] = (JSON.parse(await run('--data', dir, 'user', 'add', `${peer}-node`, '--role', 'partner', '--kind', 'system', '--json')) as { secret: string }).secret;
    }
    await this.#withStores(dir, (node) => node.local.putGrant({ ...node.local.grant(init.collection.id)!, readRoles: ['partner'], writeRoles: ['partner'] }));
    const identity = JSON.parse(await run('--data', dir, 'identity', 'show', '--json')) as { id: string; publicKey: string };
    const child = options.clockOffsetMs === undefined ? {} : skewedClock(options.clockOffsetMs);
    const server = await spawnServe(dir, [], child);
    this.nodes[name] = { name, dir, collection: init.collection.id, identity, server, child, secrets };
  }

  /** Registers `a` and `b` as partners of each other (no agreements yet). */
  async link(a: string, b: string): Promise<void> {
    for (const [self, peer] of [[a, b], [b, a]] as const) {
      const other = this.nodes[peer]!;
      await run('--data', this.nodes[self]!.dir, 'partner', 'add', peer, '--url', `${other.server.url}/taxii2/accord/`, '--identity', other.identity.id,
        '--public-key', other.identity.publicKey, '--account', `${peer}-node`, '--credentials', `${self}-node:${other.secrets[self]}`);
    }
  }

  /** Opens `name`'s stores (beside its running server: SQLite WAL), runs `work`, closes them. */
  async with<T>(name: string, work: (node: NodeStores) => Promise<T> | T): Promise<T> {
    return this.#withStores(this.nodes[name]!.dir, work);
  }

  async #withStores<T>(dir: string, work: (node: NodeStores) => Promise<T> | T): Promise<T> {
    const node = await openNode(dir);
    try {
      return await work(node);
    } finally {
      await node.close();
    }
  }

  /** Writes objects into `name`'s default collection, as a local analyst would. */
  async seed(name: string, objects: readonly StixObject[]): Promise<void> {
    await this.with(name, (node) => node.store.ingest([...objects], { collections: [this.nodes[name]!.collection] }));
  }

  /** The same through `accord import` in a child process run with `name`'s clock (its skew dates what it adds). */
  async importInChild(name: string, objects: readonly StixObject[]): Promise<void> {
    const node = this.nodes[name]!;
    const file = path.join(node.dir, `import-${++imports}.json`);
    writeFileSync(file, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }));
    const result = await runAccordProcess(['--data', node.dir, 'import', file, '--collection', node.collection, '--json'], node.child);
    assert.equal(result.code, 0, `accord import at ${name}: ${result.stderr}`);
  }

  /** Every version `name` holds in its default collection, as `id@modified`. */
  async holdings(name: string): Promise<Set<string>> {
    return this.with(name, async (node) => {
      const held = new Set<string>();
      let next: string | undefined;
      for (;;) {
        const page = await node.store.query({ collection: this.nodes[name]!.collection, versions: ['all'] }, { limit: 1000, ...(next !== undefined && { next }) });
        for (const item of page.items) held.add(`${item.object.id}@${String(item.object.modified ?? item.object.created)}`);
        if (!page.more || page.next === undefined) return held;
        next = page.next;
      }
    });
  }

  /** `accord sync ARGS --json` at `name`, in this process: exit code and reports. */
  async sync(name: string, ...args: string[]): Promise<{ code: number; reports: SyncReport[] }> {
    const result = await accord('--data', this.nodes[name]!.dir, 'sync', ...args, '--json');
    return { code: result.code, reports: JSON.parse(result.stdout || '[]') as SyncReport[] };
  }

  /** The same in a child process run with `name`'s clock (skew). */
  async syncInChild(name: string, ...args: string[]): Promise<{ code: number | null; reports: SyncReport[]; stderr: string }> {
    const node = this.nodes[name]!;
    const result = await runAccordProcess(['--data', node.dir, 'sync', ...args, '--json'], node.child);
    return { code: result.code, reports: JSON.parse(result.stdout || '[]') as SyncReport[], stderr: result.stderr };
  }

  async close(): Promise<void> {
    const servers = Object.values(this.nodes).map((node) => node.server);
    for (const server of servers) server.stop();
    await Promise.all(servers.map((server) => server.exited));
    for (const cleanup of this.#cleanups) cleanup();
  }
}


let serial = 0;
let imports = 0;

/** The two object types the federation tests make (an agreement may cover one of them). */
export type TestType = 'identity' | 'location';

/** A fresh STIX `identity` (or `location`) marked `markings` (marking-definition ids; none: unmarked), with extra properties. */
export function markedObject(markings: readonly string[], extra: Record<string, unknown> = {}, type: TestType = 'identity'): StixObject {
  serial++;
  const at = '2025-03-01T00:00:00.000Z';
  const fields = type === 'identity' ? { name: `org ${serial}`, identity_class: 'organization' } : { name: `place ${serial}`, country: 'GB' };
  return {
    type, spec_version: '2.1', id: `${type}--7e7e7e7e-0000-4000-8000-${String(process.pid % 10000).padStart(4, '0')}${String(serial).padStart(8, '0')}`,
    created: at, modified: at, ...fields,
    ...(markings.length > 0 && { object_marking_refs: [...markings] }), ...extra,
  };
}

/** `id@modified` of a version, as `Federation.holdings` lists it. */
export function versionKey(object: StixObject): string {
  return `${object.id}@${String(object.modified ?? object.created)}`;
}
