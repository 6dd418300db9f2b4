import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** Slots of the shared signal: commits so far, and the stop flag. */
const COMMITS = 0;
const STOP = 1;
/** At most one checkpoint (and its fsyncs) per this many milliseconds. */
const MIN_INTERVAL_MS = 50;
/** Below this many versions written in a session, SQLite's own checkpoints are cheap enough. */
const START_AFTER_VERSIONS = 20_000;
/**
 * The writer's auto-checkpoint once the worker runs: only a backstop, so high
 * (256 MiB); at a lower value it fires often and the writer pays again.
 */
const BACKSTOP_PAGES = 65_536;

/**
 * The worker, as source so it runs the same from `src/` (tsx) and `dist/`: it
 * sleeps on the signal, and after commits copies the WAL back into the
 * database with a PASSIVE checkpoint, which never blocks the writer.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const signal = new Int32Array(workerData.signal);
const db = new Database(workerData.path);
db.pragma('cache_size = -2048');
let seen = 0;
for (;;) {
  Atomics.wait(signal, ${COMMITS}, seen);
  if (Atomics.load(signal, ${STOP}) === 1) break;
  seen = Atomics.load(signal, ${COMMITS});
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* the writer's own auto-checkpoint still bounds the WAL */ }
  Atomics.wait(signal, ${STOP}, 0, ${MIN_INTERVAL_MS});
}
db.close();
`;

/**
 * Checkpoints a WAL database on another thread. Copying WAL frames back and
 * the fsyncs that go with it were about a third of ingest time once the store
 * holds a few hundred thousand objects (each batch dirties ~1 random id-index
 * page per new object); on a second core they overlap the next batch instead
 * (measured over 1M new objects: ~14k → ~20k objects/s, and the rate no
 * longer halves as the store grows). The writer keeps SQLite's
 * auto-checkpoint as a backstop, so a slow or failed worker only costs speed.
 * The worker starts once a session has written enough to matter: small
 * sessions (the CLI's lookups, tests) do not pay for a thread.
 */
export class BackgroundCheckpointer {
  readonly #db: Database;
  readonly #signal = new Int32Array(new SharedArrayBuffer(8));
  #worker: Worker | undefined;
  #written = 0;
  #stopped = false;

  /** For the database the writing connection `db` has open. */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Tells the worker that a transaction committed `versions` new versions. */
  committed(versions: number): void {
    if (this.#stopped) return;
    this.#written += versions;
    if (!this.#worker && this.#written >= START_AFTER_VERSIONS) this.#worker = this.#start();
    Atomics.add(this.#signal, COMMITS, 1);
    Atomics.notify(this.#signal, COMMITS);
  }

  /** Stops the worker, if it started, and waits until its connection is closed. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const worker = this.#worker;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.ref();
    Atomics.store(this.#signal, STOP, 1);
    Atomics.add(this.#signal, COMMITS, 1);
    Atomics.notify(this.#signal, COMMITS);
    Atomics.notify(this.#signal, STOP);
    // A worker that failed has exited already; the writer's checkpoints covered for it.
    await exited.catch(() => undefined);
  }

  #start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // The worker needs no TypeScript loader, only the driver.
      execArgv: [],
      workerData: { path: this.#db.name, driver: createRequire(import.meta.url).resolve('better-sqlite3'), signal: this.#signal.buffer },
    });
    const ownInterval = this.#db.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.#db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    worker.on('error', () => {
      // Without the worker, the writer checkpoints as often as before it started.
      this.#stopped = true;
      if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${ownInterval}`);
    });
    // An open store must not keep the process alive by itself.
    worker.unref();
    return worker;
  }
}
