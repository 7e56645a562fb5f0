/**
 * Leak class: limits. The limits on an account, a login and an IP, the code-step lock and the
 * daily SMS budget count per portal, so one portal's traffic (or an attacker's) never locks out
 * another portal's users. Two count across all portals, by design: SMS to one phone number (one
 * bill to protect against SMS pumping) and the platform's daily SMS budget.
 */
import { expect, it } from 'vitest';
import { ANN, BOB, onBothDatabases, PASSWORD, PHONE, SAM, twoPortals, type Deployment, type PortalSide } from './support.js';

/** Enrolls through the store, so that setting up sends no SMS and spends no limit. */
async function enrolledAt(side: PortalSide, d: Deployment, userId: string, phone: string) {
  const { generation } = await side.store.getSettings();
  expect(await side.store.enroll(userId, phone, generation, d.clock.now)).toBe(true);
}

const OTHER_PHONE = '+12025550171';

onBothDatabases('limits count per portal, the per-phone limit and the platform budget across', (db) => {
  it('password failures per account count per portal', async () => {
    const d = await twoPortals(db(), { policy: { passwordFailuresPerAccount: { limit: 2, windowSeconds: 900 } } });
    for (const ip of ['192.0.2.1', '192.0.2.2']) expect((await d.alpha.login(SAM.email, 'wrong', ip)).reply.status).toBe(401);
    expect((await d.alpha.login(SAM.email, PASSWORD.alpha, '192.0.2.3')).reply.status).toBe(429);
    expect((await d.beta.login(SAM.email, PASSWORD.beta, '192.0.2.3')).reply.body.step).toBe('authenticated');
    for (const ip of ['192.0.2.1', '192.0.2.2']) expect((await d.beta.login(SAM.email, 'wrong', ip)).reply.status).toBe(401);
    expect((await d.beta.login(SAM.email, PASSWORD.beta, '192.0.2.3')).reply.status).toBe(429);
  });

  it('password failures per IP count per portal', async () => {
    const d = await twoPortals(db(), { policy: { passwordFailuresPerIp: { limit: 2, windowSeconds: 900 } } });
    const ip = '192.0.2.50';
    for (const email of [SAM.email, ANN.email]) expect((await d.alpha.login(email, 'wrong', ip)).reply.status).toBe(401);
    expect((await d.alpha.login(SAM.email, PASSWORD.alpha, ip)).reply.status).toBe(429);
    expect((await d.beta.login(SAM.email, PASSWORD.beta, ip)).reply.body.step).toBe('authenticated');
    for (const email of [SAM.email, BOB.email]) expect((await d.beta.login(email, 'wrong', ip)).reply.status).toBe(401);
    expect((await d.beta.login(SAM.email, PASSWORD.beta, ip)).reply.status).toBe(429);
  });

  it('SMS per account count per portal', async () => {
    const d = await twoPortals(db(), { policy: { sendsPerAccount: { limit: 2, windowSeconds: 86_400 } } });
    await d.alpha.settings(true);
    await d.beta.settings(true);
    await enrolledAt(d.alpha, d, SAM.id, PHONE.alpha);
    await enrolledAt(d.beta, d, SAM.id, PHONE.beta);
    const { browser: alpha } = await d.alpha.login(SAM.email);
    d.clock.advance(31);
    expect((await alpha.post('/resend')).status).toBe(200);
    d.clock.advance(31);
    expect((await alpha.post('/resend')).status).toBe(429);

    const { browser: beta, reply } = await d.beta.login(SAM.email);
    expect(reply.body.step).toBe('verify');
    d.clock.advance(31);
    expect((await beta.post('/resend')).status).toBe(200);
    d.clock.advance(31);
    expect((await beta.post('/resend')).status).toBe(429);
  });

  it('SMS per IP count per portal', async () => {
    const d = await twoPortals(db(), { policy: { sendsPerIp: { limit: 2, windowSeconds: 3_600 } } });
    await d.alpha.settings(true);
    await d.beta.settings(true);
    await enrolledAt(d.alpha, d, SAM.id, PHONE.alpha);
    await enrolledAt(d.alpha, d, ANN.id, OTHER_PHONE);
    await enrolledAt(d.beta, d, SAM.id, PHONE.beta);
    await enrolledAt(d.beta, d, BOB.id, '+12025550172');
    const ip = '192.0.2.60';
    expect((await d.alpha.login(SAM.email, undefined, ip)).reply.body.step).toBe('verify');
    expect((await d.alpha.login(ANN.email, undefined, ip)).reply.body.step).toBe('verify');
    d.clock.advance(31);
    expect((await d.alpha.login(SAM.email, undefined, ip)).reply.status).toBe(429);

    expect((await d.beta.login(SAM.email, undefined, ip)).reply.body.step).toBe('verify');
    expect((await d.beta.login(BOB.email, undefined, ip)).reply.body.step).toBe('verify');
    d.clock.advance(31);
    expect((await d.beta.login(SAM.email, undefined, ip)).reply.status).toBe(429);
  });

  it("the code-step lock of an account counts per portal: alpha's wrong codes do not lock beta's Sam", async () => {
    const d = await twoPortals(db(), { policy: { codeLockAfter: 3 } });
    await d.alpha.settings(true);
    await d.beta.settings(true);
    await enrolledAt(d.alpha, d, SAM.id, PHONE.alpha);
    await enrolledAt(d.beta, d, SAM.id, PHONE.beta);
    const { browser: alpha } = await d.alpha.login(SAM.email);
    const wrong = d.code(PHONE.alpha) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) await alpha.post('/verify', { code: wrong });
    expect(await d.alpha.store.getCodeLock(SAM.id)).toMatchObject({ lockedUntil: expect.any(Number), consecutiveFailures: 3 });
    d.clock.advance(31);
    expect((await d.alpha.login(SAM.email)).reply.status).toBe(429);

    const { browser: beta, reply } = await d.beta.login(SAM.email);
    expect(reply.body.step).toBe('verify');
    expect((await beta.post('/verify', { code: d.code(PHONE.beta) })).body.step).toBe('authenticated');
    const admin = await d.beta.admin();
    const sam = (await admin.get('/admin/contacts')).body.contacts.find((c: { id: string }) => c.id === SAM.id);
    expect(sam.twoFactor.locked).toBe(false);
  });

  it('the daily SMS budget of a portal counts that portal only, and its alert names it', async () => {
    const d = await twoPortals(db(), { budgets: { alpha: 2, beta: 2 } });
    await d.alpha.settings(true);
    await d.beta.settings(true);
    await enrolledAt(d.alpha, d, SAM.id, PHONE.alpha);
    await enrolledAt(d.beta, d, SAM.id, PHONE.beta);
    const { browser: alpha } = await d.alpha.login(SAM.email);
    d.clock.advance(31);
    expect((await alpha.post('/resend')).status).toBe(200);
    d.clock.advance(31);
    const paused = await alpha.post('/resend');
    expect([paused.status, paused.body.error?.code]).toEqual([503, 'sms_failed']);

    const { browser: beta, reply } = await d.beta.login(SAM.email);
    expect(reply.body.step).toBe('verify');
    d.clock.advance(31);
    expect((await beta.post('/resend')).status).toBe(200);
    d.clock.advance(31);
    expect((await beta.post('/resend')).status).toBe(503);

    expect(d.alerts.filter((a) => a.type === 'sms_budget_exceeded').map((a) => [a.scope, a.portalId, a.portalName, a.count])).toEqual([
      ['portal', d.alpha.id, 'Alpha IT Portal', 3],
      ['portal', d.beta.id, 'Beta IT Portal', 3],
    ]);
  });

  it('SMS to one phone count across portals: 5 in 10 minutes over alpha and beta together', async () => {
    const d = await twoPortals(db());
    await d.alpha.settings(true);
    await d.beta.settings(true);
    const phone = OTHER_PHONE;
    await enrolledAt(d.alpha, d, SAM.id, phone);
    await enrolledAt(d.beta, d, SAM.id, phone);
    const { browser: alpha } = await d.alpha.login(SAM.email);
    for (let i = 0; i < 2; i++) {
      d.clock.advance(31);
      expect((await alpha.post('/resend')).status).toBe(200);
    }
    const { browser: beta } = await d.beta.login(SAM.email);
    d.clock.advance(31);
    expect((await beta.post('/resend')).status).toBe(200);
    expect(d.outbox.outbox.filter((m) => m.to === phone)).toHaveLength(5);

    d.clock.advance(31);
    const refused = await beta.post('/resend');
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'rate_limited']);
    expect((await alpha.post('/resend')).status).toBe(429);
    // Another phone is not held back by it, in either portal.
    const { browser: other } = await d.beta.login(BOB.email);
    expect((await other.post('/enroll/phone', { phone: PHONE.beta })).status).toBe(200);
    expect(d.outbox.outbox.filter((m) => m.to === phone)).toHaveLength(5);
  });

  it('the platform budget counts across portals', async () => {
    const d = await twoPortals(db(), { platformDailySmsBudget: 3 });
    await d.alpha.settings(true);
    await d.beta.settings(true);
    await enrolledAt(d.alpha, d, SAM.id, PHONE.alpha);
    await enrolledAt(d.beta, d, SAM.id, PHONE.beta);
    const { browser: alpha } = await d.alpha.login(SAM.email);
    d.clock.advance(31);
    expect((await alpha.post('/resend')).status).toBe(200);
    const { browser: beta } = await d.beta.login(SAM.email);
    d.clock.advance(31);
    const paused = await beta.post('/resend');
    expect([paused.status, paused.body.error?.code]).toEqual([503, 'sms_failed']);
    expect((await alpha.post('/resend')).status).toBe(503);
    expect(d.outbox.outbox).toHaveLength(3);
    expect(d.alerts.filter((a) => a.type === 'sms_budget_exceeded').map((a) => [a.scope, a.portalId])).toEqual([['platform', d.beta.id]]);
  });
});
