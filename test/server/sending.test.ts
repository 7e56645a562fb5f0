/**
 * Sending (spec §5, against SMS pumping): 30 s between sends, at most 5 SMS a phone per 10
 * minutes, 10 an account a day, a per-IP limit with IPv6 grouped by /64, a country allowlist,
 * no premium or landline numbers. A send that fails counts as nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SmsSendError, type SmsSender } from '../../server/index.js';
import { atVerify, createHarness, PHONE, setSettings, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await setSettings(h, true);
});

async function atEnroll(email = 'demo@example.com', ip?: string) {
  const b = h.browser(ip);
  const res = await b.login(email);
  if (res.body.step !== 'enroll') throw new Error(JSON.stringify(res.body));
  return b;
}

describe('cooldown', () => {
  it('refuses a resend within 30 s with Retry-After, allows it at 30 s', async () => {
    const b = await atVerify(h);
    h.clock.advance(29);
    const early = await b.post('/resend');
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('1');
    h.clock.advance(1);
    expect((await b.post('/resend')).status).toBe(200);
  });
});

describe('volume limits', () => {
  it('sends at most 5 SMS to one phone in 10 minutes, across accounts and logins', async () => {
    const statuses: number[] = [];
    for (const email of ['demo@example.com', 'pat@example.com', 'lee@acme.example']) {
      const b = await atEnroll(email, '203.0.113.' + email.length);
      statuses.push((await b.post('/enroll/phone', { phone: PHONE })).status);
      h.clock.advance(30);
      statuses.push((await b.post('/resend')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(h.outbox.outbox.filter((m) => m.to === PHONE)).toHaveLength(5);
    // The window slides: one window on, the five sends still count; two windows on, they do not.
    h.clock.advance(10 * 60);
    const b = await atEnroll('lee@acme.example');
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(429);
    h.clock.advance(10 * 60);
    const later = await atEnroll('lee@acme.example');
    expect((await later.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
  });

  it('sends at most 10 SMS for one account a day', async () => {
    const b = await atEnroll();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // A different phone each time, so only the account limit applies.
      statuses.push((await b.post('/enroll/phone', { phone: `+1202555${String(1000 + i)}` })).status);
      h.clock.advance(30);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    h.clock.advance(2 * 24 * 3600);
    const tomorrow = await atEnroll();
    expect((await tomorrow.post('/enroll/phone', { phone: '+12025552000' })).status).toBe(200);
  });

  it('limits sends per IP, grouping IPv6 by /64', async () => {
    h = await createHarness({ policy: { sendsPerIp: { limit: 2, windowSeconds: 3600 } } });
    await setSettings(h, true);
    const statuses: number[] = [];
    const ips = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:0db8:0001:0002:0:0:0:9'];
    for (const [i, email] of ['demo@example.com', 'pat@example.com', 'lee@acme.example'].entries()) {
      const b = await atEnroll(email, ips[i]);
      statuses.push((await b.post('/enroll/phone', { phone: `+1202555${3000 + i}` })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    // Another /64 is another subscriber.
    const other = await atEnroll('lee@acme.example', '2001:db8:1:3::1');
    expect((await other.post('/enroll/phone', { phone: '+12025553999' })).status).toBe(200);
  });
});

describe('destinations', () => {
  it.each([
    ['+447400123456', 'a UK mobile (outside the default US/CA allowlist)'],
    ['+19005550143', 'a premium-rate number'],
    ['+18005550143', 'a toll-free number'],
    ['12', 'nonsense'],
    ['+1202555014', 'too short'],
  ])('refuses %s: %s', async (phone) => {
    const b = await atEnroll();
    const res = await b.post('/enroll/phone', { phone });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_phone');
    expect(h.outbox.outbox).toHaveLength(0);
  });

  it('accepts Canadian numbers and national formats with a country', async () => {
    const b = await atEnroll();
    expect((await b.post('/enroll/phone', { phone: '416 555 0143', country: 'CA' })).body).toMatchObject({ step: 'confirm', maskedPhone: 'xxx-xxx-0143' });
    expect(h.outbox.outbox.at(-1)!.to).toBe('+14165550143');
  });

  it('the allowlist is configurable', async () => {
    h = await createHarness({ policy: { allowedCountries: ['US', 'CA', 'GB'] } });
    await setSettings(h, true);
    const b = await atEnroll();
    expect((await b.post('/enroll/phone', { phone: '+447400123456' })).status).toBe(200);
  });
});

describe('a failed send', () => {
  function failing(failure: ConstructorParameters<typeof SmsSendError>[0]): SmsSender {
    return { send: async () => Promise.reject(new SmsSendError(failure, 'provider said no')) };
  }

  it.each([
    ['invalid_phone', 400, 'invalid_phone'],
    ['rate_limited', 429, 'rate_limited'],
    ['refused', 422, 'sms_failed'],
    ['unavailable', 503, 'sms_failed'],
  ] as const)('%s → %i %s, with nothing counted or stored', async (failure, status, code) => {
    let fail = true;
    const outbox: string[] = [];
    const sms: SmsSender = { send: async (m) => (fail ? failing(failure).send(m) : (outbox.push(m.body), { id: 'x' })) };
    const { createDemoApp } = await import('../../demo/app.js');
    const { openLibsql } = await import('../../server/node/index.js');
    const { pbkdf2Hasher } = await import('../../server/index.js');
    const { db, client } = await openLibsql(':memory:');
    const { app } = await createDemoApp({ db, secret: 'x'.repeat(32), password: 'pw', production: false, hasher: pbkdf2Hasher({ iterations: 1000 }), sms });
    const call = async (path: string, body: unknown, cookie = '') => {
      const res = await app.request(`http://portal.test/api/2fa${path}`, { method: path === '/admin/settings' ? 'PUT' : 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
      return { res, json: (await res.json()) as any, cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? cookie };
    };
    const admin = await call('/login', { email: 'admin@example.com', password: 'pw' });
    await call('/admin/settings', { enabled: true, allowOptOut: false }, admin.cookie);
    const login = await call('/login', { email: 'demo@example.com', password: 'pw' });
    const res = await call('/enroll/phone', { phone: PHONE }, login.cookie);
    expect(res.res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect((await client.execute('SELECT count(*) AS n FROM cb_codes')).rows[0]!.n).toBe(0);
    const counters = await client.execute('SELECT count FROM cb_rate_limits WHERE count > 0');
    expect(counters.rows.filter((r) => Number(r.count) > 0)).toHaveLength(0);
    // The next send is not held back by a cooldown the failed one would have started.
    fail = false;
    const retry = await call('/enroll/phone', { phone: PHONE }, login.cookie);
    expect(retry.res.status).toBe(200);
    expect(outbox).toHaveLength(1);
  });
});

describe('a send whose outcome is unknown', () => {
  it('counts against every limit, stores the code and moves on: the SMS may have gone out', async () => {
    const bodies: string[] = [];
    let answer: 'lost' | 'ok' = 'lost';
    const sms: SmsSender = {
      send: async (m) => {
        bodies.push(m.body);
        if (answer === 'lost') throw new SmsSendError('unknown', 'no answer after the request left');
        return { id: 'x' };
      },
    };
    const { createDemoApp } = await import('../../demo/app.js');
    const { openLibsql } = await import('../../server/node/index.js');
    const { pbkdf2Hasher } = await import('../../server/index.js');
    const { Clock } = await import('../support/harness.js');
    const clock = new Clock();
    const { db, client } = await openLibsql(':memory:');
    const { app } = await createDemoApp({ db, secret: 'x'.repeat(32), password: 'pw', production: false, hasher: pbkdf2Hasher({ iterations: 1000 }), sms, clock: clock.read, policy: { sendsPerPhone: { limit: 2, windowSeconds: 3600 } } });
    const call = async (path: string, body: unknown, cookie = '') => {
      const res = await app.request(`http://portal.test/api/2fa${path}`, { method: path === '/admin/settings' ? 'PUT' : 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as any, cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? cookie };
    };
    const admin = await call('/login', { email: 'admin@example.com', password: 'pw' });
    await call('/admin/settings', { enabled: true, allowOptOut: false }, admin.cookie);
    const login = await call('/login', { email: 'demo@example.com', password: 'pw' });

    const first = await call('/enroll/phone', { phone: PHONE }, login.cookie);
    expect(first.status).toBe(200);
    expect(first.json.step).toBe('confirm');
    expect((await client.execute('SELECT count(*) AS n FROM cb_codes')).rows[0]!.n).toBe(1);
    // Counted like a sent code: the cooldown holds, and it is one of the two sends this phone may get.
    expect((await call('/resend', {}, login.cookie)).status).toBe(429);
    clock.advance(61);
    answer = 'ok';
    expect((await call('/resend', {}, login.cookie)).status).toBe(200);
    clock.advance(61);
    expect((await call('/resend', {}, login.cookie)).status).toBe(429);
    expect(bodies).toHaveLength(2);
  });
});
