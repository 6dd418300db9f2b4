import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { buildApp } from './app.ts';
import { openNode } from '../store/data-dir.ts';

export interface ServerOptions {
  host: string;
  port: number;
  dataDir: string;
  /** PEM files; both or neither. */
  tlsCert?: string;
  tlsKey?: string;
  /** Log level of the JSON request logs (default `info`); `silent` for none. */
  logLevel?: string;
  /** Stop on SIGINT and SIGTERM (default true). */
  handleSignals?: boolean;
}

export interface RunningServer {
  /** The base URL, with the port actually bound (useful with port 0). */
  url: string;
  /** Stops accepting, lets in-flight requests finish, closes the stores. Safe to call twice. */
  close(): Promise<void>;
  /** Resolves once the server has stopped (after `close` or a signal). */
  closed: Promise<void>;
}

/** Opens the node's stores and serves HTTP(S) until `close` or SIGINT/SIGTERM. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    throw new Error('TLS needs both a certificate and a key');
  }
  const logger = pino({ level: options.logLevel ?? 'info' });
  const node = await openNode(options.dataDir);
  const https = options.tlsCert !== undefined && options.tlsKey !== undefined
    ? { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) }
    : undefined;
  let app;
  try {
    app = await buildApp({ store: node.store, local: node.local, audit: node.audit, logger, ...(https && { https }) });
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app?.close();
    await node.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${https ? 'https' : 'http'}://${host}:${address.port}`;

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => { resolveClosed = resolve; });
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down');
    void close();
  };
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // fastify stops accepting, answers 503 to new requests on open connections, and waits for in-flight ones.
      await app.close();
      await node.close();
      logger.info('stopped');
      resolveClosed();
    })();
    return closing;
  };
  if (options.handleSignals ?? true) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  logger.info({ url }, 'listening');
  return { url, close, closed };
}
