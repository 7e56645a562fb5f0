/**
 * cb-2fa on Bun: the router mounted at /api/2fa of a Hono app, served by `Bun.serve`, on Bun's
 * built-in SQLite through `drizzle-orm/bun-sqlite`.
 *
 *   bun examples/bun/server.ts
 *
 * Env: PORT (default 3000; 0 picks a free one), DATABASE_PATH (default `.data/example-bun.db`,
 * or `:memory:`), CB_SECRET (required in production), DEMO_PASSWORD, NODE_ENV, SMS_DOMAIN
 * (the portal's public host name; default `localhost`).
 * In your app the imports read `cb-2fa/server` and `cb-2fa/server/node`.
 */
import { Database } from 'bun:sqlite';
import { mkdirSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/bun-sqlite';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { Hono } from 'hono';
import { getConnInfo } from 'hono/bun';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo } from '../../server/index.js';
import { sqliteMigrationsFolder } from '../../server/node/index.js';

const production = process.env.NODE_ENV === 'production';
const port = Number(process.env.PORT ?? 3000);
const path = process.env.DATABASE_PATH ?? '.data/example-bun.db';

function secret(): string {
  if (process.env.CB_SECRET) return process.env.CB_SECRET;
  if (production) throw new Error('Set CB_SECRET (at least 32 random characters) in production.');
  // Development only: a fresh secret per start voids codes and rate-limit keys of the last run.
  console.warn('CB_SECRET is not set: using a random one for this run.');
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Applies the shipped migrations with the same bookkeeping as `migrateSqlite` on Node (our own
 * `cb_migrations` table), so one database file can move between the Node and Bun servers.
 * `BEGIN IMMEDIATE` takes the write lock first: processes starting at once apply them once.
 */
function migrate(sqlite: Database): number {
  const migrations = readMigrationFiles({ migrationsFolder: sqliteMigrationsFolder() });
  const apply = sqlite.transaction(() => {
    sqlite.run('CREATE TABLE IF NOT EXISTS cb_migrations (hash TEXT PRIMARY KEY, created_at INTEGER NOT NULL)');
    const done = new Set(sqlite.query<{ hash: string }, []>('SELECT hash FROM cb_migrations').all().map((r) => r.hash));
    let applied = 0;
    for (const m of migrations) {
      if (done.has(m.hash)) continue;
      for (const statement of m.sql) if (statement.trim()) sqlite.run(statement);
      sqlite.run('INSERT INTO cb_migrations (hash, created_at) VALUES (?, ?)', [m.hash, m.folderMillis]);
      applied++;
    }
    return applied;
  });
  return apply.immediate();
}

// The dev outbox delivers nowhere; production plugs in a Twilio sender (docs/twilio.md).
if (production) throw new Error('This example sends SMS to the dev outbox only: plug in a real sender before production.');
const outbox = devOutbox();

if (path.startsWith('.data/')) mkdirSync('.data', { recursive: true });
const sqlite = new Database(path, { create: true });
if (path !== ':memory:') {
  // WAL: readers do not block the writer; busy_timeout: a writer waits for another instead of failing.
  sqlite.run('PRAGMA journal_mode = WAL');
  sqlite.run('PRAGMA busy_timeout = 5000');
}
migrate(sqlite);

// 600,000 PBKDF2-SHA-256 iterations, OWASP's figure: Bun's Web Crypto has no cap.
const hasher = pbkdf2Hasher();
// The host the SMS's WebOTP line names, so browsers offer the code on this site only.
const smsDomain = process.env.SMS_DOMAIN ?? 'localhost';
// `getConnInfo` asks the server Bun passes as `c.env` for the socket address (`server.requestIP`).
const tf = createTwoFactor({ db: drizzle(sqlite), sms: outbox, secret: secret(), hasher, appName: 'Example Portal', smsDomain, getConnInfo });
// Idempotent: safe on every start, from several processes at once.
await seedDemo(tf.store, hasher, process.env.DEMO_PASSWORD ?? 'demo-password');

const app = new Hono();
app.route('/api/2fa', tf.app);
// A host route behind the session middleware: only complete (2FA-passed) sessions get through.
app.get('/api/me', tf.requireSession(), (c) => c.json({ user: c.var.cbUser }));
app.get('/dev/sms-outbox', (c) => c.json(outbox.outbox));

// `app.fetch` itself, not a wrapper: Bun calls `fetch(request, server)`, and a wrapper that drops
// the server leaves every client `unknown`.
const server = Bun.serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' });
console.log(`cb-2fa example listening on http://127.0.0.1:${server.port}`);
