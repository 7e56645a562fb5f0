/**
 * "Change my phone" (spec §10, issue 12): the portal's `selfServicePhoneChange` policy; `POST
 * /phone` after a fresh second factor sends a code (purpose `phone_change`, bound to this session)
 * to the new number only, which is validated as at enrollment and must differ; `POST
 * /phone/confirm` with the right code replaces the enrolled phone, ends the other sessions (this
 * one stays under a new id) and trusted devices, notifies the old number and audits; a wrong code counts toward the
 * shared account lock; of parallel confirms one wins; the pending change dies with logout and
 * reset. On libSQL and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { atVerify, setSettings, type Browser, createHarness, PHONE, type Harness } from '../support/harness.js';

const NEW_PHONE = '+12025550188';
const NOTICE = 'Your phone number for Demo Portal was changed. If this was not you, contact your administrator.';

async function signedIn(h: Harness, ip?: string): Promise<Browser> {
  const b = ip ? h.browser(ip) : await atVerify(h);
  if (ip) expect((await b.login('demo@example.com')).body.step).toBe('verify');
  expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');
  return b;
}

const sentTo = (h: Harness, to: string) => h.outbox.outbox.filter((m) => m.to === to);
const enrolledPhone = async (h: Harness) => (await h.store.getFactorState('usr-demo')).enrollment?.phone;

/** Tests that send several codes to one phone and account. */
const policy = { sendsPerPhone: { limit: 50, windowSeconds: 600 }, sendsPerAccount: { limit: 50, windowSeconds: 86_400 } };

