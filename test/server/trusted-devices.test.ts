/**
 * "Trust this device" (spec §10, issue 12): `POST /verify {code, trustDevice:true}` sets an
 * HttpOnly device cookie of 256 random bits, stored only as an HMAC; the next password login of
 * that account, on that portal, from that browser is `authenticated` without an SMS (amr
 * `pwd device`, no fresh second factor). Each way the trust ends has its test: an admin reset, an
 * opt-in, a new generation, a phone change, the policy off or shortened, `POST /devices/forget`,
 * the admin's forget. A stolen cookie is no session, proves nothing without the password, and
 * means nothing for another account or portal. On libSQL and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { atVerify, type Browser, createHarness, PHONE, type Harness } from '../support/harness.js';
import { deviceLabel } from '../../server/services/trusted-devices.js';

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const DAY = 86_400;
const NORTHWIND = 'northwind.localhost';
const policy = { sendsPerPhone: { limit: 50, windowSeconds: 600 }, sendsPerAccount: { limit: 50, windowSeconds: 86_400 } };

async function adminOf(h: Harness, email = 'admin@example.com', host?: string): Promise<Browser> {
  const admin = h.browser('198.51.100.1', host);
  expect((await admin.login(email)).body.step).toBe('authenticated');
  return admin;
}

async function setDays(admin: Browser, trustDeviceDays: number) {
  const res = await admin.put('/admin/settings', { enabled: true, allowOptOut: true, trustDeviceDays });
  expect(res.status).toBe(200);
}

/** The contact signs in with the code and ticks "Trust this device". */
async function trusted(h: Harness): Promise<Browser> {
  const b = await atVerify(h);
  const res = await b.post('/verify', { code: b.code(), trustDevice: true }, { 'user-agent': CHROME_MAC });
  expect(res.body.step).toBe('authenticated');
  return b;
}

/** A password login from that browser (its device cookie, no session); how many SMS it cost. */
async function again(h: Harness, b: Browser, email = 'demo@example.com') {
  h.clock.advance(31);
  b.cookies.delete('cb_session');
  const sent = h.outbox.outbox.length;
  const res = await b.login(email);
  return { res, sms: h.outbox.outbox.length - sent };
}

