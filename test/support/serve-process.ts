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

/** How a child `accord` process runs besides its arguments (e.g. a preload that skews its clock). */
export interface ChildOptions {
  /** Node options before the script, e.g. `['--import', file]`. */
  nodeArgs?: string[];
  /** Added to this process's environment. */
  env?: Record<string, string>;
}

function accordChild(args: string[], options: ChildOptions, stdio: 'ignore' | 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...(options.nodeArgs ?? []), path.join(repoRoot, 'src', 'cli', 'main.ts'), ...args],
    { stdio: ['ignore', stdio, 'pipe'], env: { ...process.env, ...options.env } });
}

/** Runs `accord ARGS` in a child process to its end: its exit code and output. */
export async function runAccordProcess(args: string[], options: ChildOptions = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = accordChild(args, options, 'pipe');
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [code] = await once(child, 'close') as [number | null];
  return { code, stdout, stderr };
}

/**
 * `accord serve` in a real child process on 127.0.0.1 (port chosen by the
 * system), resolved once it prints its URL.
 */
export async function spawnServe(dataDir: string, extraArgs: string[] = [], options: ChildOptions = {}): Promise<ServeProcess> {
  const child = accordChild(['--data', dataDir, 'serve', '--host', '127.0.0.1', '--port', '0', '--log-level', 'silent', ...extraArgs], options, 'ignore');
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
