/**
 * One HTTP behaviour suite for every runtime (issue 6): the example entry points of Node, Bun, Deno
 * and workerd must answer the same requests the same way. It speaks only HTTP (or a `fetch`-like
 * dispatch), with the real clock, so it proves the router, the store on that runtime's SQLite
 * driver, the Web Crypto calls and the client-IP plumbing together.
 *
 * The tests run in order on one fresh database and share it: the admin turns 2FA on, then each
 * contact walks one scenario. Accounts and phones are distinct per scenario so that the limits
 * one scenario trips (cooldowns, lockouts) never leak into another.
 */
import { beforeAll, describe, expect, it } from 'vitest';

/** Sends one request to the app under test; `path` is absolute (`/api/2fa/login`). */
export type Dispatch = (path: string, init: RequestInit) => Promise<Response>;

export interface BehaviourTarget {
  dispatch: Dispatch;
  /**
   * The same, from another client with an address of its own: another loopback address
   * (127.0.0.2) over a real socket, or what Cloudflare's edge would set for another visitor.
   */
  dispatchFromSecondClient: Dispatch;
  /** The password of the seeded demo accounts. */
  password: string;
  /** Every `client_ip` the audit log holds, read straight from the runtime's database. */
  auditIps(): Promise<string[]>;
}

export interface BehaviourOptions {
  /** Resolved in `beforeAll`, after the runtime has started. */
  target: () => BehaviourTarget;
  /**
   * The client IP the runtime must attribute each client's requests to: its socket's address, or
   * the header of a trusted proxy. Two patterns that no single address matches, so a runtime that
   * records `unknown`, or one address for everyone, fails.
   */
  expectedIps: { first: RegExp; second: RegExp };
}

/** Sent on every request as CF-Connecting-IP. Believed only on Workers, where the edge sets it; elsewhere it must be ignored. */
export const FORWARDED_IP = '203.0.113.7';
const PHONES = { demo: '+12025550143', pat: '+12025550144' };

interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly t: BehaviourTarget,
    private readonly dispatch: Dispatch = t.dispatch,
  ) {}

  /** `body`: a value to send as JSON, or `{ raw }` to send bytes as they are. */
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const init: RequestInit = {
      method,
      headers: {
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        'cf-connecting-ip': FORWARDED_IP,
        ...headers,
      },
    };
    if (method !== 'GET') {
      const raw = body && typeof body === 'object' && 'raw' in body ? (body as { raw: BodyInit }).raw : undefined;
      init.body = raw ?? JSON.stringify(body ?? {});
      if (raw instanceof ReadableStream) (init as { duplex?: string }).duplex = 'half';
    }
    const res = await this.dispatch(path, init);
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || attrs.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: the assertions below say so */
    }
    // The rule for every request of this suite, whatever it sends: no 5xx, no stack trace.
    expect(res.status, `${method} ${path} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
    expect(text).not.toMatch(/\n\s+at /);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  post(route: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', `/api/2fa${route}`, body, headers);
  }
  login(email: string, password = this.t.password) {
    return this.post('/login', { email, password });
  }

  /** The newest code the dev outbox holds for `phone`. */
  async code(phone: string): Promise<string> {
    const res = await this.request('GET', '/dev/sms-outbox');
    expect(res.status).toBe(200);
    const mine = (res.body as { to: string; body: string }[]).filter((m) => m.to === phone);
    const code = /#(\d{6})\s*$/.exec(mine.at(-1)?.body ?? '')?.[1];
    if (!code) throw new Error(`no SMS to ${phone} in the outbox`);
    return code;
  }
}

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

function expectError(res: Reply, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body?.error?.code, JSON.stringify(res.body)).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
}

function expectRateLimited(res: Reply, atMostSeconds: number) {
  expectError(res, 429, 'rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(atMostSeconds);
  expect(res.body.error.retryAfter).toBe(retryAfter);
}

export function behaviourSuite(options: BehaviourOptions): void {
  let t: BehaviourTarget;
  const browser = () => new Browser(t);
  beforeAll(() => {
    t = options.target();
  });

  describe('the password step', () => {
    it('serves the dev outbox, empty at start', async () => {
      const res = await browser().request('GET', '/dev/sms-outbox');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    });

    it('an unknown email and a wrong password get the same 401', async () => {
      const unknown = await browser().login('nobody@example.com');
      const wrong = await browser().login('staff@example.com', 'not the password');
      expectError(unknown, 401, 'invalid_credentials');
      expect(wrong.status).toBe(unknown.status);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.headers.getSetCookie()).toEqual([]);
    });

    it('with 2FA off a contact signs in with the password alone, behind a safe cookie', async () => {
      const b = browser();
      const res = await b.login('demo@example.com');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com' } });
      const [cookie] = res.headers.getSetCookie();
      expect(cookie).toMatch(/^cb_session=[\w-]{43}; /);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect((await b.request('GET', '/api/2fa/session')).body).toMatchObject({ amr: ['pwd'] });
      expect((await b.request('GET', '/api/me')).body).toMatchObject({ user: { email: 'demo@example.com' } });
      expect((await b.post('/logout')).body).toEqual({ step: 'login' });
      expect((await b.request('GET', '/api/me')).status).toBe(401);
    });

    it('five wrong passwords for one account → 429 with Retry-After, even for the right one', async () => {
      for (let i = 0; i < 5; i++) expectError(await browser().login('lee@acme.example', `wrong-${i}`), 401, 'invalid_credentials');
      // The window slides: the failures count until two windows after the first one began.
      expectRateLimited(await browser().login('lee@acme.example', 'wrong-5'), 1800);
      expectRateLimited(await browser().login('lee@acme.example'), 1800);
    });
  });

  describe('with 2FA on', () => {
    beforeAll(async () => {
      const admin = browser();
      const login = await admin.login('admin@example.com');
      expect(login.body.step, JSON.stringify(login.body)).toBe('authenticated');
      const res = await admin.request('PUT', '/api/2fa/admin/settings', { enabled: true, allowOptOut: false });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });

    it('login → enroll → confirm: a wrong code says how many tries are left, the right one enrolls', async () => {
      const b = browser();
      expect((await b.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
      // A pending session reaches only the 2FA steps.
      expect((await b.request('GET', '/api/me')).status).toBe(401);

      const sent = await b.post('/enroll/phone', { phone: '(202) 555-0143', country: 'US' });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ step: 'confirm', maskedPhone: 'xxx-xxx-0143' });
      expect(Date.parse(sent.body.resendAt)).toBeGreaterThan(Date.now());

      const code = await b.code(PHONES.demo);
      const wrong = await b.post('/enroll/confirm', { code: wrongFor(code) });
      expectError(wrong, 400, 'invalid_code');
      expect(wrong.body.error.attemptsLeft).toBe(4);

      const confirmed = await b.post('/enroll/confirm', { code });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toEqual({ step: 'login' });
      // Enrolling ends the half-open login: the user signs in again.
      expect(b.cookies.size).toBe(0);
    });

    it('login → verify: resend during the countdown is 429 with Retry-After; the code signs in', async () => {
      const b = browser();
      const login = await b.login('demo@example.com');
      expect(login.body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0143' });

      expectRateLimited(await b.post('/resend'), 30);

      const code = await b.code(PHONES.demo);
      const wrong = await b.post('/verify', { code: wrongFor(code) });
      expectError(wrong, 400, 'invalid_code');
      expect(wrong.body.error.attemptsLeft).toBe(4);

      const verified = await b.post('/verify', { code });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com' } });
      expect((await b.request('GET', '/api/2fa/session')).body).toMatchObject({ twoFactor: { enrolled: true }, amr: ['pwd', 'sms'] });
      expect((await b.request('GET', '/api/me')).status).toBe(200);
      // Single use: the pending session is now complete, so the same code cannot be replayed.
      expectError(await b.post('/verify', { code }), 401, 'unauthorized');
    });

    it('wrong codes burn a code after 5 tries and lock the code step after 10', async () => {
      const enrolling = browser();
      expect((await enrolling.login('pat@example.com')).body.step).toBe('enroll');
      expect((await enrolling.post('/enroll/phone', { phone: PHONES.pat })).status).toBe(200);
      expect((await enrolling.post('/enroll/confirm', { code: await enrolling.code(PHONES.pat) })).body).toEqual({ step: 'login' });

      const first = browser();
      expect((await first.login('pat@example.com')).body.step).toBe('verify');
      const code1 = await first.code(PHONES.pat);
      // Anything but six digits is a wrong try too, and counts.
      const tries = [wrongFor(code1), 123456, '12345a', wrongFor(code1), wrongFor(code1)];
      for (const [i, code] of tries.entries()) {
        const res = await first.post('/verify', { code });
        expectError(res, 400, 'invalid_code');
        expect(res.body.error.attemptsLeft).toBe(4 - i);
      }
      // Burned: even the right code is refused now. (Not a guess: it does not count.)
      expectError(await first.post('/verify', { code: code1 }), 400, 'code_expired');

      const second = browser();
      expect((await second.login('pat@example.com')).body.step).toBe('verify');
      const code2 = await second.code(PHONES.pat);
      for (let left = 4; left >= 1; left--) {
        const res = await second.post('/verify', { code: wrongFor(code2) });
        expect(res.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: left });
      }
      // The tenth wrong code in the window locks the code step for 15 minutes...
      expectRateLimited(await second.post('/verify', { code: wrongFor(code2) }), 900);
      // ...the right code included, and no new SMS is sent for a locked account.
      expectRateLimited(await second.post('/verify', { code: code2 }), 900);
      expectRateLimited(await browser().login('pat@example.com'), 900);
    });
  });

  describe('bad input gets a 4xx, never a 5xx', () => {
    it('malformed JSON → 400', async () => {
      expectError(await browser().post('/login', { raw: '{"email": "demo@example.com", "password": ' }), 400, 'bad_request');
    });

    it('wrong types and shapes → 400 naming the fields', async () => {
      const res = await browser().post('/login', { email: 42, password: ['x'] });
      expectError(res, 400, 'bad_request');
      expect(res.body.error.fields).toEqual(expect.arrayContaining(['email', 'password']));
      for (const raw of ['null', '[]', '"text"', '7']) expectError(await browser().post('/login', { raw }), 400, 'bad_request');
      expectError(await browser().post('/login', { email: 'demo@example.com' }), 400, 'bad_request');
    });

    it('a body over 16 KB → 413, with or without Content-Length', async () => {
      const big = JSON.stringify({ email: 'demo@example.com', password: 'x'.repeat(17 * 1024) });
      expectError(await browser().post('/login', { raw: big }), 413, 'bad_request');
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
          controller.close();
        },
      });
      expectError(await browser().post('/login', { raw: stream }), 413, 'bad_request');
    });

    it('a state-changing request that is not JSON → 415', async () => {
      const form = 'email=demo%40example.com&password=x';
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        expectError(await browser().post('/login', { raw: form }, { 'content-type': type }), 415, 'bad_request');
      }
    });

    it('a foreign Origin → 403', async () => {
      const res = await browser().post('/login', { email: 'demo@example.com', password: 'x' }, { origin: 'https://evil.example' });
      expectError(res, 403, 'forbidden');
    });

    it('steps without a session → 401; unknown routes → 404', async () => {
      expectError(await browser().post('/verify', { code: '123456' }), 401, 'unauthorized');
      expectError(await browser().request('GET', '/api/2fa/session'), 401, 'unauthorized');
      expect((await browser().request('GET', '/api/2fa/no-such-route')).status).toBe(404);
    });
  });

  it('attributes requests to the client IP the runtime provides, one per client', async () => {
    // Per-IP limits (password failures, SMS sends) key on this address: were it `unknown` or
    // shared, one client's failures would use up every other client's budget.
    const second = new Browser(t, t.dispatchFromSecondClient);
    expectError(await second.login('someone-else@example.com', 'not the password'), 401, 'invalid_credentials');
    const { first: firstIp, second: secondIp } = options.expectedIps;
    const ips = [...new Set(await t.auditIps())];
    expect(ips.filter((ip) => firstIp.test(ip)), `audit IPs: ${ips.join(', ')}`).toHaveLength(1);
    expect(ips.filter((ip) => secondIp.test(ip)), `audit IPs: ${ips.join(', ')}`).toHaveLength(1);
    // Nothing else: not `unknown`, not the forged header on a runtime with a socket.
    expect(ips).toHaveLength(2);
  });
}
