/**
 * `npm start`: the demo portal on http://localhost:3000 with a libSQL file database.
 * Env: PORT, DATABASE_URL (`file:` path or `libsql://`), DATABASE_AUTH_TOKEN, DEMO_PASSWORD,
 * CB_SECRET, NODE_ENV.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { openLibsql } from '../server/node/index.js';
import { createDemoApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const production = process.env.NODE_ENV === 'production';
const password = process.env.DEMO_PASSWORD ?? 'demo-password';
const url = process.env.DATABASE_URL ?? 'file:.data/demo.db';

function demoSecret(): string {
  if (process.env.CB_SECRET) return process.env.CB_SECRET;
  if (production) throw new Error('Set CB_SECRET (at least 32 random characters) in production.');
  // A random secret kept beside the demo database, so codes survive a restart.
  mkdirSync('.data', { recursive: true });
  const file = '.data/secret';
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

if (url.startsWith('file:') && !url.includes(':memory:')) mkdirSync('.data', { recursive: true });
const { db } = await openLibsql(url, { authToken: process.env.DATABASE_AUTH_TOKEN });
const { app } = await createDemoApp({ db, secret: demoSecret(), password, production });

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Demo portal: http://localhost:${info.port}  (API at /api/2fa, database ${url})`);
  console.log(`Accounts: admin@example.com, staff@example.com, demo@example.com, pat@example.com, lee@acme.example — password "${password}"`);
  if (!production) console.log(`SMS outbox: http://localhost:${info.port}/dev/sms-outbox`);
});
