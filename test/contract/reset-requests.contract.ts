/**
 * The store's part of "I lost my phone" (spec §10), for `runStoreContract`: one open request per
 * account (a second request keeps the first's time), per portal, closed by the admin's reset.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TwoFactorStore } from '../../server/store/store.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const uid = (p = 'usr') => `${p}-${randomBytes(6).toString('hex')}`;

export function resetRequestsContract(store: () => TwoFactorStore): void {
  describe('reset requests', () => {
    it('keeps one open request per account: a second one returns the first time, no new row', async () => {
      const s = store();
      const [a, b] = [uid(), uid()];
      expect(await s.requestReset(a, T0, '198.51.100.7')).toEqual({ requestedAt: T0, opened: true });
      expect(await s.requestReset(a, T0 + 60_000, '198.51.100.8')).toEqual({ requestedAt: T0, opened: false });
      expect(await s.resetRequestTimes([a, b])).toEqual(new Map([[a, T0]]));
      expect((await s.resetRequestTimes([])).size).toBe(0);
      // The report reads them with the portal's other factors.
      expect((await s.portalFactors()).resetRequests.get(a)).toBe(T0);
    });

    it('the admin reset closes the request, and only that user’s', async () => {
      const s = store();
      const [a, b] = [uid(), uid()];
      await s.requestReset(a, T0, null);
      await s.requestReset(b, T0 + 1, null);
      await s.resetTwoFactor(a);
      expect(await s.resetRequestTimes([a, b])).toEqual(new Map([[b, T0 + 1]]));
      expect(await s.closeResetRequest(a)).toBe(false);
      expect(await s.closeResetRequest(b)).toBe(true);
      // Closed, the account can ask again.
      expect(await s.requestReset(a, T0 + 2, null)).toEqual({ requestedAt: T0 + 2, opened: true });
    });

    it('is per portal: another portal sees and closes none of them', async () => {
      const s = store();
      const other = s.forPortal(`prt-${randomBytes(4).toString('hex')}`);
      const a = uid();
      await s.requestReset(a, T0, null);
      expect((await other.resetRequestTimes([a])).size).toBe(0);
      expect(await other.closeResetRequest(a)).toBe(false);
      expect(await s.resetRequestTimes([a])).toEqual(new Map([[a, T0]]));
    });
  });
}