function suite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => h.close());

  it('off (the default): 403 forbidden on both routes, nothing sent; GET /portal says so', async () => {
    await setSettings(h, true, true, { selfServicePhoneChange: false });
    const b = await signedIn(h);
    expect((await b.get('/portal')).body.selfServicePhoneChange).toBe(false);
    const before = h.outbox.outbox.length;
    const refused = await b.post('/phone', { phone: NEW_PHONE });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    const confirm = await b.post('/phone/confirm', { code: '123456' });
    expect([confirm.status, confirm.body.error.code]).toEqual([403, 'forbidden']);
    expect(h.outbox.outbox.length).toBe(before);
    expect(await enrolledPhone(h)).toBe(PHONE);
  });

  it('needs a fresh second factor (step_up_required with maxAgeSeconds, then works after a step-up), an enrolled phone (step_up_unavailable) and a complete session (401)', async () => {
    await setSettings(h, true, true, { selfServicePhoneChange: true });
    const b = await signedIn(h);
    h.clock.advance(601);
    const stale = await b.post('/phone', { phone: NEW_PHONE });
    expect([stale.status, stale.body.error.code, stale.body.error.maxAgeSeconds]).toEqual([403, 'step_up_required', 600]);
    expect(sentTo(h, NEW_PHONE)).toHaveLength(0);
    await b.post('/step-up');
    expect((await b.post('/step-up/verify', { code: b.code() })).status).toBe(200);
    expect((await b.post('/phone', { phone: NEW_PHONE })).body).toMatchObject({ step: 'confirm', maskedPhone: 'xxx-xxx-0188' });

    const skipper = h.browser('203.0.113.9');
    expect((await skipper.login('pat@example.com')).body.step).toBe('enroll');
    expect((await skipper.post('/enroll/skip')).body.step).toBe('authenticated');
    const unavailable = await skipper.post('/phone', { phone: NEW_PHONE });
    expect([unavailable.status, unavailable.body.error.code]).toEqual([403, 'step_up_unavailable']);

    h.clock.advance(31);
    const pending = h.browser('203.0.113.8');
    expect((await pending.login('demo@example.com')).body.step).toBe('verify');
    expect((await pending.post('/phone', { phone: NEW_PHONE })).status).toBe(401);
  });

  it('an invalid, disallowed, premium-rate or unchanged phone is a 4xx that sends and changes nothing', async () => {
    await setSettings(h, true, true, { selfServicePhoneChange: true });
    const b = await signedIn(h);
    const before = h.outbox.outbox.length;
    for (const phone of ['12', '+1202555', '+447400123456', '+19005550143', PHONE, '(202) 555-0143']) {
      const res = await b.post('/phone', { phone, country: 'US' });
      expect([res.status, res.body.error.code], phone).toEqual([400, 'invalid_phone']);
    }
    expect((await b.post('/phone', { phone: 'x'.repeat(41) })).status).toBe(400);
    expect(h.outbox.outbox.length).toBe(before);
    expect(await enrolledPhone(h)).toBe(PHONE);
    const audit = await h.store.listAudit({ subjectId: 'usr-demo' });
    expect(audit.some((e) => e.type === 'phone.change_requested')).toBe(false);
  });

  it('the code goes to the new number only; a resend keeps its countdown; the right code replaces the phone, ends the other sessions, keeps this one under a new id, notifies the old number, audits', async () => {
    await setSettings(h, true, true, { selfServicePhoneChange: true });
    const other = await signedIn(h);
    h.clock.advance(31);
    const b = await signedIn(h, '203.0.113.20');
    const toOld = sentTo(h, PHONE).length;
    const sent = await b.post('/phone', { phone: '202-555-0188', country: 'US' });
    expect(sent.body).toMatchObject({ step: 'confirm', maskedPhone: 'xxx-xxx-0188' });
    expect(sentTo(h, NEW_PHONE)).toHaveLength(1);
    expect(sentTo(h, PHONE)).toHaveLength(toOld);
    // Posting again at once is a resend under the countdown.
    expect((await b.post('/phone', { phone: NEW_PHONE })).body.error.code).toBe('rate_limited');
    h.clock.advance(31);
    expect((await b.post('/phone', { phone: NEW_PHONE })).status).toBe(200);
    expect(sentTo(h, NEW_PHONE)).toHaveLength(2);
    // The code is this session's: the other session cannot use it.
    const code = b.code(NEW_PHONE);
    expect((await other.post('/phone/confirm', { code })).body.error.code).toBe('code_expired');

    // A browser trusted under the old phone.
    await h.store.createTrustedDevice({ idHash: 'device-1', userId: 'usr-demo', phone: PHONE, generation: 1, label: 'Chrome on macOS', createdAt: h.clock.now, lastUsedAt: h.clock.now, expiresAt: h.clock.now + 86_400_000 });
    expect(await h.store.listTrustedDevices('usr-demo', h.clock.now, 30 * 86_400_000)).toHaveLength(1);
    const oldCookie = [...b.cookies.values()].join();
    const ok = await b.post('/phone/confirm', { code });
    expect([ok.status, ok.body]).toEqual([200, { maskedPhone: 'xxx-xxx-0188' }]);
    expect([...b.cookies.values()].join()).not.toBe(oldCookie);
    expect(await enrolledPhone(h)).toBe(NEW_PHONE);
    expect((await h.store.getFactorState('usr-demo')).enrollment).toMatchObject({ generation: 1, enrolledAt: h.clock.now });
    expect((await b.get('/session')).status).toBe(200);
    expect((await other.get('/session')).status).toBe(401);
    expect(sentTo(h, PHONE).at(-1)?.body).toBe(NOTICE);
    expect(sentTo(h, PHONE)).toHaveLength(toOld + 1);
    expect(await h.store.listTrustedDevices('usr-demo', h.clock.now, 30 * 86_400_000)).toEqual([]);
    const audit = await h.store.listAudit({ subjectId: 'usr-demo', limit: 10 });
    expect(audit.find((e) => e.type === 'phone.change_requested')?.detail).toEqual({ phone: 'xxx-xxx-0188' });
    expect(audit.find((e) => e.type === 'phone.changed')?.detail).toMatchObject({ from: 'xxx-xxx-0143', to: 'xxx-xxx-0188', sessionsEnded: 1, devicesForgotten: 1, notice: 'sent' });
    // Masked only: the audit log holds no full number.
    expect(JSON.stringify(audit)).not.toContain('2025550188');
    // Used once.
    expect((await b.post('/phone/confirm', { code })).body.error.code).toBe('code_expired');

    // The next login's code goes to the new phone.
    h.clock.advance(31);
    const next = h.browser('203.0.113.30');
    expect((await next.login('demo@example.com')).body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0188' });
    expect((await next.post('/verify', { code: next.code(NEW_PHONE) })).body.step).toBe('authenticated');
  });

  it('a wrong or malformed code counts on the code and toward the account lock shared with sign-in codes; the right code is refused while locked', async () => {
    await setSettings(h, true, true, { selfServicePhoneChange: true });
    const b = await signedIn(h);
    await b.post('/phone', { phone: NEW_PHONE });
    const wrong = await b.post('/phone/confirm', { code: '000000' });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.attemptsLeft]).toEqual([400, 'invalid_code', 4]);
    expect((await b.post('/phone/confirm', { code: 'abc' })).body.error.attemptsLeft).toBe(3);
    expect((await h.store.getCodeLock('usr-demo'))?.windowFailures).toBe(2);
    // Eight more wrong codes (fresh codes as each burns) reach the lock of 10.
    for (let i = 0; i < 8; i++) {
      if (i % 3 === 0) {
        h.clock.advance(31);
        expect((await b.post('/phone', { phone: NEW_PHONE })).status).toBe(200);
      }
      await b.post('/phone/confirm', { code: '000000' });
    }
    h.clock.advance(31);
    // The lock is the account's: a sign-in is refused at its code step, and the change's right code too.
    const login = await h.browser('203.0.113.40').login('demo@example.com');
    expect([login.status, login.body.error.code]).toEqual([429, 'rate_limited']);
    const locked = await b.post('/phone/confirm', { code: b.code(NEW_PHONE) });
    expect(locked.status).toBe(429);
    expect(await enrolledPhone(h)).toBe(PHONE);
  });

  it('of parallel confirms with the right code exactly one wins', async () => {
    await setSettings(h, true, true, { selfServicePhoneChange: true });
    const b = await signedIn(h);
    await b.post('/phone', { phone: NEW_PHONE });
    const code = b.code(NEW_PHONE);
    const results = await Promise.all(Array.from({ length: 6 }, () => b.post('/phone/confirm', { code })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await enrolledPhone(h)).toBe(NEW_PHONE);
    expect(sentTo(h, PHONE).filter((m) => m.body === NOTICE)).toHaveLength(1);
    expect((await h.store.listAudit({ subjectId: 'usr-demo' })).filter((e) => e.type === 'phone.changed')).toHaveLength(1);
  });

  it('the pending change dies with logout and with an admin reset', async () => {
    const admin = await setSettings(h, true, true, { selfServicePhoneChange: true });
    const b = await signedIn(h);
    await b.post('/phone', { phone: NEW_PHONE });
    const code = b.code(NEW_PHONE);
    await b.post('/logout');
    expect((await b.post('/phone/confirm', { code })).status).toBe(401);

    h.clock.advance(31);
    const c = await signedIn(h, '203.0.113.50');
    h.clock.advance(31);
    await c.post('/phone', { phone: NEW_PHONE });
    const code2 = c.code(NEW_PHONE);
    expect((await admin.post('/admin/contacts/usr-demo/two-factor/reset')).status).toBe(200);
    expect((await c.post('/phone/confirm', { code: code2 })).status).toBe(401);
    expect((await h.store.getFactorState('usr-demo')).enrollment).toBeNull();
  });

  it('a change made meanwhile by another session (compare and swap) leaves this one\'s code stale', async () => {
    await setSettings(h, true, true, { selfServicePhoneChange: true });
    const a = await signedIn(h);
    h.clock.advance(31);
    const b = await signedIn(h, '203.0.113.60');
    await a.post('/phone', { phone: NEW_PHONE });
    await b.post('/phone', { phone: '+12025550199' });
    expect((await h.store.replaceEnrolledPhone('usr-demo', '+12025550111', NEW_PHONE, 1, h.clock.now))).toBe(false);
    expect((await a.post('/phone/confirm', { code: a.code(NEW_PHONE) })).status).toBe(200);
    // b was signed out by a's change.
    expect((await b.post('/phone/confirm', { code: b.code('+12025550199') })).status).toBe(401);
    expect(await enrolledPhone(h)).toBe(NEW_PHONE);
  });
}

describe('change my phone on libSQL', () => suite(() => createHarness({ file: true, policy })));

describeWithPostgres('change my phone on PostgreSQL', () => {
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
