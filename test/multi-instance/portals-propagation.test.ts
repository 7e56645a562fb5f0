/**
 * Two instances of the router on one PostgreSQL database, each with its own pool, resolving the
 * portal by host: a change made through `tf.portals.update` on A is seen by A at once (its cache
 * of the portal is dropped) and by B within 5 seconds (B keeps its copy `PORTAL_CACHE_MS`). B's
 * cache is real: until it expires, B still answers the old record. Time is a shared injected
 * clock, so the test never sleeps and never measures time.
 *
 * The 2FA settings are not part of that cached record: every login reads them from the database,
 * so a portal admin's `PUT /admin/settings` on A is obeyed by B's very next login.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTwoFactor, devOutbox, pbkdf2Hasher, PORTAL_CACHE_MS, seedDemo, type DevOutbox, type TwoFactor } from '../../server/index.js';
import { openPostgres, type OpenedPostgres } from '../../server/node/index.js';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { endPool } from '../support/pg-pool.js';

/** The §10 policies of a portal nobody has changed: all off. */
const OFF = { recoveryCodes: false, voiceFallback: false, trustDeviceDays: 0, selfServicePhoneChange: false };

const PASSWORD = 'correct horse battery staple';
const SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** The instances' shared clock, moved by the test. */
class Clock {
  now = Date.UTC(2026, 0, 5, 9, 0, 0);
  readonly read = () => this.now;
}

const hosts: Record<string, string> = { 'alpha.test': 'alpha', 'beta.test': 'beta' };
const PHONES = { demo: '+12025550143', pat: '+12025550144', lee: '+12025550145' } as const;

interface Instance {
  name: string;
  tf: TwoFactor;
  app: Hono;
  outbox: DevOutbox;
  opened: OpenedPostgres;
}

async function startInstance(name: string, url: string, clock: Clock): Promise<Instance> {
  // Each instance has its own pool, as separate processes would.
  const opened = await openPostgres(url, { max: 4 });
  const outbox = devOutbox({ now: clock.read });
  const tf = createTwoFactor({
    db: opened.db,
    sms: outbox,
    secret: SECRET,
    hasher: pbkdf2Hasher({ iterations: 1_000 }),
    clock: clock.read,
    portal: (c) => hosts[new URL(c.req.url).hostname],
    // Several texts go to one phone within seconds here; the cooldown is not what is tested.
    policy: { resendCooldownSeconds: 0 },
  });
  const app = new Hono();
  app.route('/api/2fa', tf.app);
  return { name, tf, app, outbox, opened };
}

interface Reply {
  status: number;
  body: any;
}

/** One browser: cookies per host, requests to whichever instance the balancer picks. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async request(on: Instance, host: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    const res = await on.app.request(
      `http://${host}/api/2fa${path}`,
      {
        method,
        headers: { ...(method === 'GET' ? {} : { 'content-type': 'application/json' }), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      },
      { incoming: { socket: { remoteAddress: '203.0.113.9' } } },
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [k = '', v = ''] = pair.split('=');
      if (v === '' || /max-age=0/i.test(line)) jar.delete(k.trim());
      else jar.set(k.trim(), v.trim());
    }
    return { status: res.status, body: await res.json() };
  }
  login(on: Instance, host: string, email: string) {
    return this.request(on, host, 'POST', '/login', { email, password: PASSWORD });
  }
}

const face = async (on: Instance, host: string) => (await new Browser().request(on, host, 'GET', '/portal')).body;

/** The text the instance sent to `phone` for a login that should stop at the code. */
async function textOfLogin(on: Instance, host: string, email: string, phone: string): Promise<string> {
  const sent = on.outbox.outbox.length;
  const res = await new Browser().login(on, host, email);
  expect(res.body.step).toBe('verify');
  const text = on.outbox.outbox.slice(sent).find((m) => m.to === phone)?.body;
  if (!text) throw new Error(`${on.name} sent no SMS to ${phone}`);
  return text;
}

