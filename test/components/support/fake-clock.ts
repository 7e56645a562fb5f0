import { useClock, type CbClock } from '../../../components/internal/clock.js';

/** A manual clock for countdowns: time moves only with `tick`. */
export interface FakeClock extends CbClock {
  tick(ms: number): void;
  restore(): void;
}

export function fakeClock(start = Date.UTC(2025, 0, 1, 12, 0, 0)): FakeClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const c: FakeClock = {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
    tick(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
    restore: () => undefined,
  };
  c.restore = useClock(c);
  return c;
}
