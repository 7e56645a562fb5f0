/**
 * Node-only: opens a libSQL database the way cb-2fa wants it and applies the migrations.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LibsqlClient } from './driver-types.js';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrateSqlite } from './migrate.js';

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
 * One connection per client (`concurrency: 1`): the local driver runs every statement
 * synchronously on the JavaScript thread, so more connections add no parallelism; they would only
 * need the per-connection pragma on each, and a busy wait on one would block the thread that must
 * finish the other's work. Every limit is a single statement, so requests still interleave
 * between statements exactly as they would across processes.
 */
export async function openLibsql(url: string, options: { authToken?: string; busyTimeoutMs?: number } = {}): Promise<OpenedDatabase> {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new Error(
      `cb-2fa openLibsql: the database URL is ${url === undefined || url === '' ? 'missing' : `not a string (${typeof url})`}. ` +
        "Pass 'file:./data/cb.db', 'libsql://…' (with `authToken`) or ':memory:'; if it comes from an environment variable (DATABASE_URL), set it.",
    );
  }
  const local = url.startsWith('file:') && !url.includes(':memory:');
  if (local) checkFolder(url);
  // Loaded here, not at the top: `cb-2fa/server/node` also serves PostgreSQL and Bun hosts, which
  // need not install @libsql/client (an optional peer dependency).
  const [{ createClient }, { drizzle }] = await Promise.all([import('@libsql/client'), import('drizzle-orm/libsql')]);
  let client: LibsqlClient | undefined;
  try {
    client = createClient({ url, authToken: options.authToken, timeout: options.busyTimeoutMs ?? 5_000, ...(local ? { concurrency: 1 } : {}) });
    if (local) {
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA synchronous = NORMAL');
    }
    await migrateSqlite(client);
  } catch (err) {
    client?.close();
    // libSQL's own errors give a code ("ConnectionFailed(…: 14)", URL_SCHEME_NOT_SUPPORTED), not the database.
    throw new Error(`cb-2fa openLibsql: could not open ${shown(url)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return { client, db: drizzle(client) };
}

/** The URL without its query, where a remote database's `authToken` can ride. */
const shown = (url: string) => url.split('?')[0]!;

/**
 * SQLite creates the file but not its folder, and libSQL then fails with a bare
 * "ConnectionFailed(…: 14)": said plainly instead, with the folder the URL resolved to.
 */
function checkFolder(url: string): void {
  const path = shown(url).slice('file:'.length);
  const file = path.startsWith('//') ? fileURLToPath(shown(url)) : resolve(decodeURIComponent(path));
  const folder = dirname(file);
  if (!existsSync(folder)) {
    throw new Error(`cb-2fa openLibsql: the folder of ${shown(url)} does not exist (${folder}). Create it first (\`mkdir -p ${folder}\`), or point the URL at a folder that exists.`);
  }
}
