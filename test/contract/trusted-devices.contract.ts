/**
 * The store's part of "Trust this device" (spec §10), for `runStoreContract`: a device is usable
 * only for its user, while it matches the user's current enrollment (phone and generation) in the
 * portal's current generation with 2FA on, and while younger than both its own end and the
 * portal's present policy; use touches it; forget, reset and the sweep remove it. Each test works
 * in a portal of its own, so turning 2FA off and on touches no other test's settings.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TrustedDevice, TwoFactorStore } from '../../server/store/store.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const DAY = 86_400_000;
const PHONE = '+12025550143';
const uid = (p = 'usr') => `${p}-${randomBytes(6).toString('hex')}`;
const hash = () => randomBytes(32).toString('base64url');

const device = (userId: string, generation: number, over: Partial<TrustedDevice> = {}): TrustedDevice => ({
  idHash: hash(),
  userId,
  phone: PHONE,
  generation,
  label: 'Chrome on macOS',
  createdAt: T0,
  lastUsedAt: T0,
  expiresAt: T0 + 30 * DAY,
  ...over,
});

export function trustedDevicesContract(store: () => TwoFactorStore): void {
  describe('trusted devices', () => {
    /** A portal of its own with 2FA on and one enrolled user. */
    const setUp = async () => {
      const s = store().forPortal(uid('dev'));
      const { generation } = await s.updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin');
      const u = uid();
      await s.enroll(u, PHONE, generation, T0);
      return { s, u, generation };
    };

    it('is usable for its user while bound to the enrollment and young enough, and use touches it', async () => {
      const { s, u, generation } = await setUp();
      const dev = device(u, generation);
      await s.createTrustedDevice(dev);
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + DAY, 30 * DAY)).toBe(true);
      expect(await s.listTrustedDevices(u, T0 + DAY, 30 * DAY)).toEqual([{ ...dev, lastUsedAt: T0 + DAY }]);
      // Another user's login with this cookie, an unknown cookie: nothing.
      expect(await s.useTrustedDevice(dev.idHash, uid(), T0 + DAY, 30 * DAY)).toBe(false);
      expect(await s.useTrustedDevice(hash(), u, T0 + DAY, 30 * DAY)).toBe(false);
      // Its own end, and the portal's present policy when shorter (0 days ends all at once).
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + 30 * DAY, 90 * DAY)).toBe(false);
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + 8 * DAY, 7 * DAY)).toBe(false);
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + 1, 0)).toBe(false);
      expect(await s.countTrustedDevices([u], T0 + DAY, 30 * DAY)).toEqual(new Map([[u, 1]]));
      expect((await s.countTrustedDevices([u], T0 + 30 * DAY, 30 * DAY)).size).toBe(0);
      // The user's list and the admin's count show what use would accept: a shortened policy hides it.
      expect(await s.listTrustedDevices(u, T0 + 8 * DAY, 7 * DAY)).toEqual([]);
      expect((await s.countTrustedDevices([u], T0 + 8 * DAY, 7 * DAY)).size).toBe(0);
    });

    it('ends with a new phone, a new generation, 2FA off and a reset', async () => {
      const { s, u, generation } = await setUp();
      const dev = device(u, generation);
      await s.createTrustedDevice(dev);
      // Another phone enrolled: the device was trusted under the old one.
      expect(await s.replaceEnrolledPhone(u, PHONE, '+12025550188', generation, T0)).toBe(true);
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + 1, 30 * DAY)).toBe(false);
      // Listed and counted only while usable: the user's list and the admin's count never show it now.
      expect(await s.listTrustedDevices(u, T0 + 1, 30 * DAY)).toEqual([]);
      expect((await s.countTrustedDevices([u], T0 + 1, 30 * DAY)).size).toBe(0);
      expect(await s.replaceEnrolledPhone(u, '+12025550188', PHONE, generation, T0)).toBe(true);
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + 1, 30 * DAY)).toBe(true);
      // 2FA off: no device is used; on again, a new generation: the old enrollment's device never again.
      await s.updateSettings({ enabled: false, allowOptOut: false }, T0, 'usr-admin');
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + 2, 30 * DAY)).toBe(false);
      expect(await s.listTrustedDevices(u, T0 + 2, 30 * DAY)).toEqual([]);
      const next = (await s.updateSettings({ enabled: true, allowOptOut: false }, T0, 'usr-admin')).generation;
      expect(next).toBe(generation + 1);
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + 3, 30 * DAY)).toBe(false);
      await s.enroll(u, PHONE, next, T0);
      expect(await s.useTrustedDevice(dev.idHash, u, T0 + 4, 30 * DAY)).toBe(false);
      expect(await s.listTrustedDevices(u, T0 + 4, 30 * DAY)).toEqual([]);
      expect((await s.countTrustedDevices([u], T0 + 4, 30 * DAY)).size).toBe(0);
      // A reset removes the devices of the new enrollment too.
      const fresh = device(u, next);
      await s.createTrustedDevice(fresh);
      expect(await s.useTrustedDevice(fresh.idHash, u, T0 + 5, 30 * DAY)).toBe(true);
      await s.resetTwoFactor(u);
      expect(await s.listTrustedDevices(u, T0, 30 * DAY)).toEqual([]);
    });

    it('forgets all of one user, and the sweep removes the ended ones', async () => {
      const { s, u, generation } = await setUp();
      const other = uid();
      await s.enroll(other, PHONE, generation, T0);
      await s.createTrustedDevice(device(u, generation));
      await s.createTrustedDevice(device(u, generation, { lastUsedAt: T0 + 1 }));
      const kept = device(other, generation);
      await s.createTrustedDevice(kept);
      expect((await s.listTrustedDevices(u, T0, 30 * DAY)).map((d) => d.lastUsedAt)).toEqual([T0 + 1, T0]);
      expect(await s.forgetTrustedDevices(u)).toBe(2);
      expect(await s.forgetTrustedDevices(u)).toBe(0);
      expect(await s.listTrustedDevices(other, T0, 30 * DAY)).toEqual([kept]);
      const ended = device(other, generation, { expiresAt: T0 + DAY });
      await s.createTrustedDevice(ended);
      await s.sweep(T0 + DAY);
      expect(await s.listTrustedDevices(other, T0, 30 * DAY)).toEqual([kept]);
    });
  });
}
