/**
 * Every method of `TwoFactorStore` and `AccountStore`, called on portal beta's store with portal
 * alpha's ids: user ids, emails, session id hashes, organization ids, message ids, tries. Alpha
 * holds a row in every portal table; beta has no data of its own. Each call must find nothing of
 * alpha's, and alpha's rows must be the same, byte for byte, after the whole walk. Then beta
 * writes rows under alpha's very keys and destroys them again, and alpha still does not change.
 *
 * The walk is a record keyed by method name, so TypeScript refuses it when an interface method is
 * missing, and the test refuses it when the store's class has a method the walk does not name.
 */
import { expect, it } from 'vitest';
import type { AccountStore, AuditEvent, TwoFactorStore } from '../../server/index.js';
import { createHmac } from '../../server/crypto/hash.js';
import { limitKey } from '../../server/services/limits.js';
import { pgStore, type PgDb } from '../../server/store/drizzle/pg/store.js';
import { sqliteStore, type SqliteDb } from '../../server/store/drizzle/sqlite/store.js';
import { ADMIN, ANN, onBothDatabases, ORG, PHONE, SAM, SECRET, twoPortals, type TestDb } from './support.js';

type MethodName<T> = { [K in keyof T]-?: NonNullable<T[K]> extends (...args: never[]) => unknown ? K : never }[keyof T];
type Step = () => Promise<void>;

/** Members of the interfaces that are not data methods: the store's portal, and its two facets. */
const NOT_METHODS = ['portalId', 'portals', 'accounts'];
/** Private helpers of a dialect's class, not of the interface. A new interface method belongs in the walk, not here. */
const CLASS_HELPERS = new Set(['atomically', 'atomicallyRendered']);

/** The functions an object offers: its prototype chain's methods (getters aside) and its own function fields. */
function methodNames(o: object): string[] {
  const names = new Set<string>();
  for (const [k, v] of Object.entries(o)) if (typeof v === 'function') names.add(k);
  for (let p = Object.getPrototypeOf(o); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const [k, desc] of Object.entries(Object.getOwnPropertyDescriptors(p))) {
      if (k !== 'constructor' && typeof desc.value === 'function' && !CLASS_HELPERS.has(k)) names.add(k);
    }
  }
  return [...names].sort();
}

async function portalTables(t: TestDb): Promise<string[]> {
  const rows =
    t.dialect === 'pg'
      ? await t.rows("SELECT table_name AS name FROM information_schema.columns WHERE column_name = 'portal_id' AND table_schema = current_schema()")
      : await t.rows("SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'portal_id'");
  return rows.map((r) => String(r.name)).sort();
}

/** Every row of a portal, in every table that has a `portal_id`, plus its own record. */
async function rowsOf(t: TestDb, tables: string[], portalId: string) {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    out[table] = (await t.rows(`SELECT * FROM ${table} WHERE portal_id = ?`, [portalId])).map((r) => JSON.stringify(r)).sort();
  }
  out.cb_portals = (await t.rows('SELECT * FROM cb_portals WHERE id = ?', [portalId])).map((r) => JSON.stringify(r));
  return out;
}

