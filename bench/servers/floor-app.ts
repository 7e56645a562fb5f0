/**
 * The floor app for the cold-start comparison: bare Hono + Drizzle + libSQL on a file in WAL mode
 * with the same busy timeout as ours, one table, one route doing an indexed SELECT and an UPDATE.
 * Env: PORT, DATABASE_URL.
 */
import { serve } from '@hono/node-server';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const items = sqliteTable('floor_items', {
  id: integer('id').primaryKey(),
  key: text('key').notNull().unique(),
  counter: integer('counter').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

const client = createClient({ url: process.env.DATABASE_URL!, timeout: 5_000 });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute('CREATE TABLE IF NOT EXISTS floor_items (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, counter INTEGER NOT NULL, updated_at INTEGER NOT NULL)');
await client.execute("INSERT OR IGNORE INTO floor_items (key, counter, updated_at) VALUES ('k0', 0, 0)");
const db = drizzle(client);

const app = new Hono();
app.get('/', async (c) => {
  const [row] = await db.select().from(items).where(eq(items.key, 'k0')).limit(1);
  await db.update(items).set({ counter: sql`${items.counter} + 1`, updatedAt: Date.now() }).where(eq(items.id, row!.id));
  return c.text('ok');
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
