/**
 * Leak class: codes. A code sent for a login of portal alpha never completes a login of portal
 * beta, even for the same account id and email and the same cookie value (both portals drawing
 * the same session token here). Layers: the code's MAC names the portal and the login (whose id
 * hash names the portal too); the code queries filter by portal. The last test holds the filter
 * alone, below the MACs.
 */
import { beforeEach, expect, it } from 'vitest';
import type { CodeTryInput } from '../../server/index.js';
import { onBothDatabases, PHONE, SAM, twoPortals, type Deployment } from './support.js';

const lock = { windowMs: 900_000, lockAfter: 10, lockMs: 900_000, hardLockAfter: 100 };

onBothDatabases("one portal's codes never verify another portal's logins", (db) => {
  let d: Deployment;
  beforeEach(async () => {
    d = await twoPortals(db());
    await d.alpha.settings(true);
    await d.beta.settings(true);
  });

  it("alpha's login code does not verify beta's login of the same account under the same cookie value", async () => {
    await d.alpha.enrolled(SAM.email, PHONE.alpha);
    await d.beta.enrolled(SAM.email, PHONE.beta);
    d.random.nextToken(9);
    d.random.nextCode('111111');
    const { browser: alpha, reply: a } = await d.alpha.login(SAM.email);
    d.random.nextToken(9);
    d.random.nextCode('222222');
    const { browser: beta, reply: b } = await d.beta.login(SAM.email);
    expect([a.body.step, b.body.step]).toEqual(['verify', 'verify']);
    expect(beta.cookies).toEqual(alpha.cookies);
    expect([d.code(PHONE.alpha), d.code(PHONE.beta)]).toEqual(['111111', '222222']);

    const stolen = await beta.post('/verify', { code: '111111' });
    expect([stolen.status, stolen.body.error?.code]).toEqual([400, 'invalid_code']);
    expect((await beta.get('/session')).status).toBe(401);
    // Beta's wrong try is beta's: alpha's account and code are untouched.
    expect(await d.alpha.store.getCodeLock(SAM.id)).toMatchObject({ windowFailures: 0, consecutiveFailures: 0 });
    expect((await d.beta.store.getCodeLock(SAM.id))?.windowFailures).toBe(1);

    expect((await alpha.post('/verify', { code: '111111' })).body.step).toBe('authenticated');
    expect((await beta.post('/verify', { code: '222222' })).body.step).toBe('authenticated');
  });

  it("alpha's enrollment code does not confirm beta's enrollment of the same account under the same cookie value", async () => {
    d.random.nextToken(11);
    const { browser: alpha } = await d.alpha.login(SAM.email);
    d.random.nextCode('444444');
    expect((await alpha.post('/enroll/phone', { phone: PHONE.alpha })).status).toBe(200);
    d.random.nextToken(11);
    const { browser: beta } = await d.beta.login(SAM.email);
    d.random.nextCode('555555');
    expect((await beta.post('/enroll/phone', { phone: PHONE.beta })).status).toBe(200);
    expect(beta.cookies).toEqual(alpha.cookies);

    const stolen = await beta.post('/enroll/confirm', { code: '444444' });
    expect([stolen.status, stolen.body.error?.code]).toEqual([400, 'invalid_code']);
    expect((await d.beta.store.getFactorState(SAM.id)).enrollment).toBeNull();
    expect((await beta.post('/enroll/confirm', { code: '555555' })).body.step).toBe('login');
    expect((await alpha.post('/enroll/confirm', { code: '444444' })).body.step).toBe('login');
    expect((await d.alpha.store.getFactorState(SAM.id)).enrollment?.phone).toBe(PHONE.alpha);
    expect((await d.beta.store.getFactorState(SAM.id)).enrollment?.phone).toBe(PHONE.beta);
  });

  it('the same cookie value and the same code in both portals are two codes: using one leaves the other live', async () => {
    await d.alpha.enrolled(SAM.email, PHONE.alpha);
    await d.beta.enrolled(SAM.email, PHONE.beta);
    // Queued for both logins: each draws one token, then one code.
    for (let i = 0; i < 2; i++) {
      d.random.nextToken(13);
      d.random.nextCode('333333');
    }
    const { browser: alpha } = await d.alpha.login(SAM.email);
    const { browser: beta } = await d.beta.login(SAM.email);
    expect(beta.cookies).toEqual(alpha.cookies);

    expect((await beta.post('/verify', { code: '333333' })).body.step).toBe('authenticated');
    const codes = await db().rows('SELECT portal_id, code_hash, consumed_at FROM cb_codes WHERE portal_id IN (?, ?) AND sent_at = ? ORDER BY portal_id', [
      d.alpha.id,
      d.beta.id,
      d.clock.now,
    ]);
    // One secret, one code, one cookie value: the MAC binds the login, whose id hash names the
    // portal, so the two rows differ and only beta's is used.
    expect(codes[0]!.code_hash).not.toBe(codes[1]!.code_hash);
    expect(codes.map((c) => c.consumed_at !== null)).toEqual([false, true]);
    expect((await alpha.post('/verify', { code: '333333' })).body.step).toBe('authenticated');
  });

  it("beta's store reads, tries and settles none of alpha's codes by their stored session id and MAC", async () => {
    await d.alpha.atVerify(SAM.email, PHONE.alpha);
    const snapshot = async () => ({
      codes: await db().rows('SELECT session_id_hash, code_hash, attempts, consumed_at, expires_at FROM cb_codes WHERE portal_id = ? ORDER BY sent_at', [d.alpha.id]),
      locks: await db().rows('SELECT * FROM cb_code_locks WHERE portal_id = ?', [d.alpha.id]),
    });
    const before = await snapshot();
    const live = before.codes.find((c) => c.consumed_at === null)!;
    const sessionIdHash = String(live.session_id_hash);

    const beta = d.beta.store;
    expect(await beta.getCode(sessionIdHash)).toBeNull();
    const attempt = (codeHash: string | null, tryId: string): CodeTryInput => ({
      userId: SAM.id,
      sessionIdHash,
      purpose: 'login',
      codeHash,
      tryId,
      now: d.clock.now,
      maxAttempts: 5,
      lock,
    });
    expect((await beta.tryCode(attempt(String(live.code_hash), 'try-right'))).kind).toBe('unusable');
    expect((await beta.tryCode(attempt('not-the-mac', 'try-wrong'))).kind).toBe('unusable');
    const wrong = await beta.tryCode(attempt(null, 'try-null'));
    expect(wrong.kind).toBe('unusable');
    expect(
      await beta.settleApprovedTry({ userId: SAM.id, sessionIdHash, purpose: 'login', tryId: 'try-null', windowStartedAt: d.clock.now, windowMs: lock.windowMs, now: d.clock.now }),
    ).toBeNull();

    expect(await snapshot()).toEqual(before);
    const alpha = d.alpha.store;
    expect((await alpha.getCode(sessionIdHash))?.attempts).toBe(0);
  });
});
