/**
 * `npm start`: the demo's two portals on http://localhost:3000 (`demo`) and
 * http://northwind.localhost:3000 (`northwind`) with one libSQL file database.
 * DATABASE_URL `postgres://…` selects PostgreSQL (node-postgres) instead; DEMO_PBKDF2_ITERATIONS
 * (ignored in production) makes password hashing cheap for tests that start several servers.
 * Env: PORT, DATABASE_URL (`file:` path or `libsql://`), DATABASE_AUTH_TOKEN, DEMO_PASSWORD,
 * CB_SECRET, NODE_ENV; Twilio: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and
 * TWILIO_API_SECRET), TWILIO_FROM / TWILIO_MESSAGING_SERVICE_SID / TWILIO_VERIFY_SERVICE_SID,
 * TWILIO_API_URL, PUBLIC_URL, SMS_DAILY_BUDGET (see demo/sms-from-env.ts and docs/twilio.md).
 * PUBLIC_URL also names the host of the SMS's WebOTP line (`localhost` without it).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { pbkdf2Hasher } from '../server/index.js';
import { argon2Hasher, nodeHmac, openLibsql, openPostgres } from '../server/node/index.js';
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

/** The file of a plain `file:` URL, as openLibsql reads it; null for any other database. */
function databaseFile(url: string): string | null {
  if (!url.startsWith('file:') || url.includes(':memory:') || /[?#]/.test(url)) return null;
  const path = url.slice('file:'.length);
  return path.startsWith('//') ? fileURLToPath(url) : decodeURIComponent(path);
}

if (url.startsWith('file:') && !url.includes(':memory:')) mkdirSync('.data', { recursive: true });
// Never in production: the built-in accounts must hash at OWASP strength there.
const iterations = production ? undefined : Number(process.env.DEMO_PBKDF2_ITERATIONS) || undefined;
// Otherwise argon2id (OWASP's first choice), off the event loop: also what keeps a first start quick.
const hasher = iterations ? pbkdf2Hasher({ iterations }) : argon2Hasher();
// A database file that is not there yet is a first start: the seeded accounts' one hash begins
// now, on the hasher's threads, while this one runs the migrations (seeding would otherwise wait
// for it). Anywhere else the seeding starts it, when it finds no portal. A failure is thrown
// where the seeding awaits it.
const file = databaseFile(url);
const passwordHash = file !== null && !existsSync(file) ? hasher.hash(password) : undefined;
passwordHash?.catch(() => {});
const postgres = /^postgres(ql)?:\/\//.test(url);
const { db } = postgres ? await openPostgres(url) : await openLibsql(url, { authToken: process.env.DATABASE_AUTH_TOKEN });
// Credentials in a database URL stay out of the log.
const shownUrl = url.replace(/\/\/[^@/]*@/, '//***@');
// The Twilio SDK loads only when it is configured: it would cost every other start a few hundred ms.
const twilioSetup = process.env.TWILIO_ACCOUNT_SID ? (await import('./sms-from-env.js')).smsFromEnv(process.env) : null;
const { describe: smsDescription, ...smsOptions } = twilioSetup ?? { describe: 'dev outbox (no TWILIO_ACCOUNT_SID)' };
// Development only: policy overrides as JSON, e.g. a short resend cooldown for end-to-end tests.
const policy = !production && process.env.DEMO_POLICY ? JSON.parse(process.env.DEMO_POLICY) : undefined;
// The WebOTP line names the host browsers see: PUBLIC_URL's, else the one printed below. Browsers
// offer codes for domains only, so an IP address gets no line.
const publicHost = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).hostname : 'localhost';
const smsDomain = /^[\d.]+$|^\[/.test(publicHost) ? undefined : publicHost;
// Development only: how old a second factor may be for the AutoPay change (end-to-end tests shorten it).
const stepUpMaxAgeSeconds = !production && process.env.DEMO_STEP_UP_SECONDS ? Number(process.env.DEMO_STEP_UP_SECONDS) : undefined;
const { app } = await createDemoApp({ db, secret: demoSecret(), password, passwordHash, production, hasher, hmac: nodeHmac, policy, smsDomain, getConnInfo, stepUpMaxAgeSeconds, ...smsOptions });

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Demo portal: http://localhost:${info.port}  (API at /api/2fa, database ${shownUrl})`);
  console.log(`  accounts: admin@example.com, staff@example.com, demo@example.com, pat@example.com, lee@acme.example`);
  console.log(`  platform operator: ops@platform.example (http://localhost:${info.port}/ops)`);
  console.log(`Northwind IT Portal: http://northwind.localhost:${info.port}`);
  console.log(`  accounts: admin@northwind.example, kim@contoso.example, demo@example.com (another account)`);
  console.log(`Password of every account: "${password}"`);
  console.log(`SMS: ${smsDescription}`);
  if (!production && !twilioSetup) console.log(`SMS outbox: http://localhost:${info.port}/dev/sms-outbox`);
});
