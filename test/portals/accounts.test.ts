/**
 * Leak class: accounts. The same email (and here the same account id) in two portals is two
 * accounts: each has its own password, phone, "Skip for Now", sessions and password-failure count.
 */
import { beforeEach, expect, it } from 'vitest';
import { onBothDatabases, PASSWORD, PHONE, SAM, twoPortals, type Deployment } from './support.js';

onBothDatabases('the same email in two portals is two accounts', (db) => {
  let d: Deployment;
  beforeEach(async () => {
    d = await twoPortals(db());
  });

  it("each portal takes its own account's password and no other", async () => {
    const alpha = await d.alpha.login(SAM.email, PASSWORD.alpha);
    expect(alpha.reply.body).toMatchObject({ step: 'authenticated', user: { id: SAM.id, name: 'Sam of alpha' } });
    const beta = await d.beta.login(SAM.email, PASSWORD.beta);
    expect(beta.reply.body).toMatchObject({ step: 'authenticated', user: { id: SAM.id, name: 'Sam of beta' } });
    expect((await beta.browser.get('/session')).body.user.name).toBe('Sam of beta');
    expect((await alpha.browser.get('/api/dashboard')).body).toEqual({ hello: 'Sam of alpha', userId: SAM.id });

    for (const [side, password] of [
      [d.beta, PASSWORD.alpha],
      [d.alpha, PASSWORD.beta],
    ] as const) {
      const { reply } = await side.login(SAM.email, password);
      expect([reply.status, reply.body.error?.code]).toEqual([401, 'invalid_credentials']);
    }
    // The failure is audited against the account of the portal it was tried at.
    const failed = (await d.beta.store.listAudit()).filter((e) => e.type === 'login.failed');
    expect(failed.map((e) => e.subjectId)).toEqual([SAM.id]);
    expect((await d.alpha.store.listAudit()).filter((e) => e.type === 'login.failed')).toHaveLength(1);
  });

  it('each account has its own phone, and a code goes to the phone of the portal signed in at', async () => {
    await d.alpha.settings(true);
    await d.beta.settings(true);
    await d.alpha.enrolled(SAM.email, PHONE.alpha);
    await d.beta.enrolled(SAM.email, PHONE.beta);
    d.outbox.clear();
    expect((await d.alpha.login(SAM.email)).reply.body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0143' });
    expect((await d.beta.login(SAM.email)).reply.body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0188' });
    expect(d.outbox.outbox.map((m) => [m.to, m.body.split(' verification')[0]])).toEqual([
      [PHONE.alpha, 'Your Alpha IT Portal'],
      [PHONE.beta, 'Your Beta IT Portal'],
    ]);
  });

  it("one portal's enrollment is not the other's: 2FA on in both, only alpha's Sam enrolled", async () => {
    await d.alpha.settings(true);
    await d.beta.settings(true);
    await d.alpha.enrolled(SAM.email, PHONE.alpha);
    expect((await d.beta.login(SAM.email)).reply.body).toEqual({ step: 'enroll', canSkip: false });
    expect(await d.beta.store.getFactorState(SAM.id)).toEqual({ enrollment: null, skip: null });
  });

  it("one portal's \"Skip for Now\" is not the other's", async () => {
    await d.alpha.settings(true, true);
    await d.beta.settings(true, true);
    const { browser } = await d.alpha.login(SAM.email);
    expect((await browser.post('/enroll/skip')).body.step).toBe('authenticated');
    expect((await d.alpha.login(SAM.email)).reply.body.step).toBe('authenticated');
    expect((await d.beta.login(SAM.email)).reply.body).toEqual({ step: 'enroll', canSkip: true });
    expect((await d.beta.store.getFactorState(SAM.id)).skip).toBeNull();
  });

  it("signing out or ending sessions in one portal leaves the other's sessions", async () => {
    const { browser: alpha } = await d.alpha.login(SAM.email);
    const { browser: beta } = await d.beta.login(SAM.email);
    expect((await beta.post('/logout')).status).toBe(200);
    expect((await beta.get('/session')).status).toBe(401);
    expect((await alpha.get('/session')).status).toBe(200);
    await d.beta.store.deleteUserSessions(SAM.id);
    expect((await alpha.get('/session')).status).toBe(200);
  });

  it("wrong passwords at alpha do not count against beta's account of the same email", async () => {
    const limit = 5;
    for (let i = 0; i < limit; i++) {
      const { reply } = await d.alpha.login(SAM.email, `wrong ${i}`, `192.0.2.${i + 1}`);
      expect(reply.body.error?.code).toBe('invalid_credentials');
    }
    const locked = await d.alpha.login(SAM.email, PASSWORD.alpha, '192.0.2.99');
    expect([locked.reply.status, locked.reply.body.error?.code]).toEqual([429, 'rate_limited']);
    expect((await d.beta.login(SAM.email, PASSWORD.beta, '192.0.2.99')).reply.body.step).toBe('authenticated');
    // Beta's account has had no failure: all five tries are still there, then the sixth is refused.
    for (let i = 0; i < limit; i++) {
      const { reply } = await d.beta.login(SAM.email, `wrong ${i}`, `192.0.2.${i + 1}`);
      expect(reply.body.error?.code).toBe('invalid_credentials');
    }
    expect((await d.beta.login(SAM.email, PASSWORD.beta, '192.0.2.99')).reply.status).toBe(429);
  });
});
