/**
 * The three servers the benchmarks compare, as factories that build a Hono app and the means to
 * prepare genuine traffic for it in-process (pending logins with their codes, complete sessions):
 *
 * - ours: the demo composition (router at /api/2fa, seeded accounts) on a libSQL file opened by
 *   `openLibsql` (WAL + busy timeout + migrations), with extra enrolled contacts;
 * - floor: a bare Hono + Drizzle + libSQL route doing one indexed SELECT and one UPDATE, on a file
 *   opened the same way (so the pragmas are identical by construction);
 * - peer: Better Auth (emailAndPassword + twoFactor OTP) on Hono, through its Drizzle adapter,
 *   on a file opened the same way.
 *
 * A child process (bench/lib/child.ts) serves one of them; the statement counts build them
 * in-process with their libSQL client counting the statements.
 */
import { Hono, type Context } from 'hono';
import { drizzle } from 'drizzle-orm/libsql';
import { eq, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Client } from '@libsql/client';
import { openLibsql, openPostgres } from '../../server/node/index.js';
// A namespace: a baseline release (--baseline) may not have nodeHmac yet, and then signs through Web Crypto.
import * as serverNode from '../../server/node/index.js';
import { createTwoFactor, pbkdf2Hasher, seedDemo, type CbEnv, type PasswordHasher, type Policy, type SmsSender, type TwoFactorStore } from '../../server/index.js';

export const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
/**
 * How every libSQL file of the benchmark is opened, ours, the floor's and the peer's alike: with the
 * write-ahead log checkpointed on a worker thread, as docs/deploy.md advises for a busy server.
 */
export const BENCH_LIBSQL = { walCheckpoint: 'worker' } as const;
export const PASSWORD = 'bench password, long enough';
export const BASE = 'http://127.0.0.1';

/**
 * Counts what reaches the database driver while `on` is set: every statement, and the round
 * trips they took (a batch is one). Counted on the libSQL client itself rather than through a
 * Drizzle logger, which does not see the statements of a batch (the code try is one batch).
 */
export class StatementLog {
  on = false;
  readonly queries: string[] = [];
  roundTrips = 0;
  start() {
    this.queries.length = 0;
    this.roundTrips = 0;
    this.on = true;
  }
  stop() {
    this.on = false;
    return { queries: [...this.queries], roundTrips: this.roundTrips };
  }
  /** Makes `client` (and its transactions) report to this log. */
  watch<C extends Client>(client: C): C {
    const log = this;
    const text = (s: unknown) => (typeof s === 'string' ? s : String((s as { sql: string }).sql));
    const patch = (target: any) => {
      const { execute, batch } = target;
      if (execute) {
        target.execute = function (this: unknown, stmt: unknown, ...rest: unknown[]) {
          if (log.on) {
            log.queries.push(text(stmt));
            log.roundTrips++;
          }
          return execute.call(this, stmt, ...rest);
        };
      }
      if (batch) {
        target.batch = function (this: unknown, stmts: unknown[], ...rest: unknown[]) {
          if (log.on) {
            log.queries.push(...stmts.map(text));
            log.roundTrips++;
          }
          return batch.call(this, stmts, ...rest);
        };
      }
      return target;
    };
    patch(client);
    const transaction = (client as any).transaction;
    (client as any).transaction = async function (this: unknown, ...args: unknown[]) {
      return patch(await transaction.apply(this, args));
    };
    return client;
  }
}

/**
 * Limits that would throttle a benchmark, raised for throughput runs only. Every code rule
 * (tries per code, lock after 10 wrong codes, hard lock, lifetimes) keeps its default.
 */
export const benchPolicy: Partial<Policy> = {
  resendCooldownSeconds: 0,
  sendsPerPhone: { limit: 1_000_000_000, windowSeconds: 600 },
  sendsPerAccount: { limit: 1_000_000_000, windowSeconds: 86_400 },
  sendsPerIp: { limit: 1_000_000_000, windowSeconds: 3_600 },
};
export const benchPolicyNote =
  'limits raised for the benchmark: resend cooldown 0 s, SMS per phone/account/IP 1e9, no daily SMS budget; code rules at their defaults';

/** Runs `fn` with synchronous=OFF (setup and preparation only, never measured), then restores the setting. */
export async function unsynced<T>(client: Client | null, fn: () => Promise<T>): Promise<T> {
  // PostgreSQL (no libSQL client): preparation runs as it is.
  if (!client) return fn();
  const before = (await pragmas(client)).synchronous;
  await client.execute('PRAGMA synchronous = OFF');
  try {
    return await fn();
  } finally {
    await client.execute(`PRAGMA synchronous = ${before}`);
    const after = (await pragmas(client)).synchronous;
    if (after !== before) throw new Error(`synchronous not restored: ${after} != ${before}`);
  }
}

