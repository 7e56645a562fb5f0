/**
 * The admin's Notifications page: what the demo's `onEvent` hook heard of this portal, in words
 * ("Ann Lee asked for a 2FA reset"), newest first.
 */
import type { CbEvent, CbUser } from '../../server/index.js';
import { adminPage, escape, type View } from './pages.js';

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One event in words; `name` is the subject's name (or id when unknown). */
export function describe(e: CbEvent, name: string): string {
  // As a string: the demo names events of releases that may not have every type yet.
  switch (e.type as string) {
    case 'reset.requested':
      return `${name} asked for a 2FA reset ("I lost my phone")`;
    case 'two_factor.reset':
      return `${name}'s two-factor authentication was reset`;
    case 'code.locked':
      return `${name}'s code step was locked after too many wrong codes`;
    case 'phone.changed':
      return `${name} changed their phone number`;
    case 'recovery_code.used':
      return `${name} signed in with a recovery code`;
    case 'recovery_codes.generated':
      return `${name} made a new set of recovery codes`;
    case 'settings.changed':
      return `${name} changed the Two Factor Authentication settings`;
    case 'organization.policy_changed':
      return `${name} changed an organization's two-factor policy`;
    case 'code.delivery_failed':
      return `A code SMS to ${name} was not delivered`;
    case 'sms.budget_warning':
      return 'The daily SMS budget is almost used up';
    case 'sms.budget_exceeded':
      return 'The daily SMS budget is used up: codes are not sent';
    default:
      return `${e.type} (${name})`;
  }
}

export function notificationsPage(v: View, user: CbUser, items: Array<{ event: CbEvent; name: string }>): string {
  return adminPage(
    v,
    user,
    'notifications',
    'Notifications',
    `<h1>Notifications</h1>
  <p class="hint">What this portal's <code>onEvent</code> hook was told since the demo started, newest first.</p>
  ${
    items.length
      ? `<ul class="notifications" aria-label="Notifications">${items
          .map(({ event, name }) => `<li><span class="what">${escape(describe(event, name))}</span> · <time datetime="${new Date(event.at).toISOString()}">${when(event.at)}</time></li>`)
          .join('')}</ul>`
      : '<p id="no-notifications">Nothing yet.</p>'
  }`,
  );
}
