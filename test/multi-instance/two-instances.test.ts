/**
 * Two demo server processes on one PostgreSQL database, as behind a load balancer: what one
 * instance starts the other continues, and the limits hold across both because they live in the
 * database (product spec §5). Each process has its own dev SMS outbox, so a code is read from the
 * instance that sent it.
 *
 * Both processes start at once on an empty database, so their migrations and seeding race too.
 * `DEMO_PBKDF2_ITERATIONS` keeps the demo's password hashing cheap (the demo ignores it in
 * production); everything else runs as `npm start` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { endPool, testPool } from '../support/pg-pool.js';

const PASSWORD = 'two-instances-password';
const SECRET = 'multi-instance-secret-multi-instance-secret-0123';
const DEMO_PHONE = '+12025550143';
const PAT_PHONE = '+12025550144';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

interface Instance {
  name: string;
  base: string;
  child: ChildProcess;
  log: string[];
}

async function startInstance(name: string, databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  // No Twilio settings leak in from the environment: the dev outbox must be the sender.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TWILIO_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    env: {
      ...env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      CB_SECRET: SECRET,
      DEMO_PASSWORD: PASSWORD,
      DEMO_PBKDF2_ITERATIONS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const instance = { name, base: `http://127.0.0.1:${port}`, child, log };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log.join('')}`);
    if (log.join('').includes('Demo portal:')) return instance;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start within 30 s:\n${log.join('')}`);
}

async function stopInstance(instance: Instance | undefined) {
  if (!instance || instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = once(instance.child, 'exit');
  instance.child.kill('SIGTERM');
  await exited;
}

interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** A user agent whose requests can go to either instance: one cookie jar, as behind one hostname. */
class Agent {
  readonly cookies = new Map<string, string>();