export async function pragmas(client: Client | null) {
  if (!client) return {};
  const one = async (p: string) => {
    const r = await client.execute(`PRAGMA ${p}`);
    const row = r.rows[0] as Record<string, unknown> | undefined;
    return row ? Object.values(row)[0] : null;
  };
  return { journal_mode: await one('journal_mode'), synchronous: await one('synchronous'), busy_timeout: await one('busy_timeout'), cache_size: await one('cache_size') };
}

/** Cookie header value from a response's Set-Cookie lines (ignores attributes; keeps the newest). */
export function cookiesOf(res: Response, jar = new Map<string, string>()): Map<string, string> {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const i = pair.indexOf('=');
    const name = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}
export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Runs `task(i)` for i in 0..n-1 with at most `width` at a time. */
export async function pool<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

export interface Pending {
  cookie: string;
  code: string;
  /** Who it belongs to (email). */
  user: string;
}

// ---------------------------------------------------------------------------------------------
// ours

export interface OursOptions {
  url: string;
  /** PBKDF2 iterations of the password hasher (unused with `hasher: 'argon2id'`). */
  iterations: number;
  /**
   * `argon2id`: `argon2Hasher()` at its defaults (OWASP's first choice, m = 19 MiB, t = 2, p = 1),
   * the demo's hasher. @default 'pbkdf2', at `iterations`
   */
  hasher?: 'pbkdf2' | 'argon2id';
  /** Extra enrolled contacts (bench-NNNN@example.com). */
  contacts: number;
  port: number;
  policy?: Partial<Policy>;
  log?: StatementLog;
  /**
   * A deployment of many portals: a resolver maps the request's host to the portal `bench`
   * (a second portal exists beside it), whose record is read once per `PORTAL_CACHE_MS`.
   * Without it, the single-portal composition every release has.
   */
  portals?: boolean;
  /** A PostgreSQL URL: ours on PostgreSQL (openPostgres, a pool of 10) instead of the libSQL file `url`. */
  pg?: string;
}

/** The hosts of the many-portal composition; the benchmark's requests all go to 127.0.0.1. */
export const BENCH_PORTAL_HOSTS: Record<string, string> = { '127.0.0.1': 'bench', 'other.localhost': 'other' };

export const contactEmail = (i: number) => `bench-${String(i).padStart(5, '0')}@example.com`;
/** Valid US numbers (the 555-01xx block is fictional; area codes vary beyond 100). */
export const contactPhone = (i: number) => {
  const areas = ['202', '212', '312', '415', '617', '713', '305', '206', '303', '404'];
  return `+1${areas[Math.floor(i / 100) % areas.length]}55501${String(i % 100).padStart(2, '0')}`;
};

