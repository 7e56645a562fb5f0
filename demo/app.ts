/**
 * The demo portal as a Hono app: our router at `/api/2fa`, the dev SMS outbox, and the pages.
 * `demo/server.ts` serves it on Node; tests build it in-process.
 * @module
 */
import { Hono } from 'hono';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo, type PasswordHasher, type TwoFactorOptions } from '../server/index.js';

export interface DemoConfig {
  /** A migrated Drizzle database: libSQL/SQLite or PostgreSQL. */
  db: NonNullable<TwoFactorOptions['db']>;
  secret: string;
  password: string;
  /** Development mode serves the SMS outbox; production never does. */
  production: boolean;
  hasher?: PasswordHasher;
  sms?: TwoFactorOptions['sms'];
  clock?: () => number;
  policy?: TwoFactorOptions['policy'];
}

export async function createDemoApp(config: DemoConfig) {
  const hasher = config.hasher ?? pbkdf2Hasher();
  const outbox = devOutbox({ now: config.clock });
  const tf = createTwoFactor({
    db: config.db,
    sms: config.sms ?? outbox,
    secret: config.secret,
    hasher,
    appName: 'Demo Portal',
    clock: config.clock,
    policy: config.policy,
  });
  await seedDemo(tf.store, hasher, config.password);

  const app = new Hono();
  app.route('/api/2fa', tf.app);

  if (!config.production) {
    app.get('/dev/sms-outbox', (c) => c.json(outbox.outbox));
  }

  app.get('/api/dashboard', tf.requireSession(), (c) => c.json({ hello: c.var.cbUser.name }));

  app.get('/', (c) =>
    c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo Portal</title></head>
<body>
<h1>Demo Portal</h1>
<p>The cb-2fa API is mounted at <code>/api/2fa</code>. See <code>docs/api.md</code> for a walk-through with curl.</p>
${config.production ? '' : '<p>Development SMS outbox: <a href="/dev/sms-outbox">/dev/sms-outbox</a></p>'}
</body></html>`),
  );
  return { app, tf, outbox };
}