describeWithPostgres('portal changes across two instances on PostgreSQL', () => {
  let database: TestDatabase;
  const clock = new Clock();
  let a: Instance;
  let b: Instance;
  const admin = new Browser();

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startInstance('A', database.url, clock);
    b = await startInstance('B', database.url, clock);
    await a.tf.portals.create({ id: 'alpha', name: 'Alpha Portal', logoUrl: 'https://alpha.test/logo.png', accent: '#0b5cad', allowedCountries: ['US', 'CA'], sms: { name: 'Alpha' } });
    await a.tf.portals.create({ id: 'beta', name: 'Beta Portal', allowedCountries: ['US'] });
    const hasher = pbkdf2Hasher({ iterations: 1_000 });
    for (const id of ['alpha', 'beta']) await seedDemo(a.tf.storeFor(id), hasher, PASSWORD);
    // 2FA on in alpha, by its Master Admin, and its contacts enrolled in that generation.
    expect((await admin.login(a, 'alpha.test', 'admin@example.com')).body.step).toBe('authenticated');
    const on = await admin.request(a, 'alpha.test', 'PUT', '/admin/settings', { enabled: true, allowOptOut: false });
    expect(on.status).toBe(200);
    const alpha = a.tf.storeFor('alpha');
    for (const [user, phone] of [['usr-demo', PHONES.demo], ['usr-pat', PHONES.pat], ['usr-lee', PHONES.lee]] as const) {
      expect(await alpha.enroll(user, phone, on.body.generation, clock.now)).toBe(true);
    }
  }, 60_000);

  afterAll(async () => {
    for (const i of [a, b]) if (i) await endPool(i.opened.pool);
    await database?.drop();
  });

  it('a portal update on A is seen by A at once and by B within 5 seconds, B keeping the old record until its cache expires', async () => {
    expect(PORTAL_CACHE_MS).toBeLessThan(5_000);
    const before = { id: 'alpha', name: 'Alpha Portal', logoUrl: 'https://alpha.test/logo.png', accent: '#0b5cad', locale: 'en', allowedCountries: ['US', 'CA'], ...OFF };
    // B reads (and caches) alpha now, for its face and for the SMS text.
    const readAt = clock.now;
    expect(await face(b, 'alpha.test')).toEqual(before);
    expect(await textOfLogin(b, 'alpha.test', 'demo@example.com', PHONES.demo)).toMatch(/^Your Alpha verification code/);
    expect(await face(a, 'alpha.test')).toEqual(before);

    clock.now += 1_000;
    const updated = await a.tf.portals.update('alpha', {
      name: 'Alpha Renamed',
      logoUrl: 'https://alpha.test/new-logo.png',
      accent: '#aa3300',
      allowedCountries: ['US', 'GB'],
      sms: { name: 'AlphaNew' },
    });
    expect(updated).toMatchObject({ name: 'Alpha Renamed', sms: { name: 'AlphaNew' } });
    const after = { id: 'alpha', name: 'Alpha Renamed', logoUrl: 'https://alpha.test/new-logo.png', accent: '#aa3300', locale: 'en', allowedCountries: ['US', 'GB'], ...OFF };

    // A, which made the change, at once.
    expect(await face(a, 'alpha.test')).toEqual(after);
    expect(await textOfLogin(a, 'alpha.test', 'pat@example.com', PHONES.pat)).toMatch(/^Your AlphaNew verification code/);

    // B, just before its copy is PORTAL_CACHE_MS old: still the old record, face and text.
    clock.now = readAt + PORTAL_CACHE_MS - 1;
    expect(await face(b, 'alpha.test')).toEqual(before);
    expect(await textOfLogin(b, 'alpha.test', 'lee@acme.example', PHONES.lee)).toMatch(/^Your Alpha verification code/);

    // Then the new one, within 5 seconds of the change.
    clock.now = readAt + PORTAL_CACHE_MS;
    expect(clock.now - (readAt + 1_000)).toBeLessThan(5_000);
    expect(await face(b, 'alpha.test')).toEqual(after);
    expect(await textOfLogin(b, 'alpha.test', 'demo@example.com', PHONES.demo)).toMatch(/^Your AlphaNew verification code/);

    // The other portal was never touched.
    expect(await face(b, 'beta.test')).toEqual({ id: 'beta', name: 'Beta Portal', logoUrl: null, accent: null, locale: 'en', allowedCountries: ['US'], ...OFF });
  });

  it("a portal admin's settings change on A is obeyed by B's next login: settings come from the database, not from the cached record", async () => {
    // B has alpha's record cached from here on.
    expect((await new Browser().login(b, 'alpha.test', 'demo@example.com')).body.step).toBe('verify');

    const off = await admin.request(a, 'alpha.test', 'PUT', '/admin/settings', { enabled: false, allowOptOut: false });
    expect(off.status).toBe(200);
    expect((await new Browser().login(b, 'alpha.test', 'demo@example.com')).body).toMatchObject({ step: 'authenticated' });

    // On again: a new generation, so the old enrollment no longer counts, on B at once.
    const on = await admin.request(a, 'alpha.test', 'PUT', '/admin/settings', { enabled: true, allowOptOut: true });
    expect(on.body.generation).toBeGreaterThan(off.body.generation);
    expect((await new Browser().login(b, 'alpha.test', 'demo@example.com')).body).toEqual({ step: 'enroll', canSkip: true });
    expect((await b.tf.storeFor('alpha').getSettings()).generation).toBe(on.body.generation);

    // Beta's settings are its own: still off.
    expect((await new Browser().login(b, 'beta.test', 'demo@example.com')).body).toMatchObject({ step: 'authenticated' });
  });
});
