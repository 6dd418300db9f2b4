import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { repoRoot } from './shared.ts';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with [code, signal] when the process ends. */
  exited: Promise<unknown[]>;
  /** Kills it (SIGKILL) if it is still running. */
  stop(): void;
  /** Stops it gracefully: SIGTERM, then SIGKILL after 10 s; resolves when it has exited. */
  close(): Promise<void>;
}

/**
 * `accord serve` in a real child process on 127.0.0.1 (port chosen by the
 * system), resolved once it prints its URL.
 */
export async function spawnServe(dataDir: string, extraArgs: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'),
    '--data', dataDir, 'serve', '--host', '127.0.0.1', '--port', '0', '--log-level', 'silent', ...extraArgs,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = once(child, 'exit');
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  let stderr = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after 10 s: ${stderr}`)), 10_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const found = /serving TAXII 2\.1 at (https?:\/\/[^/\s]+)/.exec(stderr)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`accord serve exited ${code}: ${stderr}`));
      });
    });
    const close = async (): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(stop, 10_000);
      await exited;
      clearTimeout(timer);
    };
    return { url, child, exited, stop, close };
  } catch (error) {
    stop();
    throw error;
  }
}
