/**
 * `createTwoFactor(options)`: the router a host mounts and the middleware for its own routes.
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { GetConnInfo } from 'hono/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { routes } from '../protocol/routes.js';
import { createHmac, type HmacFactory } from './crypto/hash.js';
import { pbkdf2Hasher, type PasswordHasher } from './crypto/password.js';
import { webCryptoRandom, type RandomSource } from './crypto/random.js';
import { CbError } from './errors.js';
import { builtinIdentity } from './identity/builtin.js';
import type { CbUser, Identity } from './identity/identity.js';
import { bodyLimitByLength } from './middleware/body-limit.js';
import { clientIp } from './middleware/client-ip.js';
import { publicOrigin, type PublicOrigin } from './middleware/public-origin.js';
import { requestGuard } from './middleware/request-guard.js';
import { resolvePolicy, type Policy } from './policy.js';
import { SmsSendError, webOtpDomain, type SmsSender } from './providers/sms.js';
import type { CodeVerifier } from './providers/verifier.js';
import type { AdminAction, Deps, RequestFacts } from './services/deps.js';
import { eventDispatch, type EventHook } from './services/events.js';
import { ipGroup } from './services/limits.js';
import type { Outcome } from './services/login.js';
import { loadSession, loadSignedIn, type CookieChange } from './services/sessions.js';
import {
  DELIVERY_PATH,
  deliveryInfo,
  receiveStatusCallback,
  resolveSending,
  SMS_STATUS_PATH,
  withLastDelivery,
  type DeliveryStatusOptions,
  type TwoFactorAlert,
} from './services/sending.js';
import { entityKind, is } from 'drizzle-orm';
import { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { PgDb } from './store/drizzle/pg/store.js';
import { deferredStore } from './store/deferred.js';
import { sqliteStore, type SqliteDb } from './store/drizzle/sqlite/store.js';
import type { Session, TwoFactorStore } from './store/store.js';
import { DEFAULT_PORTAL, portalContexts, type PortalResolver, type PortalView } from './portal-context.js';
import type { PlatformReportDto, ReportDto } from '../protocol/dto.js';
import type { PortalsApi } from './portals-api.js';
import { OPENAPI_PATH, openApiHandler } from './openapi/serve.js';
import type { DeviceCookie } from './services/trusted-devices.js';

export interface RequireSecondFactorOptions {
  /** How old the session's last second factor may be. @default 600 */
  maxAgeSeconds?: number;
}

