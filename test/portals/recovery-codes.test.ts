/**
 * Leak class: recovery codes. A recovery code of portal alpha never signs in portal beta's
 * account of the same id and email: its MAC names the portal and the account, and the store's
 * queries filter by portal. A wrong try in beta counts on beta's lock only; the code still works
 * in alpha, and beta's admin reset leaves alpha's codes alone.
 */
import { beforeEach, expect, it } from 'vitest';
import { onBothDatabases, PHONE, SAM, twoPortals, type Deployment } from './support.js';

onBothDatabases("one portal's recovery codes never sign in another portal's account", (db) => {
  let d: Deployment;
  beforeEach(async () => {
    d = await twoPortals(db());
    for (const side of [d.alpha, d.beta]) {
      const res = await (await side.admin()).put('/admin/settings', { enabled: true, allowOptOut: false, recoveryCodes: true });
      expect(res.body.recoveryCodes).toBe(true);
    }
  });

  it("alpha's code is a wrong code in beta, counted there; it still signs in alpha, and beta's reset leaves it", async () => {
    const alpha = await d.alpha.enrolled(SAM.email, PHONE.alpha);
    const codes: string[] = (await alpha.post('/recovery-codes')).body.codes;
    expect(codes).toHaveLength(10);
    const beta = await d.beta.atVerify(SAM.email, PHONE.beta);
    const stolen = await beta.post('/verify', { recoveryCode: codes[0] });
    expect([stolen.status, stolen.body.error?.code]).toEqual([400, 'invalid_code']);
    expect((await d.beta.store.getCodeLock(SAM.id))?.windowFailures).toBe(1);
    expect((await d.alpha.store.getCodeLock(SAM.id))?.windowFailures ?? 0).toBe(0);
    expect((await (await d.beta.admin()).post(`/admin/contacts/${SAM.id}/two-factor/reset`)).status).toBe(200);
    expect(await d.alpha.store.countRecoveryCodes([SAM.id])).toEqual(new Map([[SAM.id, 10]]));

    d.clock.advance(31);
    const { browser, reply } = await d.alpha.login(SAM.email);
    expect(reply.body.step).toBe('verify');
    expect((await browser.post('/verify', { recoveryCode: codes[0] })).body.step).toBe('authenticated');
    expect((await browser.get('/session')).body.recoveryCodesLeft).toBe(9);
  });

  it("beta's policy is beta's: off there, its routes answer 403 while alpha's work", async () => {
    await (await d.beta.admin()).put('/admin/settings', { enabled: true, allowOptOut: false, recoveryCodes: false });
    const alpha = await d.alpha.enrolled(SAM.email, PHONE.alpha);
    const beta = await d.beta.enrolled(SAM.email, PHONE.beta);
    expect((await alpha.post('/recovery-codes')).status).toBe(200);
    expect((await beta.post('/recovery-codes')).status).toBe(403);
    expect((await beta.get('/session')).body.recoveryCodesLeft).toBeNull();
  });
});