function suite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => h.close());

  it('sets an HttpOnly, SameSite device cookie for the policy\'s days; the next password login skips the SMS (amr pwd device, no fresh factor), audited', async () => {
    const admin = await adminOf(h);
    await setDays(admin, 30);
    const b = await atVerify(h);
    const res = await b.post('/verify', { code: b.code(), trustDevice: true }, { 'user-agent': CHROME_MAC });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cb_device='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(new RegExp(`Max-Age=${30 * DAY}`));
    const token = b.cookies.get('cb_device')!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    // Only an HMAC is stored, and the label, never the User-Agent.
    const stored = JSON.stringify(await h.store.listTrustedDevices('usr-demo', h.clock.now, 30 * 86_400_000));
    expect(stored).not.toContain(token);
    expect(stored).toContain('Chrome on macOS');
    expect(stored).not.toContain('AppleWebKit');
    expect((await b.get('/session')).body).toMatchObject({ amr: ['pwd', 'sms'], trustedDevice: true });

    const { res: next, sms } = await again(h, b);
    expect(next.body.step).toBe('authenticated');
    expect(sms).toBe(0);
    const session = (await b.get('/session')).body;
    expect(session).toMatchObject({ amr: ['pwd', 'device'], secondFactorAt: null, trustedDevice: true });
    const events = (await admin.get('/admin/audit?limit=10&subjectId=usr-demo')).body.events;
    expect(events[0]).toMatchObject({ type: 'login.succeeded', detail: { amr: 'pwd device', device: 'used' } });
    expect(events.some((e: { type: string }) => e.type === 'trusted_device.created')).toBe(true);
    // A `pwd device` session is no fresh second factor: step-up still asks for a code.
    expect((await b.post('/recovery-codes')).body.error.code).toMatch(/step_up_required|forbidden/);
    // The wrong password with the cookie is a failed login like any other.
    b.cookies.delete('cb_session');
    expect((await b.login('demo@example.com', 'wrong password')).body.error.code).toBe('invalid_credentials');
  });

  it('without the box, with the policy off, or on the enroll confirm, no device cookie', async () => {
    const admin = await adminOf(h);
    await setDays(admin, 0);
    const b = await atVerify(h);
    await b.post('/verify', { code: b.code(), trustDevice: true });
    expect(b.cookies.has('cb_device')).toBe(false);
    expect((await again(h, b)).sms).toBe(1);
    await setDays(admin, 30);
    const c = h.browser('203.0.113.9');
    expect((await c.login('pat@example.com')).body.step).toBe('enroll');
    await c.post('/enroll/phone', { phone: '+12025550111' });
    await c.post('/enroll/confirm', { code: c.code('+12025550111'), trustDevice: true });
    expect(c.cookies.has('cb_device')).toBe(false);
    h.clock.advance(31);
    const plain = h.browser('203.0.113.10');
    expect((await plain.login('demo@example.com')).body.step).toBe('verify');
    await plain.post('/verify', { code: plain.code() });
    expect(plain.cookies.has('cb_device')).toBe(false);
    expect((await plain.post('/verify', { code: '123456', trustDevice: 'yes' })).status).toBe(400);
  });

  it('a stolen device cookie is no session, and works for no other account and no other portal', async () => {
    const admin = await adminOf(h);
    await setDays(admin, 30);
    const b = await trusted(h);
    const token = b.cookies.get('cb_device')!;
    const thief = h.browser('192.0.2.66');
    thief.cookies.set('cb_device', token);
    for (const [method, path] of [['GET', '/session'], ['GET', '/devices'], ['POST', '/devices/forget'], ['POST', '/recovery-codes'], ['POST', '/opt-in'], ['POST', '/verify'], ['GET', '/admin/contacts']] as const) {
      const res = method === 'GET' ? await thief.get(path) : await thief.post(path, path === '/verify' ? { code: '000000' } : {});
      expect([path, res.status]).toEqual([path, 401]);
    }
    expect((await thief.request('GET', '/dashboard')).status).not.toBe(200);
    // Another account of this portal, with its own password: the SMS, as always.
    const pat = h.browser('192.0.2.67');
    await atVerify(h, 'pat@example.com', '+12025550111');
    pat.cookies.set('cb_device', token);
    const other = await again(h, pat, 'pat@example.com');
    expect([other.res.body.step, other.sms]).toEqual(['verify', 1]);
    // The same email on another portal of the deployment is another account: the SMS there too.
    const nwAdmin = await adminOf(h, 'admin@northwind.example', NORTHWIND);
    await setDays(nwAdmin, 30);
    const nw = h.browser('203.0.113.7', NORTHWIND);
    expect((await nw.login('demo@example.com')).body.step).toBe('enroll');
    await nw.post('/enroll/phone', { phone: PHONE });
    await nw.post('/enroll/confirm', { code: nw.code(PHONE) });
    nw.cookies.set('cb_device', token);
    const there = await again(h, nw);
    expect([there.res.body.step, there.sms]).toEqual(['verify', 1]);
  });

  it('ends with an admin reset, an admin forget, a new generation, a phone change and the user\'s forget', async () => {
    const admin = await adminOf(h);
    await setDays(admin, 30);
    const contact = async () => (await admin.get('/admin/contacts')).body.contacts.find((c: { id: string }) => c.id === 'usr-demo');

    let b = await trusted(h);
    expect((await contact()).trustedDevices).toBe(1);
    expect((await admin.post('/admin/contacts/usr-demo/two-factor/reset')).body.trustedDevices).toBe(0);
    expect((await again(h, b)).res.body.step).toBe('enroll');

    b = await trusted(h);
    const staffForget = await admin.post('/admin/contacts/usr-demo/devices/forget');
    expect(staffForget.body).toEqual({ forgotten: 1 });
    expect((await admin.post('/admin/contacts/usr-nobody/devices/forget')).status).toBe(404);
    expect((await again(h, b)).sms).toBe(1);
    expect((await admin.get('/admin/audit?limit=5&subjectId=usr-demo')).body.events.some((e: { type: string; actorId: string }) => e.type === 'trusted_devices.forgotten' && e.actorId === 'usr-admin')).toBe(true);

    // 2FA off and on: a new generation; enrolled again, the old device skips nothing.
    b = await h.browser();
    await admin.post('/admin/contacts/usr-demo/two-factor/reset');
    b = await trusted(h);
    await admin.put('/admin/settings', { enabled: false, allowOptOut: true });
    await setDays(admin, 30);
    const enrollAgain = await again(h, b);
    expect(enrollAgain.res.body.step).toBe('enroll');
    await b.post('/enroll/phone', { phone: PHONE });
    await b.post('/enroll/confirm', { code: b.code() });
    expect((await again(h, b)).sms).toBe(1);

    // A phone change (here as the store makes it: the enrolled phone replaced) ends the binding.
    b = await h.browser();
    await admin.post('/admin/contacts/usr-demo/two-factor/reset');
    b = await trusted(h);
    const generation = (await h.store.getSettings()).generation;
    expect(await h.store.replaceEnrolledPhone('usr-demo', PHONE, '+12025550199', generation, h.clock.now)).toBe(true);
    expect((await again(h, b)).sms).toBe(1);
    expect(await h.store.replaceEnrolledPhone('usr-demo', '+12025550199', PHONE, generation, h.clock.now)).toBe(true);

    // The user's own "Forget trusted devices" (complete session), audited, clears the cookie.
    await admin.post('/admin/contacts/usr-demo/two-factor/reset');
    b = await trusted(h);
    const list = (await b.get('/devices')).body.devices;
    expect(list).toEqual([{ label: 'Chrome on macOS', firstUsedAt: expect.any(String), lastUsedAt: expect.any(String), current: true }]);
    expect((await b.post('/devices/forget')).body).toEqual({ forgotten: 1 });
    expect(b.cookies.has('cb_device')).toBe(false);
    expect((await b.get('/devices')).body.devices).toEqual([]);
    expect((await admin.get('/admin/audit?limit=5&subjectId=usr-demo')).body.events[0]).toMatchObject({ type: 'trusted_devices.forgotten', actorId: 'usr-demo', detail: { forgotten: 1 } });
  });

  it('ends with an opt-in', async () => {
    const admin = await adminOf(h);
    await setDays(admin, 30);
    const b = await trusted(h);
    // The device of this user is forgotten by the opt-in, whatever state the user is in then.
    expect(await h.store.forgetTrustedDevices('usr-nobody')).toBe(0);
    await admin.post('/admin/contacts/usr-demo/two-factor/reset');
    const skipper = h.browser();
    expect((await skipper.login('demo@example.com')).body.step).toBe('enroll');
    await skipper.post('/enroll/skip');
    // A device row as if trusted before (the reset removed the real one): the opt-in must remove it.
    await h.store.createTrustedDevice({ idHash: 'before-opt-in', userId: 'usr-demo', phone: PHONE, generation: 1, label: 'x', createdAt: h.clock.now, lastUsedAt: h.clock.now, expiresAt: h.clock.now + DAY * 1000 });
    expect((await skipper.post('/opt-in')).body.step).toBe('login');
    // Removed, not merely unusable (the list hides unbound devices): nothing is left to forget.
    expect(await h.store.forgetTrustedDevices('usr-demo')).toBe(0);
    expect(b.cookies.has('cb_device')).toBe(true);
  });

  it('the policy turned off or shortened counts at once', async () => {
    let admin = await adminOf(h);
    await setDays(admin, 30);
    const b = await trusted(h);
    h.clock.advance(8 * DAY);
    // The admin's session has idled out meanwhile.
    admin = await adminOf(h);
    await setDays(admin, 7);
    expect((await again(h, b)).sms).toBe(1);
    await setDays(admin, 30);
    expect((await again(h, b)).sms).toBe(0);
    await setDays(admin, 0);
    expect((await again(h, b)).sms).toBe(1);
    expect((await h.browser().get('/portal')).body.trustDeviceDays).toBe(0);
  });
}

describe('deviceLabel', () => {
  it('names the browser and the system from a fixed vocabulary', () => {
    expect(deviceLabel(CHROME_MAC)).toBe('Chrome on macOS');
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox on Windows');
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe('Edge on Windows');
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36')).toBe('Chrome on Linux');
    expect(deviceLabel('<script>alert(1)</script>')).toBe('A browser');
    expect(deviceLabel(undefined)).toBe('A browser');
  });
});

describe('trusted devices on libSQL', () => suite(() => createHarness({ file: true, policy })));

describeWithPostgres('trusted devices on PostgreSQL', () => {
  suite(async () => {
    const database: TestDatabase = await createTestDatabase();
    const h = await createHarness({ postgres: database.url, policy });
    const close = h.close;
    h.close = async () => {
      await close();
      await database.drop();
    };
    return h;
  });
});
