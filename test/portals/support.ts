/**
 * Two portals of one deployment, for the isolation suites: one `createTwoFactor` on one database,
 * `a.test` resolving to portal alpha and `b.test` to portal beta, each seeded with its own
 * accounts. The accounts and organizations that matter carry the same ids and emails in both
 * portals, so a query that forgets its portal finds the other portal's row instead of nothing.
 *
 * Every suite runs on a libSQL file and on PostgreSQL, a fresh database per suite. Within a
 * suite each test gets its own deployment: new portal ids, and a clock on a day of its own, so no
 * counter, budget or session of one test reaches the next.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe } from 'vitest';
import { openLibsql, openPostgres } from '../../server/node/index.js';
import {
  createTwoFactor,
  devOutbox,
  pbkdf2Hasher,
  type DevOutbox,
  type RandomSource,
  type TwoFactor,
  type TwoFactorAlert,
  type TwoFactorOptions,
  type TwoFactorStore,
} from '../../server/index.js';
import { createTestDatabase, describeWithPostgres } from '../contract/pg-database.js';
import { endPool } from '../support/pg-pool.js';

export const SECRET = 'portals-secret-portals-secret-0123456789abcdef';
export const HOST = { alpha: 'a.test', beta: 'b.test' } as const;
/** Hosts of no portal: the resolver knows none; an id never created; `default`, which a resolver must create too; an id of the wrong form. */
export const UNKNOWN_HOST = 'nobody.test';
export const UNCREATED_HOST = 'c.test';
export const DEFAULT_HOST = 'default.test';
export const MALFORMED_HOST = 'malformed.test';

export const PASSWORD = { alpha: 'alpha: correct horse battery', beta: 'beta: staple in the drawer' } as const;
export const PHONE = { alpha: '+12025550143', beta: '+12025550188' } as const;
/** The same account id and email in both portals. */
export const SAM = { id: 'usr-sam', email: 'sam@example.com' } as const;
export const ADMIN = { id: 'usr-admin', email: 'admin@example.com' } as const;
/** Accounts and organizations of one portal only. */
export const ANN = { id: 'usr-ann', email: 'ann@example.com' } as const;
export const BOB = { id: 'usr-bob', email: 'bob@example.com' } as const;
export const ORG = { shared: 'org-shared', alpha: 'org-alpha', beta: 'org-beta' } as const;

export type Side = 'alpha' | 'beta';

/** The database of one suite, with a raw query for what the stores do not show. */
export interface TestDb {
  dialect: 'libsql' | 'pg';
  db: NonNullable<TwoFactorOptions['db']>;
  /** `?` placeholders on both dialects. */
  rows(sql: string, args?: unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * Runs `body` once on a libSQL file and once on PostgreSQL (skipped locally without a server,
 * failing in CI), each with a database of its own for the whole suite.
 */
export function onBothDatabases(name: string, body: (db: () => TestDb) => void): void {
  describe(`${name} (libSQL)`, () => {
    let current: TestDb;
    let close = async () => {};
    beforeAll(async () => {
      const url = `file:${join(mkdtempSync(join(tmpdir(), 'cb2fa-portals-')), 'test.db')}`;
      const { db, client } = await openLibsql(url);
      close = async () => client.close();
      current = {
        dialect: 'libsql',
        db,
        rows: async (sql, args = []) => (await client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r })),
      };
    });
    afterAll(() => close());
    body(() => current);
  });
  describeWithPostgres(`${name} (PostgreSQL)`, () => {
    let current: TestDb;
    let close = async () => {};
    beforeAll(async () => {
      const database = await createTestDatabase();
      const { db, pool } = await openPostgres(database.url, { max: 4 });
      close = async () => {
        await endPool(pool);
        await database.drop();
      };
      current = {
        dialect: 'pg',
        db,
        rows: async (sql, args = []) => {
          let n = 0;
          return (await pool.query(sql.replace(/\?/g, () => `$${++n}`), args)).rows;
        },
      };
    });
    afterAll(() => close());
    body(() => current);
  });
}

export class Clock {
  constructor(public now: number) {}
  readonly read = () => this.now;
  advance(seconds: number) {
    this.now += seconds * 1000;
  }
}

/**
 * The platform's randomness, except where a test queues the exact bytes of the next draw of a
 * given length: 32 bytes are a session token, 4 bytes a code.
 */
