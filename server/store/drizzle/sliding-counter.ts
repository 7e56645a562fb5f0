/**
 * The two-window count that every rate limit is held against. Any stretch of one window's length
 * overlaps at most two consecutive windows, and an event is allowed only while those two together
 * are under the limit, so no stretch ever holds more than the limit: an attacker who bursts on
 * both sides of a window's edge gets the limit once, not twice.
 * @module
 */
import type { Counter } from '../store.js';

export function slidingCounter(row: { windowStartedAt: number; count: number; prevCount: number }, windowMs: number): Counter {
  const current = Number(row.count);
  return { count: current + Number(row.prevCount), current, resetAt: Number(row.windowStartedAt) + windowMs };
}
