/**
 * Every step re-checks the present (spec §5): a pending login begun before the user enrolled, or
 * before 2FA was turned off and on again, can neither replace the enrolled phone, skip past it,
 * nor sign in with a code of the old generation. On libSQL and on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { createHarness, enroll, PHONE, setSettings, type Harness } from '../support/harness.js';

const ATTACKER_PHONE = '+12025550177';

function staleLoginSuite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => h.close());

  const enrolledPhone = async () => (await h.store.getFactorState('usr-demo')).enrollment?.phone;
  const completeSessions = async () => (await h.store.listAudit({ subjectId: 'usr-demo', limit: 500 })).filter((e) => e.type === 'login.succeeded').length;

  it('a login opened before the victim enrolled cannot enroll another phone', async () => {
    await setSettings(h, true);
    const attacker = h.browser('198.51.100.66');
    expect((await attacker.login('demo@example.com')).body.step).toBe('enroll');
    await enroll(h, 'demo@example.com', PHONE);

    const res = await attacker.post('/enroll/phone', { phone: ATTACKER_PHONE });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_step');
    expect(h.outbox.outbox.some((m) => m.to === ATTACKER_PHONE)).toBe(false);
    expect(await enrolledPhone()).toBe(PHONE);
    // The stale login is gone, not merely refused once.
    expect((await attacker.post('/enroll/phone', { phone: ATTACKER_PHONE })).status).toBe(401);
  });

  it('a login that reached confirm before the victim enrolled cannot confirm its code over the enrolled phone', async () => {
    await setSettings(h, true);
    const attacker = h.browser('198.51.100.66');
    await attacker.login('demo@example.com');
    expect((await attacker.post('/enroll/phone', { phone: ATTACKER_PHONE })).status).toBe(200);
    const code = attacker.code(ATTACKER_PHONE);
    h.clock.advance(31);
    await enroll(h, 'demo@example.com', PHONE);

    const res = await attacker.post('/enroll/confirm', { code });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_step');
    expect(await enrolledPhone()).toBe(PHONE);
  });

  it('with opt-out on, a login opened before the victim enrolled cannot skip to a password-only session', async () => {
    await setSettings(h, true, true);
    const attacker = h.browser('198.51.100.66');
    expect((await attacker.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: true });
    await enroll(h, 'demo@example.com', PHONE);
    const before = await completeSessions();

    const res = await attacker.post('/enroll/skip');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_step');
    expect(res.headers.getSetCookie().some((c) => /cb_session=[^;]+/.test(c) && !/max-age=0/i.test(c))).toBe(false);
    expect(await completeSessions()).toBe(before);
    expect((await h.store.getFactorState('usr-demo')).skip).toBeNull();
  });

  it('two logins confirming at once: one phone is enrolled, the other login is refused', async () => {
    await setSettings(h, true);
    const [one, two] = [h.browser('203.0.113.50'), h.browser('203.0.113.51')];
    await one.login('demo@example.com');
    await two.login('demo@example.com');
    await one.post('/enroll/phone', { phone: PHONE });
    await two.post('/enroll/phone', { phone: ATTACKER_PHONE });
    const [a, b] = await Promise.all([one.post('/enroll/confirm', { code: one.code(PHONE) }), two.post('/enroll/confirm', { code: two.code(ATTACKER_PHONE) })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    expect(await enrolledPhone()).toBe(a.status === 200 ? PHONE : ATTACKER_PHONE);
  });

  it('a verify whose code was sent before 2FA was turned off and on again is refused', async () => {
    const admin = await setSettings(h, true);
    await enroll(h, 'demo@example.com', PHONE);
    const old = h.browser('198.51.100.66');
    expect((await old.login('demo@example.com')).body.step).toBe('verify');
    const code = old.code();
    expect((await admin.put('/admin/settings', { enabled: false, allowOptOut: false })).status).toBe(200);
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);

    const res = await old.post('/verify', { code });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_step');
    expect((await old.get('/session')).status).toBe(401);
    // The user enrolls again in the new generation, as the seed says.
    expect((await h.browser().login('demo@example.com')).body.step).toBe('enroll');
  });

  it('a resend of a login of the old generation sends nothing', async () => {
    const admin = await setSettings(h, true);
    await enroll(h, 'demo@example.com', PHONE);
    const old = h.browser('198.51.100.66');
    await old.login('demo@example.com');
    await admin.put('/admin/settings', { enabled: false, allowOptOut: false });
    await admin.put('/admin/settings', { enabled: true, allowOptOut: false });
    const sent = h.outbox.outbox.length;
    h.clock.advance(31);
    expect((await old.post('/resend')).status).toBe(409);
    expect(h.outbox.outbox.length).toBe(sent);
  });
}

describe('stale logins on libSQL', () => staleLoginSuite(() => createHarness({ file: true })));

describeWithPostgres('stale logins on PostgreSQL', () => {
  // A database per test: counters and settings of one test never reach the next.
  staleLoginSuite(async () => {
    const database: TestDatabase = await createTestDatabase();
    const h = await createHarness({ postgres: database.url });
    const close = h.close;
    h.close = async () => {
      await close();
      await database.drop();
    };
    return h;
  });
});
