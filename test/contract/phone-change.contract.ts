/**
 * The store's part of "Change my phone" (spec §10), for `runStoreContract`: the compare-and-swap
 * of the enrolled phone (one winner of parallel swaps; nothing once the phone, the generation or
 * the enrollment changed), the end of a user's other sessions with their codes, and a
 * `phone_change` code: current while the user is still enrolled, on another phone, in its
 * generation.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CodeTryInput, NewCode, Session, TwoFactorStore } from '../../server/store/store.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const OLD = '+12025550143';
const NEW = '+12025550188';
const uid = () => `usr-${randomBytes(6).toString('hex')}`;
const hash = () => randomBytes(32).toString('base64url');
const LOCK = { windowMs: 900_000, lockAfter: 10, lockMs: 900_000, hardLockAfter: 100 };

const completeSession = (userId: string): Session => ({
  idHash: hash(),
  userId,
  status: 'complete',
  step: null,
  amr: 'pwd sms',
  createdAt: T0,
  expiresAt: T0 + 3_600_000,
  lastSeenAt: T0,
  ip: '203.0.113.7',
  generation: 0,
});

export function phoneChangeContract(store: () => TwoFactorStore): void {
  describe('phone change', () => {
    /** A code counts only in a generation the portal's row holds: 2FA turned on once, as in the code tries' suite. */
    const generation = async () => {
      const settings = await store().getSettings();
      return settings.enabled ? settings.generation : (await store().updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin')).generation;
    };

    it('replaceEnrolledPhone swaps only the expected phone of that generation, once of parallel swaps, and keeps the generation', async () => {
      const s = store();
      const u = uid();
      const g = await generation();
      expect(await s.replaceEnrolledPhone(u, OLD, NEW, g, T0)).toBe(false);
      await s.enroll(u, OLD, g, T0);
      expect(await s.replaceEnrolledPhone(u, '+12025550111', NEW, g, T0 + 1)).toBe(false);
      expect(await s.replaceEnrolledPhone(u, OLD, NEW, g + 1, T0 + 1)).toBe(false);
      expect((await s.getFactorState(u)).enrollment).toEqual({ phone: OLD, generation: g, enrolledAt: T0 });
      const won = await Promise.all(Array.from({ length: 10 }, (_, i) => s.replaceEnrolledPhone(u, OLD, `+1202555020${i}`, g, T0 + 5)));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await s.getFactorState(u)).enrollment).toEqual({ phone: `+1202555020${won.indexOf(true)}`, generation: g, enrolledAt: T0 + 5 });
      await s.resetTwoFactor(u);
      expect(await s.replaceEnrolledPhone(u, `+1202555020${won.indexOf(true)}`, NEW, g, T0 + 6)).toBe(false);
      expect((await s.getFactorState(u)).enrollment).toBeNull();
    });

    it('deleteOtherSessions ends every other session of the user, and their codes; this one, its code and other users stay', async () => {
      const s = store();
      const [a, b] = [uid(), uid()];
      const keep = completeSession(a);
      const others = [completeSession(a), { ...completeSession(a), status: 'pending' as const, step: 'verify' as const }];
      const stranger = completeSession(b);
      for (const x of [keep, ...others, stranger]) await s.createSession(x);
      const code = (sessionIdHash: string, userId: string): NewCode => ({ sessionIdHash, userId, purpose: 'login', phone: OLD, codeHash: hash(), sentAt: T0, expiresAt: T0 + 300_000, generation: 0 });
      for (const x of [keep, ...others, stranger]) await s.putCode(code(x.idHash, x.userId));
      expect(await s.deleteOtherSessions(a, keep.idHash)).toBe(2);
      expect(await s.findSession(keep.idHash)).not.toBeNull();
      expect(await s.getCode(keep.idHash)).not.toBeNull();
      for (const x of others) {
        expect(await s.findSession(x.idHash)).toBeNull();
        expect(await s.getCode(x.idHash)).toBeNull();
      }
      expect(await s.findSession(stranger.idHash)).not.toBeNull();
      expect(await s.getCode(stranger.idHash)).not.toBeNull();
      expect(await s.deleteOtherSessions(a, keep.idHash)).toBe(0);
    });

    it('a phone_change code counts while the user is enrolled on another phone in its generation; after the swap or a reset it is stale', async () => {
      const s = store();
      const u = uid();
      const g = await generation();
      await s.enroll(u, OLD, g, T0);
      const session = completeSession(u);
      await s.createSession(session);
      const put = async () => {
        const c: NewCode = { sessionIdHash: session.idHash, userId: u, purpose: 'phone_change', phone: NEW, codeHash: hash(), sentAt: T0, expiresAt: T0 + 300_000, generation: g };
        await s.putCode(c);
        return c;
      };
      const tryIt = (c: NewCode, codeHash: string | null): Promise<unknown> =>
        s.tryCode({ userId: u, sessionIdHash: c.sessionIdHash, purpose: 'phone_change', codeHash, tryId: hash(), now: T0 + 1, maxAttempts: 5, lock: LOCK } satisfies CodeTryInput);
      const first = await put();
      expect(await tryIt(first, hash())).toMatchObject({ kind: 'rejected', attemptsLeft: 4 });
      // A login code's try at it finds nothing: the purpose is part of the code.
      expect(await s.tryCode({ userId: u, sessionIdHash: session.idHash, purpose: 'login', codeHash: first.codeHash, tryId: hash(), now: T0 + 1, maxAttempts: 5, lock: LOCK })).toEqual({ kind: 'unusable' });
      expect(await tryIt(first, first.codeHash)).toEqual({ kind: 'accepted', phone: NEW });

      // Another session changed the phone to this very number: the code no longer changes anything.
      const second = await put();
      expect(await s.replaceEnrolledPhone(u, OLD, NEW, g, T0 + 2)).toBe(true);
      expect(await tryIt(second, second.codeHash)).toEqual({ kind: 'stale' });
      // Reset: no enrollment, nothing to change.
      const third = await put();
      await s.resetTwoFactor(u);
      expect(await s.getCode(third.sessionIdHash)).toBeNull();
    });
  });
}