onBothDatabases("every store method, on another portal with one portal's ids, finds and changes nothing of it", (db) => {
  it('walks every method of TwoFactorStore and AccountStore', async () => {
    const t = db();
    const d = await twoPortals(t, { seeded: ['alpha'] });
    const root: TwoFactorStore = t.dialect === 'pg' ? pgStore(t.db as PgDb) : sqliteStore(t.db as SqliteDb);
    const alpha = root.forPortal(d.alpha.id);
    const beta = root.forPortal(d.beta.id);
    const now = d.clock.now;

    // Alpha: 2FA on, Sam enrolled with a pending login, its code and one counted wrong try (of a
    // provider-checked code, so settling it would take the failure back), the admin signed in,
    // Ann skipped, an SMS tracked, events audited, a rate-limit counter, an organization policy.
    const { generation } = await alpha.updateSettings({ enabled: true, allowOptOut: true, enforceFrom: Date.UTC(2027, 0, 15) }, now, ADMIN.id);
    expect(await alpha.enroll(SAM.id, PHONE.alpha, generation, now)).toBe(true);
    expect(await alpha.skip(ANN.id, generation, now)).toBe(true);
    const pending = { idHash: 'alpha-pending', userId: SAM.id, status: 'pending', step: 'verify', amr: 'pwd', createdAt: now, expiresAt: now + 600_000, lastSeenAt: now, ip: '192.0.2.1', generation } as const;
    const complete = { ...pending, idHash: 'alpha-complete', userId: ADMIN.id, status: 'complete', step: null, expiresAt: now + 3_600_000 } as const;
    await alpha.createSession(pending);
    await alpha.createSession(complete);
    await alpha.putCode({ sessionIdHash: pending.idHash, userId: SAM.id, purpose: 'login', phone: PHONE.alpha, codeHash: 'alpha-mac', sentAt: now, expiresAt: now + 300_000, generation });
    const lock = { windowMs: 900_000, lockAfter: 10, lockMs: 900_000, hardLockAfter: 100 };
    // Sam's recovery codes, one of them spent.
    await alpha.replaceRecoveryCodes(SAM.id, ['alpha-recovery', 'alpha-recovery-spent'], now);
    expect(await alpha.tryRecoveryCode({ userId: SAM.id, codeHash: 'alpha-recovery-spent', tryId: 'alpha-recovery-try', now, lock })).toEqual({ kind: 'accepted', left: 1 });
    const attempt = { userId: SAM.id, sessionIdHash: pending.idHash, purpose: 'login', now, maxAttempts: 5, lock } as const;
    // Sam's trusted device, bound to his alpha enrollment, and used once.
    const device = { idHash: 'alpha-device', userId: SAM.id, phone: PHONE.alpha, generation, label: 'Chrome on macOS', createdAt: now, lastUsedAt: now, expiresAt: now + 30 * 86_400_000 };
    const deviceAge = 30 * 86_400_000;
    await alpha.createTrustedDevice(device);
    await alpha.requestReset(SAM.id, now, '203.0.113.7');
    expect(await alpha.useTrustedDevice(device.idHash, SAM.id, now, deviceAge)).toBe(true);
    const counted = await alpha.tryCode({ ...attempt, codeHash: null, tryId: 'alpha-try' });
    expect(counted.kind).toBe('rejected');
    const windowStartedAt = counted.kind === 'rejected' ? counted.windowStartedAt : 0;
    // Ann: one login with a live enrollment code and the code step locked by a wrong try, and
    // one with a code of an older generation (stale).
    const annLogin = { ...pending, idHash: 'alpha-ann', userId: ANN.id, step: 'confirm' } as const;
    const annStale = { ...annLogin, idHash: 'alpha-ann-stale' } as const;
    await alpha.createSession(annLogin);
    await alpha.createSession(annStale);
    const annCode = { userId: ANN.id, purpose: 'enroll', phone: '+12025550111', codeHash: 'alpha-ann-mac', sentAt: now, expiresAt: now + 300_000 } as const;
    await alpha.putCode({ ...annCode, sessionIdHash: annLogin.idHash, generation });
    await alpha.putCode({ ...annCode, sessionIdHash: annStale.idHash, generation: generation - 1 });
    const lockNow = { ...lock, lockAfter: 1 };
    const annAttempt = { userId: ANN.id, purpose: 'enroll', now, maxAttempts: 5, lock: lockNow } as const;
    expect(await alpha.tryCode({ ...annAttempt, sessionIdHash: annLogin.idHash, codeHash: 'wrong', tryId: 'alpha-ann-try' })).toMatchObject({ kind: 'rejected', lockedNow: true });
    const messageId = `SM-walk-${d.alpha.id}`;
    await alpha.recordSmsDelivery({ messageId, userId: SAM.id, sessionIdHash: pending.idHash, status: 'queued', rank: 1, sentAt: now });
    await alpha.audit([
      { at: now, type: 'login.succeeded', actorId: SAM.id, subjectId: SAM.id, ip: '192.0.2.1' },
      { at: now, type: 'code.sent', actorId: SAM.id, subjectId: SAM.id, ip: '192.0.2.1', detail: { purpose: 'login' } },
    ]);
    expect(await alpha.accounts.setOrganizationPolicy(ORG.shared, 'required')).not.toBeNull();
    const hmac = createHmac(SECRET);
    const window = { limit: 5, windowSeconds: 900 };
    const alphaKey = (await limitKey({ hmac, store: alpha }, 'login.account', SAM.email, window)).key;
    const betaKey = (await limitKey({ hmac, store: beta }, 'login.account', SAM.email, window)).key;
    await alpha.hit(alphaKey, 900_000, now);
    const alphaHash = (await alpha.accounts.getAccount(SAM.id))!.passwordHash;

    const tables = await portalTables(t);
    expect(tables).toEqual(expect.arrayContaining(['cb_accounts', 'cb_audit_events', 'cb_code_locks', 'cb_codes', 'cb_enrollments', 'cb_organizations', 'cb_recovery_codes', 'cb_sessions', 'cb_skips', 'cb_reset_requests', 'cb_sms_deliveries', 'cb_trusted_devices']));
    const before = await rowsOf(t, tables, d.alpha.id);
    // The walk means something only where alpha has rows: every portal table holds some.
    expect(Object.entries(before).filter(([, rows]) => rows.length === 0)).toEqual([]);
    const counter = async () => t.rows('SELECT * FROM cb_rate_limits WHERE key = ?', [alphaKey]);
    const counterBefore = await counter();
    expect(counterBefore).toHaveLength(1);

    // Reads and conditional writes first, while beta has nothing; then the writes that create
    // beta's own rows under alpha's keys.
    const accountsWalk: Record<MethodName<AccountStore>, Step> = {
      findAccountByEmail: async () => {
        expect(await beta.accounts.findAccountByEmail(SAM.email)).toBeNull();
        expect(await beta.accounts.findAccountByEmail(ANN.email)).toBeNull();
      },
      getAccount: async () => {
        for (const id of [SAM.id, ANN.id, ADMIN.id]) expect(await beta.accounts.getAccount(id)).toBeNull();
      },
      listContacts: async () => {
        expect(await beta.accounts.listContacts()).toEqual([]);
        expect(await beta.accounts.listContacts(ORG.shared)).toEqual([]);
      },
      listOrganizations: async () => expect(await beta.accounts.listOrganizations()).toEqual([]),
      getOrganization: async () => expect(await beta.accounts.getOrganization(ORG.shared)).toBeNull(),
      setOrganizationPolicy: async () => expect(await beta.accounts.setOrganizationPolicy(ORG.shared, 'exempt')).toBeNull(),
      updatePasswordHash: async () => expect(await beta.accounts.updatePasswordHash(SAM.id, 'taken-over', alphaHash)).toBe(false),
      ensureOrganization: async () => {
        await beta.accounts.ensureOrganization({ id: ORG.shared, name: 'Beta copy' });
        expect(await beta.accounts.getOrganization(ORG.shared)).toMatchObject({ name: 'Beta copy' });
      },
      ensureAccount: async () => {
        await beta.accounts.ensureAccount({ id: SAM.id, email: SAM.email, name: 'Beta Sam', passwordHash: 'beta-hash', organizationId: ORG.shared, role: 'contact', masterAdmin: false });
        expect(await beta.accounts.findAccountByEmail(SAM.email)).toMatchObject({ name: 'Beta Sam', passwordHash: 'beta-hash' });
      },
    };

    const storeWalk: Record<MethodName<TwoFactorStore>, Step> = {
      forPortal: async () => {
        expect(beta.forPortal(d.beta.id)).toBe(beta);
        expect(beta.forPortal(d.alpha.id).portalId).toBe(d.alpha.id);
      },
      getSettings: async () => expect(await beta.getSettings()).toMatchObject({ enabled: false, allowOptOut: false, generation: 0, enforceFrom: null }),
      getFactorState: async () => {
        for (const id of [SAM.id, ANN.id]) expect(await beta.getFactorState(id)).toEqual({ enrollment: null, skip: null });
      },
      getStanding: async () => {
        // beta's own settings (2FA on there too), and none of alpha's enrollments or skips.
        for (const id of [SAM.id, ANN.id]) expect((await beta.getStanding!(id)).state).toEqual({ enrollment: null, skip: null });
      },
      getFactorStates: async () => expect((await beta.getFactorStates([SAM.id, ANN.id])).size).toBe(0),
      portalFactors: async () => expect(await beta.portalFactors()).toEqual({ states: new Map(), locks: new Map(), lastLogins: new Map(), resetRequests: new Map() }),
      findSession: async () => {
        expect(await beta.findSession(pending.idHash)).toBeNull();
        expect(await beta.findSession(complete.idHash)).toBeNull();
      },
      findSessionWithAccount: async () => {
        expect(await beta.findSessionWithAccount!(pending.idHash)).toBeNull();
        expect(await beta.findSessionWithAccount!(complete.idHash)).toBeNull();
      },
      setSessionStep: async () => beta.setSessionStep(pending.idHash, 'enroll'),
      promoteSession: async () =>
        expect(await beta.promoteSession(pending.idHash, { idHash: 'beta-stolen', amr: 'pwd sms', expiresAt: now + 3_600_000, lastSeenAt: now })).toBe(false),
      promoteSessionAudited: async () => {
        const events: AuditEvent[] = [{ at: now, type: 'login.succeeded', actorId: SAM.id, subjectId: SAM.id, ip: null }];
        expect(await beta.promoteSessionAudited!(pending.idHash, { idHash: 'beta-stolen-2', amr: 'pwd sms', expiresAt: now + 3_600_000, lastSeenAt: now }, events)).toBe(false);
        // Nothing written for the portal that lost, nor for the one it tried.
        expect(await beta.listAudit({ subjectId: SAM.id })).toEqual([]);
      },
      stepUpSession: async () => expect(await beta.stepUpSession(complete.idHash, { idHash: 'beta-stepped', secondFactorAt: now, lastSeenAt: now })).toBe(false),
      touchSession: async () => beta.touchSession(complete.idHash, now + 60_000),
      getCode: async () => expect(await beta.getCode(pending.idHash)).toBeNull(),
      getCodeLock: async () => expect(await beta.getCodeLock(SAM.id)).toBeNull(),
      tryCode: async () => {
        expect((await beta.tryCode({ ...attempt, codeHash: 'alpha-mac', tryId: 'beta-right' })).kind).toBe('unusable');
        expect((await beta.tryCode({ ...attempt, codeHash: 'wrong', tryId: 'beta-wrong' })).kind).toBe('unusable');
        // Alpha's stale code is not beta's to call stale: beta has no code for that login at all.
        expect((await beta.tryCode({ ...annAttempt, lock, sessionIdHash: annStale.idHash, codeHash: 'wrong', tryId: 'beta-stale' })).kind).toBe('unusable');
      },
      tryCodeAndPromote: async () => {
        // Alpha's right code, tried through beta: nothing consumed, promoted or audited.
        const events: AuditEvent[] = [{ at: now, type: 'code.verified', actorId: SAM.id, subjectId: SAM.id, ip: null, detail: { purpose: 'login' } }];
        const next = { idHash: 'beta-stolen-3', amr: 'pwd sms', expiresAt: now + 3_600_000, lastSeenAt: now, secondFactorAt: now } as const;
        expect(await beta.tryCodeAndPromote!({ ...attempt, codeHash: 'alpha-mac', tryId: 'beta-right-promote' }, next, events)).toEqual({ result: { kind: 'unusable' }, promoted: false });
        expect(await beta.listAudit({ subjectId: SAM.id })).toEqual([]);
        expect(await beta.findSession('beta-stolen-3')).toBeNull();
      },
      settleApprovedTry: async () =>
        expect(await beta.settleApprovedTry({ userId: SAM.id, sessionIdHash: pending.idHash, purpose: 'login', tryId: 'alpha-try', windowStartedAt, windowMs: lock.windowMs, now })).toBeNull(),
      // Alpha's device cookie names no device of beta's Sam.
      useTrustedDevice: async () => expect(await beta.useTrustedDevice(device.idHash, SAM.id, now + 1, deviceAge)).toBe(false),
      listTrustedDevices: async () => expect(await beta.listTrustedDevices(SAM.id, now, 30 * 86_400_000)).toEqual([]),
      countTrustedDevices: async () => expect((await beta.countTrustedDevices([SAM.id, ANN.id], now, 30 * 86_400_000)).size).toBe(0),
      forgetTrustedDevices: async () => expect(await beta.forgetTrustedDevices(SAM.id)).toBe(0),
      // Alpha's Sam asked for a reset: beta's Sam did not, and beta cannot close alpha's request.
      resetRequestTimes: async () => expect((await beta.resetRequestTimes([SAM.id, ANN.id])).size).toBe(0),
      closeResetRequest: async () => expect(await beta.closeResetRequest(SAM.id)).toBe(false),
      requestReset: async () => {
        expect(await beta.requestReset(SAM.id, now + 5, null)).toEqual({ requestedAt: now + 5, opened: true });
        expect(await beta.requestReset(SAM.id, now + 9, null)).toEqual({ requestedAt: now + 5, opened: false });
        expect(await beta.resetRequestTimes([SAM.id, ANN.id])).toEqual(new Map([[SAM.id, now + 5]]));
      },
      countRecoveryCodes: async () => expect((await beta.countRecoveryCodes([SAM.id, ANN.id])).size).toBe(0),
      // Alpha's code is no code of beta's Sam: a wrong try on beta's own lock, nothing spent in alpha.
      tryRecoveryCode: async () =>
        expect(await beta.tryRecoveryCode({ userId: SAM.id, codeHash: 'alpha-recovery', tryId: 'beta-recovery-try', now, lock })).toEqual({ kind: 'rejected', lockedNow: false, hard: false }),
      listAudit: async () => {
        expect(await beta.listAudit()).toEqual([]);
        expect(await beta.listAudit({ subjectId: SAM.id, limit: 1000 })).toEqual([]);
      },
      lastLogins: async () => expect((await beta.lastLogins([SAM.id, ADMIN.id])).size).toBe(0),
      lastSmsDeliveries: async () => expect((await beta.lastSmsDeliveries([SAM.id])).size).toBe(0),
      sessionSmsDelivery: async () => expect(await beta.sessionSmsDelivery(pending.idHash)).toBeNull(),
      updateSmsDelivery: async () => expect(await beta.updateSmsDelivery({ messageId, status: 'failed', rank: 4, errorCode: 30003, at: now })).toBeNull(),
      // The counters are the deployment's (see TwoFactorStore): a portal's limits are apart
      // because its keys name it. Beta's key for the same limit and subject is another counter.
      hit: async () => {
        expect(betaKey).not.toBe(alphaKey);
        expect((await beta.hit(betaKey, 900_000, now)).count).toBe(1);
      },
      refund: async () => beta.refund(betaKey),
      // Sweeping is the deployment's too: it may delete only what has expired, and nothing of
      // alpha's has.
      sweep: async () => {
        await beta.sweep(now + 1_000);
      },
      clearSkip: async () => beta.clearSkip(ANN.id),
      resetTwoFactor: async () => {
        await beta.resetTwoFactor(SAM.id);
        await beta.resetTwoFactor(ANN.id);
      },
      deleteSession: async () => {
        await beta.deleteSession(pending.idHash);
        await beta.deleteSession(complete.idHash);
      },
      deleteUserSessions: async () => {
        await beta.deleteUserSessions(SAM.id);
        await beta.deleteUserSessions(ADMIN.id);
      },
      // Alpha's Sam is enrolled on alpha's phone: beta has no enrollment to swap, and no session of his to end.
      replaceEnrolledPhone: async () => expect(await beta.replaceEnrolledPhone(SAM.id, PHONE.alpha, PHONE.beta, 1, now)).toBe(false),
      deleteOtherSessions: async () => expect(await beta.deleteOtherSessions(SAM.id, 'beta-keeps-none')).toBe(0),
      updateSettings: async () => expect(await beta.updateSettings({ enabled: true, allowOptOut: false, enforceFrom: null }, now, ADMIN.id)).toMatchObject({ enabled: true, generation: 1, enforceFrom: null }),
      // From here on beta writes rows of its own under alpha's keys.
      // Alpha's Sam is enrolled in generation 1: beta's Sam may still skip in beta's.
      skip: async () => {
        expect(await beta.skip(SAM.id, 1, now)).toBe(true);
        expect(await beta.skip(ANN.id, 1, now)).toBe(true);
      },
      enroll: async () => {
        expect(await beta.enroll(SAM.id, PHONE.beta, 1, now)).toBe(true);
        expect(await beta.getFactorState(SAM.id)).toMatchObject({ enrollment: { phone: PHONE.beta }, skip: null });
      },
      // Beta's Sam, enrolled on beta's phone, trusts a device under alpha's very cookie HMAC.
      createTrustedDevice: async () => {
        await beta.createTrustedDevice({ ...device, phone: PHONE.beta, generation: 1, label: 'Firefox on Linux' });
        expect(await beta.useTrustedDevice(device.idHash, SAM.id, now + 1, deviceAge)).toBe(true);
        expect((await beta.listTrustedDevices(SAM.id, now, 30 * 86_400_000)).map((x) => x.label)).toEqual(['Firefox on Linux']);
      },
      createSession: async () => {
        await beta.createSession({ ...pending, step: 'enroll', ip: '198.51.100.7', generation: 1 });
        expect(await beta.findSession(pending.idHash)).toMatchObject({ step: 'enroll', ip: '198.51.100.7' });
      },
      replaceRecoveryCodes: async () => {
        await beta.replaceRecoveryCodes(SAM.id, ['alpha-recovery', 'beta-recovery'], now);
        expect(await beta.countRecoveryCodes([SAM.id])).toEqual(new Map([[SAM.id, 2]]));
      },
      putCode: async () => {
        await beta.putCode({ sessionIdHash: pending.idHash, userId: SAM.id, purpose: 'login', phone: PHONE.beta, codeHash: 'beta-mac', sentAt: now, expiresAt: now + 300_000, generation: 1 });
        expect(await beta.getCode(pending.idHash)).toMatchObject({ codeHash: 'beta-mac', attempts: 0 });
      },
      audit: async () => {
        await beta.audit({ at: now, type: 'login.succeeded', actorId: SAM.id, subjectId: SAM.id, ip: '198.51.100.7' });
        expect((await beta.listAudit()).map((e) => e.ip)).toEqual(['198.51.100.7']);
      },
      // Provider message ids are unique across the deployment: a second record of one is ignored,
      // and beta still reads none of alpha's.
      recordSmsDelivery: async () => {
        await beta.recordSmsDelivery({ messageId, userId: SAM.id, sessionIdHash: pending.idHash, status: 'sent', rank: 3, sentAt: now });
        expect(await beta.sessionSmsDelivery(pending.idHash)).toBeNull();
        expect((await beta.lastSmsDeliveries([SAM.id])).size).toBe(0);
      },
    };

    expect(methodNames(beta.accounts)).toEqual(Object.keys(accountsWalk).sort());
    expect(methodNames(beta).filter((n) => !NOT_METHODS.includes(n))).toEqual(Object.keys(storeWalk).sort());

    for (const [name, step] of [...Object.entries(accountsWalk), ...Object.entries(storeWalk)]) {
      await step().catch((err: Error) => {
        throw new Error(`${name}: ${err.message}`);
      });
    }
    // Beta now holds its own rows under alpha's keys. Alpha's state decides nothing in beta:
    // alpha's enrollment of Sam at alpha's phone keeps no beta code to that phone current ...
    const right = { ...attempt, purpose: 'login', tryId: 'beta-stale-phone' } as const;
    await beta.putCode({ sessionIdHash: 'beta-to-alpha-phone', userId: SAM.id, purpose: 'login', phone: PHONE.alpha, codeHash: 'beta-right', sentAt: now, expiresAt: now + 300_000, generation: 1 });
    expect((await beta.tryCode({ ...right, sessionIdHash: 'beta-to-alpha-phone', codeHash: 'beta-right' })).kind).toBe('stale');
    // ... a try that reuses the id of alpha's last try passes no gate of beta's ...
    expect(await beta.tryCode({ ...attempt, codeHash: 'wrong', tryId: 'beta-lock', lock: lockNow })).toMatchObject({ kind: 'rejected', lockedNow: true });
    expect((await beta.tryCode({ ...attempt, codeHash: 'beta-mac', tryId: 'alpha-try' })).kind).toBe('locked');
    expect(await beta.getCode(pending.idHash)).toMatchObject({ attempts: 1, consumedAt: null });
    // ... and alpha's lock on Ann does not stop beta's Ann from settling a provider-approved code.
    await beta.createSession({ ...annLogin, generation: 1 });
    await beta.putCode({ ...annCode, sessionIdHash: annLogin.idHash, codeHash: 'verifier:beta', generation: 1 });
    const approved = await beta.tryCode({ ...annAttempt, lock, sessionIdHash: annLogin.idHash, codeHash: null, tryId: 'beta-ann-try' });
    expect(approved.kind).toBe('rejected');
    const settled = await beta.settleApprovedTry({
      userId: ANN.id,
      sessionIdHash: annLogin.idHash,
      purpose: 'enroll',
      tryId: 'beta-ann-try',
      windowStartedAt: approved.kind === 'rejected' ? approved.windowStartedAt : 0,
      windowMs: lock.windowMs,
      now,
    });
    expect(settled).toBe(annCode.phone);
    // ... and alpha's settings keep no beta code alive once beta turns 2FA off.
    await beta.putCode({ sessionIdHash: 'beta-admin', userId: ADMIN.id, purpose: 'enroll', phone: PHONE.beta, codeHash: 'beta-admin-mac', sentAt: now, expiresAt: now + 300_000, generation: 1 });
    expect(await beta.updateSettings({ enabled: false, allowOptOut: false }, now, ADMIN.id)).toMatchObject({ enabled: false, generation: 1 });
    const adminTry = { userId: ADMIN.id, sessionIdHash: 'beta-admin', purpose: 'enroll', codeHash: 'beta-admin-mac', tryId: 'beta-admin-try', now, maxAttempts: 5, lock } as const;
    expect((await beta.tryCode(adminTry)).kind).toBe('stale');
    // Destroying beta's rows must leave alpha's.
    await beta.resetTwoFactor(SAM.id);
    await beta.resetTwoFactor(ANN.id);
    await beta.clearSkip(ANN.id);
    await beta.accounts.setOrganizationPolicy(ORG.shared, 'exempt');
    await beta.accounts.updatePasswordHash(SAM.id, 'beta-next', 'beta-hash');
    await beta.deleteUserSessions(SAM.id);

    expect(await rowsOf(t, tables, d.alpha.id)).toEqual(before);
    expect(await counter()).toEqual(counterBefore);
    // And alpha's own store still reads it all.
    expect(await alpha.findSession(pending.idHash)).toMatchObject({ step: 'verify', userId: SAM.id });
    expect(await alpha.getCode(pending.idHash)).toMatchObject({ codeHash: 'alpha-mac', attempts: 1 });
    expect((await alpha.getCodeLock(SAM.id))?.windowFailures).toBe(1);
    expect(await alpha.countRecoveryCodes([SAM.id])).toEqual(new Map([[SAM.id, 1]]));
    expect(await alpha.listTrustedDevices(SAM.id, now, 30 * 86_400_000)).toEqual([device]);
    expect((await alpha.accounts.getOrganization(ORG.shared))?.twoFactorPolicy).toBe('required');
    expect((await alpha.accounts.getAccount(SAM.id))?.passwordHash).toBe(alphaHash);
  });
});
