import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, LibsqlError } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { openLibsql } from '../../server/node/index.js';

// openLibsql serves local files with its own client (compiled statements cached); it must read and
// fail exactly as @libsql/client's local driver does, which is checked here side by side.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const fileUrl = () => {
  const d = mkdtempSync(join(tmpdir(), 'cb2fa-local-'));
  dirs.push(d);
  return `file:${join(d, 'x.db')}`;
};

const items = sqliteTable('items', { id: integer('id').primaryKey(), name: text('name').notNull(), n: integer('n') });
const tags = sqliteTable('tags', { id: integer('id').primaryKey(), itemId: integer('item_id').notNull(), name: text('name').notNull() });

async function both() {
  const ours = (await openLibsql(fileUrl())).client;
  const theirs = createClient({ url: fileUrl() });
  for (const c of [ours, theirs]) {
    await c.execute('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER)');
    await c.execute('CREATE TABLE tags (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, name TEXT NOT NULL)');
  }
  return { ours, theirs };
}

describe('openLibsql on a local file', () => {
  it('gives the rows, counts and errors @libsql/client gives', async () => {
    const { ours, theirs } = await both();
    const run = async (c: typeof ours) => {
      const ins = await c.execute({ sql: 'INSERT INTO items (name, n) VALUES (?, ?)', args: ['a', 1] });
      await c.execute({ sql: 'INSERT INTO items (name, n) VALUES (:name, :n)', args: { name: 'b', n: true } });
      await c.execute({ sql: 'INSERT INTO tags (item_id, name) VALUES (1, ?), (1, ?)', args: ['x', 'y'] });
      const sel = await c.execute('SELECT items.id, items.name, tags.name, n FROM items LEFT JOIN tags ON tags.item_id = items.id ORDER BY items.id, tags.id');
      const upd = await c.execute({ sql: 'UPDATE items SET n = n + 1 WHERE id > ?', args: [0] });
      const err = await c.execute('INSERT INTO items (id, name) VALUES (1, ?)', ['dup']).catch((e) => e);
      return {
        inserted: [ins.rowsAffected, Number(ins.lastInsertRowid)],
        columns: sel.columns,
        byPosition: sel.rows.map((r) => Array.from(r)),
        byName: sel.rows.map((r) => ({ ...r })),
        keys: sel.rows.map((r) => Object.keys(r)),
        updated: upd.rowsAffected,
        error: [err instanceof LibsqlError, err.code, err.extendedCode],
      };
    };
    const a = await run(ours);
    expect(a).toEqual(await run(theirs));
    // The first of two columns called `name` is the one by name; both are there by position.
    expect(a.byPosition[0]).toEqual([1, 'a', 'x', 1]);
    expect(a.keys[0]).toEqual(['id', 'name', 'n']);
    expect(a.error).toEqual([true, 'SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
  });

  it('reads through Drizzle as @libsql/client does, joins included, however often a statement runs', async () => {
    const { ours, theirs } = await both();
    const read = async (c: typeof ours) => {
      const db = drizzle(c);
      await db.insert(items).values([{ name: 'a', n: 1 }, { name: 'b', n: null }]);
      await db.insert(tags).values({ itemId: 1, name: 't' });
      const out = [];
      for (let i = 0; i < 3; i++) {
        out.push(await db.select().from(items).leftJoin(tags, sql`${tags.itemId} = ${items.id}`).orderBy(items.id));
        out.push(await db.all(sql`SELECT name, n FROM items ORDER BY id`));
      }
      return out;
    };
    const a = await read(ours);
    expect(a).toEqual(await read(theirs));
    expect(a[0]).toEqual([
      { items: { id: 1, name: 'a', n: 1 }, tags: { id: 1, itemId: 1, name: 't' } },
      { items: { id: 2, name: 'b', n: null }, tags: null },
    ]);
  });

  it('a batch is all or nothing, and says which statement failed', async () => {
    const { ours } = await both();
    const err = await ours
      .batch([{ sql: 'INSERT INTO items (id, name) VALUES (7, ?)', args: ['a'] }, 'INSERT INTO items (id, name) VALUES (7, 1)'], 'write')
      .catch((e) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err.statementIndex).toBe(1);
    expect((await ours.execute('SELECT COUNT(*) AS n FROM items')).rows[0]!.n).toBe(0);
    const [, sel] = await ours.batch(['INSERT INTO items (id, name) VALUES (8, ?)', 'SELECT name FROM items'].map((s, i) => (i ? s : { sql: s, args: ['b'] })));
    expect(sel!.rows.map((r) => r.name)).toEqual(['b']);
  });

  it('a schema change is seen by a statement compiled before it', async () => {
    const { ours } = await both();
    await ours.execute("INSERT INTO items (name) VALUES ('a')");
    expect((await ours.execute('SELECT * FROM items')).columns).toEqual(['id', 'name', 'n']);
    await ours.execute("ALTER TABLE items ADD COLUMN extra TEXT DEFAULT 'e'");
    const after = await ours.execute('SELECT * FROM items');
    expect(after.columns).toEqual(['id', 'name', 'n', 'extra']);
    expect(after.rows[0]!.extra).toBe('e');
  });

  it('an open transaction holds the connection: other calls wait for it, and a rollback undoes it', async () => {
    const { ours } = await both();
    const tx = await ours.transaction('write');
    await tx.execute("INSERT INTO items (id, name) VALUES (1, 'in tx')");
    let outside: unknown;
    let second: unknown;
    const waiting = ours.execute('SELECT COUNT(*) AS n FROM items').then((r) => (outside = r.rows[0]!.n));
    const waitingToo = ours.execute('SELECT COUNT(*) AS n FROM items').then((r) => (second = r.rows[0]!.n));
    await new Promise((r) => setTimeout(r, 20));
    expect(outside).toBeUndefined();
    await tx.rollback();
    // Every call that waited goes on once the transaction ends, not only the first.
    await Promise.race([Promise.all([waiting, waitingToo]), new Promise((r) => setTimeout(r, 1000))]);
    expect([outside, second]).toEqual([0, 0]);
    const tx2 = await ours.transaction('write');
    await tx2.execute("INSERT INTO items (id, name) VALUES (2, 'kept')");
    await tx2.commit();
    expect((await ours.execute('SELECT name FROM items')).rows.map((r) => r.name)).toEqual(['kept']);
  });

  it('a closed client refuses calls with CLIENT_CLOSED', async () => {
    const { ours } = await both();
    ours.close();
    await expect(ours.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });
});
