/**
 * The demo as a Hono app: two portals (`demo` and `northwind`, product spec §7) from one router at
 * `/api/2fa`, the dev SMS outbox, the pages and the platform operator's page. `demo/server.ts`
 * serves it on Node; tests build it in-process.
 * @module
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { createTwoFactor, defaultPolicy, devOutbox, pbkdf2Hasher, type PasswordHasher, type TwoFactorOptions } from '../server/index.js';
import { seedAccounts, type SeedAccount } from '../server/seed.js';
import { demoPortals, ensurePortals, MAIN_PORTAL, portalOfRequest } from './portals.js';
import { loadBranding, type Branding } from './portal/branding.js';
import { operatorsOf } from './portal/operator-routes.js';
import { mountPortal } from './portal/routes.js';
import { notificationFeed } from './notifications.js';

/** The platform operator: an account of the main host's portal whose email the demo names an operator. */
export const operatorAccount: SeedAccount = {
  id: 'usr-ops',
  email: 'ops@platform.example',
  name: 'Platform Operator',
  organizationId: null,
  role: 'contact',
  masterAdmin: false,
};

/**
 * The hasher for seeding: every seeded account shares the published password, so one hash serves
 * them all (each costs a first start ~35 ms at OWASP strength), made at most once per start.
 */
function seedHasher(hasher: PasswordHasher, begun?: { password: string; hash: Promise<string> }): PasswordHasher {
  const made = new Map<string, Promise<string>>(begun ? [[begun.password, begun.hash]] : []);
  return {
    hash(password) {
      let hash = made.get(password);
      if (!hash) made.set(password, (hash = hasher.hash(password)));
      return hash;
    },
    verify: (password, stored) => hasher.verify(password, stored),
    burn: (password) => hasher.burn(password),
  };
}

export interface DemoConfig {
  /** A migrated Drizzle database: libSQL/SQLite or PostgreSQL. */
  db: NonNullable<TwoFactorOptions['db']>;
  secret: string;
  password: string;
  /**
   * The hash of `password` for the seeded accounts, when the caller has begun it already
   * (demo/server.ts does on a database file that is not there yet, beside the migrations).
   */
  passwordHash?: Promise<string>;
  /** Development mode serves the SMS outbox; production never does. */
  production: boolean;
  hasher?: PasswordHasher;
  /** `nodeHmac` on Node (demo/server.ts); the default, Web Crypto, elsewhere. */
  hmac?: TwoFactorOptions['hmac'];
  sms?: TwoFactorOptions['sms'];
  /** Twilio Verify mode instead of `sms` (see `demo/sms-from-env.ts`). */
  verifier?: TwoFactorOptions['verifier'];
  deliveryStatus?: TwoFactorOptions['deliveryStatus'];
  dailySmsBudget?: TwoFactorOptions['dailySmsBudget'];
  onAlert?: TwoFactorOptions['onAlert'];
  clock?: () => number;
  policy?: TwoFactorOptions['policy'];
  /**
   * The main host's name, for the WebOTP line of the demo portal's SMS; Northwind's is
   * `northwind.` before it (`demo/server.ts` takes it from PUBLIC_URL).
   */
  smsDomain?: string;
  /** Hono's client-address adapter of the runtime serving the demo (`demo/server.ts`: Node's). */
  getConnInfo?: TwoFactorOptions['getConnInfo'];
  /** The demo portal's branding when it is created. @default demo/branding.json with BRAND_* */
  branding?: Branding;
  /** Emails of the main portal's accounts that may use the operator page. @default ['ops@platform.example'] */
  operators?: string[];
  /** How old a second factor may be for the AutoPay change (`requireSecondFactor`). @default 600 */
  stepUpMaxAgeSeconds?: number;
  /** Told of every audit event too, after the demo's Notifications page has it. */
  onEvent?: TwoFactorOptions['onEvent'];
  onEventTimeoutMs?: number;
}

export async function createDemoApp(config: DemoConfig) {
  const hasher = config.hasher ?? pbkdf2Hasher();
  const outbox = devOutbox({ now: config.clock });
  const mainDomain = config.smsDomain?.trim().toLowerCase() || undefined;
  if (!mainDomain && !config.verifier) {
    console.warn('demo: no smsDomain, so the portals\' codes go out without the WebOTP line (`@domain #code`). Set PUBLIC_URL.');
  }
  const trustProxy = config.policy?.trustProxy ?? defaultPolicy.trustProxy;
  const portalOf = (c: Context) => portalOfRequest(c, trustProxy, mainDomain);
  const notifications = notificationFeed();
  const tf = createTwoFactor({
    db: config.db,
    sms: config.sms ?? (config.verifier ? undefined : outbox),
    verifier: config.verifier,
    deliveryStatus: config.deliveryStatus,
    dailySmsBudget: config.dailySmsBudget,
    onAlert: config.onAlert,
    onEvent: (event) => {
      notifications.onEvent(event);
      return config.onEvent?.(event);
    },
    onEventTimeoutMs: config.onEventTimeoutMs,
    secret: config.secret,
    hmac: config.hmac,
    hasher,
    appName: 'Demo Portal',
    clock: config.clock,
    policy: config.policy,
    smsDomain: config.smsDomain,
    getConnInfo: config.getConnInfo,
    portal: portalOf,
  });
  const branding = config.branding ?? loadBranding();
  const portals = demoPortals(branding, mainDomain);
  const seeding = seedHasher(hasher, config.passwordHash && { password: config.password, hash: config.passwordHash });
  // A fresh database: the accounts' hash is made (off the event loop, for argon2id) while the
  // portals are created.
  if (!(await tf.portals.get(MAIN_PORTAL))) seeding.hash(config.password).catch(() => {});
  await ensurePortals(tf, portals, seeding, config.password, config.clock);
  await seedAccounts(tf.storeFor(MAIN_PORTAL), seeding, config.password, [], [operatorAccount]);

  const app = new Hono();
  app.route('/api/2fa', tf.app);

  if (!config.production) {
    app.get('/dev/sms-outbox', (c) => c.json(outbox.outbox));
  }

  app.get('/api/dashboard', tf.requireSession(), (c) => c.json({ hello: c.var.cbUser.name }));

  await mountPortal(app, {
    tf,
    portalOf,
    headers: Object.fromEntries(portals.map((p) => [p.input.id, p.header])),
    fallback: branding,
    operators: operatorsOf(config.operators ?? [operatorAccount.email], MAIN_PORTAL, portalOf),
    production: config.production,
    stepUpMaxAgeSeconds: config.stepUpMaxAgeSeconds,
    notifications,
  });
  return { app, tf, outbox, notifications, store: tf.storeFor(MAIN_PORTAL) };
}