export interface TwoFactorOptions {
  /**
   * A Drizzle database with our migrations applied: SQLite (libSQL, D1, Bun) or PostgreSQL
   * (node-postgres, PGlite). Give this or `store`.
   */
  db?: SqliteDb | PgDb;
  /** A ready store (another dialect, or a wrapper). */
  store?: TwoFactorStore;
  /**
   * Where codes go: `devOutbox()` in development, `twilioSms()` / `twilioRestSms()` in production,
   * or one sender per portal (`(portal) => sender`). A portal's own `from` or Messaging Service
   * goes with each of its messages either way. Needed unless `verifier` is given.
   */
  sms?: SmsSender | ((portal: PortalView) => SmsSender);
  /**
   * The portal of a request, for a deployment of many portals: from the `Host`, a path segment,
   * a header your proxy sets. A request whose portal is unknown, or not created through
   * `tf.portals`, answers 404. Without it there is one portal, `default`.
   */
  portal?: PortalResolver;
  /** SMS all portals together may send per UTC day, under each portal's own budget; null for none. @default null */
  platformDailySmsBudget?: number | null;
  /**
   * A provider that makes, sends and checks the codes itself (`twilioVerify()`), instead of `sms`.
   * Our attempt limits, cooldowns, send limits, binding to the login and audit still apply.
   */
  verifier?: CodeVerifier;
  /**
   * Track delivery through Twilio status callbacks at `POST /sms/status`, checked against the
   * exact public URL given to Twilio (the sender's `statusCallback`) and the account's Auth Token.
   */
  deliveryStatus?: DeliveryStatusOptions;
  /** SMS the whole portal may send per UTC day, against SMS pumping; null for none. @default 1000 */
  dailySmsBudget?: number | null;
  /** Told when the daily SMS budget reaches 80 % and when it is exceeded. @default a console warning */
  onAlert?: (alert: TwoFactorAlert) => void | Promise<void>;
  /**
   * Receives every audit event with its portal (`event.portalId`): sign-ins, codes, lockouts,
   * resets, reset requests, phone changes, settings. Called after the response is decided, one
   * event after another, each given at most `onEventTimeoutMs`; what it throws is logged and
   * changes nothing, so a slow webhook never slows a sign-in.
   */
  onEvent?: EventHook;
  /** How long `onEvent` may take for one event before the next one goes. @default 5000 */
  onEventTimeoutMs?: number;
  /** At least 32 characters of random data; keys the code MACs and rate-limit keys. Keep it stable across instances. */
  secret: string;
  /** The host's user store, or one per portal (`(portalId) => identity`); defaults to the built-in accounts table of each portal. */
  identity?: Identity | ((portalId: string) => Identity);
  /**
   * How the MACs are made (codes, session ids, rate-limit keys): `nodeHmac` from
   * `cb-2fa/server/node` signs synchronously on Node and Bun; the default, Web Crypto, runs
   * everywhere, workerd included. Both give the same MACs.
   * @default createHmac (Web Crypto)
   */
  hmac?: HmacFactory;
  /** Password hashing of the built-in identity. @default pbkdf2Hasher() (600,000 iterations) */
  hasher?: PasswordHasher;
  /** Who may use the admin routes. @default admins read and reset; only Master Admins change settings */
  authorizeAdmin?: (user: CbUser, action: AdminAction) => boolean | Promise<boolean>;
  /** Whom the portal's 2FA setting applies to. @default organization contacts (`role === 'contact'`) */
  requiresTwoFactor?: (user: CbUser) => boolean;
  /** Overrides of the security defaults (see `defaultPolicy`). */
  policy?: Partial<Policy>;
  /**
   * Reads the client's socket address: Hono's `getConnInfo` for your runtime, from
   * `@hono/node-server/conninfo`, `hono/bun`, `hono/deno` or `hono/cloudflare-workers`. A trusted
   * proxy's header (`policy.trustProxy`) still comes first.
   * @default reads what `@hono/node-server`, `Bun.serve` and `Deno.serve` pass as `c.env`
   */
  getConnInfo?: GetConnInfo;
  /** The portal's name in the SMS text. @default 'your portal' */
  appName?: string;
  /**
   * The portal's public host name, for the WebOTP line of the SMS (`@portal.example.com #123456`)
   * that lets browsers and phones offer the code on that site only. Never taken from the request:
   * its `Host` is whatever the client sent. Without it the line is left out (a warning at start).
   */
  smsDomain?: string;
  /** Origins besides the request's own that may call state-changing routes. @default [] */
  trustedOrigins?: string[];
  /**
   * Cookie attributes. `secure` defaults to whether the request's public scheme is https (the
   * request URL's, or a declared proxy's `policy.trustProxy`); secure cookies get the `__Host-` prefix.
   */
  cookie?: { secure?: boolean };
  /** Milliseconds since the epoch; injectable for tests. @default Date.now */
  clock?: () => number;
  /** @default crypto.getRandomValues */
  random?: RandomSource;
  /**
   * Serve the OpenAPI 3.1 document of these routes at `GET /openapi.json` (the package ships the
   * same document as `cb-2fa/openapi.json`). Off by default: it tells anyone who asks what the API is.
   * @default false
   */
  openapi?: boolean;
}

export type CbEnv = { Variables: { cbSession: Session; cbUser: CbUser } };

export interface TwoFactor {
  /** Mount it: `app.route('/api/2fa', tf.app)`. */
  app: Hono<CbEnv>;
  /** For the host's own routes: only complete sessions pass; sets `c.var.cbUser` and `c.var.cbSession`. */
  requireSession(): MiddlewareHandler<CbEnv>;
  /**
   * For a host's sensitive routes (a payment method, AutoPay): like `requireSession()`, and the
   * session's last second factor must be at most `maxAgeSeconds` old (default 600), else 403
   * `step_up_required` (the page opens `<cb-step-up>` and retries) or, for a user with no enrolled
   * phone, 403 `step_up_unavailable`.
   */
  requireSecondFactor(options?: RequireSecondFactorOptions): MiddlewareHandler<CbEnv>;
  /** The complete session and user of a request, or null: for pages that redirect instead of answering 401. */
  sessionOf(c: Context): Promise<{ session: Session; user: CbUser } | null>;
  /** The `default` portal's store; `storeFor(id)` gives another portal's. */
  readonly store: TwoFactorStore;
  storeFor(portalId: string): TwoFactorStore;
  /** Create, change and list the portals of the deployment (their 2FA settings are their admins'). */
  readonly portals: PortalsApi;
  /**
   * Every portal's report (per organization and per contact, as `GET /admin/report` gives each
   * portal's admins), for the platform operator; `reportCsv(await tf.report())` is its CSV.
   */
  report(): Promise<PlatformReportDto>;
  readonly policy: Policy;
}

/** Stands in for `sms` in Verify mode, where the verifier sends; never called there. */
const noSender: SmsSender = {
  send: async () => {
    throw new SmsSendError('unavailable', 'cb-2fa: no `sms` sender configured');
  },
};

/**
 * Picks the store by the database's dialect. Drizzle's entity kinds (`is`) survive subclassing and
 * bundling, unlike `instanceof` across two copies of drizzle-orm.
 */
/** Drizzle's `is(db, PgDatabase)` without importing pg-core: the entity kinds along the class chain. */
function isPgDatabase(db: object): boolean {
  for (let c: unknown = db.constructor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if ((c as unknown as Record<symbol, unknown>)[entityKind] === 'PgDatabase') return true;
  }
  return false;
}

