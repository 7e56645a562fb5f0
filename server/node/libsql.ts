/**
 * Node-only: opens a libSQL database the way cb-2fa wants it and applies the migrations.
 * @module
 */
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrateSqlite } from './migrate.js';

export interface OpenedDatabase {
  client: Client;
  db: LibSQLDatabase;
}

/**
 * `file:` databases run in WAL mode with a busy timeout: readers no longer block the writer, and
 * a writer waits for another instead of failing with SQLITE_BUSY.
 */
export async function openLibsql(url: string, options: { authToken?: string; busyTimeoutMs?: number } = {}): Promise<OpenedDatabase> {
  const client = createClient({ url, authToken: options.authToken, timeout: options.busyTimeoutMs ?? 5_000 });
  if (url.startsWith('file:') && !url.includes(':memory:')) {
    await client.execute('PRAGMA journal_mode = WAL');
  }
  await migrateSqlite(client);
  return { client, db: drizzle(client) };
}