export async function makeOurs(o: OursOptions) {
  const { client, db } = o.pg ? { client: null, db: (await openPostgres(o.pg)).db } : await openLibsql(o.url, BENCH_LIBSQL);
  if (client) o.log?.watch(client);
  const hasher = o.hasher === 'argon2id' ? argon2Of() : pbkdf2Hasher({ iterations: o.iterations });
  const lastCode = new Map<string, string>();
  const sms: SmsSender = {
    async send(m) {
      // The WebOTP line (`@bench.example #123456`), in every release and every locale.
      const code = /#(\d{6,9})\s*$/.exec(m.body)?.[1];
      if (code) lastCode.set(m.to, code);
      return { id: `bench-${lastCode.size}` };
    },
  };
  // The demo's composition (demo/app.ts), with the benchmark's sender and limits. The daily SMS
  // budget (when the server has one) is turned off: a benchmark sends far more than 1000 a day.
  const tf = createTwoFactor({
    db,
    sms,
    secret: SECRET,
    hasher,
    appName: 'Demo Portal',
    policy: o.policy ?? benchPolicy,
    // The demo sets it from PUBLIC_URL; the code is read back from its line.
    smsDomain: 'bench.example',
    // As a Node host is told to (README, docs/deploy.md): MACs through node:crypto, synchronously.
    ...({ dailySmsBudget: null, hmac: (serverNode as { nodeHmac?: unknown }).nodeHmac } as object),
    ...(o.portals ? { portal: (c: Context) => BENCH_PORTAL_HOSTS[new URL(c.req.url).hostname] } : {}),
  } as Parameters<typeof createTwoFactor>[0]);
  const store = o.portals ? await benchPortalStore(tf) : tf.store;
  const app = new Hono<CbEnv>();
  app.route('/api/2fa', tf.app);
  // A host's own page behind the router's guard, as README shows: what every signed-in page of a
  // host pays for cb-2fa (the session section).
  app.get('/host', tf.requireSession(), (c) => c.json({ id: c.var.cbUser.id }));
  app.get('/', (c) => c.text('ok'));

  const origin = `${BASE}:${o.port}`;
  const env = (ip = '127.0.0.1') => ({ incoming: { socket: { remoteAddress: ip } } });
  const call = async (method: string, path: string, body?: unknown, cookie = '') => {
    const res = await app.request(
      `${origin}/api/2fa${path}`,
      {
        method,
        headers: { ...(method === 'GET' ? {} : { 'content-type': 'application/json', origin }), cookie },
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      },
      env(),
    );
    const jar = cookiesOf(res);
    return { status: res.status, body: (await res.json()) as any, jar };
  };

  // Seed, turn 2FA on (as the Master Admin) and enroll the synthetic contacts.
  const setup = async () => {
    await seedDemo(store, hasher, PASSWORD);
    const admin = await call('POST', '/login', { email: 'admin@example.com', password: PASSWORD });
    if (admin.body.step !== 'authenticated') throw new Error(`bench: admin login failed ${JSON.stringify(admin.body)}`);
    const adminCookie = cookieHeader(admin.jar);
    const settings = await store.getSettings();
    if (!settings.enabled) {
      const put = await call('PUT', '/admin/settings', { enabled: true, allowOptOut: false }, adminCookie);
      if (put.status !== 200) throw new Error(`bench: settings failed ${JSON.stringify(put.body)}`);
    }
    const generation = (await store.getSettings()).generation;
    const passwordHash = await hasher.hash(PASSWORD);
    const emails: string[] = [];
    for (let i = 0; i < o.contacts; i++) {
      const id = `usr-bench-${i}`;
      if (!(await store.accounts.getAccount(id))) {
        await store.accounts.ensureAccount({ id, email: contactEmail(i), name: `Bench ${i}`, organizationId: 'org-demo', role: 'contact', masterAdmin: false, passwordHash });
        await store.enroll(id, contactPhone(i), generation, Date.now());
      }
      emails.push(contactEmail(i));
    }
    return { adminCookie, emails };
  };
  const { adminCookie, emails } = await unsynced(client, setup);
  const phoneOf = new Map(emails.map((e, i) => [e, contactPhone(i)]));

  /** One login of `email` up to the verify step; the code the SMS carried. */
  const pendingLogin = async (email: string): Promise<Pending> => {
    const r = await call('POST', '/login', { email, password: PASSWORD });
    if (r.body.step !== 'verify') throw new Error(`bench: expected verify for ${email}, got ${r.status} ${JSON.stringify(r.body)}`);
    const code = lastCode.get(phoneOf.get(email)!);
    if (!code) throw new Error(`bench: no code for ${email}`);
    return { cookie: cookieHeader(r.jar), code, user: email };
  };

  return {
    app,
    client,
    tf,
    emails,
    adminCookie,
    phoneOf,
    lastCode,
    pendingLogin,
    call,
    /** `n` pending logins, spread over the contacts (one at a time per contact, so codes map exactly). */
    async pending(n: number): Promise<Pending[]> {
      const width = Math.min(8, emails.length);
      const perLane = Math.ceil(n / width);
      const lanes = await pool(width, width, async (lane) => {
        // Each lane keeps to contacts of its own: lanes that cycled over all of them drifted apart
        // in a long pool and met on one contact, whose two codes then crossed (a wrong code sent).
        const mine = emails.filter((_, c) => c % width === lane);
        const out: Pending[] = [];
        for (let k = 0; k < perLane && lane * perLane + k < n; k++) out.push(await pendingLogin(mine[k % mine.length]!));
        return out;
      });
      return lanes.flat();
    },
    /** `n` complete sessions (logged in with password and code). */
    async complete(n: number): Promise<string[]> {
      const pend = await this.pending(n);
      return pool(pend.length, 8, async (i) => {
        const p = pend[i]!;
        const r = await call('POST', '/verify', { code: p.code }, p.cookie);
        if (r.body.step !== 'authenticated') throw new Error(`bench: verify failed ${JSON.stringify(r.body)}`);
        return cookieHeader(r.jar);
      });
    },
  };
}

