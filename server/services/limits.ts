/**
 * Sliding-window limits kept in the database, keyed by an HMAC of a route name and a subject: the
 * raw path never enters a key (so `/login` mounted twice shares one budget), and no email or
 * phone is stored in clear in the counters table.
 * @module
 */
import { rateLimited } from '../errors.js';
import type { Window } from '../policy.js';
import type { Deps } from './deps.js';

export interface LimitKey {
  key: string;
  window: Window;
  /** False for a cooldown: a plain window from its first event, where the previous one never counts. */
  sliding: boolean;
}

/**
 * Limits that count across every portal of the deployment: one phone is one bill to protect, so
 * SMS pumping through many portals at one number meets one limit. All others count per portal.
 */
const ACROSS_PORTALS = new Set(['send.phone', 'send.calls']);

export const limitKey = async (d: Pick<Deps, 'hmac' | 'store'>, name: string, subject: string, window: Window, sliding = true): Promise<LimitKey> => ({
  key: await d.hmac.sign(ACROSS_PORTALS.has(name) ? `limit:${name}:${subject}` : `limit:${d.store.portalId}:${name}:${subject}`),
  window,
  sliding,
});

/**
 * Counts one event against every limit; when any is exceeded, takes all of them back and throws
 * `rate_limited` with the longest wait. Counting first and refunding later is what makes the
 * check race-free: N parallel requests see N distinct counts.
 */
export async function consume(d: Pick<Deps, 'store' | 'clock'>, limits: LimitKey[]): Promise<() => Promise<void>> {
  const now = d.clock();
  const taken: string[] = [];
  const refundAll = async () => {
    for (const key of taken) await d.store.refund(key);
  };
  let wait = 0;
  for (const { key, window, sliding } of limits) {
    const counter = await d.store.hit(key, window.windowSeconds * 1000, now, sliding);
    taken.push(key);
    if (counter.count > window.limit) {
      // At the window's end the previous window drops out; when this window alone is over the
      // limit, it must drop out too, one window later.
      const until = sliding && counter.current > window.limit ? counter.resetAt + window.windowSeconds * 1000 : counter.resetAt;
      wait = Math.max(wait, (until - now) / 1000);
    }
  }
  if (wait > 0) {
    await refundAll();
    throw rateLimited(wait);
  }
  return refundAll;
}

/** IPv6 clients are grouped by /64, the block a single subscriber usually holds. */
export function ipGroup(ip: string): string {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4mapped) return v4mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}
