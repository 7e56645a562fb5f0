/**
 * Node-only: opens a libSQL database the way cb-2fa wants it and applies the migrations.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LibsqlClient } from './driver-types.js';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrateSqlite } from './migrate.js';
import { openLocalLibsql } from './local-libsql.js';

export interface OpenedDatabase {
  client: LibsqlClient;
  db: LibSQLDatabase;
}

/**
 * `file:` databases run in WAL mode with `synchronous = NORMAL` and a busy timeout: readers no
 * longer block the writer, a commit no longer waits for an fsync (WAL stays consistent after a
 * crash; only the last commits can be lost on power failure), and a writer waits for another
 * process instead of failing with SQLITE_BUSY.
 *
 * A local file (or `:memory:`) is served by `openLocalLibsql`: one connection, since the binding
 * runs every statement synchronously on the JavaScript thread and more connections would add no
 * parallelism (they would only need the per-connection pragma on each, and a busy wait on one
 * would block the thread that must finish the other's work), and a cache of compiled statements.
 * Every limit is a single statement, so requests still interleave between statements exactly as
 * they would across processes. With `walCheckpoint: 'worker'` a local file's write-ahead log is
 * copied back into it on a worker thread (`wal-checkpointer.ts`), so that no request waits for a
 * checkpoint; the default, `'inline'`, leaves it to SQLite at a commit, as the driver does. Its
 * page cache holds `cacheMiB` (64 MiB) rather than SQLite's 2 MiB: memory it takes only as the
 * file grows.
 */
export async function openLibsql(url: string, options: { authToken?: string; busyTimeoutMs?: number; walCheckpoint?: 'worker' | 'inline'; cacheMiB?: number } = {}): Promise<OpenedDatabase> {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new Error(
      `cb-2fa openLibsql: the database URL is ${url === undefined || url === '' ? 'missing' : `not a string (${typeof url})`}. ` +
        "Pass 'file:./data/cb.db', 'libsql://…' (with `authToken`) or ':memory:'; if it comes from an environment variable (DATABASE_URL), set it.",
    );
  }
  if (options.walCheckpoint !== undefined && options.walCheckpoint !== 'worker' && options.walCheckpoint !== 'inline') {
    throw new Error(`cb-2fa openLibsql: walCheckpoint is ${JSON.stringify(options.walCheckpoint)}; use 'inline' (the default) or 'worker'.`);
  }
  const cacheMiB = options.cacheMiB ?? DEFAULT_CACHE_MIB;
  if (!Number.isInteger(cacheMiB) || cacheMiB < 1) throw new Error(`cb-2fa openLibsql: cacheMiB is ${JSON.stringify(options.cacheMiB)}; use a whole number of MiB, 1 or more (default ${DEFAULT_CACHE_MIB}).`);
  const local = url.startsWith('file:') && !url.includes(':memory:');
  if (local) checkFolder(url);
  const timeout = options.busyTimeoutMs ?? 5_000;
  const path = localPath(url);
  // Loaded here, not at the top: `cb-2fa/server/node` also serves PostgreSQL and Bun hosts, which
  // need not install @libsql/client (an optional peer dependency). A local file needs only the
  // client's error classes and Drizzle's driver core, not the client's remote transports (hrana,
  // ws): some 55 modules that every start would load for nothing.
  const [libsqlClient, drizzle] =
    path !== null
      ? await Promise.all([clientErrors(), drizzleCore()])
      : await Promise.all([import('@libsql/client'), import('drizzle-orm/libsql').then((m) => m.drizzle)]);
  let client: LibsqlClient | undefined;
  try {
    // A local file or memory: our one-connection client, which compiles each statement once
    // (the driver's own compiles it at every call). Anything else (a remote URL, a URL with
    // options) goes to @libsql/client as given.
    client = path !== null ? openLocalLibsql(path, { timeout, errors: libsqlClient, checkpointWorker: options.walCheckpoint === 'worker' }) : (libsqlClient as typeof import('@libsql/client')).createClient({ url, authToken: options.authToken, timeout, ...(local ? { concurrency: 1 } : {}) });
    if (local) {
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA synchronous = NORMAL');
      // SQLite's own default is 2 MiB: a busy portal's sessions, codes and indexes outgrow it, and every
      // page it drops is read again through the log's index and a system call at the next request.
      await client.execute(`PRAGMA cache_size = -${cacheMiB * 1024}`);
    }
    await migrateSqlite(client);
  } catch (err) {
    client?.close();
    // libSQL's own errors give a code ("ConnectionFailed(…: 14)", URL_SCHEME_NOT_SUPPORTED), not the database.
    throw new Error(`cb-2fa openLibsql: could not open ${shown(url)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return { client, db: drizzle(client) as LibSQLDatabase };
}

/** The page cache of a local file, in MiB; the memory is taken only as pages are read. */
export const DEFAULT_CACHE_MIB = 64;

type Construct = (client: LibsqlClient) => LibSQLDatabase;

/**
 * Drizzle's libSQL database over a given client, from its driver core (`drizzle()` imports
 * @libsql/client to make clients of its own); `drizzle()` itself where a release lacks the core's
 * `construct`.
 */
async function drizzleCore(): Promise<Construct> {
  const core = (await import('drizzle-orm/libsql/driver-core')) as { construct?: Construct };
  if (typeof core.construct === 'function') return core.construct;
  return (await import('drizzle-orm/libsql')).drizzle as unknown as Construct;
}

/**
 * `LibsqlError` and `LibsqlBatchError`, the very classes @libsql/client throws (a host's
 * `instanceof` holds): from the @libsql/core that the installed client depends on and re-exports
 * them from, found from where the client is, as its ES module; the client itself if that fails.
 */
async function clientErrors(): Promise<Pick<typeof import('@libsql/client'), 'LibsqlError' | 'LibsqlBatchError'>> {
  try {
    const fromClient = createRequire(createRequire(import.meta.url).resolve('@libsql/client'));
    const pkgDir = dirname(dirname(fromClient.resolve('@libsql/core/api')));
    const pkg = JSON.parse(readFileSync(resolve(pkgDir, 'package.json'), 'utf8')) as { exports?: Record<string, { import?: string }> };
    const esm = pkg.exports?.['./api']?.import;
    if (esm) return (await import(pathToFileURL(resolve(pkgDir, esm)).href)) as Pick<typeof import('@libsql/client'), 'LibsqlError' | 'LibsqlBatchError'>;
  } catch {
    // Another layout: the client's own export of them below.
  }
  return import('@libsql/client');
}

/** The file a plain `file:` URL names (or `:memory:`); null for a remote URL or one with options. */
function localPath(url: string): string | null {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  if (!url.startsWith('file:') || /[?#]/.test(url)) return null;
  return filePath(url);
}

function filePath(url: string): string {
  const path = shown(url).slice('file:'.length);
  return path.startsWith('//') ? fileURLToPath(shown(url)) : resolve(decodeURIComponent(path));
}

/** The URL without its query, where a remote database's `authToken` can ride. */
const shown = (url: string) => url.split('?')[0]!;

/**
 * SQLite creates the file but not its folder, and libSQL then fails with a bare
 * "ConnectionFailed(…: 14)": said plainly instead, with the folder the URL resolved to.
 */
function checkFolder(url: string): void {
  const folder = dirname(filePath(url));
  if (!existsSync(folder)) {
    throw new Error(`cb-2fa openLibsql: the folder of ${shown(url)} does not exist (${folder}). Create it first (\`mkdir -p ${folder}\`), or point the URL at a folder that exists.`);
  }
}
