/**
 * cb-2fa on Deno: the router mounted at /api/2fa of a Hono app, served by `Deno.serve`, on a
 * libSQL database (`npm:@libsql/client`, through `openLibsql` from `cb-2fa/server/node`, which
 * runs on Deno's Node compatibility).
 *
 *   deno run --allow-net --allow-env --allow-read --allow-write --allow-ffi --allow-sys examples/deno/server.ts
 *
 * (`--allow-ffi` loads libSQL's native driver. This repository's sources import `.js` names of
 * `.ts` files, which Deno resolves with `--sloppy-imports`; the published package is plain `.js`.)
 *
 * Env: PORT (default 3000; 0 picks a free one), HOST, DATABASE_URL (default
 * `file:.data/example-deno.db`), DATABASE_AUTH_TOKEN, CB_SECRET (required in production),
 * DEMO_PASSWORD, DENO_ENV=production, SMS_DOMAIN (the portal's public host name; default
 * `localhost`). In your app the imports read `npm:cb-2fa/server` and
 * `npm:cb-2fa/server/node`.
 */
import { Hono } from 'hono';
import { getConnInfo } from 'hono/deno';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo } from '../../server/index.js';
import { openLibsql } from '../../server/node/index.js';

const env = (name: string) => Deno.env.get(name);
const production = env('DENO_ENV') === 'production';
const port = Number(env('PORT') ?? 3000);
const url = env('DATABASE_URL') ?? 'file:.data/example-deno.db';

function secret(): string {
  const configured = env('CB_SECRET');
  if (configured) return configured;
  if (production) throw new Error('Set CB_SECRET (at least 32 random characters) in production.');
  // Development only: a fresh secret per start voids codes and rate-limit keys of the last run.
  console.warn('CB_SECRET is not set: using a random one for this run.');
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes));
}

// The dev outbox delivers nowhere; production plugs in a Twilio sender (docs/twilio.md).
if (production) throw new Error('This example sends SMS to the dev outbox only: plug in a real sender before production.');
const outbox = devOutbox();

if (url.startsWith('file:.data/')) await Deno.mkdir('.data', { recursive: true });
// Opens the database (WAL mode for files) and applies the shipped migrations.
const { db } = await openLibsql(url, { authToken: env('DATABASE_AUTH_TOKEN') });
// 600,000 PBKDF2-SHA-256 iterations, OWASP's figure: Deno's Web Crypto has no cap.
const hasher = pbkdf2Hasher();
// The host the SMS's WebOTP line names, so browsers offer the code on this site only.
const smsDomain = env('SMS_DOMAIN') ?? 'localhost';
// `getConnInfo` reads the socket address from the handler info `Deno.serve` passes as `c.env`.
const tf = createTwoFactor({ db, sms: outbox, secret: secret(), hasher, appName: 'Example Portal', smsDomain, getConnInfo });
// Idempotent: safe on every start, from several processes at once.
await seedDemo(tf.store, hasher, env('DEMO_PASSWORD') ?? 'demo-password');

const app = new Hono();
app.route('/api/2fa', tf.app);
// A host route behind the session middleware: only complete (2FA-passed) sessions get through.
app.get('/api/me', tf.requireSession(), (c) => c.json({ user: c.var.cbUser }));
app.get('/dev/sms-outbox', (c) => c.json(outbox.outbox));

// `app.fetch` itself, not a wrapper: Deno passes the connection's info as the second argument,
// and a wrapper that drops it leaves every client `unknown`.
Deno.serve(
  {
    port,
    hostname: env('HOST') ?? '127.0.0.1',
    onListen: ({ port: bound }) => console.log(`cb-2fa example listening on http://127.0.0.1:${bound}`),
  },
  app.fetch,
);
