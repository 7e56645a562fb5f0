/**
 * The demo's use of `onEvent` (product spec §10): the events a portal's admins want to hear of,
 * kept in memory per portal, newest first, for the admin's Notifications page. A real host would
 * send an email or call a webhook from the same hook.
 * @module
 */
import type { CbEvent } from '../server/index.js';

/** What an admin is told about; every other event stays in the audit log. */
const NOTABLE = new Set<string>([
  'reset.requested',
  'two_factor.reset',
  'code.locked',
  'phone.changed',
  'recovery_code.used',
  'recovery_codes.generated',
  'settings.changed',
  'organization.policy_changed',
  'code.delivery_failed',
  'sms.budget_warning',
  'sms.budget_exceeded',
]);

export interface NotificationFeed {
  /** The hook: keeps a notable event of its portal. */
  onEvent(event: CbEvent): void;
  /** The portal's notifications, newest first. */
  list(portalId: string): CbEvent[];
}

export function notificationFeed(keep = 50): NotificationFeed {
  const byPortal = new Map<string, CbEvent[]>();
  return {
    onEvent(event) {
      if (!NOTABLE.has(event.type)) return;
      const list = byPortal.get(event.portalId) ?? [];
      list.unshift(event);
      list.length = Math.min(list.length, keep);
      byPortal.set(event.portalId, list);
    },
    list: (portalId) => byPortal.get(portalId) ?? [],
  };
}