  async request(on: Instance, method: string, path: string, body?: unknown): Promise<Reply> {
    const res = await fetch(on.base + path, {
      method,
      headers: {
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
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
  post(on: Instance, path: string, body?: unknown) {
    return this.request(on, 'POST', `/api/2fa${path}`, body);
  }
  login(on: Instance, email: string) {
    return this.post(on, '/login', { email, password: PASSWORD });
  }
}

/** The newest code the instance that sent it holds for `phone`. */
async function codeFrom(instance: Instance, phone: string): Promise<string> {
  const res = await fetch(`${instance.base}/dev/sms-outbox`);
  const outbox = (await res.json()) as { to: string; body: string }[];
  const last = outbox.filter((m) => m.to === phone).at(-1);
  const code = last && /#(\d{6})\s*$/.exec(last.body)?.[1];
  if (!code) throw new Error(`${instance.name} sent no SMS to ${phone}`);
  return code;
}

async function outboxSize(instance: Instance): Promise<number> {
  return ((await (await fetch(`${instance.base}/dev/sms-outbox`)).json()) as unknown[]).length;
}

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describeWithPostgres('two demo instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let sql: pg.Pool;
  let a: Instance;
  let b: Instance;
  /** Request i goes to A or B in turn. */
  const either = (i: number) => (i % 2 === 0 ? a : b);

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = testPool(database.url);
    [a, b] = await Promise.all([startInstance('A', database.url), startInstance('B', database.url)]);
    const admin = new Agent();
    expect((await admin.login(a, 'admin@example.com')).body.step).toBe('authenticated');
    expect((await admin.request(b, 'PUT', '/api/2fa/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    if (sql) await endPool(sql);
    await database?.drop();
  });

  it('both started at once: one schema, one copy of each portal and of its seed', async () => {
    const { rows } = await sql.query(
      `SELECT (SELECT count(*) FROM cb_accounts WHERE portal_id = 'demo')::int AS demo, (SELECT count(*) FROM cb_accounts WHERE portal_id = 'northwind')::int AS northwind,
        (SELECT count(*) FROM cb_accounts)::int AS accounts, (SELECT count(*) FROM cb_portals)::int AS portals, (SELECT count(*) FROM cb_migrations)::int AS migrations`,
    );
    // The demo portal's five of §7 and the platform operator; Northwind's three.
    expect(rows[0]).toMatchObject({ demo: 6, northwind: 3, accounts: 9, portals: 2 });
    expect(rows[0].migrations).toBeGreaterThan(0);
  });

  it('a login started on one continues on the other, and a code sent by one verifies on the other', async () => {
    const demo = new Agent();
    expect((await demo.login(a, 'demo@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
    expect((await demo.post(b, '/enroll/phone', { phone: DEMO_PHONE })).status).toBe(200);
    // B sent the code; A checks it.
    expect((await demo.post(a, '/enroll/confirm', { code: await codeFrom(b, DEMO_PHONE) })).body).toEqual({ step: 'login' });

    expect((await demo.login(b, 'demo@example.com')).body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0143' });
    const verified = await demo.post(a, '/verify', { code: await codeFrom(b, DEMO_PHONE) });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com' } });
    // The complete session is good on both.
    expect((await demo.request(b, 'GET', '/api/dashboard')).body).toEqual({ hello: 'Demo Owner' });
    expect((await demo.request(a, 'GET', '/api/dashboard')).body).toEqual({ hello: 'Demo Owner' });
  });

  it('20 parallel right-code verifies spread over both give exactly one success', async () => {
    const demo = new Agent();
    expect((await demo.login(a, 'demo@example.com')).body.step).toBe('verify');
    const code = await codeFrom(a, DEMO_PHONE);
    const before = await sql.query("SELECT count(*)::int AS n FROM cb_sessions WHERE status = 'complete' AND user_id = 'usr-demo'");
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => demo.post(either(i), '/verify', { code })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.every((r) => r.status < 500)).toBe(true);
    const after = await sql.query("SELECT count(*)::int AS n FROM cb_sessions WHERE status = 'complete' AND user_id = 'usr-demo'");
    expect(after.rows[0].n - before.rows[0].n).toBe(1);
  });

  it('the resend cooldown holds across both', async () => {
    const demo = new Agent();
    expect((await demo.login(b, 'demo@example.com')).body.step).toBe('verify');
    const [sentA, sentB] = [await outboxSize(a), await outboxSize(b)];
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => demo.post(either(i), '/resend')));
    expect(replies.map((r) => r.status)).toEqual(Array(6).fill(429));
    expect(Number(replies[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect([await outboxSize(a), await outboxSize(b)]).toEqual([sentA, sentB]);
  });

  it('wrong-guess limits hold across both: five burn a code, ten lock the account', async () => {
    const pat = new Agent();
    expect((await pat.login(b, 'pat@example.com')).body.step).toBe('enroll');
    await pat.post(a, '/enroll/phone', { phone: PAT_PHONE });
    expect((await pat.post(b, '/enroll/confirm', { code: await codeFrom(a, PAT_PHONE) })).body).toEqual({ step: 'login' });

    // Five wrong guesses, spread: each counted once, on one code.
    expect((await pat.login(a, 'pat@example.com')).body.step).toBe('verify');
    const first = await codeFrom(a, PAT_PHONE);
    const wrong = await Promise.all(Array.from({ length: 5 }, (_, i) => pat.post(either(i), '/verify', { code: wrongFor(first) })));
    expect(wrong.map((r) => r.body.error?.attemptsLeft).sort()).toEqual([0, 1, 2, 3, 4]);
    // The code is burned: the right one is refused on either instance.
    expect((await pat.post(b, '/verify', { code: first })).body.error.code).toBe('code_expired');
    expect((await pat.post(a, '/verify', { code: first })).body.error.code).toBe('code_expired');
    const counted = (await sql.query("SELECT window_failures AS n FROM cb_code_locks WHERE user_id = 'usr-pat'")).rows[0].n as number;
    expect(counted).toBeGreaterThanOrEqual(5);

    // A new login, a new code; wrong guesses up to ten on the account, spread: exactly one of
    // them, the tenth, meets the lock.
    expect((await pat.login(b, 'pat@example.com')).body.step).toBe('verify');
    const second = await codeFrom(b, PAT_PHONE);
    const more = await Promise.all(Array.from({ length: 10 - counted }, (_, i) => pat.post(either(i), '/verify', { code: wrongFor(second) })));
    expect(more.map((r) => r.status).sort()).toEqual([...Array(9 - counted).fill(400), 429]);
    for (const instance of [a, b]) {
      const res = await pat.post(instance, '/verify', { code: second });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('rate_limited');
    }
    // The tenth failure set the lock, which empties the window it closes.
    const { rows } = await sql.query("SELECT window_failures, locked_until IS NOT NULL AS locked FROM cb_code_locks WHERE user_id = 'usr-pat'");
    expect(rows).toEqual([{ window_failures: 0, locked: true }]);
  });
});
