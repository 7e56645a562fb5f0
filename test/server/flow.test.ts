/**
 * The seed's scenarios end to end through the HTTP contract (product spec §3): 2FA off, first
 * login and enrollment, sign in again and verify, skip, opt-in, admin reset, off and on again.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { atVerify, createHarness, enroll, PHONE, setSettings, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});

describe('with 2FA off (the default)', () => {
  it('a contact signs in with the password alone', async () => {
    const b = h.browser();
    const res = await b.login('demo@example.com');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com', name: 'Demo Owner' } });
    const session = await b.get('/session');
    expect(session.body).toMatchObject({ twoFactor: { enrolled: false, skipped: false, canOptIn: false }, amr: ['pwd'] });
    expect(h.outbox.outbox).toHaveLength(0);
  });
});

describe('with 2FA on', () => {
  beforeEach(async () => {
    await setSettings(h, true);
  });

  it('first login asks for a phone, the first code confirms it, then the user signs in again', async () => {
    const b = h.browser();
    expect((await b.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: false });

    const sent = await b.post('/enroll/phone', { phone: '(202) 555-0143', country: 'US' });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ step: 'confirm', maskedPhone: 'xxx-xxx-0143', resendAt: new Date(h.clock.now + 30_000).toISOString() });
    expect(h.outbox.outbox.at(-1)!.to).toBe(PHONE);
    expect(h.outbox.outbox.at(-1)!.body).toMatch(/^Your Demo Portal verification code is \d{6}\./);
    expect(h.outbox.outbox.at(-1)!.body).toMatch(/\n\n@portal\.test #\d{6}$/);

    // Still pending: the host's own routes and /session refuse it.
    expect((await b.get('/session')).status).toBe(401);
    expect((await b.get('/api/dashboard')).status).toBe(401);

    const confirmed = await b.post('/enroll/confirm', { code: b.code() });
    expect(confirmed.body).toEqual({ step: 'login' });
    expect(b.cookies.size).toBe(0);
    expect((await b.get('/session')).status).toBe(401);

    h.clock.advance(31);
    const again = await b.login('demo@example.com');
    expect(again.body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0143' });
    const verified = await b.post('/verify', { code: b.code() });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com' } });
    expect((await b.get('/api/dashboard')).body).toEqual({ hello: 'Demo Owner' });
    expect((await b.get('/session')).body).toMatchObject({ twoFactor: { enrolled: true, skipped: false, canOptIn: false }, amr: ['pwd', 'sms'] });
  });

  it('portal admins sign in with the password alone', async () => {
    const res = await h.browser().login('staff@example.com');
    expect(res.body.step).toBe('authenticated');
  });

  it('resend sends a new code after the countdown and voids the old one', async () => {
    const b = await atVerify(h);
    const first = b.code();
    const early = await b.post('/resend');
    expect(early.status).toBe(429);
    expect(early.body.error.code).toBe('rate_limited');
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);

    h.clock.advance(30);
    const again = await b.post('/resend');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ channel: 'sms', maskedPhone: 'xxx-xxx-0143', resendAt: new Date(h.clock.now + 30_000).toISOString() });
    const second = b.code();
    if (second !== first) {
      const old = await b.post('/verify', { code: first });
      expect(old.body.error.code).toBe('invalid_code');
    }
    expect((await b.post('/verify', { code: second })).body.step).toBe('authenticated');
  });

  it('a wrong code says so with the tries left, and the right one still works', async () => {
    const b = await atVerify(h);
    const right = b.code();
    const wrong = right === '000000' ? '111111' : '000000';
    const res = await b.post('/verify', { code: wrong });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 4 });
    expect((await b.post('/verify', { code: right })).body.step).toBe('authenticated');
  });

  it('logout ends the session server-side', async () => {
    const b = await atVerify(h);
    await b.post('/verify', { code: b.code() });
    const cookies = new Map(b.cookies);
    expect((await b.post('/logout')).body).toEqual({ step: 'login' });
    // Replaying the old cookie does not bring the session back.
    for (const [k, v] of cookies) b.cookies.set(k, v);
    expect((await b.get('/session')).status).toBe(401);
  });
});

describe('opt-out ("Skip for Now")', () => {
  beforeEach(async () => {
    await setSettings(h, true, true);
  });

  it('is offered, remembered, and later logins go straight in as password-only', async () => {
    const b = h.browser();
    expect((await b.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: true });
    const skipped = await b.post('/enroll/skip');
    expect(skipped.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com' } });
    expect((await b.get('/session')).body).toMatchObject({ twoFactor: { enrolled: false, skipped: true, canOptIn: true }, amr: ['pwd'] });

    const later = await h.browser().login('demo@example.com');
    expect(later.body.step).toBe('authenticated');
    expect(h.outbox.outbox).toHaveLength(0);
    const audit = await h.store.listAudit({ subjectId: 'usr-demo' });
    expect(audit.filter((e) => e.type === 'login.succeeded').every((e) => e.detail?.amr === 'pwd')).toBe(true);
  });

  it('opting in from the menu logs out everywhere and the next login enrolls', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/skip');
    const other = h.browser('203.0.113.99');
    expect((await other.login('demo@example.com')).body.step).toBe('authenticated');

    const res = await b.post('/opt-in');
    expect(res.body).toEqual({ step: 'login' });
    expect((await b.get('/session')).status).toBe(401);
    expect((await other.get('/session')).status).toBe(401);
    expect((await h.browser().login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: true });
  });

  it('a skip stops counting when the admin withdraws opt-out', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/skip');
    await setSettings(h, true, false);
    expect((await h.browser().login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
  });
});

describe('admin reset', () => {
  it('clears one contact enrollment and skip, and nobody else', async () => {
    await setSettings(h, true, true);
    await enroll(h, 'demo@example.com');
    await enroll(h, 'pat@example.com', '+12025550144');
    const lee = h.browser();
    await lee.login('lee@acme.example');
    await lee.post('/enroll/skip');

    const staff = h.browser('198.51.100.2');
    await staff.login('staff@example.com');
    const reset = await staff.post('/admin/contacts/usr-demo/two-factor/reset');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: 'usr-demo', twoFactor: { state: 'none', maskedPhone: null } });

    expect((await h.browser().login('demo@example.com')).body.step).toBe('enroll');
    expect((await h.browser().login('pat@example.com')).body.step).toBe('verify');
    expect((await h.browser().login('lee@acme.example')).body.step).toBe('authenticated');

    const resetLee = await staff.post('/admin/contacts/usr-lee/two-factor/reset');
    expect(resetLee.body.twoFactor.state).toBe('none');
    expect((await h.browser().login('lee@acme.example')).body.step).toBe('enroll');

    const audit = await h.store.listAudit({ subjectId: 'usr-demo' });
    expect(audit.find((e) => e.type === 'two_factor.reset')).toMatchObject({ actorId: 'usr-staff', subjectId: 'usr-demo' });
  });

  it('lists contacts of one organization with their 2FA state, phones masked', async () => {
    await setSettings(h, true, true);
    await enroll(h, 'demo@example.com');
    const admin = h.browser();
    await admin.login('admin@example.com');
    const res = await admin.get('/admin/contacts?organizationId=org-demo');
    expect(res.status).toBe(200);
    expect(res.body.contacts.map((c: any) => c.email)).toEqual(['demo@example.com', 'pat@example.com']);
    expect(res.body.contacts[0].twoFactor).toMatchObject({ state: 'enrolled', maskedPhone: 'xxx-xxx-0143', locked: false });
    expect(JSON.stringify(res.body)).not.toContain('5550143');
  });
});

describe('off and on again', () => {
  it('makes every contact enroll again, including those who skipped', async () => {
    await setSettings(h, true, true);
    await enroll(h, 'demo@example.com');
    const lee = h.browser();
    await lee.login('lee@acme.example');
    await lee.post('/enroll/skip');

    await setSettings(h, false, true);
    expect((await h.browser().login('demo@example.com')).body.step).toBe('authenticated');
    const on = await setSettings(h, true, true);
    expect((await on.get('/admin/settings')).body).toMatchObject({ enabled: true, generation: 2 });

    expect((await h.browser().login('demo@example.com')).body.step).toBe('enroll');
    expect((await h.browser().login('lee@acme.example')).body.step).toBe('enroll');
  });
});
