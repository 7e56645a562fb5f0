/**
 * The demo portal as a Hono app: our router at `/api/2fa`, the dev SMS outbox, and the pages.
 * `demo/server.ts` serves it on Node; tests build it in-process.
 * @module
 */
import { Hono } from 'hono';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo, type PasswordHasher, type TwoFactorOptions } from '../server/index.js';
import { loadBranding, type Branding } from './portal/branding.js';
import { mountPortal } from './portal/routes.js';

export interface DemoConfig {
  /** A migrated Drizzle database: libSQL/SQLite or PostgreSQL. */
  db: NonNullable<TwoFactorOptions['db']>;
  secret: string;
  password: string;
  /** Development mode serves the SMS outbox; production never does. */
  production: boolean;
  hasher?: PasswordHasher;
  sms?: TwoFactorOptions['sms'];
  /** Twilio Verify mode instead of `sms` (see `demo/sms-from-env.ts`). */
  verifier?: TwoFactorOptions['verifier'];
  deliveryStatus?: TwoFactorOptions['deliveryStatus'];
  dailySmsBudget?: TwoFactorOptions['dailySmsBudget'];
  onAlert?: TwoFactorOptions['onAlert'];
  clock?: () => number;
  policy?: TwoFactorOptions['policy'];
  /** The host name in the WebOTP line of the SMS (`demo/server.ts` takes it from PUBLIC_URL). */
  smsDomain?: string;
  /** Hono's client-address adapter of the runtime serving the demo (`demo/server.ts`: Node's). */
  getConnInfo?: TwoFactorOptions['getConnInfo'];
  branding?: Branding;
}

export async function createDemoApp(config: DemoConfig) {
  const hasher = config.hasher ?? pbkdf2Hasher();
  const outbox = devOutbox({ now: config.clock });
  const tf = createTwoFactor({
    db: config.db,
    sms: config.sms ?? (config.verifier ? undefined : outbox),
    verifier: config.verifier,
    deliveryStatus: config.deliveryStatus,
    dailySmsBudget: config.dailySmsBudget,
    onAlert: config.onAlert,
    secret: config.secret,
    hasher,
    appName: 'Demo Portal',
    clock: config.clock,
    policy: config.policy,
    smsDomain: config.smsDomain,
    getConnInfo: config.getConnInfo,
  });
  await seedDemo(tf.store, hasher, config.password);

  const app = new Hono();
  app.route('/api/2fa', tf.app);

  if (!config.production) {
    app.get('/dev/sms-outbox', (c) => c.json(outbox.outbox));
  }

  app.get('/api/dashboard', tf.requireSession(), (c) => c.json({ hello: c.var.cbUser.name }));

  await mountPortal(app, { tf, branding: config.branding ?? loadBranding(), production: config.production });
  return { app, tf, outbox };
}
