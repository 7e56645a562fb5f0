import type { Deps } from './deps.js';

const DAY_MS = 86_400_000;

/**
 * How long a trusted device skips the SMS, in ms, as the portal's record says now rather than as
 * this instance cached it: another instance's admin may just have shortened or ended it, and that
 * must count at once (at use, in the user's list and in the admin's count alike). 0 = off.
 */
export async function trustMaxAgeMs(d: Pick<Deps, 'store' | 'portal'>): Promise<number> {
  const record = await d.store.portals.get(d.store.portalId);
  return (record?.policies.trustDeviceDays ?? d.portal.policies.trustDeviceDays) * DAY_MS;
}