export class ScriptedRandom implements RandomSource {
  private readonly queued = new Map<number, Uint8Array[]>();
  fill(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    const next = this.queued.get(bytes.length)?.shift();
    if (next) bytes.set(next);
    else crypto.getRandomValues(bytes);
    return bytes;
  }
  queue(bytes: Uint8Array) {
    const list = this.queued.get(bytes.length) ?? [];
    list.push(bytes);
    this.queued.set(bytes.length, list);
  }
  /** The next session token drawn is `token` (32 bytes). */
  nextToken(seed: number) {
    this.queue(new Uint8Array(32).fill(seed));
  }
  /** The next code drawn is `code`: 4 big-endian bytes below the sampling limit give it as is. */
  nextCode(code: string) {
    const n = Number(code);
    this.queue(new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]));
  }
}

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** One user agent at one host: keeps its cookies and sends JSON, like the elements. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Hono,
    readonly host: string,
    readonly ip: string,
  ) {}

  /** The same cookie jar, sent to another host: what an attacker holding this cookie tries. */
  at(host: string, ip = this.ip): Browser {
    const other = new Browser(this.app, host, ip);
    for (const [k, v] of this.cookies) other.cookies.set(k, v);
    return other;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const init: RequestInit = {
      method,
      headers: {
        host: this.host,
        ...(method === 'GET' || method === 'HEAD' ? {} : { 'content-type': 'application/json' }),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...headers,
      },
    };
    if (method !== 'GET' && method !== 'HEAD') init.body = typeof body === 'string' ? body : JSON.stringify(body ?? {});
    const url = `http://${this.host}${path.startsWith('/api/') ? path : `/api/2fa${path}`}`;
    const res = await this.app.request(url, init, { incoming: { socket: { remoteAddress: this.ip } } });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.trim());
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  put = (path: string, body?: unknown) => this.request('PUT', path, body);
}

export interface PortalSide {
  id: string;
  host: string;
  password: string;
  store: TwoFactorStore;
  browser(ip?: string): Browser;
  login(email: string, password?: string, ip?: string): Promise<{ browser: Browser; reply: Reply }>;
  /** A signed-in Master Admin of this portal. */
  admin(): Promise<Browser>;
  settings(enabled: boolean, allowOptOut?: boolean): Promise<void>;
  /** Signs `email` in through enrollment at `phone`; returns the browser with a complete session. */
  enrolled(email: string, phone: string, ip?: string): Promise<Browser>;
  /** `email` enrolled at `phone`, then at the verify step of a new login. */
  atVerify(email: string, phone: string, ip?: string): Promise<Browser>;
}

export interface Deployment {
  tf: TwoFactor;
  app: Hono;
  outbox: DevOutbox;
  clock: Clock;
  random: ScriptedRandom;
  alerts: TwoFactorAlert[];
  alpha: PortalSide;
  beta: PortalSide;
  /** The id `c.test` resolves to, created by no one. */
  uncreated: string;
  /** The newest code the outbox holds for `phone`. */
  code(phone: string): string;
}

let deployments = 0;
const DAY = 86_400_000;

/**
 * A deployment of two portals on `t`'s database. Portal ids are unique to the deployment; the
 * clock starts on a day no other deployment of this process uses.
 */
