/**
 * Node-only: applies the shipped SQLite migrations (`drizzle/sqlite`) to a libSQL database.
 * Safe when several processes start at once: the check and the apply run inside one
 * `BEGIN IMMEDIATE` transaction, so the second process waits for the first and then finds
 * nothing left to do. Our own `cb_migrations` table keeps out of the host's drizzle journal.
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LibsqlClient } from './driver-types.js';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** `drizzle/sqlite` beside the package, from the sources or from `dist/`. */
export function sqliteMigrationsFolder(): string {
  for (const rel of ['../../drizzle/sqlite', '../../../drizzle/sqlite']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('cb-2fa: the drizzle/sqlite migrations folder is missing from the package');
}

export async function migrateSqlite(client: LibsqlClient, folder = sqliteMigrationsFolder()): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const tx = await client.transaction('write');
  try {
    await tx.execute('CREATE TABLE IF NOT EXISTS cb_migrations (hash TEXT PRIMARY KEY, created_at INTEGER NOT NULL)');
    const done = new Set((await tx.execute('SELECT hash FROM cb_migrations')).rows.map((r) => String(r.hash)));
    let applied = 0;
    for (const m of migrations) {
      if (done.has(m.hash)) continue;
      for (const statement of m.sql) if (statement.trim()) await tx.execute(statement);
      await tx.execute({ sql: 'INSERT INTO cb_migrations (hash, created_at) VALUES (?, ?)', args: [m.hash, m.folderMillis] });
      applied++;
    }
    await tx.commit();
    return { applied };
  } finally {
    tx.close();
  }
}
