/**
 * Node-only: applies the shipped PostgreSQL migrations (`drizzle/pg`) to any Drizzle Postgres
 * database (node-postgres, PGlite).
 *
 * Safe when several instances start at once: everything runs in one transaction that first takes
 * a transaction-scoped advisory lock, so the second instance waits for the first to commit and then
 * finds nothing left to do. The lock comes before `CREATE TABLE IF NOT EXISTS`, because two of
 * those racing on an empty database can both miss the table and one then fails on the catalog's
 * unique index. Our own `cb_migrations` table keeps out of the host's drizzle journal.
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDb } from '../store/drizzle/pg/store.js';

/**
 * The advisory lock key: a fixed 64-bit number ("cb-2fa" in ASCII) that no other application is
 * likely to pick. Every cb-2fa instance on the database serialises on it.
 */
export const PG_MIGRATION_LOCK = 0x63622d326661n;

/** `drizzle/pg` beside the package, from the sources or from `dist/`. */
export function pgMigrationsFolder(): string {
  for (const rel of ['../../drizzle/pg', '../../../drizzle/pg']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('cb-2fa: the drizzle/pg migrations folder is missing from the package');
}

/** Rows of a raw query from either driver: node-postgres returns `{ rows }`, PGlite too. */
const rowsOf = (result: unknown): Record<string, unknown>[] => (result as { rows: Record<string, unknown>[] }).rows;

export async function migratePg(db: PgDb, folder = pgMigrationsFolder()): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${sql.raw(String(PG_MIGRATION_LOCK))})`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS cb_migrations (hash text PRIMARY KEY, created_at bigint NOT NULL)`);
    const done = new Set(rowsOf(await tx.execute(sql`SELECT hash FROM cb_migrations`)).map((r) => String(r.hash)));
    let applied = 0;
    for (const m of migrations) {
      if (done.has(m.hash)) continue;
      for (const statement of m.sql) if (statement.trim()) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO cb_migrations (hash, created_at) VALUES (${m.hash}, ${m.folderMillis})`);
      applied++;
    }
    return { applied };
  });
}