export async function twoPortals(
  t: TestDb,
  options: Partial<Pick<TwoFactorOptions, 'policy' | 'platformDailySmsBudget' | 'dailySmsBudget'>> & {
    budgets?: Partial<Record<Side, number>>;
    /** The portals that get accounts and organizations. @default both */
    seeded?: Side[];
  } = {},
): Promise<Deployment> {
  const n = ++deployments;
  const ids = { alpha: `alpha-${n}`, beta: `beta-${n}` };
  const byHost = new Map<string, string>([
    [HOST.alpha, ids.alpha],
    [HOST.beta, ids.beta],
    [UNCREATED_HOST, `gamma-${n}`],
    [DEFAULT_HOST, 'default'],
    [MALFORMED_HOST, `Alpha-${n}/../`],
  ]);
  const clock = new Clock(Date.UTC(2026, 0, 5, 9, 0, 0) + n * DAY);
  const random = new ScriptedRandom();
  const outbox = devOutbox({ now: clock.read });
  const alerts: TwoFactorAlert[] = [];
  const hasher = pbkdf2Hasher({ iterations: 1_000 });
  const tf = createTwoFactor({
    db: t.db,
    // Provider message ids are unique across the deployment, as Twilio's are.
    sms: { send: async (m) => ({ id: `SM${n}x${(await outbox.send(m)).id}` }) },
    secret: SECRET,
    hasher,
    clock: clock.read,
    random,
    portal: (c) => byHost.get(c.req.header('host') ?? ''),
    policy: options.policy,
    dailySmsBudget: options.dailySmsBudget,
    platformDailySmsBudget: options.platformDailySmsBudget,
    deliveryStatus: { url: `https://${HOST.alpha}/api/2fa/sms/status`, authToken: 'status-callback-auth-token' },
    onAlert: (alert) => void alerts.push(alert),
  });
  await tf.portals.create({ id: ids.alpha, name: 'Alpha IT Portal', dailySmsBudget: options.budgets?.alpha ?? null });
  await tf.portals.create({ id: ids.beta, name: 'Beta IT Portal', dailySmsBudget: options.budgets?.beta ?? null });

  const seed = async (side: Side) => {
    const accounts = tf.storeFor(ids[side]).accounts;
    const passwordHash = await hasher.hash(PASSWORD[side]);
    await accounts.ensureOrganization({ id: ORG.shared, name: side === 'alpha' ? 'Shared Alpha' : 'Shared Beta' });
    await accounts.ensureOrganization({ id: ORG[side], name: side === 'alpha' ? 'Alpha Only' : 'Beta Only' });
    await accounts.ensureAccount({ ...ADMIN, name: `${side} admin`, passwordHash, organizationId: null, role: 'admin', masterAdmin: true });
    await accounts.ensureAccount({ ...SAM, name: `Sam of ${side}`, passwordHash, organizationId: ORG.shared, role: 'contact', masterAdmin: false });
    const own = side === 'alpha' ? ANN : BOB;
    await accounts.ensureAccount({ ...own, name: `${side} only`, passwordHash, organizationId: ORG[side], role: 'contact', masterAdmin: false });
  };
  for (const which of options.seeded ?? ['alpha', 'beta']) await seed(which);

  const app = new Hono();
  app.route('/api/2fa', tf.app);
  app.get('/api/dashboard', tf.requireSession(), (c) => c.json({ hello: c.var.cbUser.name, userId: c.var.cbUser.id }));

  const code = (phone: string) => {
    const found = outbox.lastCode(phone);
    if (!found) throw new Error(`no SMS to ${phone}`);
    return found;
  };

  const side = (which: Side): PortalSide => {
    const host = HOST[which];
    const self: PortalSide = {
      id: ids[which],
      host,
      password: PASSWORD[which],
      store: tf.storeFor(ids[which]),
      browser: (ip = '203.0.113.7') => new Browser(app, host, ip),
      async login(email, password = PASSWORD[which], ip) {
        const browser = self.browser(ip);
        return { browser, reply: await browser.post('/login', { email, password }) };
      },
      async admin() {
        const { browser, reply } = await self.login(ADMIN.email, PASSWORD[which], '198.51.100.1');
        if (reply.body.step !== 'authenticated') throw new Error(`admin login failed in ${which}: ${JSON.stringify(reply.body)}`);
        return browser;
      },
      async settings(enabled, allowOptOut = false) {
        const res = await (await self.admin()).put('/admin/settings', { enabled, allowOptOut });
        if (res.status !== 200) throw new Error(`settings failed in ${which}: ${JSON.stringify(res.body)}`);
      },
      async enrolled(email, phone, ip) {
        const { browser, reply } = await self.login(email, PASSWORD[which], ip);
        if (reply.body.step !== 'enroll') throw new Error(`expected enroll in ${which}, got ${JSON.stringify(reply.body)}`);
        const sent = await browser.post('/enroll/phone', { phone });
        if (sent.status !== 200) throw new Error(`enroll/phone failed in ${which}: ${JSON.stringify(sent.body)}`);
        const confirmed = await browser.post('/enroll/confirm', { code: code(phone) });
        if (confirmed.body.step !== 'login') throw new Error(`confirm failed in ${which}: ${JSON.stringify(confirmed.body)}`);
        clock.advance(31);
        const again = await browser.post('/login', { email, password: PASSWORD[which] });
        if (again.body.step !== 'verify') throw new Error(`expected verify in ${which}, got ${JSON.stringify(again.body)}`);
        const verified = await browser.post('/verify', { code: code(phone) });
        if (verified.body.step !== 'authenticated') throw new Error(`verify failed in ${which}: ${JSON.stringify(verified.body)}`);
        clock.advance(31);
        return browser;
      },
      async atVerify(email, phone, ip) {
        await self.enrolled(email, phone, ip);
        const { browser, reply } = await self.login(email, PASSWORD[which], ip);
        if (reply.body.step !== 'verify') throw new Error(`expected verify in ${which}, got ${JSON.stringify(reply.body)}`);
        return browser;
      },
    };
    return self;
  };

  return { tf, app, outbox, clock, random, alerts, alpha: side('alpha'), beta: side('beta'), uncreated: `gamma-${n}`, code };
}

/** A code that is not `code`, for a wrong guess that cannot be right by chance. */
export const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');
