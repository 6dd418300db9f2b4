/**
 * A node served over real HTTP for the web API tests (test/server-api-*.test.ts):
 * accounts of every role, collections with different grants, a partner, and a
 * client that signs in and keeps its cookie and CSRF token.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { generateSecret, hashSecret } from '../../src/common/secrets.ts';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { initNode } from '../../src/server/node.ts';
import { openNode, type NodeStores } from '../../src/store/data-dir.ts';
import type { Role } from '../../src/store/local/local-store.ts';
import { temporaryDirectory } from './cli.ts';

export interface ApiNode {
  node: NodeStores;
  app: FastifyInstance;
  base: string;
  secrets: Record<string, string>;
  /** Collection ids: `shared` (analysts and readers read it), `analysts` (analysts only), `default` (administrators only). */
  collections: { shared: string; analysts: string; default: string };
  identityId: string;
  /** The node's data directory (its object store and node-local database). */
  dataDir: string;
  webRoot: string;
  close(): Promise<void>;
}

export const ACCOUNTS: [string, Role][] = [['ada', 'admin'], ['ana', 'analyst'], ['rita', 'reader'], ['pat', 'partner'], ['dora', 'analyst']];

/** Starts a node (seeded by `seed`) on an ephemeral loopback port. */
export async function startApiNode(seed: (node: NodeStores, collections: ApiNode['collections']) => Promise<void> = async () => {}, options: Partial<AppOptions> = {}): Promise<ApiNode> {
  const tmp = temporaryDirectory();
  const dataDir = path.join(tmp.dir, 'node');
  const node = await openNode(dataDir);
  const init = await initNode(node.store, node.local);
  const shared = await node.store.createCollection({ title: 'Shared' });
  const analysts = await node.store.createCollection({ title: 'Analysts' });
  node.local.putGrant({ collectionId: shared.id, apiRoot: 'accord', readRoles: ['analyst', 'reader'], writeRoles: ['analyst'] });
  node.local.putGrant({ collectionId: analysts.id, apiRoot: 'accord', readRoles: ['analyst'], writeRoles: ['analyst'] });
  const secrets: Record<string, string> = {};
  for (const [name, role] of ACCOUNTS) {
    secrets[name] = generateSecret();
    node.local.createAccount({ name, role, kind: role === 'partner' ? 'system' : 'person', secretHash: await hashSecret(secrets[name]) });
  }
  const collections = { shared: shared.id, analysts: analysts.id, default: init.collection.id };
  await seed(node, collections);
  const webRoot = path.join(tmp.dir, 'web');
  mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Accord test app</title><script type="module" src="/assets/app-1a2b3c.js"></script>');
  writeFileSync(path.join(webRoot, 'assets', 'app-1a2b3c.js'), 'console.log("accord");');
  const app = await buildApp({ store: node.store, local: node.local, audit: node.audit, webRoot, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    node, app, base: `http://127.0.0.1:${port}`, secrets, collections, identityId: init.identity.id, dataDir, webRoot,
    async close() {
      await app.close();
      await node.close();
      tmp.cleanup();
    },
  };
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A browser-like client: the session cookie and CSRF token it got at login are sent back. */
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(readonly base: string, readonly authorization?: string) {}

  async login(name: string, secret: string): Promise<Answer<{ csrfToken: string; account: { name: string; role: string }; previousVisit?: string }>> {
    const answer = await this.call<{ csrfToken: string; account: { name: string; role: string } }>('POST', '/api/session', { name, secret });
    if (answer.status === 200) {
      this.cookie = answer.headers.get('set-cookie')!.split(';')[0];
      this.csrf = answer.body.csrfToken;
    }
    return answer;
  }

  async call<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(new URL(url, this.base), {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrf && method !== 'GET' && { 'x-csrf-token': this.csrf }),
        ...(this.authorization && { authorization: this.authorization }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the static app
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }
}

export async function signedIn(api: ApiNode, name: string): Promise<Client> {
  const client = new Client(api.base);
  const answer = await client.login(name, api.secrets[name]!);
  if (answer.status !== 200) throw new Error(`login of ${name} failed: ${answer.text}`);
  return client;
}

export function basic(name: string, secret: string): string {
  return `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`;
}
