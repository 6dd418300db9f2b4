import type { Store } from '../store/store.ts';
import { openObjectStore } from '../store/data-dir.ts';

/** What a command needs from the outside world; tests pass their own. */
export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Opens (creating when needed) the node's store in a data directory. */
  openStore(dataDir: string): Promise<Store>;
}

export const DEFAULT_DATA_DIR = './accord-data';

/** A closed pipe (`accord export | head`) ends the command quietly, as other Unix tools do. Call once per process. */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
}

export function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    openStore: openObjectStore,
  };
}

/** Runs `work` with the store open, and closes it whatever happens. */
export async function withStore<T>(context: CliContext, dataDir: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await context.openStore(dataDir);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
