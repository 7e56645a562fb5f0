/**
 * PostgreSQL for the benchmark: a fresh database per run on the server at 127.0.0.1:5432 (or
 * `CB_BENCH_PG_URL`, else `CB_TEST_PG_URL`), made from the admin database as
 * test/contract/pg-database.ts does and dropped at the end, and the PostgreSQL floor: the same
 * Hono route as the libSQL floor (one indexed SELECT, one UPDATE) through `pg` + drizzle.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, serial, text, bigint } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';

export const PG_ADMIN_URL = process.env.CB_BENCH_PG_URL ?? process.env.CB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const withDatabase = (name: string) => {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  c.on('error', () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

/** Null when the server answers; otherwise why not (the section is then reported as skipped). */
export async function pgUnavailable(): Promise<string | null> {
  try {
    await admin((c) => c.query('SELECT 1'));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** `cb_bench_<hex>`: lowercase hex only, a valid unquoted identifier. */
export async function createBenchDatabase(prefix = 'cb_bench'): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: withDatabase(name), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}) };
}

const floorItems = pgTable('floor_items', {
  id: serial('id').primaryKey(),
  key: text('key').notNull().unique(),
  counter: integer('counter').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/** The PostgreSQL floor: a pool of 10 as openPostgres opens for ours, the libSQL floor's route. */
export async function makePgFloor(o: { pg: string; rows: number }) {
  const pool = new pg.Pool({ connectionString: o.pg, max: 10 });
  pool.on('error', () => {});
  await pool.query('CREATE TABLE IF NOT EXISTS floor_items (id serial PRIMARY KEY, key text NOT NULL UNIQUE, counter integer NOT NULL, updated_at bigint NOT NULL)');
  await pool.query("INSERT INTO floor_items (key, counter, updated_at) SELECT 'k' || i, 0, 0 FROM generate_series(0, $1::int - 1) i ON CONFLICT DO NOTHING", [o.rows]);
  const db = drizzle(pool);
  const app = new Hono();
  app.post('/floor', async (c) => {
    await c.req.json();
    const key = /(?:^|;\s*)k=([^;]+)/.exec(c.req.header('cookie') ?? '')?.[1] ?? '';
    const [row] = await db.select({ id: floorItems.id, counter: floorItems.counter }).from(floorItems).where(eq(floorItems.key, key)).limit(1);
    if (!row) return c.json({ error: 'not_found' }, 404);
    await db.update(floorItems).set({ counter: sql`${floorItems.counter} + 1`, updatedAt: Date.now() }).where(eq(floorItems.id, row.id));
    return c.json({ ok: true, counter: row.counter + 1 });
  });
  app.get('/', (c) => c.text('ok'));
  return { app, keys: (n: number) => Array.from({ length: n }, (_, i) => `k${i % o.rows}`) };
}
