/**
 * The `TwoFactorStore` conformance suite: every dialect must pass the same tests, so the flows
 * behave alike on libSQL and PostgreSQL. The atomic methods are driven with parallel calls: on a
 * driver with several connections (libSQL file, node-postgres pool) those really race, and a
 * read-then-write implementation fails them.
 *
 * One store per file (PGlite takes seconds to start), so each test works on its own ids; only
 * the settings test touches the one settings row.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneChangeContract } from './phone-change.contract.js';
import { trustedDevicesContract } from './trusted-devices.contract.js';
import { resetRequestsContract } from './reset-requests.contract.js';
import type { Account, AuditEvent, CodeLock, CodeLockPolicy, CodeTryInput, NewCode, RecoveryTryInput, Session, Settings, TwoFactorStore } from '../../server/store/store.js';

export interface OpenedStore {
  store: TwoFactorStore;
  close(): Promise<void>;
}

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;

const uid = (prefix = 'usr') => `${prefix}-${randomBytes(6).toString('hex')}`;
const hash = () => randomBytes(32).toString('base64url');
const times = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
const count = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length;

// The contract's fields only: a store may return more columns of the row (the SQLite one does).
const settingsOf = ({ enabled, allowOptOut, generation, enforceFrom, updatedAt, updatedBy }: Settings): Settings => ({ enabled, allowOptOut, generation, enforceFrom, updatedAt, updatedBy });
const lockOf = (l: CodeLock | null): CodeLock | null =>
  l && {
    lockedUntil: l.lockedUntil,
    hardLocked: l.hardLocked,
    windowFailures: l.windowFailures,
    prevWindowFailures: l.prevWindowFailures,
    consecutiveFailures: l.consecutiveFailures,
  };
const LOCK: CodeLockPolicy = { windowMs: 15 * MIN, lockAfter: 10, lockMs: 15 * MIN, hardLockAfter: 100 };

function pendingSession(userId: string, over: Partial<Session> = {}): Session {
  return {
    idHash: hash(),
    userId,
    status: 'pending',
    step: 'verify',
    amr: 'pwd',
    createdAt: T0,
    expiresAt: T0 + 10 * MIN,
    lastSeenAt: T0,
    ip: '203.0.113.7',
    generation: 0,
    ...over,
  };
}

function newCode(sessionIdHash: string, userId: string, over: Partial<NewCode> = {}): NewCode {
  return {
    sessionIdHash,
    userId,
    purpose: 'login',
    phone: '+12025550143',
    codeHash: hash(),
    sentAt: T0,
    expiresAt: T0 + 5 * MIN,
    generation: 0,
    ...over,
  };
}

export function runStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`TwoFactorStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: TwoFactorStore;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => {
      await opened?.close();
    });

    describe('accounts', () => {
      const org = { id: uid('org'), name: 'Contract Org' };
      const account = (over: Partial<Account> = {}): Account => ({
        id: uid(),
        email: `${uid('e')}@example.com`,
        name: 'Someone',
        passwordHash: 'pbkdf2$1$x$y',
        organizationId: org.id,
        role: 'contact',
        masterAdmin: false,
        ...over,
      });

      it('ensures organizations and accounts once, even when called in parallel', async () => {
        await times(10, () => store.accounts.ensureOrganization(org));
        const a = account({ name: 'Zed' });
        await times(10, () => store.accounts.ensureAccount(a));
        // The same email under another id is left alone too (the unique email index).
        await store.accounts.ensureAccount({ ...account(), email: a.email, name: 'Impostor' });
        expect((await store.accounts.listOrganizations()).filter((o) => o.id === org.id)).toEqual([{ ...org, twoFactorPolicy: 'inherit' }]);
        // An account comes with its organization's policy, read in the same statement.
        expect(await store.accounts.getAccount(a.id)).toEqual({ ...a, organizationPolicy: 'inherit' });
        expect(await store.accounts.findAccountByEmail(a.email)).toEqual({ ...a, organizationPolicy: 'inherit' });
        expect(await store.accounts.findAccountByEmail('nobody@example.com')).toBeNull();
        expect(await store.accounts.getAccount('usr-none')).toBeNull();
      });

      it('replaces a password hash only while it is still the expected one, once under parallel calls', async () => {
        const a = account({ passwordHash: 'pbkdf2-sha256$1000$old$old' });
        const other = account();
        await store.accounts.ensureAccount(a);
        await store.accounts.ensureAccount(other);
        const results = await times(5, (i) => store.accounts.updatePasswordHash(a.id, `pbkdf2-sha256$2000$new${i}$x`, a.passwordHash));
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = (await store.accounts.getAccount(a.id))!.passwordHash;
        expect(winner).toBe(`pbkdf2-sha256$2000$new${results.indexOf(true)}$x`);
        // A hash changed meanwhile is left alone: the rehash of an old password loses.
        expect(await store.accounts.updatePasswordHash(a.id, 'pbkdf2-sha256$2000$stale$x', a.passwordHash)).toBe(false);
        expect((await store.accounts.getAccount(a.id))!.passwordHash).toBe(winner);
        expect(await store.accounts.updatePasswordHash('usr-none', 'x', 'y')).toBe(false);
        expect(await store.accounts.getAccount(other.id)).toEqual({ ...other, organizationPolicy: 'inherit' });
      });

      it("reads an account with its organization's current policy, and none for an account without one", async () => {
        const own = { id: uid('org'), name: 'Policy Org' };
        await store.accounts.ensureOrganization(own);
        const a = account({ organizationId: own.id });
        const staff = account({ organizationId: null, role: 'admin' });
        for (const x of [a, staff]) await store.accounts.ensureAccount(x);
        await store.accounts.setOrganizationPolicy(own.id, 'required');
        expect(await store.accounts.getAccount(a.id)).toEqual({ ...a, organizationPolicy: 'required' });
        await store.accounts.setOrganizationPolicy(own.id, 'exempt');
        expect((await store.accounts.findAccountByEmail(a.email))?.organizationPolicy).toBe('exempt');
        expect(await store.accounts.findAccountByEmail(staff.email)).toEqual(staff);
      });

      it('lists contacts by name, of one organization or all, and never admins', async () => {
        const other = { id: uid('org'), name: 'Other Org' };
        await store.accounts.ensureOrganization(other);
        const b = account({ name: 'Bea' });
        const a = account({ name: 'Abe' });
        const lower = account({ name: 'abe' });
        const admin = account({ name: 'Admin', role: 'admin', organizationId: null, masterAdmin: true });
        const elsewhere = account({ name: 'Cy', organizationId: other.id });
        for (const x of [b, a, lower, admin, elsewhere]) await store.accounts.ensureAccount(x);

        const inOrg = (await store.accounts.listContacts(org.id)).filter((c) => [a.id, b.id, lower.id].includes(c.id));
        // Byte order, as SQLite sorts: upper case before lower case.
        expect(inOrg.map((c) => c.name)).toEqual(['Abe', 'Bea', 'abe']);
        const all = await store.accounts.listContacts();
        expect(all.some((c) => c.id === elsewhere.id)).toBe(true);
        expect(all.some((c) => c.id === admin.id)).toBe(false);
        expect((await store.accounts.listContacts(other.id)).map((c) => c.id)).toEqual([elsewhere.id]);
        expect(await store.accounts.getAccount(admin.id)).toMatchObject({ role: 'admin', masterAdmin: true, organizationId: null });
      });
    });

    describe('settings', () => {
      it('starts off, and turning it on starts exactly one new generation, even in parallel', async () => {
        expect(settingsOf(await store.getSettings())).toEqual({ enabled: false, allowOptOut: false, generation: 0, enforceFrom: null, updatedAt: null, updatedBy: null });

        const on = await store.updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin');
        expect(settingsOf(on)).toEqual({ enabled: true, allowOptOut: false, generation: 1, enforceFrom: null, updatedAt: T0, updatedBy: 'usr-admin' });
        // On → on, and a change of opt-out alone, keep the generation.
        expect((await store.updateSettings({ enabled: true, allowOptOut: true }, T0 + 1, 'usr-b')).generation).toBe(1);
        const off = await store.updateSettings({ enabled: false, allowOptOut: true }, T0 + 2, 'usr-c');
        expect(settingsOf(off)).toEqual({ enabled: false, allowOptOut: true, generation: 1, enforceFrom: null, updatedAt: T0 + 2, updatedBy: 'usr-c' });

        // Ten admins press "on" at once: one of them turns it on, the others find it on.
        const results = await times(10, (i) => store.updateSettings({ enabled: true, allowOptOut: false }, T0 + 3, `usr-${i}`));
        expect(results.map((r) => r.generation).sort()).toEqual(Array(10).fill(2));
        expect(await store.getSettings()).toMatchObject({ enabled: true, allowOptOut: false, generation: 2, updatedAt: T0 + 3 });

        await store.updateSettings({ enabled: false, allowOptOut: false }, T0 + 4, 'usr-admin');
        expect((await store.updateSettings({ enabled: true, allowOptOut: false }, T0 + 5, 'usr-admin')).generation).toBe(3);
      });

      it('keeps the deadline when an update leaves it out, sets it, and removes it with null', async () => {
        // A portal of its own: the one settings row above is the other test's.
        const portal = store.forPortal(`deadline-${randomBytes(4).toString('hex')}`);
        const DAY = Date.UTC(2027, 0, 15);
        expect((await portal.updateSettings({ enabled: true, allowOptOut: false, enforceFrom: DAY }, T0, 'usr-admin')).enforceFrom).toBe(DAY);
        expect(settingsOf(await portal.updateSettings({ enabled: true, allowOptOut: true }, T0 + 1, 'usr-b'))).toEqual({
          enabled: true,
          allowOptOut: true,
          generation: 1,
          enforceFrom: DAY,
          updatedAt: T0 + 1,
          updatedBy: 'usr-b',
        });
        expect((await portal.getSettings()).enforceFrom).toBe(DAY);
        expect((await portal.updateSettings({ enabled: true, allowOptOut: true, enforceFrom: null }, T0 + 2, 'usr-b')).enforceFrom).toBeNull();
        expect((await portal.getSettings()).enforceFrom).toBeNull();
        expect((await store.getSettings()).enforceFrom).toBeNull();
      });
    });

    describe('enrollment and skips', () => {
      it('enrolls, skips, clears, and reports several users at once', async () => {
        const [a, b, c] = [uid(), uid(), uid()];
        expect(await store.getFactorState(a)).toEqual({ enrollment: null, skip: null });

        await store.skip(a, 1, T0);
        expect(await store.getFactorState(a)).toEqual({ enrollment: null, skip: { generation: 1, skippedAt: T0 } });
        await store.skip(a, 2, T0 + 1);
        expect((await store.getFactorState(a)).skip).toEqual({ generation: 2, skippedAt: T0 + 1 });
        // Enrolling clears the skip.
        await store.enroll(a, '+12025550143', 2, T0 + 2);
        expect(await store.getFactorState(a)).toEqual({ enrollment: { phone: '+12025550143', generation: 2, enrolledAt: T0 + 2 }, skip: null });
        await store.enroll(a, '+12025550144', 3, T0 + 3);
        expect((await store.getFactorState(a)).enrollment).toEqual({ phone: '+12025550144', generation: 3, enrolledAt: T0 + 3 });

        await store.skip(b, 1, T0);
        await store.clearSkip(b);
        expect(await store.getFactorState(b)).toEqual({ enrollment: null, skip: null });
        await store.skip(b, 1, T0);

        const states = await store.getFactorStates([a, b, c]);
        expect(states.get(a)?.enrollment?.phone).toBe('+12025550144');
        expect(states.get(b)?.skip?.generation).toBe(1);
        expect(states.get(c) ?? { enrollment: null, skip: null }).toEqual({ enrollment: null, skip: null });
        expect((await store.getFactorStates([])).size).toBe(0);
      });

      it('getStanding: the settings and one user\'s enrollment and skip, as the two reads apart give them', async () => {
        const portal = store.forPortal(uid('standing'));
        const [a, b] = [uid(), uid()];
        const apart = async (u: string) => ({ settings: await portal.getSettings(), state: await portal.getFactorState(u) });
        // No record of the portal yet: 2FA off, and the state as stored.
        expect(await portal.getStanding!(a)).toEqual(await apart(a));
        await portal.updateSettings({ enabled: true, allowOptOut: true }, T0, 'usr-admin');
        expect(await portal.getStanding!(a)).toEqual(await apart(a));
        await portal.skip(a, 1, T0);
        expect(await portal.getStanding!(a)).toEqual({ settings: expect.objectContaining({ enabled: true, generation: 1 }), state: { enrollment: null, skip: { generation: 1, skippedAt: T0 } } });
        await portal.enroll(b, '+12025550143', 1, T0 + 1);
        expect(await portal.getStanding!(b)).toEqual(await apart(b));
        expect((await portal.getStanding!(b)).state.enrollment).toEqual({ phone: '+12025550143', generation: 1, enrolledAt: T0 + 1 });
        // Another user's rows are not this one's.
        expect((await portal.getStanding!(a)).state.enrollment).toBeNull();
        await portal.updateSettings({ enabled: false, allowOptOut: true }, T0 + 2, 'usr-admin');
        expect(await portal.getStanding!(b)).toEqual(await apart(b));
      });

      it("portalFactors: the whole portal's enrollments, skips, locks and last logins, and nothing of another portal", async () => {
        const tag = randomBytes(4).toString('hex');
        const portal = store.forPortal(`factors-${tag}`);
        const other = store.forPortal(`factors-other-${tag}`);
        expect(await portal.portalFactors()).toEqual({ states: new Map(), locks: new Map(), lastLogins: new Map(), resetRequests: new Map() });
        const [a, b, c] = [uid(), uid(), uid()];
        // On, so that a code of generation 1 is current and its wrong try counts.
        await portal.updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin');
        await portal.enroll(a, '+12025550143', 1, T0);
        await portal.skip(b, 1, T0 + 1);
        const s = pendingSession(c, { step: 'confirm', generation: 1 });
        await portal.createSession(s);
        await portal.putCode(newCode(s.idHash, c, { purpose: 'enroll', generation: 1 }));
        await portal.tryCode({ userId: c, sessionIdHash: s.idHash, purpose: 'enroll', codeHash: 'wrong', tryId: hash(), now: T0, maxAttempts: 5, lock: { ...LOCK, lockAfter: 1 } });
        await portal.audit([
          { at: T0 + 5, type: 'login.succeeded', actorId: a, subjectId: a, ip: null },
          { at: T0 + 9, type: 'login.succeeded', actorId: a, subjectId: a, ip: null },
          { at: T0 + 99, type: 'login.failed', actorId: null, subjectId: b, ip: null },
          { at: T0 + 7, type: 'login.succeeded', actorId: b, subjectId: b, ip: null },
        ]);
        // The same user ids in another portal, with other facts: none of them may show.
        await other.enroll(b, '+12025550199', 1, T0);
        await other.skip(a, 1, T0);
        await other.audit({ at: T0 + 500, type: 'login.succeeded', actorId: a, subjectId: a, ip: null });

        const f = await portal.portalFactors();
        expect(f.states).toEqual(
          new Map([
            [a, { enrollment: { phone: '+12025550143', generation: 1, enrolledAt: T0 }, skip: null }],
            [b, { enrollment: null, skip: { generation: 1, skippedAt: T0 + 1 } }],
          ]),
        );
        expect([...f.locks.keys()]).toEqual([c]);
        // The lock as getCodeLock reads it, one user at a time.
        expect(lockOf(f.locks.get(c)!)).toEqual(lockOf(await portal.getCodeLock(c)));
        expect(f.locks.get(c)).toMatchObject({ lockedUntil: T0 + LOCK.lockMs, hardLocked: false });
        expect(f.lastLogins).toEqual(new Map([[a, T0 + 9], [b, T0 + 7]]));
        expect(f.resetRequests.size).toBe(0);
      });

      it('resetTwoFactor clears one user entirely and nobody else', async () => {
        const [a, b] = [uid(), uid()];
        for (const u of [a, b]) {
          await store.enroll(u, '+12025550143', 1, T0);
          const s = pendingSession(u);
          await store.createSession(s);
          await store.putCode(newCode(s.idHash, u));
          await store.tryCode({ userId: u, sessionIdHash: s.idHash, purpose: 'login', codeHash: null, tryId: hash(), now: T0, maxAttempts: 5, lock: LOCK });
        }
        const sessionOfB = pendingSession(b);
        await store.createSession(sessionOfB);
        const sessionOfA = pendingSession(a);
        await store.createSession(sessionOfA);
        await store.putCode(newCode(sessionOfA.idHash, a));

        await store.resetTwoFactor(a);
        expect(await store.getFactorState(a)).toEqual({ enrollment: null, skip: null });
        expect(await store.getCodeLock(a)).toBeNull();
        expect(await store.findSession(sessionOfA.idHash)).toBeNull();
        expect(await store.getCode(sessionOfA.idHash)).toBeNull();

        expect((await store.getFactorState(b)).enrollment).not.toBeNull();
        expect(await store.getCodeLock(b)).not.toBeNull();
        expect(await store.findSession(sessionOfB.idHash)).not.toBeNull();
      });
    });

    describe('sessions', () => {
      it('creates, finds, steps, touches and deletes', async () => {
        const u = uid();
        const s = pendingSession(u, { step: 'enroll' });
        await store.createSession(s);
        expect(await store.findSession(s.idHash)).toEqual({ ...s, secondFactorAt: null });
        expect(await store.findSession(hash())).toBeNull();

        await store.setSessionStep(s.idHash, 'confirm');
        expect((await store.findSession(s.idHash))?.step).toBe('confirm');
        await store.touchSession(s.idHash, T0 + 5);
        expect((await store.findSession(s.idHash))?.lastSeenAt).toBe(T0 + 5);

        await store.putCode(newCode(s.idHash, u));
        await store.deleteSession(s.idHash);
        expect(await store.findSession(s.idHash)).toBeNull();
        // A session's code goes with it.
        expect(await store.getCode(s.idHash)).toBeNull();
      });

      it('findSessionWithAccount: the session with its account and the policy as they are now, in one read', async () => {
        const org = { id: uid('org'), name: 'Joined Org' };
        await store.accounts.ensureOrganization(org);
        const a: Account = { id: uid(), email: `${uid('e')}@example.com`, name: 'Joined', passwordHash: 'pbkdf2$1$x$y', organizationId: org.id, role: 'contact', masterAdmin: false };
        await store.accounts.ensureAccount(a);
        const s = pendingSession(a.id, { step: 'verify' });
        await store.createSession(s);
        expect(await store.findSessionWithAccount!(s.idHash)).toMatchObject({ session: { ...s, secondFactorAt: null }, account: { ...a, organizationPolicy: 'inherit' } });
        await store.accounts.setOrganizationPolicy(org.id, 'required');
        expect((await store.findSessionWithAccount!(s.idHash))?.account?.organizationPolicy).toBe('required');
        // A session of a user without an account here (a removed one, another identity's): account null.
        const orphan = pendingSession(uid(), { step: 'verify' });
        await store.createSession(orphan);
        expect(await store.findSessionWithAccount!(orphan.idHash)).toMatchObject({ session: { ...orphan, secondFactorAt: null }, account: null });
        expect(await store.findSessionWithAccount!(hash())).toBeNull();
        // Another portal's session of the same id hash is not this portal's.
        expect(await store.forPortal(uid('other')).findSessionWithAccount!(s.idHash)).toBeNull();
      });

      it('findSessionWithAccount: the settings and the user\'s enrollment and skip come with it, as getStanding reads them, of its own portal', async () => {
        const mine = store.forPortal(uid('portal'));
        const theirs = store.forPortal(uid('portal'));
        const { generation } = await mine.updateSettings({ enabled: true, allowOptOut: true }, T0, 'usr-admin');
        const other = await theirs.updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin');
        const u = uid();
        const s = pendingSession(u, { step: 'verify' });
        await mine.createSession(s);
        const standing = async () => (await mine.findSessionWithAccount!(s.idHash))?.standing;
        expect(await standing()).toEqual(await mine.getStanding!(u));
        expect((await standing())?.settings).toMatchObject({ enabled: true, allowOptOut: true, generation });
        expect((await standing())?.state).toEqual({ enrollment: null, skip: null });
        // The same user id enrolled and skipped in another portal, and another user here: not this one's.
        await theirs.enroll(u, '+12025550177', other.generation, T0);
        await theirs.skip(u, other.generation, T0);
        await mine.enroll(uid(), '+12025550178', generation, T0);
        expect((await standing())?.state).toEqual({ enrollment: null, skip: null });
        await mine.skip(u, generation, T0 + 1);
        expect((await standing())?.state.skip).toEqual({ generation, skippedAt: T0 + 1 });
        await mine.enroll(u, '+12025550179', generation, T0 + 2);
        expect((await standing())?.state.enrollment).toEqual({ phone: '+12025550179', generation, enrolledAt: T0 + 2 });
        expect(await standing()).toEqual(await mine.getStanding!(u));
      });

      it('the step of a complete session does not change', async () => {
        const s = pendingSession(uid());
        await store.createSession(s);
        const next = { idHash: hash(), amr: 'pwd sms' as const, expiresAt: T0 + 720 * MIN, lastSeenAt: T0, secondFactorAt: T0 };
        expect(await store.promoteSession(s.idHash, next)).toBe(true);
        await store.setSessionStep(next.idHash, 'enroll');
        expect(await store.findSession(next.idHash)).toEqual({ ...s, ...next, status: 'complete', step: null });
      });

      it('stepUpSession: records the factor under a new id, once of parallel calls, on complete sessions only', async () => {
        const pending = pendingSession(uid());
        await store.createSession(pending);
        expect(await store.stepUpSession(pending.idHash, { idHash: hash(), secondFactorAt: T0 + 1, lastSeenAt: T0 + 1 })).toBe(false);
        expect(await store.findSession(pending.idHash)).toMatchObject({ status: 'pending', secondFactorAt: null });

        const complete = { idHash: hash(), amr: 'pwd sms' as const, expiresAt: T0 + 720 * MIN, lastSeenAt: T0, secondFactorAt: T0 };
        expect(await store.promoteSession(pending.idHash, complete)).toBe(true);
        const nexts = Array.from({ length: 10 }, (_, i) => ({ idHash: hash(), secondFactorAt: T0 + 60_000 + i, lastSeenAt: T0 + 60_000 + i }));
        const won = await Promise.all(nexts.map((n) => store.stepUpSession(complete.idHash, n)));
        expect(won.filter(Boolean)).toHaveLength(1);
        const winner = nexts[won.indexOf(true)]!;
        expect(await store.findSession(complete.idHash)).toBeNull();
        expect(await store.findSession(winner.idHash)).toEqual({ ...pending, ...complete, ...winner, status: 'complete', step: null });
        expect(await store.stepUpSession(hash(), { idHash: hash(), secondFactorAt: T0, lastSeenAt: T0 })).toBe(false);
      });

      it('promoteSession: of 20 parallel promotions exactly one wins, under its new id', async () => {
        const s = pendingSession(uid());
        await store.createSession(s);
        const nexts = Array.from({ length: 20 }, () => ({ idHash: hash(), amr: 'pwd sms' as const, expiresAt: T0 + 720 * MIN, lastSeenAt: T0 + 1 }));
        const won = await Promise.all(nexts.map((n) => store.promoteSession(s.idHash, n)));
        expect(count(won, Boolean)).toBe(1);
        const winner = nexts[won.indexOf(true)]!;
        expect(await store.findSession(s.idHash)).toBeNull();
        expect(await store.findSession(winner.idHash)).toMatchObject({ status: 'complete', step: null, amr: 'pwd sms', userId: s.userId });
        for (const n of nexts) if (n !== winner) expect(await store.findSession(n.idHash)).toBeNull();
        // A complete session is never promoted again.
        expect(await store.promoteSession(winner.idHash, { ...winner, idHash: hash() })).toBe(false);
      });

      it('promoteSessionAudited: of 20 parallel promotions one wins, and only its events are written, once', async () => {
        const s = pendingSession(uid());
        await store.createSession(s);
        const nexts = Array.from({ length: 20 }, (_, i) => ({ idHash: hash(), amr: 'pwd sms' as const, expiresAt: T0 + 720 * MIN, lastSeenAt: T0 + 1, secondFactorAt: T0 + 1, i }));
        const events = (i: number): AuditEvent[] => [
          { at: T0 + 1, type: 'code.verified', actorId: s.userId, subjectId: s.userId, ip: '203.0.113.7', detail: { purpose: 'login', try: i } },
          { at: T0 + 1, type: 'login.succeeded', actorId: s.userId, subjectId: s.userId, ip: null },
        ];
        const won = await Promise.all(nexts.map(({ i, ...n }) => store.promoteSessionAudited!(s.idHash, n, events(i))));
        expect(count(won, Boolean)).toBe(1);
        const winner = nexts[won.indexOf(true)]!;
        expect(await store.findSession(winner.idHash)).toMatchObject({ status: 'complete', step: null, amr: 'pwd sms', secondFactorAt: T0 + 1 });
        const written = (await store.listAudit({ subjectId: s.userId })).map(({ type, detail, ip }) => ({ type, detail, ip }));
        expect(written).toEqual([
          { type: 'login.succeeded', detail: undefined, ip: null },
          { type: 'code.verified', detail: { purpose: 'login', try: winner.i }, ip: '203.0.113.7' },
        ]);
        // A complete session is never promoted again, and nothing is written for the attempt.
        expect(await store.promoteSessionAudited!(winner.idHash, { ...winner, idHash: hash() }, events(99))).toBe(false);
        expect(await store.listAudit({ subjectId: s.userId })).toHaveLength(2);
      });

      it('deleteUserSessions ends every session of one user only', async () => {
        const [a, b] = [uid(), uid()];
        const sa = [pendingSession(a), pendingSession(a, { status: 'complete', step: null })];
        const sb = pendingSession(b);
        for (const s of [...sa, sb]) await store.createSession(s);
        await store.deleteUserSessions(a);
        for (const s of sa) expect(await store.findSession(s.idHash)).toBeNull();
        expect(await store.findSession(sb.idHash)).not.toBeNull();
      });
    });

    phoneChangeContract(() => store);
    trustedDevicesContract(() => store);
    resetRequestsContract(() => store);

    describe('code tries', () => {
      /** Codes count only in the present: 2FA on, the code's generation current, the phone enrolled. */
      async function present(): Promise<number> {
        const settings = await store.getSettings();
        return settings.enabled ? settings.generation : (await store.updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin')).generation;
      }
      async function withCode(over: Partial<NewCode> = {}, userId = uid()) {
        const generation = await present();
        const s = pendingSession(userId, { generation });
        await store.createSession(s);
        const code = newCode(s.idHash, s.userId, { generation, ...over });
        if (code.purpose === 'login') await store.enroll(userId, code.phone, generation, T0);
        await store.putCode(code);
        return code;
      }
      const input = (code: NewCode, codeHash: string | null, over: Partial<CodeTryInput> = {}): CodeTryInput => ({
        userId: code.userId,
        sessionIdHash: code.sessionIdHash,
        purpose: code.purpose,
        codeHash,
        tryId: hash(),
        now: T0 + 1,
        maxAttempts: 5,
        lock: LOCK,
        ...over,
      });
      const attempt = (code: NewCode, codeHash: string | null, over: Partial<CodeTryInput> = {}) => store.tryCode(input(code, codeHash, over));
      const wrong = (left: number, lockedNow = false) => ({ kind: 'rejected', attemptsLeft: left, lockedNow, hard: false, windowStartedAt: expect.any(Number) });

      describe('tryCodeAndPromote', () => {
        const nextOf = () => ({ idHash: hash(), amr: 'pwd sms' as const, expiresAt: T0 + 720 * MIN, lastSeenAt: T0 + 1, secondFactorAt: T0 + 1 });
        const eventsOf = (code: NewCode, n = 0): AuditEvent[] => [
          { at: T0 + 1, type: 'code.verified', actorId: code.userId, subjectId: code.userId, ip: '203.0.113.7', detail: { purpose: 'login', try: n } },
          { at: T0 + 1, type: 'login.succeeded', actorId: code.userId, subjectId: code.userId, ip: null },
        ];
        const audited = async (code: NewCode) => (await store.listAudit({ subjectId: code.userId })).map(({ type, detail }) => ({ type, detail }));

        it('a right code is consumed, its login promoted and both events written, in one step', async () => {
          const code = await withCode();
          const next = nextOf();
          expect(await store.tryCodeAndPromote!(input(code, code.codeHash), next, eventsOf(code))).toEqual({ result: { kind: 'accepted', phone: code.phone }, promoted: true });
          expect(await store.findSession(next.idHash)).toMatchObject({ status: 'complete', step: null, amr: 'pwd sms', secondFactorAt: T0 + 1, userId: code.userId });
          expect(await store.findSession(code.sessionIdHash)).toBeNull();
          expect(await audited(code)).toEqual([
            { type: 'login.succeeded', detail: undefined },
            { type: 'code.verified', detail: { purpose: 'login', try: 0 } },
          ]);
          expect((await store.getCode(code.sessionIdHash))?.consumedAt).toBe(T0 + 1);
          expect(await attempt(code, code.codeHash)).toEqual({ kind: 'unusable' });
        });

        it('of 20 parallel tries of the right code one is accepted and promotes; its events are written once', async () => {
          const code = await withCode();
          const nexts = Array.from({ length: 20 }, nextOf);
          const outcomes = await Promise.all(nexts.map((next, n) => store.tryCodeAndPromote!(input(code, code.codeHash), next, eventsOf(code, n))));
          expect(count(outcomes, (o) => o.result.kind === 'accepted')).toBe(1);
          expect(count(outcomes, (o) => o.promoted)).toBe(1);
          const n = outcomes.findIndex((o) => o.promoted);
          expect(outcomes[n]!.result.kind).toBe('accepted');
          expect(await store.findSession(nexts[n]!.idHash)).toMatchObject({ status: 'complete' });
          for (const [k, next] of nexts.entries()) if (k !== n) expect(await store.findSession(next.idHash)).toBeNull();
          expect(await audited(code)).toEqual([
            { type: 'login.succeeded', detail: undefined },
            { type: 'code.verified', detail: { purpose: 'login', try: n } },
          ]);
        });

        it('a wrong code is counted and promotes nothing', async () => {
          const code = await withCode();
          const next = nextOf();
          expect(await store.tryCodeAndPromote!(input(code, hash()), next, eventsOf(code))).toEqual({ result: wrong(4), promoted: false });
          expect(await store.findSession(next.idHash)).toBeNull();
          expect(await store.findSession(code.sessionIdHash)).toMatchObject({ status: 'pending' });
          expect(await audited(code)).toEqual([]);
          expect((await store.getCodeLock(code.userId))?.consecutiveFailures).toBe(1);
        });

        it('a code consumed by an earlier try at the same instant promotes nothing', async () => {
          const code = await withCode();
          expect(await attempt(code, code.codeHash)).toEqual({ kind: 'accepted', phone: code.phone });
          const next = nextOf();
          expect(await store.tryCodeAndPromote!(input(code, code.codeHash), next, eventsOf(code))).toEqual({ result: { kind: 'unusable' }, promoted: false });
          expect(await store.findSession(next.idHash)).toBeNull();
          expect(await store.findSession(code.sessionIdHash)).toMatchObject({ status: 'pending' });
          expect(await audited(code)).toEqual([]);
        });

        it('a right code of a login promoted meanwhile is consumed, and nothing more is written', async () => {
          const code = await withCode();
          expect(await store.promoteSession(code.sessionIdHash, nextOf())).toBe(true);
          const next = nextOf();
          expect(await store.tryCodeAndPromote!(input(code, code.codeHash), next, eventsOf(code))).toEqual({ result: { kind: 'accepted', phone: code.phone }, promoted: false });
          expect(await store.findSession(next.idHash)).toBeNull();
          expect(await audited(code)).toEqual([]);
        });

        it('a locked account evaluates nothing: the right code is not consumed and nothing is promoted', async () => {
          const code = await withCode();
          expect(await attempt(code, hash(), { lock: { ...LOCK, lockAfter: 1 } })).toEqual(wrong(4, true));
          const next = nextOf();
          expect(await store.tryCodeAndPromote!(input(code, code.codeHash), next, eventsOf(code))).toMatchObject({ result: { kind: 'locked' }, promoted: false });
          expect(await store.findSession(next.idHash)).toBeNull();
          expect((await store.getCode(code.sessionIdHash))?.consumedAt).toBeNull();
        });
      });

      it('stores a code, and a new one replaces it with fresh tries', async () => {
        const code = await withCode();
        expect(await store.getCode(code.sessionIdHash)).toEqual({ ...code, attempts: 0, consumedAt: null });
        await attempt(code, hash());
        expect((await store.getCode(code.sessionIdHash))?.attempts).toBe(1);

        const again = { ...code, codeHash: hash(), sentAt: T0 + 30_000, expiresAt: T0 + 30_000 + 5 * MIN };
        await store.putCode(again);
        expect(await store.getCode(code.sessionIdHash)).toEqual({ ...again, attempts: 0, consumedAt: null });
        // The old code is void.
        expect(await attempt(code, code.codeHash, { now: T0 + 31_000 })).toEqual(wrong(4));
        expect(await attempt(code, again.codeHash, { now: T0 + 32_000 })).toEqual({ kind: 'accepted', phone: code.phone });
      });

      it('accepts the right code once, and counts wrong and malformed tries on the code and the account', async () => {
        const code = await withCode();
        expect(await attempt(code, hash())).toEqual(wrong(4));
        expect(await attempt(code, null)).toEqual(wrong(3));
        expect(lockOf(await store.getCodeLock(code.userId))).toMatchObject({ windowFailures: 2, consecutiveFailures: 2 });
        expect(await attempt(code, code.codeHash, { now: T0 + 7 })).toEqual({ kind: 'accepted', phone: '+12025550143' });
        expect(await store.getCode(code.sessionIdHash)).toMatchObject({ attempts: 2, consumedAt: T0 + 7 });
        // A right code ends the consecutive run but not the window's count.
        expect(lockOf(await store.getCodeLock(code.userId))).toMatchObject({ windowFailures: 2, consecutiveFailures: 0 });
        expect(await attempt(code, code.codeHash)).toEqual({ kind: 'unusable' });
      });

      it('refuses an expired code, a code of another purpose, and a login without a code, counting nothing', async () => {
        const code = await withCode();
        expect(await attempt(code, code.codeHash, { now: code.expiresAt })).toEqual({ kind: 'unusable' });
        expect(await attempt(code, code.codeHash, { purpose: 'enroll' })).toEqual({ kind: 'unusable' });
        expect(await attempt(code, code.codeHash, { sessionIdHash: hash() })).toEqual({ kind: 'unusable' });
        expect((await store.getCode(code.sessionIdHash))?.attempts).toBe(0);
        expect((await store.getCodeLock(code.userId))?.windowFailures ?? 0).toBe(0);
        expect(await attempt(code, code.codeHash, { now: code.expiresAt - 1 })).toMatchObject({ kind: 'accepted' });
      });

      it('a code of an older generation, or to a phone no longer enrolled, is stale and never accepted', async () => {
        const old = await withCode();
        await store.updateSettings({ enabled: false, allowOptOut: false }, T0 + 1, 'usr-admin');
        expect(await attempt(old, old.codeHash)).toEqual({ kind: 'stale' });
        const generation = (await store.updateSettings({ enabled: true, allowOptOut: false }, T0 + 2, 'usr-admin')).generation;
        expect(generation).toBe(old.generation + 1);
        // Even re-enrolled in the new generation with the same phone, the old login's code is dead.
        await store.enroll(old.userId, old.phone, generation, T0 + 3);
        expect(await attempt(old, old.codeHash)).toEqual({ kind: 'stale' });

        const moved = await withCode();
        await store.resetTwoFactor(moved.userId);
        await store.putCode(moved);
        await store.enroll(moved.userId, '+12025550199', generation, T0 + 4);
        expect(await attempt(moved, moved.codeHash)).toEqual({ kind: 'stale' });

        // An enrollment code dies once the user is enrolled by another login.
        const enrolling = await withCode({ purpose: 'enroll' });
        await store.enroll(enrolling.userId, '+12025550198', generation, T0 + 5);
        expect(await attempt(enrolling, enrolling.codeHash)).toEqual({ kind: 'stale' });
        expect((await store.getCodeLock(enrolling.userId))?.windowFailures ?? 0).toBe(0);
      });

      it('five wrong tries burn a code: the right one is then refused uncounted, a wrong one still counts', async () => {
        const code = await withCode();
        for (let left = 4; left >= 0; left--) expect(await attempt(code, hash())).toEqual(wrong(left));
        expect(await attempt(code, code.codeHash)).toEqual({ kind: 'burned', counted: false, lockedNow: false, hard: false });
        expect(await attempt(code, hash())).toEqual({ kind: 'burned', counted: true, lockedNow: false, hard: false });
        expect(await store.getCode(code.sessionIdHash)).toMatchObject({ attempts: 5, consumedAt: null });
        expect(lockOf(await store.getCodeLock(code.userId))).toMatchObject({ windowFailures: 6, consecutiveFailures: 6 });
      });

      it('20 parallel right guesses: exactly one is accepted', async () => {
        const code = await withCode();
        const results = await times(20, () => attempt(code, code.codeHash));
        expect(count(results, (r) => r.kind === 'accepted')).toBe(1);
        expect(count(results, (r) => r.kind === 'unusable')).toBe(19);
        expect((await store.getCode(code.sessionIdHash))?.attempts).toBe(0);
      });

      it('20 parallel wrong guesses on one code: five count on it, ten on the account, then the lock', async () => {
        const code = await withCode();
        const results = await times(20, () => attempt(code, hash()));
        const rejected = results.flatMap((r) => (r.kind === 'rejected' ? [r.attemptsLeft] : []));
        expect(rejected.sort()).toEqual([0, 1, 2, 3, 4]);
        expect(count(results, (r) => r.kind === 'burned')).toBe(5);
        expect(count(results, (r) => r.kind === 'locked')).toBe(10);
        expect(count(results, (r) => 'lockedNow' in r && r.lockedNow)).toBe(1);
        expect((await store.getCode(code.sessionIdHash))?.attempts).toBe(5);
      });

      it('the account lock: 15 wrong and the right code at once over four logins evaluate at most 10, and the right one is refused once locked', async () => {
        for (let round = 0; round < 5; round++) {
          const user = uid();
          const logins = [await withCode({}, user), await withCode({}, user), await withCode({}, user), await withCode({}, user)];
          const right = logins[round % 4]!;
          const tries = Array.from({ length: 16 }, (_, i) => (i === 15 - round ? 'right' : 'wrong'));
          const results = await Promise.all(tries.map((kind, i) => (kind === 'right' ? attempt(right, right.codeHash) : attempt(logins[i % 4]!, hash()))));
          const wrongOnes = results.filter((r) => r.kind === 'rejected' || (r.kind === 'burned' && r.counted));
          expect(wrongOnes.length).toBeLessThanOrEqual(10);
          const accepted = results.findIndex((r) => r.kind === 'accepted');
          const lockedAt = results.findIndex((r) => 'lockedNow' in r && r.lockedNow);
          // Either the right code got in before the tenth failure, or it was refused by the lock.
          if (accepted >= 0) expect(wrongOnes.length).toBeLessThanOrEqual(10);
          else expect(results[15 - round]).toMatchObject({ kind: 'locked' });
          expect(lockedAt === -1 ? wrongOnes.length < 10 : wrongOnes.length === 10).toBe(true);
          const lock = lockOf(await store.getCodeLock(user))!;
          // A lock empties the window it closes; below the lock every failure is still counted.
          expect(lock.windowFailures + lock.prevWindowFailures).toBe(lockedAt === -1 ? wrongOnes.length : 0);
          // Once locked, the right code is refused until the lock ends, then accepted.
          if (lockedAt >= 0 && accepted === -1) {
            const fresh = await withCode({ expiresAt: T0 + 60 * MIN }, user);
            expect(await attempt(fresh, fresh.codeHash, { now: T0 + 2 })).toMatchObject({ kind: 'locked', hard: false, lockedUntil: T0 + 1 + 15 * MIN });
            expect(await attempt(fresh, fresh.codeHash, { now: T0 + 15 * MIN })).toMatchObject({ kind: 'locked' });
            expect(await attempt(fresh, fresh.codeHash, { now: T0 + 1 + 15 * MIN })).toEqual({ kind: 'accepted', phone: fresh.phone });
          }
        }
      });

      it('the window slides: failures straddling the edge never total more than the limit in one window', async () => {
        const user = uid();
        const code = await withCode({ expiresAt: T0 + 60 * MIN }, user);
        const tryAt = async (now: number) => {
          await store.putCode({ ...code, expiresAt: now + 5 * MIN });
          return attempt(code, hash(), { now });
        };
        // Nine failures just before the first window ends, then a burst right after its edge.
        for (let i = 0; i < 9; i++) expect((await tryAt(T0 + 15 * MIN - 100 + i)).kind).toBe('rejected');
        const burst = [];
        for (let i = 0; i < 10; i++) burst.push(await tryAt(T0 + 15 * MIN + 1 + i));
        // Only one more failure fits: ten in any 15 minutes, and that tenth sets the lock.
        expect(count(burst, (r) => r.kind === 'rejected')).toBe(1);
        expect(burst[0]).toMatchObject({ kind: 'rejected', lockedNow: true });
        expect(count(burst, (r) => r.kind === 'locked')).toBe(9);
      });

      it('locks hard at hardLockAfter consecutive failures, and stays locked', async () => {
        const user = uid();
        const code = await withCode({}, user);
        const hard = { ...LOCK, hardLockAfter: 3 };
        let last;
        for (let i = 0; i < 3; i++) {
          await store.putCode({ ...code, expiresAt: T0 + i * 40 * MIN + 5 * MIN });
          last = await attempt(code, hash(), { now: T0 + i * 40 * MIN, lock: hard });
        }
        expect(last).toMatchObject({ kind: 'rejected', lockedNow: true, hard: true });
        await store.putCode({ ...code, expiresAt: T0 + 500 * MIN });
        expect(await attempt(code, code.codeHash, { now: T0 + 400 * MIN, lock: hard })).toMatchObject({ kind: 'locked', hard: true });
      });

      it('settleApprovedTry: the counted try is taken back and the code consumed once; a lock set by another try holds', async () => {
        const code = await withCode();
        const settle = (c: NewCode, tryId: string, windowStartedAt: number) =>
          store.settleApprovedTry({ userId: c.userId, sessionIdHash: c.sessionIdHash, purpose: c.purpose, tryId, windowStartedAt, windowMs: LOCK.windowMs, now: T0 + 2 });
        const ids = [hash(), hash(), hash()];
        const tries = await Promise.all(ids.map((tryId) => attempt(code, null, { tryId })));
        expect(lockOf(await store.getCodeLock(code.userId))).toMatchObject({ windowFailures: 3, consecutiveFailures: 3 });
        const settled = await Promise.all(tries.map((r, i) => settle(code, ids[i]!, (r as { windowStartedAt: number }).windowStartedAt)));
        expect(settled.filter((p) => p === code.phone)).toHaveLength(1);
        expect((await store.getCodeLock(code.userId))?.consecutiveFailures).toBe(0);

        // Three tries at a limit of three: the third sets the lock while the provider checks.
        const small = { ...LOCK, lockAfter: 3 };
        const other = await withCode();
        const [first, second, third] = [hash(), hash(), hash()];
        const r1 = await attempt(other, null, { tryId: first, lock: small });
        await attempt(other, null, { tryId: second, lock: small });
        const r3 = await attempt(other, null, { tryId: third, lock: small });
        expect(r3).toMatchObject({ kind: 'rejected', lockedNow: true });
        // The first try was right after all, but the lock another try set holds.
        expect(await settle(other, first, (r1 as { windowStartedAt: number }).windowStartedAt)).toBeNull();
        // The try that set the lock was right: its own lock is lifted, and its code accepted.
        expect(await settle(other, third, (r3 as { windowStartedAt: number }).windowStartedAt)).toBe(other.phone);
        expect(lockOf(await store.getCodeLock(other.userId))).toMatchObject({ lockedUntil: null, hardLocked: false });
      });
    });

    describe('recovery codes', () => {
      const recovery = (userId: string, codeHash: string | null, over: Partial<RecoveryTryInput> = {}) =>
        store.tryRecoveryCode({ userId, codeHash, tryId: hash(), now: T0 + 1, lock: LOCK, ...over });

      it('replaces a set as one, spends a code once, and counts the unspent ones per user', async () => {
        const [a, b] = [uid(), uid()];
        const first = Array.from({ length: 10 }, () => hash());
        await store.replaceRecoveryCodes(a, first, T0);
        await store.replaceRecoveryCodes(b, [hash()], T0);
        expect(await store.countRecoveryCodes([a, b, uid()])).toEqual(new Map([[a, 10], [b, 1]]));
        expect(await recovery(a, first[0]!)).toEqual({ kind: 'accepted', left: 9 });
        // Spent: the same code again is a wrong try.
        expect(await recovery(a, first[0]!)).toEqual({ kind: 'rejected', lockedNow: false, hard: false });
        expect(await recovery(a, null)).toEqual({ kind: 'rejected', lockedNow: false, hard: false });
        // Another user's code is no code of this one.
        expect((await recovery(b, first[1]!)).kind).toBe('rejected');
        const next = [hash(), hash()];
        await store.replaceRecoveryCodes(a, next, T0 + 5);
        expect((await recovery(a, first[1]!)).kind).toBe('rejected');
        expect(await recovery(a, next[1]!)).toEqual({ kind: 'accepted', left: 1 });
        expect(await store.countRecoveryCodes([a])).toEqual(new Map([[a, 1]]));
      });

      it('20 parallel uses of one code: exactly one is accepted', async () => {
        const user = uid();
        const codes = [hash(), hash()];
        await store.replaceRecoveryCodes(user, codes, T0);
        const results = await times(20, () => recovery(user, codes[0]!));
        expect(count(results, (r) => r.kind === 'accepted')).toBe(1);
        expect(await store.countRecoveryCodes([user])).toEqual(new Map([[user, 1]]));
      });

      it('wrong recovery codes and wrong SMS codes share one lock: 20 at once evaluate at most 10, then the right recovery code is refused', async () => {
        const user = uid();
        const generation = (await store.getSettings()).enabled ? (await store.getSettings()).generation : (await store.updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin')).generation;
        await store.enroll(user, '+12025550143', generation, T0);
        const s = pendingSession(user, { generation });
        await store.createSession(s);
        const code = newCode(s.idHash, user, { generation, expiresAt: T0 + 60 * MIN });
        await store.putCode(code);
        const right = hash();
        await store.replaceRecoveryCodes(user, [right], T0);
        const smsTry = () => store.tryCode({ userId: user, sessionIdHash: s.idHash, purpose: 'login', codeHash: hash(), tryId: hash(), now: T0 + 1, maxAttempts: 100, lock: LOCK });
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? recovery(user, hash()) : smsTry())));
        const counted = results.filter((r) => r.kind === 'rejected');
        expect(counted).toHaveLength(10);
        expect(count(results, (r) => 'lockedNow' in r && r.lockedNow)).toBe(1);
        expect(count(results, (r) => r.kind === 'locked')).toBe(10);
        expect(await recovery(user, right, { now: T0 + 2 })).toMatchObject({ kind: 'locked', hard: false });
        expect(await store.countRecoveryCodes([user])).toEqual(new Map([[user, 1]]));
        // Once the lock has ended the code works.
        expect(await recovery(user, right, { now: T0 + 2 + 15 * MIN })).toEqual({ kind: 'accepted', left: 0 });
      });

      it('resetTwoFactor removes them', async () => {
        const user = uid();
        const codes = [hash()];
        await store.replaceRecoveryCodes(user, codes, T0);
        await store.resetTwoFactor(user);
        expect((await store.countRecoveryCodes([user])).size).toBe(0);
        expect((await recovery(user, codes[0]!)).kind).toBe('rejected');
      });
    });

    describe('rate-limit counters', () => {
      it('slides: the previous window counts with the current one, and a quiet stretch starts afresh', async () => {
        const key = uid('key');
        expect(await store.hit(key, MIN, T0)).toEqual({ count: 1, current: 1, resetAt: T0 + MIN });
        expect(await store.hit(key, MIN, T0 + 59_999)).toEqual({ count: 2, current: 2, resetAt: T0 + MIN });
        // The next window: the two before still count.
        expect(await store.hit(key, MIN, T0 + MIN)).toEqual({ count: 3, current: 1, resetAt: T0 + 2 * MIN });
        await store.refund(key);
        await store.refund(key);
        await store.refund(uid('none'));
        expect(await store.hit(key, MIN, T0 + MIN + 1)).toEqual({ count: 3, current: 1, resetAt: T0 + 2 * MIN });
        // A window later the first one no longer counts; two windows of silence start afresh.
        expect(await store.hit(key, MIN, T0 + 2 * MIN)).toEqual({ count: 2, current: 1, resetAt: T0 + 3 * MIN });
        expect(await store.hit(key, MIN, T0 + 5 * MIN)).toEqual({ count: 1, current: 1, resetAt: T0 + 6 * MIN });
      });

      it('30 parallel hits count 30, each seeing a distinct count; parallel refunds take back as many', async () => {
        const key = uid('key');
        const results = await times(30, () => store.hit(key, 10 * MIN, T0));
        expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
        expect(new Set(results.map((r) => r.resetAt))).toEqual(new Set([T0 + 10 * MIN]));
        await times(12, () => store.refund(key));
        expect((await store.hit(key, 10 * MIN, T0 + 1)).count).toBe(19);
      });
    });

    describe('SMS deliveries', () => {
      const sms = (userId: string, sessionIdHash: string | null, sentAt: number) => ({
        messageId: `SM${randomBytes(16).toString('hex')}`,
        userId,
        sessionIdHash,
        status: 'queued' as const,
        rank: 1,
        sentAt,
      });

      it('records once, moves only forward, even when callbacks race', async () => {
        const u = uid();
        const m = sms(u, hash(), T0);
        await store.recordSmsDelivery(m);
        await store.recordSmsDelivery({ ...m, status: 'sent', rank: 3, sentAt: T0 + 1 });
        const { rank: _rank, ...shown } = m;
        expect(await store.sessionSmsDelivery(m.sessionIdHash!)).toEqual({ ...shown, errorCode: null, updatedAt: T0 });

        expect(await store.updateSmsDelivery({ messageId: m.messageId, status: 'sent', rank: 3, errorCode: null, at: T0 + 2 })).toEqual({
          ...shown,
          status: 'sent',
          errorCode: null,
          updatedAt: T0 + 2,
        });
        // A late "sending" is stale; an unknown message is nothing.
        expect(await store.updateSmsDelivery({ messageId: m.messageId, status: 'sending', rank: 2, errorCode: null, at: T0 + 3 })).toBeNull();
        expect(await store.updateSmsDelivery({ messageId: 'SMnone', status: 'sent', rank: 3, errorCode: null, at: T0 })).toBeNull();

        // Final states racing each other and a stale one: the statement's rank check lets one final state win.
        const updates = await Promise.all([
          store.updateSmsDelivery({ messageId: m.messageId, status: 'undelivered', rank: 4, errorCode: 30003, at: T0 + 4 }),
          store.updateSmsDelivery({ messageId: m.messageId, status: 'delivered', rank: 4, errorCode: null, at: T0 + 4 }),
          store.updateSmsDelivery({ messageId: m.messageId, status: 'sent', rank: 3, errorCode: null, at: T0 + 4 }),
        ]);
        expect(updates.filter((x) => x !== null).map((x) => x!.status)).toHaveLength(1);
        const final = await store.sessionSmsDelivery(m.sessionIdHash!);
        expect(['undelivered', 'delivered']).toContain(final?.status);
        expect(final?.status).toBe(updates.find((x) => x !== null)!.status);
      });

      it('finds the newest SMS per user and per login, and sweeps them after 30 days', async () => {
        const [a, b, c] = [uid(), uid(), uid()];
        const session = hash();
        const a1 = sms(a, session, T0);
        const a2 = sms(a, session, T0 + 30_000);
        const a0 = sms(a, hash(), T0 - 1);
        const b1 = sms(b, null, T0 + 5);
        for (const m of [a1, a2, a0, b1]) await store.recordSmsDelivery(m);

        const last = await store.lastSmsDeliveries([a, b, c]);
        expect([...last.keys()].sort()).toEqual([a, b].sort());
        expect(last.get(a)?.messageId).toBe(a2.messageId);
        expect(last.get(b)).toEqual({ messageId: b1.messageId, userId: b, sessionIdHash: null, status: 'queued', errorCode: null, sentAt: T0 + 5, updatedAt: T0 + 5 });
        expect((await store.lastSmsDeliveries([])).size).toBe(0);
        expect((await store.sessionSmsDelivery(session))?.messageId).toBe(a2.messageId);
        expect(await store.sessionSmsDelivery(hash())).toBeNull();

        await store.sweep(T0 + 30 * 86_400_000);
        // a0 and a1 are 30 days old; a2 and b1 are younger.
        expect((await store.lastSmsDeliveries([a, b])).size).toBe(2);
        expect((await store.sessionSmsDelivery(session))?.messageId).toBe(a2.messageId);
        await store.sweep(T0 + 30 * 86_400_000 + 30_000);
        expect((await store.lastSmsDeliveries([a, b])).get(a)).toBeUndefined();
      });
    });

    describe('audit log', () => {
      it('lists newest first, by subject, with details, and finds the last login of each user', async () => {
        const [a, b, c] = [uid(), uid(), uid()];
        await store.audit({ at: T0, type: 'login.succeeded', actorId: a, subjectId: a, ip: '203.0.113.7', detail: { amr: 'pwd' } });
        await store.audit({ at: T0 + 5, type: 'code.sent', actorId: a, subjectId: a, ip: null, detail: { purpose: 'login', n: 1 } });
        await store.audit({ at: T0 + 9, type: 'login.succeeded', actorId: a, subjectId: a, ip: '203.0.113.7' });
        await store.audit({ at: T0 + 3, type: 'login.succeeded', actorId: b, subjectId: b, ip: null });
        await store.audit({ at: T0 + 99, type: 'login.failed', actorId: null, subjectId: b, ip: null });
        await store.audit({ at: T0 + 1, type: 'two_factor.reset', actorId: 'usr-admin', subjectId: c, ip: '198.51.100.1' });

        const ofA = await store.listAudit({ subjectId: a });
        expect(ofA.map((e) => e.type)).toEqual(['login.succeeded', 'code.sent', 'login.succeeded']);
        expect(ofA[1]).toMatchObject({ at: T0 + 5, actorId: a, subjectId: a, ip: null, detail: { purpose: 'login', n: 1 } });
        expect(ofA[0]!.detail).toBeUndefined();
        expect(typeof ofA[0]!.id).toBe('number');
        expect(ofA[0]!.id).toBeGreaterThan(ofA[1]!.id);
        expect(await store.listAudit({ subjectId: c, limit: 5 })).toEqual([
          expect.objectContaining({ type: 'two_factor.reset', actorId: 'usr-admin', subjectId: c, ip: '198.51.100.1' }),
        ]);
        expect(await store.listAudit({ subjectId: a, limit: 1 })).toHaveLength(1);
        expect((await store.listAudit({ limit: 2 })).length).toBe(2);

        const last = await store.lastLogins([a, b, c]);
        expect([...last].sort()).toEqual([
          [a, T0 + 9],
          [b, T0 + 3],
        ].sort());
        expect((await store.lastLogins([])).size).toBe(0);
      });
    });

    describe('sweep', () => {
      it('deletes expired sessions and codes (a used one with its expiry) and windows that no longer count, and keeps the rest', async () => {
        const u = uid();
        const now = T0 + 60 * MIN;
        const expired = pendingSession(u, { expiresAt: now });
        const live = pendingSession(u, { expiresAt: now + 1 });
        for (const s of [expired, live]) await store.createSession(s);
        const liveCode = newCode(live.idHash, u, { expiresAt: now + 1 });
        await store.putCode(liveCode);
        // A code is used only in the present: 2FA on, its generation current, its phone enrolled.
        const settings = await store.getSettings();
        const generation = settings.enabled ? settings.generation : (await store.updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin')).generation;
        const used = pendingSession(u, { expiresAt: now + 1, generation });
        await store.createSession(used);
        const usedCode = newCode(used.idHash, u, { expiresAt: now + 1, generation });
        await store.enroll(u, usedCode.phone, generation, T0);
        await store.putCode(usedCode);
        await store.tryCode({ userId: u, sessionIdHash: used.idHash, purpose: 'login', codeHash: usedCode.codeHash, tryId: hash(), now: T0, maxAttempts: 5, lock: LOCK });
        const oldCode = newCode(hash(), u, { expiresAt: now });
        await store.putCode(oldCode);
        const [ended, running] = [uid('key'), uid('key')];
        // A window still counts, as the previous one, until two windows after it began.
        await store.hit(ended, MIN, now - 2 * MIN);
        await store.hit(running, MIN, now - 2 * MIN + 1);

        await store.sweep(now);
        expect(await store.findSession(expired.idHash)).toBeNull();
        expect(await store.findSession(live.idHash)).not.toBeNull();
        expect(await store.getCode(liveCode.sessionIdHash)).not.toBeNull();
        expect(await store.getCode(oldCode.sessionIdHash)).toBeNull();
        // A used code stays until its expiry, used: no index on consumed_at to sweep it earlier.
        expect((await store.getCode(usedCode.sessionIdHash))?.consumedAt).toBe(T0);
        // Probed inside both windows: only a counter that was deleted starts again at one.
        expect((await store.hit(ended, MIN, now - 1)).count).toBe(1);
        expect((await store.hit(running, MIN, now - 1)).count).toBe(2);
        await store.sweep(now + 1);
        expect(await store.getCode(usedCode.sessionIdHash)).toBeNull();
        expect(await store.getCode(liveCode.sessionIdHash)).toBeNull();
      });

      it('deletes in bounded batches: at most `limit` rows of a kind a call, and says when more are left', async () => {
        const u = uid();
        const now = T0 + 120 * MIN;
        const expired = Array.from({ length: 5 }, () => pendingSession(u, { expiresAt: now - 1 }));
        const live = pendingSession(u, { expiresAt: now + MIN });
        for (const s of [...expired, live]) await store.createSession(s);
        const left = async () => count(await Promise.all(expired.map((s) => store.findSession(s.idHash))), (s) => s !== null);
        // Earlier tests of this store may have left expired rows of their own: sweep those first.
        while (await store.sweep(now, 1000));
        expect(await left()).toBe(0);

        const more = Array.from({ length: 5 }, () => pendingSession(u, { expiresAt: now - 1 }));
        for (const s of more) await store.createSession(s);
        const remaining = async () => count(await Promise.all(more.map((s) => store.findSession(s.idHash))), (s) => s !== null);
        expect(await store.sweep(now, 2)).toBe(true);
        expect(await remaining()).toBe(3);
        expect(await store.sweep(now, 2)).toBe(true);
        expect(await remaining()).toBe(1);
        expect(await store.sweep(now, 2)).toBe(false);
        expect(await remaining()).toBe(0);
        expect(await store.findSession(live.idHash)).not.toBeNull();
      });
    });
  });
}