function storeForDb(db: SqliteDb | PgDb): TwoFactorStore {
  if (is(db, BaseSQLiteDatabase)) return sqliteStore(db);
  if (isPgDatabase(db)) return deferredStore(async () => (await import('./store/drizzle/pg/store.js')).pgStore(db as PgDb));
  throw new Error('cb-2fa: `db` must be a Drizzle SQLite or PostgreSQL database; pass `store` for anything else');
}

const defaultAuthorizeAdmin = (user: CbUser, action: AdminAction) =>
  user.role === 'admin' && (action !== 'settings' || user.masterAdmin);

const fieldsOf = (error: z.ZodError) => [...new Set(error.issues.map((i) => i.path.join('.') || '(query)'))];

/**
 * What a start does not need is imported by the first request that does, once: the schemas (zod
 * is most of the modules a start would otherwise load), the services of every route but the
 * session check, and `tf.portals`' input checks. A request waits for its module as a start would
 * have; the answers are the same.
 */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
type Schemas = typeof import('./router-schemas.js');
const schemas = lazy(() => import('./router-schemas.js'));
const services = {
  admin: lazy(() => import('./services/admin.js')),
  login: lazy(() => import('./services/login.js')),
  steps: lazy(() => import('./services/two-factor.js')),
  report: lazy(() => import('./services/report.js')),
  preview: lazy(() => import('./services/settings-preview.js')),
  organizationPolicy: lazy(() => import('./services/organization-policy.js')),
  stepUp: lazy(() => import('./services/step-up.js')),
  recoveryCodes: lazy(() => import('./services/recovery-codes.js')),
  resetRequest: lazy(() => import('./services/reset-request.js')),
  phoneChange: lazy(() => import('./services/phone-change.js')),
  devices: lazy(() => import('./services/trusted-devices.js')),
};
const portalsModule = lazy(() => import('./portals-api.js'));

async function readJson<T>(c: Context, pick: (s: Schemas) => z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new CbError('bad_request', 'The body is not valid JSON.');
  }
  const parsed = pick(await schemas()).safeParse(value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
    throw new CbError('bad_request', `Invalid or missing: ${fields.join(', ')}.`, { fields });
  }
  return parsed.data;
}

/**
 * Misconfigurations caught when the router is created, each naming the option and its fix,
 * rather than a TypeError in the first request (a missing `CB_SECRET` reads as
 * "Cannot read properties of undefined"). Types guard TypeScript hosts; these guard the rest,
 * and values read from the environment.
 */
function checkOptions(o: TwoFactorOptions): void {
  const fail = (option: string, problem: string, fix: string): never => {
    throw new Error(`cb-2fa: \`${option}\` ${problem}. ${fix}`);
  };
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);
  if (!o || typeof o !== 'object') fail('options', `must be an object, not ${kind(o)}`, 'Call createTwoFactor({ db, sms, secret }).');
  const secretFix = 'Give at least 32 characters of random data, the same on every instance (`openssl rand -base64 48`), read from an environment variable such as CB_SECRET; check that it is set.';
  if (typeof o.secret !== 'string' || o.secret === '') fail('secret', o.secret === undefined || o.secret === '' ? 'is missing' : `must be a string, not ${kind(o.secret)}`, secretFix);
  if (o.secret.length < 32) fail('secret', `is ${o.secret.length} characters long, under the 32 it needs`, secretFix);
  if (!o.sms && !o.verifier) {
    fail('sms', 'and `verifier` are both missing: nothing would send the codes', 'Pass `sms: devOutbox()` in development and `sms: twilioSms({ client, from })` (or `twilioRestSms()`) in production, or `verifier: twilioVerify({ client, serviceSid })` to have Twilio Verify send and check them.');
  }
  if (o.sms && typeof o.sms !== 'function' && typeof o.sms.send !== 'function') {
    fail('sms', 'is not a sender (it has no `send(message)`)', 'Pass devOutbox(), twilioSms(), twilioRestSms() or your own `{ send(message) }`, or a function of the portal that returns one.');
  }
  if (o.verifier && (typeof o.verifier.start !== 'function' || typeof o.verifier.check !== 'function')) {
    fail('verifier', 'is not a code verifier (it needs `start()` and `check()`)', 'Pass twilioVerify({ client, serviceSid }) or twilioRestVerify({ accountSid, …, serviceSid }).');
  }
  if (o.portal !== undefined && typeof o.portal !== 'function') {
    fail('portal', `must be a function of the request, not ${kind(o.portal)}`, "Pass `portal: (c) => …` returning the request's portal id (from its Host, a path segment or a header); leave it out for one portal, whose id is `default`.");
  }
  const identity = o.identity;
  if (identity !== undefined && typeof identity !== 'function') {
    const missing = (['verifyPassword', 'getUser', 'listContacts'] as const).filter((m) => typeof identity?.[m] !== 'function');
    if (missing.length) fail('identity', `lacks ${missing.map((m) => `\`${m}()\``).join(', ')}`, 'Implement the `Identity` interface over your user store, pass a function of the portal id that returns one, or leave `identity` out for the built-in accounts.');
  }
  if (o.hmac !== undefined && typeof o.hmac !== 'function') fail('hmac', `must be a function (secret) => Hmac, not ${kind(o.hmac)}`, 'Pass nodeHmac from cb-2fa/server/node, or leave it out for Web Crypto.');
  const hasher = o.hasher;
  if (hasher !== undefined) {
    const missing = (['hash', 'verify', 'burn'] as const).filter((m) => typeof hasher?.[m] !== 'function');
    if (missing.length) fail('hasher', `lacks ${missing.map((m) => `\`${m}()\``).join(', ')}`, 'Pass pbkdf2Hasher({ iterations }), or leave it out for the default.');
  }
  if (o.onEventTimeoutMs !== undefined && !(Number.isFinite(o.onEventTimeoutMs) && o.onEventTimeoutMs > 0)) {
    fail('onEventTimeoutMs', `must be a positive number of milliseconds, not ${JSON.stringify(o.onEventTimeoutMs)}`, 'Give e.g. 5000, or leave it out for the default.');
  }
  for (const name of ['authorizeAdmin', 'requiresTwoFactor', 'onAlert', 'onEvent', 'getConnInfo', 'clock'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'function') fail(name, `must be a function, not ${kind(o[name])}`, 'Pass a function, or leave it out for the default.');
  }
  if (o.trustedOrigins !== undefined) {
    if (!Array.isArray(o.trustedOrigins)) fail('trustedOrigins', `must be an array of origins, not ${kind(o.trustedOrigins)}`, "Pass e.g. `['https://app.example.com']`.");
    for (const origin of o.trustedOrigins) {
      if (typeof origin !== 'string' || !URL.canParse(origin) || new URL(origin).origin !== origin) {
        fail('trustedOrigins', `holds ${JSON.stringify(origin)}, which is not an origin (a browser's Origin header never matches it)`, "Give scheme and host only, such as 'https://app.example.com' (no path, no trailing slash).");
      }
    }
  }
}

