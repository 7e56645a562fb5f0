/**
 * The one place the elements read time and schedule timers. Countdowns ("Resend (11s)", a lockout
 * wait) go through it so that tests can swap in a manual clock instead of waiting real seconds.
 * Not public API.
 */
export interface CbClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: CbClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

let current: CbClock = realClock;

/** The clock in use. */
export const clock = (): CbClock => current;

/** Replaces the clock (tests); returns a function that restores the real one. */
export const useClock = (next: CbClock): (() => void) => {
  current = next;
  return () => {
    current = realClock;
  };
};
