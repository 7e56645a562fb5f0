/**
 * Node-only: opens a libSQL database the way cb-2fa wants it and applies the migrations.
 * @module
 */
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
  // Loaded here, not at the top: `cb-2fa/server/node` also serves PostgreSQL and Bun hosts, which
  // need not install @libsql/client (an optional peer dependency).
  const [{ createClient }, { drizzle }] = await Promise.all([import('@libsql/client'), import('drizzle-orm/libsql')]);
  const local = url.startsWith('file:') && !url.includes(':memory:');
  const client = createClient({ url, authToken: options.authToken, timeout: options.busyTimeoutMs ?? 5_000, ...(local ? { concurrency: 1 } : {}) });
  if (local) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  await migrateSqlite(client);
  return { client, db: drizzle(client) };
}
