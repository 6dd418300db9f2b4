import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DEMO_FILE, type DemoFile, type DemoFileNode } from '../../src/cli/commands/demo.ts';
import type { PartnerView } from '../../src/server/api/contract.ts';
import type { DemoNodeName } from '../../src/workflows/demo/scenario.ts';
import { temporaryDirectory } from './cli.ts';
import { repoRoot } from './shared.ts';

/**
 * `accord demo` (docs/demo.md) as a child process for the browser tests and
 * the web bench: the built CLI (`bin/accord.js`, so the server also serves the
 * built SPA from dist/web), three nodes on free loopback ports, a temporary
 * data folder removed on stop.
 */
export interface DemoFederation {
  dir: string;
  nodes: Record<DemoNodeName, DemoNode>;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** SIGINT (the demo's clean stop), SIGKILL after 15 s; then removes the data folder. */
  stop(): Promise<void>;
}

export interface DemoNode extends DemoFileNode {
  /** The node's origin, where the web app and `/api` are: `http://127.0.0.1:PORT`. */
  origin: string;
}

export interface DemoOptions {
  /** Seconds between sync runs (`--sync-interval`; default 2 so tests see sync quickly). */
  syncInterval?: number;
  /** Extra `accord demo` arguments (e.g. `--no-sync`). */
  args?: readonly string[];
}

/** Polls `check` every `intervalMs` until it returns a value other than undefined; rejects with `what` after `timeoutMs`. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not after ${timeoutMs / 1000} s${lastError === undefined ? '' : ` (last error: ${String(lastError)})`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port in 20000–40000 whose next two ports are free too (the demo takes three). */
export async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await portFree(base)) && (await portFree(base + 1)) && (await portFree(base + 2))) return base;
  }
  throw new Error('no three consecutive free ports in 20000-40000');
}

/** Starts the demo once; rejects with its output if it exits or is not ready in 60 s. */
async function startOnce(dir: string, basePort: number, options: DemoOptions): Promise<{ child: ChildProcess; output: () => string; exited: Promise<unknown[]> }> {
  const child = spawn(process.execPath, [
    path.join(repoRoot, 'bin', 'accord.js'), '--data', dir, 'demo', '--base-port', String(basePort),
    '--sync-interval', String(options.syncInterval ?? 2), '--log-level', 'silent', ...(options.args ?? []),
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`accord demo not ready after 60 s:\n${output}`));
    }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('accord demo: ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`accord demo exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}

/**
 * Starts the demo federation and resolves once every node answers `/healthz`.
 * A port taken between the check and the start (another test, another agent)
 * makes it try again on other ports.
 */
export async function startDemoFederation(options: DemoOptions = {}): Promise<DemoFederation> {
  if (!existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/cli/main.js is missing: build first (npm run build)');
  }
  for (let attempt = 1; ; attempt++) {
    const { dir, cleanup } = temporaryDirectory('accord-e2e-');
    let started;
    try {
      started = await startOnce(dir, await freeBasePort(), options);
    } catch (error) {
      cleanup();
      if (attempt < 3 && /EADDRINUSE/.test(String(error))) continue;
      throw error;
    }
    const { child, output, exited } = started;
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    };
    try {
      const file = JSON.parse(readFileSync(path.join(dir, DEMO_FILE), 'utf8')) as DemoFile;
      const nodes = Object.fromEntries(file.nodes.map((node) => [node.name, { ...node, origin: new URL(node.url).origin }])) as Record<DemoNodeName, DemoNode>;
      for (const node of Object.values(nodes)) {
        await pollUntil(`${node.name} /healthz`, async () => ((await fetch(`${node.origin}/healthz`)).ok ? true : undefined), 15_000);
      }
      return { dir, nodes, output, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  }
}

/** The demo's account `name` at `node` (the admin: `admin`). */
export function demoAccount(node: DemoFileNode, name = 'admin'): { name: string; secret: string } {
  const account = node.accounts.find((candidate) => candidate.name === name);
  if (account === undefined) throw new Error(`the demo's ${node.name} node has no account ${name}`);
  return account;
}

/** An `Authorization: Basic` header for `account` (the API takes it besides the session cookie). */
export function basicAuth(account: { name: string; secret: string }): string {
  return `Basic ${Buffer.from(`${account.name}:${account.secret}`).toString('base64')}`;
}

/** `route` of the node's JSON API as its admin (HTTP Basic: no session, no CSRF token); rejects, with the answer, unless 2xx. */
export async function adminApi<T>(node: DemoNode, route: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${node.origin}${route}`, {
    ...init, headers: { authorization: basicAuth(demoAccount(node)), 'content-type': 'application/json', ...init.headers },
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${route} at ${node.name}: ${response.status} ${body}`);
  return JSON.parse(body) as T;
}

type SyncDirection = 'pull' | 'push';

async function lastSuccess(node: DemoNode, partner: string, direction: SyncDirection): Promise<string | undefined> {
  const partners = await adminApi<PartnerView[]>(node, '/api/partners');
  return partners.find((found) => found.name === partner)?.links.find((link) => link.direction === direction)?.lastSuccessAt;
}

/** Waits for a whole sync run of one link that began after `since`: two successes later than it (the first may have begun before). */
export async function syncRunAfter(node: DemoNode, partner: string, direction: SyncDirection, since: string): Promise<void> {
  let after = since;
  for (let run = 0; run < 2; run++) {
    after = await pollUntil(`${node.name} to ${direction} (${partner})`, async () => {
      const last = await lastSuccess(node, partner, direction);
      return last !== undefined && new Date(last) > new Date(after) ? last : undefined;
    });
  }
}

/** Waits until every sync link of every node has run completely after `since` (default: now). */
export async function syncRound(demo: DemoFederation, since = new Date().toISOString()): Promise<void> {
  const nodes = Object.values(demo.nodes);
  await Promise.all(nodes.flatMap((node) => nodes.filter((other) => other !== node)
    .flatMap((other) => (['pull', 'push'] as const).map((direction) => syncRunAfter(node, other.name, direction, since)))));
}
