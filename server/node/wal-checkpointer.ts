/**
 * Node-only: copies a libSQL file's write-ahead log back into the database on a worker thread,
 * so that the requests' thread does not.
 *
 * SQLite checkpoints at the commit that takes the log past 1,000 pages: that one commit copies
 * the whole log into the file and syncs both, some milliseconds during which the event loop
 * serves nobody (the binding is synchronous). Under load that was about one request in a hundred,
 * and it made the tail of every request queued behind it. Here a worker with its own connection
 * runs a passive checkpoint a few milliseconds after writes, which never blocks the writer; the
 * main connection keeps SQLite's automatic checkpoint, which then finds almost everything copied
 * already, copies the rest, and lets the log start over. If the worker cannot start (a runtime
 * without `worker_threads`, or without `eval` workers), nothing changes: SQLite checkpoints
 * inline as before.
 * @module
 */
import { Worker } from 'node:worker_threads';

/** How long the worker waits after a write before it checkpoints, so that one pass takes many commits. */
export const CHECKPOINT_DELAY_MS = 10;

// Slots of the shared signal: writes seen (bumped by the main thread), stop, a slot nobody
// notifies (the worker's sleep).
const WRITES = 0;
const STOP = 1;
const SLEEP = 2;

// Plain CommonJS so that it runs as an `eval` worker everywhere: from the TypeScript sources under
// tsx or vitest and from the built package alike, with no file of its own to resolve.
const WORKER_SOURCE = `
const { workerData: d } = require('node:worker_threads');
const Database = require(d.binding);
const db = new Database(d.path, { timeout: d.timeout });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const s = new Int32Array(d.signal);
// From 0, not from the count at start: writes made while the worker was starting count too.
let seen = 0;
for (;;) {
  Atomics.wait(s, ${WRITES}, seen, 1000);
  if (Atomics.load(s, ${STOP}) === 1) break;
  if (Atomics.load(s, ${WRITES}) === seen) continue;
  Atomics.wait(s, ${SLEEP}, 0, d.delayMs);
  if (Atomics.load(s, ${STOP}) === 1) break;
  seen = Atomics.load(s, ${WRITES});
  // A busy database or a failed pass is not an error: the next write wakes the worker again,
  // and the main connection's own checkpoint still runs at its threshold.
  try { checkpoint.all(); } catch {}
}
db.close();
`;

export interface WalCheckpointer {
  /** Tells the worker that a write transaction ended; cheap enough for every statement. */
  wrote(): void;
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
  /** The thread itself, for tests. */
  readonly worker: Worker;
}

/**
 * Starts the worker for the database file at `path`, opened with `binding` (the path of the
 * `libsql` module, resolved from `@libsql/client`). Returns null where a worker cannot be made.
 */
export function startWalCheckpointer(path: string, binding: string, options: { timeout: number; delayMs?: number }): WalCheckpointer | null {
  const signal = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const s = new Int32Array(signal);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, binding, timeout: options.timeout, delayMs: options.delayMs ?? CHECKPOINT_DELAY_MS, signal } });
  } catch {
    return null;
  }
  // Never what keeps a process alive; a worker that fails leaves SQLite's own checkpoint in charge.
  worker.unref();
  worker.on('error', () => {});
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  let stopped = false;
  return {
    worker,
    wrote() {
      Atomics.add(s, WRITES, 1);
      Atomics.notify(s, WRITES);
    },
    async stop() {
      if (!stopped) {
        stopped = true;
        // Held until it has closed its connection: a process that ends now waits for that (some
        // milliseconds at most) rather than tearing the thread down inside the binding.
        worker.ref();
        Atomics.store(s, STOP, 1);
        Atomics.notify(s, WRITES);
        Atomics.notify(s, SLEEP);
      }
      await exited;
    },
  };
}