/**
 * @example
 * const tf = createTwoFactor({ db, sms: devOutbox(), secret: process.env.CB_SECRET! });
 * app.route('/api/2fa', tf.app);
 * app.get('/dashboard', tf.requireSession(), (c) => c.text(`Hello ${c.var.cbUser.name}`));
 */
export function createTwoFactor(options: TwoFactorOptions): TwoFactor {
  checkOptions(options);
  const store = options.store ?? (options.db ? storeForDb(options.db) : undefined);
  if (!store) throw new Error('cb-2fa: pass `db` (a Drizzle SQLite or PostgreSQL database) or `store`');
  const policy = resolvePolicy(options.policy);
  const hasher = options.hasher ?? pbkdf2Hasher();
  const clock = options.clock ?? Date.now;
  const sending = resolveSending(options);
  const appName = options.appName ?? 'your portal';
  const smsDomain = options.smsDomain === undefined ? undefined : webOtpDomain(options.smsDomain);
  if (smsDomain === undefined && options.sms && !options.portal) {
    console.warn('cb-2fa: no `smsDomain` set, so codes go out without the WebOTP line (`@domain #code`) and browsers will not offer them. Set it to the portal\'s public host name.');
  }
  const identityOption = options.identity;
  const sms = options.sms;
  const contexts = portalContexts({
    base: {
      hmac: (options.hmac ?? createHmac)(options.secret),
      hasher,
      policy,
      clock,
      random: options.random ?? webCryptoRandom,
      appName,
      requiresTwoFactor: options.requiresTwoFactor ?? ((u) => u.role === 'contact'),
      authorizeAdmin: options.authorizeAdmin ?? defaultAuthorizeAdmin,
      sending,
      platformDailySmsBudget: options.platformDailySmsBudget ?? null,
    },
    store,
    resolver: options.portal,
    identityFor: (scoped, id) =>
      typeof identityOption === 'function' ? identityOption(id) : (identityOption ?? builtinIdentity(scoped.accounts, hasher)),
    smsFor: (portal) => (typeof sms === 'function' ? sms(portal) : (sms ?? noSender)),
    defaults: { appName, smsDomain, policy, dailySmsBudget: sending.dailyBudget },
  });
  // The host's event hook: with one, each request's store also queues the events it writes.
  const events = options.onEvent ? eventDispatch(options.onEvent, options.onEventTimeoutMs ?? 5000) : null;
  const flushEvents = (c: Context) => {
    if (!events) return;
    let waitUntil: ((p: Promise<unknown>) => void) | undefined;
    try {
      const ctx = c.executionCtx;
      waitUntil = (p) => ctx.waitUntil(p);
    } catch {
      // No execution context (Node, Bun, Deno): the process outlives the response anyway.
    }
    events.flush(c.req.raw, waitUntil);
  };
  // A request's dependencies, resolved once: its portal decides the store, identity and sender.
  const resolved = new WeakMap<Request, Promise<Deps>>();
  const depsOf = (c: Context): Promise<Deps> => {
    let deps = resolved.get(c.req.raw);
    if (!deps) {
      deps = contexts.forRequest(c);
      if (events) deps = deps.then((d) => events.tap(c.req.raw, d));
      resolved.set(c.req.raw, deps);
    }
    return deps;
  };
  const trustedOrigins = options.trustedOrigins ?? [];

  // Asked for by the guard, the cookie name and every cookie written: worked out once a request.
  const origins = new WeakMap<Request, PublicOrigin>();
  const origin = (c: Context) => {
    let o = origins.get(c.req.raw);
    if (!o) origins.set(c.req.raw, (o = publicOrigin(c.req.raw, policy.trustProxy)));
    return o;
  };
  const secure = (c: Context) => options.cookie?.secure ?? origin(c).scheme === 'https';
  const nameFor = (isSecure: boolean) => (isSecure ? '__Host-cb_session' : 'cb_session');
  const cookieName = (c: Context) => nameFor(secure(c));
  const facts = (c: Context, d: Deps): RequestFacts => {
    const ip = clientIp(c, policy.trustProxy, options.getConnInfo);
    return { ip, ipGroup: ipGroup(ip), domain: d.portal.sms.webOtpDomain ?? undefined };
  };
  const applyCookie = (c: Context, change: CookieChange) => {
    if (!change) return;
    const isSecure = secure(c);
    const name = nameFor(isSecure);
    if ('clear' in change) deleteCookie(c, name, { path: '/', secure: isSecure });
    else setCookie(c, name, change.set, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecure, maxAge: change.maxAgeSeconds });
  };
  // The trusted-device cookie ("Trust this device") follows the session cookie's rules, under its own name.
  const deviceName = (c: Context) => (secure(c) ? '__Host-cb_device' : 'cb_device');
  const deviceToken = (c: Context) => getCookie(c, deviceName(c));
  const applyDevice = (c: Context, change: DeviceCookie) => {
    if (!change) return;
    const isSecure = secure(c);
    if ('clear' in change) deleteCookie(c, deviceName(c), { path: '/', secure: isSecure });
    else setCookie(c, deviceName(c), change.set, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecure, maxAge: change.maxAgeSeconds });
  };
  const respond = (c: Context, outcome: Outcome) => {
    applyCookie(c, outcome.cookie);
    return c.json(outcome.body);
  };
  const currentSession = (c: Context, d: Deps) => loadSession(d, getCookie(c, cookieName(c)));
  const pending = async (c: Context, d: Deps): Promise<Session> => {
    const s = await currentSession(c, d);
    if (!s || s.status !== 'pending') throw new CbError('unauthorized', 'Sign in first.');
    return s;
  };
  /** The complete session and its user, or null: pending logins and unknown users are not signed in. */
  const sessionIn = (c: Context, d: Deps): Promise<{ session: Session; user: CbUser } | null> => loadSignedIn(d, getCookie(c, cookieName(c)));
  /** For host routes: a request of an unknown portal is simply not signed in. */
  const sessionOf = async (c: Context) => {
    const d = await depsOf(c).catch((err: unknown) => {
      if (err instanceof CbError && err.code === 'not_found') return null;
      throw err;
    });
    return d ? sessionIn(c, d) : null;
  };
  const complete = async (c: Context, d: Deps): Promise<{ session: Session; user: CbUser }> => {
    const found = await sessionIn(c, d);
    if (!found) throw new CbError('unauthorized', 'Sign in first.');
    return found;
  };

  // Expired sessions, codes and counters are deleted at most every 10 minutes, on a login: no
  // timer, which a library cannot own on every runtime (Workers have none between requests). One
  // bounded batch a login: a backlog (after downtime, a flood of abandoned logins) is worked off
  // over the next logins, none of them waiting for more than one batch.
  let lastSweep = clock();
  let backlog = false;
  const maybeSweep = async () => {
    const now = clock();
    if (!backlog && now - lastSweep < 10 * 60_000) return;
    lastSweep = now;
    backlog = (await store.sweep(now)) === true;
  };

  const app = new Hono<CbEnv>()
    .onError((err, c) => {
      const error =
        err instanceof CbError
          ? err
          : err instanceof HTTPException && err.status === 413
            ? new CbError('bad_request', `The body is larger than ${policy.maxBodyBytes} bytes.`, {}, 413)
            : err instanceof HTTPException && err.status < 500
              ? new CbError('bad_request', 'The request could not be read.', {}, err.status)
              : // The request's signal aborts only when the client has gone (mid-body, typically):
                // nobody reads this answer, and a hang-up is no fault of ours to log.
                c.req.raw.signal.aborted
                ? new CbError('bad_request', 'The request was cut off.')
                : null;
      if (!error) {
        console.error('cb-2fa: unexpected error', err instanceof Error ? err.name + ': ' + err.message : 'unknown');
        return c.json(new CbError('internal', 'Something went wrong on our side.').toBody(), 500);
      }
      if (error.code === 'rate_limited' && error.extra.retryAfter) c.header('Retry-After', String(error.extra.retryAfter));
      // The rest of an oversized body is still on its way: left unread, it would be taken for the
      // next request on a keep-alive connection, or the socket reset under it. Closing is cheaper
      // than draining what the limit refused to read.
      if (error.status === 413) c.header('Connection', 'close');
      return c.json(error.toBody(), error.status as 400);
    })
    .use('*', async (c, next) => {
      c.header('Cache-Control', 'no-store');
      await next();
      // The response is decided (an error too: onError has answered by now).
      flushEvents(c);
    })
    .use('*', bodyLimitByLength(policy.maxBodyBytes))
    // Twilio's callback is a form POST without an Origin; its signature is its authentication.
    .use('*', requestGuard({ trustedOrigins, ownOrigin: (c) => origin(c).origin, exempt: (c) => c.req.method === 'POST' && c.req.path.endsWith(SMS_STATUS_PATH) }))
    // The portal's public face, for the elements: no session, nothing but what the login page shows.
    .get(routes.portal, async (c) => {
      const { portal } = await depsOf(c);
      return c.json({ id: portal.id, name: portal.brandName ?? '', logoUrl: portal.logoUrl, accent: portal.accent, locale: portal.sms.locale, allowedCountries: portal.allowedCountries, ...portal.policies });
    })
    .post(routes.login, async (c) => {
      const d = await depsOf(c);
      const body = await readJson(c, (s) => s.loginBody);
      await maybeSweep();
      const { login } = await services.login();
      return respond(c, await login(d, facts(c, d), body.email, body.password, deviceToken(c)));
    })
    .post(routes.enrollPhone, async (c) => {
      const d = await depsOf(c);
      const body = await readJson(c, (s) => s.phoneBody);
      const steps = await services.steps();
      return c.json(await steps.enrollPhone(d, facts(c, d), await pending(c, d), body.phone, body.country));
    })
    .post(routes.enrollConfirm, async (c) => {
      const d = await depsOf(c);
      const body = await readJson(c, (s) => s.codeBody);
      const steps = await services.steps();
      return respond(c, await steps.confirmEnrollment(d, facts(c, d), await pending(c, d), body.code));
    })
    .post(routes.enrollSkip, async (c) => {
      const d = await depsOf(c);
      await readJson(c, (s) => s.emptyBody);
      const steps = await services.steps();
      return respond(c, await steps.skipEnrollment(d, facts(c, d), await pending(c, d)));
    })
    .post(routes.verify, async (c) => {
      const d = await depsOf(c);
      const body = await readJson(c, (s) => s.verifyBody);
      const session = await pending(c, d);
      const steps = await services.steps();
      if (body.code === undefined) return respond(c, await steps.verifyLoginWithRecoveryCode(d, facts(c, d), session, body.recoveryCode));
      const outcome = await steps.verifyLogin(d, facts(c, d), session, body.code);
      if (body.trustDevice === true) applyDevice(c, await (await services.devices()).trustThisDevice(d, facts(c, d), session.userId, c.req.header('user-agent')));
      return respond(c, outcome);
    })
    .post(routes.resend, async (c) => {
      const d = await depsOf(c);
      const body = await readJson(c, (s) => s.resendBody);
      const steps = await services.steps();
      return c.json(await steps.resend(d, facts(c, d), await pending(c, d), body.channel));
    })
    .get(DELIVERY_PATH, async (c) => {
      const d = await depsOf(c);
      return c.json(await deliveryInfo(d, await pending(c, d)));
    })
    .post(SMS_STATUS_PATH, async (c) => {
      const d = await depsOf(c);
      await receiveStatusCallback(d, {
        body: await c.req.text(),
        signature: c.req.header('x-twilio-signature'),
        signatureSettings: c.req.header('x-twilio-webhooks-signature-settings'),
        ip: facts(c, d).ip,
      });
      // Twilio wants any 2xx; an empty one asks for nothing more.
      return c.body(null, 204);
    })
    .get(routes.session, async (c) => {
      const d = await depsOf(c);
      const { session, user } = await complete(c, d);
      const [steps, devices] = await Promise.all([services.steps(), services.devices()]);
      return c.json(await steps.sessionInfo(d, session, user, await devices.isTrustedDevice(d, user.id, deviceToken(c))));
    })
    .post(routes.logout, async (c) => {
      const d = await depsOf(c);
      await readJson(c, (s) => s.emptyBody);
      const steps = await services.steps();
      return respond(c, await steps.logout(d, facts(c, d), await currentSession(c, d)));
    })
    .post(routes.optIn, async (c) => {
      const d = await depsOf(c);
      await readJson(c, (s) => s.emptyBody);
      const { session, user } = await complete(c, d);
      const steps = await services.steps();
      return respond(c, await steps.optIn(d, facts(c, d), session, user));
    })
    .get(routes.adminSettings, async (c) => {
      const d = await depsOf(c);
      const { user } = await complete(c, d);
      return c.json(await (await services.admin()).readSettings(d, user));
    })
    .put(routes.adminSettings, async (c) => {
      const d = await depsOf(c);
      const body = await readJson(c, (s) => s.settingsWithDeadline);
      const { user } = await complete(c, d);
      const saved = await (await services.admin()).writeSettings(d, facts(c, d), user, body);
      // A policy lives in the portal's record, which this instance caches: read it afresh.
      if (body.recoveryCodes !== undefined || body.voiceFallback !== undefined || body.trustDeviceDays !== undefined || body.selfServicePhoneChange !== undefined) contexts.invalidate(d.portal.id);
      return c.json(saved);
    })
    .get(routes.adminContacts, async (c) => {
      const d = await depsOf(c);
      const query = (await schemas()).contactsQuery.safeParse(c.req.query());
      if (!query.success) throw new CbError('bad_request', 'organizationId must be a short string.', { fields: ['organizationId'] });
      const { user } = await complete(c, d);
      return c.json({ contacts: await withLastDelivery(d, await (await services.admin()).listContacts(d, user, query.data.organizationId)) });
    })
    .post(routes.adminContactReset, async (c) => {
      const d = await depsOf(c);
      await readJson(c, (s) => s.emptyBody);
      const { user } = await complete(c, d);
      const [contact] = await withLastDelivery(d, [await (await services.admin()).resetContact(d, facts(c, d), user, c.req.param('id'))]);
      return c.json(contact);
    });

  app.post(routes.stepUp, async (c) => {
    const d = await depsOf(c);
    await readJson(c, (s) => s.emptyBody);
    const { session, user } = await complete(c, d);
    return c.json(await (await services.stepUp()).startStepUp(d, facts(c, d), session, user));
  });

  app.post(routes.stepUpVerify, async (c) => {
    const d = await depsOf(c);
    const body = await readJson(c, (s) => s.codeBody);
    const { session } = await complete(c, d);
    const outcome = await (await services.stepUp()).verifyStepUp(d, facts(c, d), session, body.code);
    applyCookie(c, outcome.cookie);
    return c.json(outcome.body);
  });

  app.post(routes.recoveryCodes, async (c) => {
    const d = await depsOf(c);
    await readJson(c, (s) => s.emptyBody);
    const { session, user } = await complete(c, d);
    return c.json(await (await services.recoveryCodes()).generateRecoveryCodes(d, facts(c, d), session, user));
  });

  app.get(routes.devices, async (c) => {
    const d = await depsOf(c);
    const { user } = await complete(c, d);
    return c.json(await (await services.devices()).listDevices(d, user, deviceToken(c)));
  });

  app.post(routes.devicesForget, async (c) => {
    const d = await depsOf(c);
    await readJson(c, (s) => s.emptyBody);
    const { session } = await complete(c, d);
    const outcome = await (await services.devices()).forgetOwnDevices(d, facts(c, d), session);
    applyDevice(c, outcome.device);
    return c.json(outcome.body);
  });

  app.post(routes.resetRequest, async (c) => {
    const d = await depsOf(c);
    const body = await readJson(c, (s) => s.resetRequestBody);
    return c.json(await (await services.resetRequest()).requestReset(d, facts(c, d), await pending(c, d), body.reason));
  });

  app.post(routes.adminContactDevicesForget, async (c) => {
    const d = await depsOf(c);
    await readJson(c, (s) => s.emptyBody);
    const { user } = await complete(c, d);
    return c.json(await (await services.devices()).forgetContactDevices(d, facts(c, d), user, c.req.param('id')));
  });

  app.post(routes.phone, async (c) => {
    const d = await depsOf(c);
    const body = await readJson(c, (s) => s.phoneBody);
    const { session, user } = await complete(c, d);
    return c.json(await (await services.phoneChange()).requestPhoneChange(d, facts(c, d), session, user, body.phone, body.country));
  });

  app.post(routes.phoneConfirm, async (c) => {
    const d = await depsOf(c);
    const body = await readJson(c, (s) => s.codeBody);
    const { session, user } = await complete(c, d);
    const outcome = await (await services.phoneChange()).confirmPhoneChange(d, facts(c, d), session, user, body.code);
    applyCookie(c, outcome.cookie);
    return c.json(outcome.body);
  });

  app.put(routes.adminOrganizationPolicy, async (c) => {
    const d = await depsOf(c);
    const body = await readJson(c, (s) => s.organizationPolicyBody);
    const { user } = await complete(c, d);
    return c.json(await (await services.organizationPolicy()).setOrganizationPolicy(d, facts(c, d), user, c.req.param('id'), body.policy));
  });

  app.get(routes.adminSettingsPreview, async (c) => {
    const d = await depsOf(c);
    const query = (await schemas()).previewQuery.safeParse(c.req.query());
    if (!query.success) throw new CbError('bad_request', 'enabled and allowOptOut must be true or false; enforceFrom a date such as 2027-01-15, or empty.', { fields: fieldsOf(query.error) });
    const { user } = await complete(c, d);
    const { enforceFrom, ...flags } = query.data;
    return c.json(await (await services.preview()).previewSettings(d, user, { ...flags, ...(enforceFrom === undefined ? {} : { enforceFrom: enforceFrom || null }) }));
  });

  app.get(routes.adminReport, async (c) => {
    const d = await depsOf(c);
    const query = (await schemas()).reportQuery.safeParse(c.req.query());
    if (!query.success) throw new CbError('bad_request', 'format must be json or csv.', { fields: ['format'] });
    const { user } = await complete(c, d);
    const { adminReport, reportCsv, reportFileName } = await services.report();
    const report = await adminReport(d, user);
    if (query.data.format !== 'csv') return c.json(report);
    return c.body(reportCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${reportFileName(d.portal.id, d.clock())}"`,
    });
  });

  app.get(routes.adminAudit, async (c) => {
    const d = await depsOf(c);
    const query = (await schemas()).auditQuery.safeParse(c.req.query());
    if (!query.success) throw new CbError('bad_request', 'limit must be 1..500; subjectId a short string.', { fields: ['limit', 'subjectId'] });
    const { user } = await complete(c, d);
    return c.json({ events: await (await services.admin()).listAudit(d, user, query.data) });
  });

  if (options.openapi) app.get(OPENAPI_PATH, openApiHandler());

  // Keep this route last. A route rather than `app.notFound()`: Hono's `route()` does not carry a
  // sub-app's notFound to the app it is mounted on, so a mounted router would answer plain text.
  app.all('*', () => {
    throw new CbError('not_found', 'No such route.');
  });

  const requireSession = (): MiddlewareHandler<CbEnv> => async (c, next) => {
    const found = await sessionOf(c);
    if (!found) return c.json(new CbError('unauthorized', 'Sign in first.').toBody(), 401);
    c.set('cbSession', found.session);
    c.set('cbUser', found.user);
    await next();
  };

  const requireSecondFactor =
    (options: RequireSecondFactorOptions = {}): MiddlewareHandler<CbEnv> =>
    async (c, next) => {
      const { isFresh, STEP_UP_MAX_AGE_SECONDS, stepUpPhone } = await services.stepUp();
      const maxAgeSeconds = options.maxAgeSeconds ?? STEP_UP_MAX_AGE_SECONDS;
      // A request of no portal is simply not signed in, as with requireSession().
      const d = await depsOf(c).catch((err: unknown) => {
        if (err instanceof CbError && err.code === 'not_found') return null;
        throw err;
      });
      const found = d ? await sessionIn(c, d) : null;
      if (!d || !found) return c.json(new CbError('unauthorized', 'Sign in first.').toBody(), 401);
      c.set('cbSession', found.session);
      c.set('cbUser', found.user);
      if (!isFresh(d, found.session, maxAgeSeconds)) {
        // Told apart so that the page opens the dialog only where a code can be sent.
        if (!(await stepUpPhone(d, found.user.id))) return c.json(new CbError('step_up_unavailable', 'This action needs a phone enrolled for two-factor authentication.').toBody(), 403);
        return c.json(new CbError('step_up_required', 'Confirm this action with a code first.', { maxAgeSeconds }).toBody(), 403);
      }
      await next();
    };

  // Reads need no input checks; a create or an update loads them (zod) on its first call.
  let checked: Promise<PortalsApi> | undefined;
  const checkedPortals = () => (checked ??= portalsModule().then((m) => m.portalsApi(store, clock, (id) => contexts.invalidate(id))));
  const portals: PortalsApi = {
    create: async (input) => (await checkedPortals()).create(input),
    update: async (id, patch) => (await checkedPortals()).update(id, patch),
    get: (id) => store.portals.get(id),
    list: () => store.portals.list(),
  };
  const report = async (): Promise<PlatformReportDto> => {
    const ids = (await store.portals.list()).map((p) => p.id);
    // A single-portal deployment's one portal needs no record.
    if (!options.portal && !ids.includes(DEFAULT_PORTAL)) ids.unshift(DEFAULT_PORTAL);
    const { platformReport, portalReport } = await services.report();
    const reports: ReportDto[] = [];
    for (const id of ids) {
      const d = await contexts.forPortal(id);
      if (d) reports.push(await portalReport(d));
    }
    return platformReport(reports, clock());
  };
  return { app, requireSession, requireSecondFactor, sessionOf, store, storeFor: (id) => store.forPortal(id), portals, report, policy };
}
