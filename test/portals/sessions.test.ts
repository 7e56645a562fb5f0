/**
 * Leak class: sessions. A session cookie of portal alpha, pending or complete, sent to portal
 * beta is no session there: not for the router's routes, not for the host's own routes behind
 * `requireSession`, and a pending login of alpha cannot run beta's steps. Two layers hold this:
 * the session id hash names the portal, and every session query filters by portal; each layer is
 * tested on its own below.
 */
import { beforeEach, expect, it } from 'vitest';
import { ADMIN, onBothDatabases, PHONE, SAM, twoPortals, type Deployment } from './support.js';

onBothDatabases('sessions of one portal are no sessions in another', (db) => {
  let d: Deployment;
  beforeEach(async () => {
    d = await twoPortals(db());
  });

  it("alpha's complete session cookie is not signed in at beta (GET /session, GET /admin/*, requireSession)", async () => {
    const { browser: alpha, reply } = await d.alpha.login(ADMIN.email);
    expect(reply.body.step).toBe('authenticated');
    expect((await alpha.get('/session')).status).toBe(200);
    expect((await alpha.get('/api/dashboard')).status).toBe(200);

    const replayed = alpha.at(d.beta.host);
    // The same account id and email exist in beta: a portal-blind lookup would find a user.
    for (const path of ['/session', '/admin/settings', '/admin/contacts', '/admin/audit', '/api/dashboard']) {
      const res = await replayed.get(path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 401, 'unauthorized']);
    }
    expect((await replayed.post('/opt-in')).status).toBe(401);
    expect((await replayed.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(401);
    expect((await d.beta.store.getSettings()).enabled).toBe(false);

    // Logging out at beta with alpha's cookie ends nothing at alpha.
    await replayed.post('/logout');
    expect((await alpha.get('/session')).status).toBe(200);
  });

  it("alpha's pending login cannot run beta's steps: enroll, confirm, skip, verify, resend, delivery", async () => {
    await d.alpha.settings(true, true);
    await d.beta.settings(true, true);
    const { browser: alpha, reply } = await d.alpha.login(SAM.email);
    expect(reply.body).toEqual({ step: 'enroll', canSkip: true });

    const replayed = alpha.at(d.beta.host);
    expect((await replayed.get('/session')).status).toBe(401);
    expect((await replayed.get('/api/dashboard')).status).toBe(401);
    for (const [path, body] of [
      ['/enroll/phone', { phone: PHONE.beta }],
      ['/enroll/confirm', { code: '123456' }],
      ['/enroll/skip', {}],
      ['/verify', { code: '123456' }],
      ['/resend', {}],
    ] as const) {
      const res = await replayed.post(path, body);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 401, 'unauthorized']);
    }
    expect((await replayed.get('/delivery')).status).toBe(401);
    expect(d.outbox.outbox).toHaveLength(0);
    expect(await d.beta.store.getFactorState(SAM.id)).toEqual({ enrollment: null, skip: null });

    // The pending login still works where it belongs.
    expect((await alpha.post('/enroll/skip')).body.step).toBe('authenticated');
  });

  it("alpha's pending verify login cannot be completed at beta with alpha's own code", async () => {
    await d.alpha.settings(true);
    await d.beta.settings(true);
    await d.beta.enrolled(SAM.email, PHONE.beta);
    const alpha = await d.alpha.atVerify(SAM.email, PHONE.alpha);
    const code = d.code(PHONE.alpha);

    const replayed = alpha.at(d.beta.host);
    const res = await replayed.post('/verify', { code });
    expect([res.status, res.body.error?.code]).toEqual([401, 'unauthorized']);
    expect((await replayed.get('/session')).status).toBe(401);
    expect((await alpha.post('/verify', { code })).body.step).toBe('authenticated');
  });

  it('the same cookie value in both portals names two sessions: the id hash names the portal', async () => {
    // Both logins draw the same 32 bytes: one cookie value, held in alpha and in beta.
    d.random.nextToken(7);
    const { browser: alpha } = await d.alpha.login(ADMIN.email);
    d.random.nextToken(7);
    const { browser: beta } = await d.beta.login(ADMIN.email);
    expect(beta.cookies).toEqual(alpha.cookies);

    const hashes = await db().rows('SELECT portal_id, id_hash FROM cb_sessions WHERE portal_id IN (?, ?)', [d.alpha.id, d.beta.id]);
    expect(hashes).toHaveLength(2);
    expect(hashes[0]!.id_hash).not.toBe(hashes[1]!.id_hash);

    // Each portal sees its own session; ending one leaves the other.
    expect((await alpha.get('/session')).body.user.name).toBe('alpha admin');
    expect((await beta.get('/session')).body.user.name).toBe('beta admin');
    await beta.post('/logout');
    expect((await alpha.get('/session')).status).toBe(200);
  });

  it("beta's store finds, steps, promotes, touches and deletes none of alpha's sessions by their stored id", async () => {
    await d.alpha.settings(true);
    await d.alpha.store.deleteUserSessions(ADMIN.id);
    const { browser: complete } = await d.alpha.login(ADMIN.email);
    expect((await complete.get('/session')).status).toBe(200);
    await d.alpha.login(SAM.email);
    const stored = await db().rows('SELECT id_hash, status, step, last_seen_at, expires_at FROM cb_sessions WHERE portal_id = ? ORDER BY status', [d.alpha.id]);
    expect(stored.map((r) => r.status)).toEqual(['complete', 'pending']);
    const [completeHash, pendingHash] = stored.map((r) => String(r.id_hash)) as [string, string];

    const beta = d.beta.store;
    expect(await beta.findSession(completeHash)).toBeNull();
    expect(await beta.findSession(pendingHash)).toBeNull();
    await beta.setSessionStep(pendingHash, 'verify');
    expect(await beta.promoteSession(pendingHash, { idHash: 'stolen', amr: 'pwd sms', expiresAt: d.clock.now + 3_600_000, lastSeenAt: d.clock.now })).toBe(false);
    await beta.touchSession(completeHash, d.clock.now + 1);
    await beta.deleteSession(completeHash);
    await beta.deleteUserSessions(SAM.id);
    await beta.deleteUserSessions(ADMIN.id);

    const after = await db().rows('SELECT id_hash, status, step, last_seen_at, expires_at FROM cb_sessions WHERE portal_id = ? ORDER BY status', [d.alpha.id]);
    expect(after).toEqual(stored);
    expect((await complete.get('/session')).status).toBe(200);
  });
});
