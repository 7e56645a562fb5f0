/**
 * cb-2fa on Node: the router mounted at /api/2fa of a Hono app, served by `@hono/node-server`,
 * on a libSQL database (a local file, `:memory:`, or a `libsql://` server).
 *
 *   npx tsx examples/node/server.ts
 *
 * Env: PORT (default 3000; 0 picks a free one), DATABASE_URL (default `file:.data/example-node.db`),
 * DATABASE_AUTH_TOKEN, CB_SECRET (required in production), DEMO_PASSWORD, NODE_ENV, SMS_DOMAIN
 * (the portal's public host name; default `localhost`).
 * In your app the imports read `cb-2fa/server` and `cb-2fa/server/node`.
 */
import { mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo } from '../../server/index.js';
import { openLibsql } from '../../server/node/index.js';

const production = process.env.NODE_ENV === 'production';
const port = Number(process.env.PORT ?? 3000);
const url = process.env.DATABASE_URL ?? 'file:.data/example-node.db';

function secret(): string {
  if (process.env.CB_SECRET) return process.env.CB_SECRET;
  if (production) throw new Error('Set CB_SECRET (at least 32 random characters) in production.');
  // Development only: a fresh secret per start voids codes and rate-limit keys of the last run.
  console.warn('CB_SECRET is not set: using a random one for this run.');
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes));
}

// The dev outbox delivers nowhere; production plugs in a Twilio sender (docs/twilio.md).
if (production) throw new Error('This example sends SMS to the dev outbox only: plug in a real sender before production.');
const outbox = devOutbox();

if (url.startsWith('file:.data/')) mkdirSync('.data', { recursive: true });
// Opens the database (WAL mode for files) and applies the shipped migrations.
const { db } = await openLibsql(url, { authToken: process.env.DATABASE_AUTH_TOKEN });
// 600,000 PBKDF2-SHA-256 iterations, OWASP's figure: Node's Web Crypto has no cap.
const hasher = pbkdf2Hasher();
// The host the SMS's WebOTP line names, so browsers offer the code on this site only.
const smsDomain = process.env.SMS_DOMAIN ?? 'localhost';
// `getConnInfo` reads the socket address from the Node request `@hono/node-server` passes as `c.env`.
const tf = createTwoFactor({ db, sms: outbox, secret: secret(), hasher, appName: 'Example Portal', smsDomain, getConnInfo });
// Idempotent: safe on every start, from several processes at once.
await seedDemo(tf.store, hasher, process.env.DEMO_PASSWORD ?? 'demo-password');

const app = new Hono();
app.route('/api/2fa', tf.app);
// A host route behind the session middleware: only complete (2FA-passed) sessions get through.
app.get('/api/me', tf.requireSession(), (c) => c.json({ user: c.var.cbUser }));
app.get('/dev/sms-outbox', (c) => c.json(outbox.outbox));

// Without a proxy the client IP comes from the socket. Behind one, set `policy.trustProxy` (docs/deploy.md).
serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`cb-2fa example listening on http://127.0.0.1:${info.port}`);
});
