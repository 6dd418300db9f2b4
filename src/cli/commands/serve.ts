import { type Command, Option } from 'commander';
import { startServer } from '../../server/main.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeLine } from '../output.ts';
import { type GlobalOptions } from './options.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`expected a port number 0-65535, got "${value}"`);
  return port;
}

export function registerServe(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('serve')
    .description('serve TAXII 2.1 (and /healthz, /metrics, /openapi.json) until SIGINT or SIGTERM')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--port <port>', 'the port (0: any free port)', parsePort, 8443)
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (with --tls-key)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .addOption(new Option('--log-level <level>', 'JSON request logs on stdout').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
    .action(async (options: { host: string; port: number; tlsCert?: string; tlsKey?: string; logLevel: string }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const server = await startServer({
        host: options.host,
        port: options.port,
        dataDir: data,
        logLevel: options.logLevel,
        ...(options.tlsCert !== undefined && { tlsCert: options.tlsCert }),
        ...(options.tlsKey !== undefined && { tlsKey: options.tlsKey }),
      });
      writeLine(context.stderr, `accord: serving TAXII 2.1 at ${server.url}/taxii2/ (data in ${data})`);
      await server.closed;
      done(ExitCode.OK);
    });
}
