/**
 * Leak class: admin routes. Portal beta's admin sees beta's contacts, audit and settings only,
 * and acts on beta only: alpha's contact and organization ids answer 404 there, and an id both
 * portals have (the same account id, the same organization id) reaches beta's row alone.
 */
import { beforeEach, expect, it } from 'vitest';
import { adminContactResetPath } from '../../protocol/routes.js';
import type { TwoFactorStore } from '../../server/index.js';
import { ANN, BOB, onBothDatabases, ORG, PHONE, SAM, twoPortals, type Browser, type Deployment } from './support.js';

/** Locks a user's code step through the store: one wrong try at a live code, with a lock after one. */
async function lockCodeStep(store: TwoFactorStore, userId: string, now: number) {
  const sessionIdHash = `locking-${userId}`;
  const { generation } = await store.getSettings();
  // A code that is current: a login code to the enrolled phone, else an enrollment code.
  const { enrollment } = await store.getFactorState(userId);
  const purpose = enrollment?.generation === generation ? 'login' : 'enroll';
  const phone = enrollment?.phone ?? '+12025550100';
  await store.createSession({ idHash: sessionIdHash, userId, status: 'pending', step: 'verify', amr: 'pwd', createdAt: now, expiresAt: now + 600_000, lastSeenAt: now, ip: '192.0.2.9', generation });
  await store.putCode({ sessionIdHash, userId, purpose, phone, codeHash: 'right', sentAt: now, expiresAt: now + 300_000, generation });
  const tried = await store.tryCode({ userId, sessionIdHash, purpose, codeHash: 'wrong', tryId: `lock-${userId}`, now, maxAttempts: 5, lock: { windowMs: 900_000, lockAfter: 1, lockMs: 900_000, hardLockAfter: 100 } });
  if (tried.kind !== 'rejected' || !tried.lockedNow) throw new Error(`could not lock ${userId}: ${JSON.stringify(tried)}`);
  await store.deleteSession(sessionIdHash);
}

