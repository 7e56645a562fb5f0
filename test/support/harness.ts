/**
 * An in-process portal for tests: the demo app on a migrated libSQL database, a controllable
 * clock, the dev outbox, cheap password hashing, and a cookie-keeping client per "browser".
 * Browsers ask for the demo portal (host `portal.test`) unless given another host, such as
 * `northwind.localhost` for the Northwind portal.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoApp } from '../../demo/app.js';
import { openLibsql, openPostgres, type OpenedPostgres } from '../../server/node/index.js';
import { pbkdf2Hasher, type PasswordHasher, type Policy, type TwoFactorOptions } from '../../server/index.js';
import { endPool } from './pg-pool.js';
import type { PolicyUpdate } from '../../protocol/dto.js';

export const PASSWORD = 'correct horse battery staple';
export const SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const PHONE = '+12025550143';

export class Clock {
  constructor(public now = Date.UTC(2026, 0, 5, 9, 0, 0)) {}
  readonly read = () => this.now;
  advance(seconds: number) {
    this.now += seconds * 1000;
  }
}

export interface Harness {
  app: Awaited<ReturnType<typeof createDemoApp>>['app'];
  tf: Awaited<ReturnType<typeof createDemoApp>>['tf'];
  /** The demo portal's store (`tf.storeFor('demo')`): the portal every test's browser talks to by default. */
  store: Awaited<ReturnType<typeof createDemoApp>>['store'];
  outbox: Awaited<ReturnType<typeof createDemoApp>>['outbox'];
  /** What the demo's `onEvent` kept for the admins' Notifications page. */
  notifications?: Awaited<ReturnType<typeof createDemoApp>>['notifications'];
  clock: Clock;
  /** The raw libSQL client, for tests that inspect what was stored. Throws on a PostgreSQL harness: use `pool`. */
  client: Awaited<ReturnType<typeof openLibsql>>['client'];
  /** The node-postgres pool of a PostgreSQL harness. */
  pool?: OpenedPostgres['pool'];
  /** `host` picks the portal: `portal.test` (the demo portal) unless told, `northwind.localhost` for Northwind. */
  browser(ip?: string, host?: string): Browser;
  /** Closes the database connections (a PostgreSQL pool would otherwise hold its database open). */
  close(): Promise<void>;
}

/** Stands in for the libSQL client on PostgreSQL, so a libSQL-only test fails with a clear message. */
const noLibsqlClient = new Proxy({} as Harness['client'], {
  get() {
    throw new Error('this harness runs on PostgreSQL: use `pool`, not the libSQL `client`');
  },
});

/**
 * `file: true` puts the database in a temporary file, where libSQL uses a pool of connections:
 * parallel requests then really race, as they would across server instances. `postgres` (a URL of
 * an empty database) builds on PostgreSQL instead, through a node-postgres pool.
 */
export async function createHarness(
  options: { file?: boolean; postgres?: string; policy?: Partial<Policy>; hasher?: PasswordHasher; onEvent?: TwoFactorOptions['onEvent']; onEventTimeoutMs?: number } = {},
): Promise<Harness> {
  const url = options.file ? `file:${join(mkdtempSync(join(tmpdir(), 'cb2fa-')), 'test.db')}` : ':memory:';
  const { db, client, pool, close } = options.postgres
    ? await openPostgres(options.postgres).then(({ db, pool }) => ({ db, pool, client: noLibsqlClient, close: () => endPool(pool) }))
    : await openLibsql(url).then(({ db, client }) => ({ db, client, pool: undefined, close: async () => client.close() }));
  const clock = new Clock();
  const { app, tf, outbox, store, notifications } = await createDemoApp({
    db,
    secret: SECRET,
    password: PASSWORD,
    production: false,
    hasher: options.hasher ?? pbkdf2Hasher({ iterations: 1_000 }),
    clock: clock.read,
    policy: options.policy,
    smsDomain: 'portal.test',
    onEvent: options.onEvent,
    onEventTimeoutMs: options.onEventTimeoutMs,
  });
  const harness: Harness = { app, tf, store, outbox, notifications, clock, client, pool, close, browser: (ip = '203.0.113.7', host = 'portal.test') => new Browser(harness, ip, host) };
  return harness;
}

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** One user agent: keeps its cookies and always sends JSON, like the elements do. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly h: Harness,
    readonly ip: string,
    readonly host = 'portal.test',
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const init: RequestInit = {
      method,
      headers: {
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...headers,
      },
    };
    if (method !== 'GET') init.body = typeof body === 'string' ? body : JSON.stringify(body ?? {});
    const res = await this.h.app.request(`http://${this.host}${path}`, init, fakeNodeEnv(this.ip));
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

  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', `/api/2fa${path}`, body, headers);
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', `/api/2fa${path}`, body);
  }
  get(path: string) {
    return this.request('GET', path.startsWith('/api/') || path.startsWith('/dev/') ? path : `/api/2fa${path}`);
  }

  login(email: string, password = PASSWORD) {
    return this.post('/login', { email, password });
  }

  /** The newest code the outbox holds for `phone`. */
  code(phone = PHONE): string {
    const code = this.h.outbox.lastCode(phone);
    if (!code) throw new Error(`no SMS to ${phone}`);
    return code;
  }
}

/** What `@hono/node-server` passes as `c.env`: the socket's remote address lives there. */
const fakeNodeEnv = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

/** Signs in as the Master Admin and sets the portal's 2FA settings, and any §10 policies given. */
export async function setSettings(h: Harness, enabled: boolean, allowOptOut = false, policies: PolicyUpdate = {}) {
  const admin = h.browser('198.51.100.1');
  const login = await admin.login('admin@example.com');
  if (login.body.step !== 'authenticated') throw new Error('admin login failed');
  const res = await admin.put('/admin/settings', { enabled, allowOptOut, ...policies });
  if (res.status !== 200) throw new Error(`settings failed: ${JSON.stringify(res.body)}`);
  return admin;
}

/** Walks a contact through enrollment (phone, confirm) and returns the browser, signed out. */
export async function enroll(h: Harness, email: string, phone = PHONE) {
  const b = h.browser();
  const login = await b.login(email);
  if (login.body.step !== 'enroll') throw new Error(`expected enroll, got ${JSON.stringify(login.body)}`);
  const sent = await b.post('/enroll/phone', { phone });
  if (sent.status !== 200) throw new Error(`enroll/phone failed: ${JSON.stringify(sent.body)}`);
  const confirmed = await b.post('/enroll/confirm', { code: b.code(phone) });
  if (confirmed.body.step !== 'login') throw new Error(`confirm failed: ${JSON.stringify(confirmed.body)}`);
  h.clock.advance(31);
  return b;
}

/** A contact with 2FA on and enrolled, at the `verify` step of a fresh login. */
export async function atVerify(h: Harness, email = 'demo@example.com', phone = PHONE) {
  const b = await enroll(h, email, phone);
  const res = await b.login(email);
  if (res.body.step !== 'verify') throw new Error(`expected verify, got ${JSON.stringify(res.body)}`);
  return b;
}