/** `argon2Hasher()` at its defaults; through the namespace, since a baseline release may not have it. */
function argon2Of(): PasswordHasher {
  const make = (serverNode as { argon2Hasher?: () => PasswordHasher }).argon2Hasher;
  if (!make) throw new Error('bench: this server has no argon2Hasher');
  return make();
}

/**
 * The portals of the many-portal composition, made once per database: `bench`, which serves the
 * traffic, and `other`, so the deployment is not one portal under another name.
 */
async function benchPortalStore(tf: any): Promise<TwoFactorStore> {
  for (const [id, name] of [['bench', 'Bench Portal'], ['other', 'Other Portal']]) {
    // A portal's WebOTP line names its own domain, never the deployment's `smsDomain`.
    if (!(await tf.portals.get(id))) await tf.portals.create({ id, name, sms: { webOtpDomain: `${id}.example` } });
  }
  return tf.storeFor('bench');
}

// ---------------------------------------------------------------------------------------------
// floor

export const floorItems = sqliteTable('floor_items', {
  id: integer('id').primaryKey(),
  key: text('key').notNull().unique(),
  counter: integer('counter').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export async function makeFloor(o: { url: string; rows: number; log?: StatementLog }) {
  // Opened exactly like ours, so journal mode, synchronous, busy timeout and checkpoints are the same.
  const { client } = await openLibsql(o.url, BENCH_LIBSQL);
  o.log?.watch(client);
  const db = drizzle(client);
  await client.execute('CREATE TABLE IF NOT EXISTS floor_items (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, counter INTEGER NOT NULL, updated_at INTEGER NOT NULL)');
  const have = Number((await client.execute('SELECT count(*) AS n FROM floor_items')).rows[0]!.n);
  if (have < o.rows) {
    const stmts = [];
    for (let i = have; i < o.rows; i++) stmts.push({ sql: 'INSERT INTO floor_items (key, counter, updated_at) VALUES (?, 0, 0)', args: [`k${i}`] });
    await client.batch(stmts, 'write');
  }
  const app = floorApp(db);
  return { app, client, keys: (n: number) => Array.from({ length: n }, (_, i) => `k${i % o.rows}`) };
}

/** The floor route: read a JSON body and a cookie, one indexed SELECT, one UPDATE, a JSON reply. */
export function floorApp(db: ReturnType<typeof drizzle>) {
  const app = new Hono();
  app.post('/floor', async (c) => {
    await c.req.json();
    const key = /(?:^|;\s*)k=([^;]+)/.exec(c.req.header('cookie') ?? '')?.[1] ?? '';
    const [row] = await db.select({ id: floorItems.id, counter: floorItems.counter }).from(floorItems).where(eq(floorItems.key, key)).limit(1);
    if (!row) return c.json({ error: 'not_found' }, 404);
    await db.update(floorItems).set({ counter: sql`${floorItems.counter} + 1`, updatedAt: Date.now() }).where(eq(floorItems.id, row.id));
    return c.json({ ok: true, counter: row.counter + 1 });
  });
  app.get('/', (c) => c.text('ok'));
  return app;
}

// ---------------------------------------------------------------------------------------------
// peer

export interface PeerOptions {
  url: string;
  users: number;
  port: number;
  log?: StatementLog;
  /**
   * `default`: Better Auth's own password hashing (scrypt, N = 16384, r = 16, p = 1, on
   * node:crypto's thread pool), for the sign-in compared with ours. `plain`: a trivial hash, where
   * the password step is only preparation (the verify-otp comparison). @default 'plain'
   */
  hashing?: 'plain' | 'default';
}

export async function makePeer(o: PeerOptions) {
  const { betterAuth } = await import('better-auth');
  const { twoFactor } = await import('better-auth/plugins');
  const { drizzleAdapter } = await import('better-auth/adapters/drizzle');
  const { ddl, ...tables } = await import('../peer/schema.js');
  const schema = { user: tables.user, session: tables.session, account: tables.account, verification: tables.verification, twoFactor: tables.twoFactor };
  const { client } = await openLibsql(o.url, BENCH_LIBSQL);
  for (const stmt of ddl) await client.execute(stmt);
  o.log?.watch(client);
  const db = drizzle(client, { schema });
  const origin = `${BASE}:${o.port}`;
  const otps = new Map<string, string>();
  const auth = betterAuth({
    baseURL: origin,
    secret: SECRET,
    database: drizzleAdapter(db, { provider: 'sqlite', schema }),
    // Where the password step is not what is compared, a cheap hash keeps the preparation short;
    // the sign-in comparison keeps Better Auth's default.
    emailAndPassword: {
      enabled: true,
      ...(o.hashing === 'default' ? {} : { password: { hash: async (p: string) => `plain:${p}`, verify: async ({ hash, password }: { hash: string; password: string }) => hash === `plain:${password}` } }),
    },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
    plugins: [twoFactor({ otpOptions: { sendOTP: async ({ user, otp }: { user: { email: string }; otp: string }) => void otps.set(user.email, otp) } })],
  } as any);
  const app = new Hono();
  app.on(['POST', 'GET'], '/api/auth/*', (c) => auth.handler(c.req.raw));
  app.get('/', (c) => c.text('ok'));

  const call = async (path: string, body: unknown, cookie = '') => {
    const res = await auth.handler(
      new Request(`${origin}/api/auth${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: JSON.stringify(body) }),
    );
    const jar = cookiesOf(res);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, jar };
  };
  const email = (i: number) => `peer-${String(i).padStart(5, '0')}@example.com`;
  const existing = Number((await client.execute('SELECT count(*) AS n FROM user')).rows[0]!.n);
  await unsynced(client, async () => {
    // One user signs up through Better Auth; the others are copies of its rows (user and
    // credential account, the same password hash), so that seeding hashes one password, not one
    // per user, whatever the hashing.
    if (existing === 0) {
      const r = await call('/sign-up/email', { email: email(0), password: PASSWORD, name: 'Peer 0' });
      if (r.status !== 200) throw new Error(`peer sign-up failed: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const first = (await client.execute({ sql: 'SELECT id FROM user WHERE email = ?', args: [email(0)] })).rows[0]!.id as string;
    const copies = [];
    for (let i = Math.max(1, existing); i < o.users; i++) {
      const id = `peer-user-${i}`;
      copies.push(
        { sql: 'INSERT INTO user (id, name, email, email_verified, image, created_at, updated_at, two_factor_enabled) SELECT ?, ?, ?, email_verified, image, created_at, updated_at, two_factor_enabled FROM user WHERE id = ?', args: [id, `Peer ${i}`, email(i), first] },
        {
          sql: "INSERT INTO account (id, account_id, provider_id, user_id, password, created_at, updated_at) SELECT ?, ?, provider_id, ?, password, created_at, updated_at FROM account WHERE user_id = ? AND provider_id = 'credential'",
          args: [`peer-account-${i}`, id, id, first],
        },
      );
    }
    if (copies.length) await client.batch(copies, 'write');
  });
  // Two-factor on for everyone, by OTP (what `enable` with method "otp" does to the user row).
  await client.execute('UPDATE user SET two_factor_enabled = 1');
  const emails = Array.from({ length: o.users }, (_, i) => email(i));
  const accounts = Number((await client.execute("SELECT count(*) AS n FROM account WHERE provider_id = 'credential' AND password IS NOT NULL")).rows[0]!.n);
  if (accounts !== o.users) throw new Error(`peer: ${accounts} credential accounts, expected ${o.users}`);

  const pendingSignIn = async (e: string): Promise<Pending> => {
    const r = await call('/sign-in/email', { email: e, password: PASSWORD });
    if (!r.body?.twoFactorRedirect) throw new Error(`peer sign-in: expected twoFactorRedirect, got ${r.status} ${JSON.stringify(r.body)}`);
    const cookie = cookieHeader(r.jar);
    const s = await call('/two-factor/send-otp', {}, cookie);
    if (s.status !== 200) throw new Error(`peer send-otp failed: ${s.status} ${JSON.stringify(s.body)}`);
    const code = otps.get(e);
    if (!code) throw new Error(`peer: no OTP for ${e}`);
    return { cookie, code, user: e };
  };
  return {
    app,
    auth,
    client,
    call,
    emails,
    pendingSignIn,
    async pending(n: number): Promise<Pending[]> {
      const width = Math.min(8, emails.length);
      const perLane = Math.ceil(n / width);
      const lanes = await pool(width, width, async (lane) => {
        const out: Pending[] = [];
        for (let k = 0; k < perLane && lane * perLane + k < n; k++) out.push(await pendingSignIn(emails[(lane + k * width) % emails.length]!));
        return out;
      });
      return lanes.flat();
    },
  };
}
