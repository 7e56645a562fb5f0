/**
 * Who may do what (spec §3, §5): only a Master Admin changes settings; other admins read them
 * and reset contacts; contacts reach no admin route. Skip is refused with 403 unless opt-out is
 * allowed. An enrolled user's phone changes only through an admin reset.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { atVerify, createHarness, PHONE, setSettings, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});

describe('settings', () => {
  it('only a Master Admin changes them; staff read them as read-only', async () => {
    const staff = h.browser();
    await staff.login('staff@example.com');
    expect((await staff.get('/admin/settings')).body).toMatchObject({ enabled: false, allowOptOut: false, canEdit: false });
    const denied = await staff.put('/admin/settings', { enabled: true, allowOptOut: true });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    expect((await staff.get('/admin/settings')).body.enabled).toBe(false);

    const admin = h.browser();
    await admin.login('admin@example.com');
    const ok = await admin.put('/admin/settings', { enabled: true, allowOptOut: true });
    expect(ok.body).toMatchObject({ enabled: true, allowOptOut: true, generation: 1, canEdit: true });
  });

  it('contacts reach no admin route', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    expect((await b.get('/admin/settings')).status).toBe(403);
    expect((await b.get('/admin/contacts')).status).toBe(403);
    expect((await b.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(403);
    expect((await b.post('/admin/contacts/usr-pat/two-factor/reset')).status).toBe(403);
  });

  it('generation goes up only when enabled turns from off to on', async () => {
    const admin = await setSettings(h, true);
    await admin.put('/admin/settings', { enabled: true, allowOptOut: true });
    expect((await admin.get('/admin/settings')).body.generation).toBe(1);
    await admin.put('/admin/settings', { enabled: false, allowOptOut: true });
    expect((await admin.get('/admin/settings')).body.generation).toBe(1);
    await admin.put('/admin/settings', { enabled: true, allowOptOut: true });
    expect((await admin.get('/admin/settings')).body.generation).toBe(2);
  });

  it('a host can plug in its own admin rule', async () => {
    const { openLibsql } = await import('../../server/node/index.js');
    const { createTwoFactor, devOutbox, pbkdf2Hasher } = await import('../../server/index.js');
    const { db } = await openLibsql(':memory:');
    const hasher = pbkdf2Hasher({ iterations: 1000 });
    const tf = createTwoFactor({ db, sms: devOutbox(), secret: 's'.repeat(32), hasher, authorizeAdmin: () => false });
    const { seedDemo } = await import('../../server/index.js');
    await seedDemo(tf.store, hasher, 'pw');
    const login = await tf.app.request('http://x.test/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.com', password: 'pw' }) });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await tf.app.request('http://x.test/admin/settings', { headers: { cookie } })).status).toBe(403);
  });
});

describe('skip', () => {
  it('is refused with 403 unless opt-out is allowed, and nothing is remembered', async () => {
    await setSettings(h, true, false);
    const b = h.browser();
    expect((await b.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
    const res = await b.post('/enroll/skip');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await h.client.execute('SELECT count(*) AS n FROM cb_skips')).rows[0]!.n).toBe(0);
    expect((await b.get('/session')).status).toBe(401);
  });

  it('is not available to an enrolled user at the verify step', async () => {
    await setSettings(h, true, true);
    const b = await atVerify(h);
    expect((await b.post('/enroll/skip')).status).toBe(409);
  });
});

describe('the phone of an enrolled user', () => {
  it('cannot be changed from the login: /enroll/phone at the verify step is refused', async () => {
    await setSettings(h, true);
    const b = await atVerify(h);
    h.clock.advance(31);
    const res = await b.post('/enroll/phone', { phone: '+12025550199' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_step');
    expect(h.outbox.outbox.filter((m) => m.to === '+12025550199')).toHaveLength(0);
    const rows = (await h.client.execute("SELECT phone FROM cb_enrollments WHERE user_id = 'usr-demo'")).rows;
    expect(rows.map((r) => r.phone)).toEqual([PHONE]);
  });
});