onBothDatabases("a portal's admin sees and changes that portal only", (db) => {
  let d: Deployment;
  let betaAdmin: Browser;
  beforeEach(async () => {
    d = await twoPortals(db());
    // Alpha has a history: 2FA on, Sam enrolled and signed in, a failed sign-in of Ann.
    await d.alpha.settings(true);
    await d.alpha.enrolled(SAM.email, PHONE.alpha);
    await d.alpha.login(ANN.email, 'wrong password');
    betaAdmin = await d.beta.admin();
  });

  it("lists beta's contacts only, with beta's state of an account id alpha has too", async () => {
    await lockCodeStep(d.alpha.store, SAM.id, d.clock.now);
    const { status, body } = await betaAdmin.get('/admin/contacts');
    expect(status).toBe(200);
    expect(body.contacts.map((c: { id: string; name: string }) => [c.id, c.name])).toEqual([
      [SAM.id, 'Sam of beta'],
      [BOB.id, 'beta only'],
    ]);
    const sam = body.contacts.find((c: { id: string }) => c.id === SAM.id);
    // Alpha's Sam is enrolled, signed in and has had an SMS; beta's has done nothing.
    expect(sam).toMatchObject({ organizationId: ORG.shared, organizationPolicy: 'inherit', lastLoginAt: null, twoFactor: { state: 'none', maskedPhone: null, locked: false, lastDelivery: null } });

    expect((await betaAdmin.get(`/admin/contacts?organizationId=${ORG.alpha}`)).body.contacts).toEqual([]);
    expect((await betaAdmin.get(`/admin/contacts?organizationId=${ORG.shared}`)).body.contacts.map((c: { name: string }) => c.name)).toEqual(['Sam of beta']);

    // And the other way round: alpha's view is alpha's.
    const alpha = (await (await d.alpha.admin()).get('/admin/contacts')).body.contacts;
    expect(alpha.map((c: { id: string; name: string }) => [c.id, c.name])).toEqual([
      [SAM.id, 'Sam of alpha'],
      [ANN.id, 'alpha only'],
    ]);
    expect(alpha[0]).toMatchObject({ twoFactor: { state: 'enrolled', maskedPhone: 'xxx-xxx-0143', locked: true, lastDelivery: { status: 'queued' } } });
    expect(alpha[0].lastLoginAt).not.toBeNull();
  });

  it("lists beta's audit events only, also for a subject id alpha has", async () => {
    const alphaIds = new Set((await d.alpha.store.listAudit({ limit: 1000 })).map((e) => e.id));
    expect(alphaIds.size).toBeGreaterThan(5);
    const { status, body } = await betaAdmin.get('/admin/audit?limit=500');
    expect(status).toBe(200);
    const betaIds = (await d.beta.store.listAudit({ limit: 1000 })).map((e) => e.id);
    expect(body.events.map((e: { id: number }) => e.id)).toEqual(betaIds);
    expect(body.events.filter((e: { id: number }) => alphaIds.has(e.id))).toEqual([]);
    for (const subject of [SAM.id, ANN.id]) {
      expect((await betaAdmin.get(`/admin/audit?subjectId=${subject}`)).body.events).toEqual([]);
    }
  });

  it("shows beta's settings, and changing them leaves alpha's enabled and generation alone", async () => {
    expect((await betaAdmin.get('/admin/settings')).body).toMatchObject({ enabled: false, allowOptOut: false, generation: 0 });
    const alphaBefore = await d.alpha.store.getSettings();
    expect(alphaBefore).toMatchObject({ enabled: true, generation: 1 });

    for (const next of [
      { enabled: true, allowOptOut: true },
      { enabled: false, allowOptOut: false },
      { enabled: true, allowOptOut: false },
    ]) {
      expect((await betaAdmin.put('/admin/settings', next)).status).toBe(200);
    }
    expect((await betaAdmin.get('/admin/settings')).body).toMatchObject({ enabled: true, allowOptOut: false, generation: 2 });
    expect(await d.alpha.store.getSettings()).toEqual(alphaBefore);
    // Alpha's Sam is still enrolled in alpha's generation: signing in asks for a code.
    expect((await d.alpha.login(SAM.email)).reply.body.step).toBe('verify');

    // Alpha switching off leaves beta on.
    expect((await (await d.alpha.admin()).put('/admin/settings', { enabled: false, allowOptOut: false })).status).toBe(200);
    expect(await d.beta.store.getSettings()).toMatchObject({ enabled: true, generation: 2 });
  });

  it("answers 404 for alpha's contact ids and resets only beta's account of an id both have", async () => {
    await lockCodeStep(d.alpha.store, ANN.id, d.clock.now);
    const ann = await betaAdmin.post(adminContactResetPath(ANN.id));
    expect([ann.status, ann.body.error?.code]).toEqual([404, 'not_found']);
    expect((await d.alpha.store.getCodeLock(ANN.id))?.lockedUntil).not.toBeNull();

    const { browser: signedIn } = await d.alpha.login(SAM.email);
    expect((await signedIn.get('/session')).status).toBe(401);
    // Sam of alpha at the verify step: a pending session, a live code, an enrollment.
    const before = await db().rows('SELECT id_hash FROM cb_sessions WHERE portal_id = ? AND user_id = ?', [d.alpha.id, SAM.id]);
    expect(before.length).toBeGreaterThan(0);

    const sam = await betaAdmin.post(adminContactResetPath(SAM.id));
    expect(sam.status).toBe(200);
    expect(sam.body).toMatchObject({ id: SAM.id, name: 'Sam of beta' });
    expect((await d.alpha.store.getFactorState(SAM.id)).enrollment?.phone).toBe(PHONE.alpha);
    expect(await db().rows('SELECT id_hash FROM cb_sessions WHERE portal_id = ? AND user_id = ?', [d.alpha.id, SAM.id])).toEqual(before);
    expect((await signedIn.post('/verify', { code: d.code(PHONE.alpha) })).body.step).toBe('authenticated');
    const audit = await d.alpha.store.listAudit({ subjectId: SAM.id });
    expect(audit.filter((e) => e.type === 'two_factor.reset')).toEqual([]);
  });

  it("resetting beta's account of an id alpha has too leaves alpha's \"Skip for Now\"", async () => {
    await (await d.alpha.admin()).put('/admin/settings', { enabled: true, allowOptOut: true });
    await (await d.alpha.admin()).post(adminContactResetPath(SAM.id));
    const { browser } = await d.alpha.login(SAM.email);
    expect((await browser.post('/enroll/skip')).body.step).toBe('authenticated');
    expect((await d.alpha.store.getFactorState(SAM.id)).skip).not.toBeNull();

    expect((await betaAdmin.post(adminContactResetPath(SAM.id))).status).toBe(200);
    expect((await d.alpha.store.getFactorState(SAM.id)).skip).not.toBeNull();
    expect((await d.alpha.login(SAM.email)).reply.body.step).toBe('authenticated');
  });

  it("answers 404 for alpha's organization ids and sets only beta's policy of an id both have", async () => {
    const alphaOnly = await betaAdmin.put(`/admin/organizations/${ORG.alpha}/two-factor`, { policy: 'exempt' });
    expect([alphaOnly.status, alphaOnly.body.error?.code]).toEqual([404, 'not_found']);
    expect((await d.alpha.store.accounts.getOrganization(ORG.alpha))?.twoFactorPolicy ?? 'inherit').toBe('inherit');

    const shared = await betaAdmin.put(`/admin/organizations/${ORG.shared}/two-factor`, { policy: 'exempt' });
    expect(shared.status).toBe(200);
    expect(shared.body).toEqual({ id: ORG.shared, name: 'Shared Beta', policy: 'exempt' });
    expect((await d.alpha.store.accounts.getOrganization(ORG.shared))?.twoFactorPolicy ?? 'inherit').toBe('inherit');
    // Alpha's Sam still needs a code; beta's contacts view shows the change, alpha's does not.
    expect((await d.alpha.login(SAM.email)).reply.body.step).toBe('verify');
    const alphaContacts = (await (await d.alpha.admin()).get('/admin/contacts')).body.contacts;
    expect(alphaContacts.map((c: { organizationPolicy: string }) => c.organizationPolicy)).toEqual(['inherit', 'inherit']);
    expect((await d.alpha.store.listAudit()).filter((e) => e.type === 'organization.policy_changed')).toEqual([]);
  });

  it("reads each account with its own portal's policy of an organization id both have", async () => {
    // Both orders, so that a join on the organization id alone fails whichever row it meets first.
    await (await d.alpha.admin()).put(`/admin/organizations/${ORG.shared}/two-factor`, { policy: 'exempt' });
    await betaAdmin.put(`/admin/organizations/${ORG.shared}/two-factor`, { policy: 'required' });
    expect((await d.alpha.store.accounts.getAccount(SAM.id))?.organizationPolicy).toBe('exempt');
    expect((await d.beta.store.accounts.getAccount(SAM.id))?.organizationPolicy).toBe('required');
    expect((await d.alpha.store.accounts.findAccountByEmail(SAM.email))?.organizationPolicy).toBe('exempt');
    expect((await d.beta.store.accounts.findAccountByEmail(SAM.email))?.organizationPolicy).toBe('required');
    // And the sign-ins follow: alpha's Sam needs no code, beta's Sam may not skip enrolling.
    expect((await d.alpha.login(SAM.email)).reply.body.step).toBe('authenticated');
    await d.beta.settings(true, true);
    expect((await d.beta.login(SAM.email)).reply.body).toMatchObject({ step: 'enroll', canSkip: false });
  });
});
