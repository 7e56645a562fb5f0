import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clock } from './clock.js';

/** Whole seconds from `now` until `target` (ms), never negative; rounds up so "1s" shows until the end. */
export const secondsUntil = (target: number, now: number): number =>
  Math.max(0, Math.ceil((target - now) / 1000));

/**
 * Counts down to a point in time and re-renders its host once a second while it runs.
 * Used for "Resend (Ns)" and for the wait after `rate_limited`.
 */
export class CountdownController implements ReactiveController {
  private target = 0;
  private timer: unknown = undefined;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Seconds left; 0 when the countdown is over (or was never started). */
  get seconds(): number {
    return secondsUntil(this.target, clock().now());
  }

  get running(): boolean {
    return this.seconds > 0;
  }

  /** Starts (or restarts) the countdown to `until`, a Date, an ISO string or epoch ms. */
  start(until: Date | string | number | null | undefined): void {
    const ms = until instanceof Date ? until.getTime() : typeof until === 'string' ? Date.parse(until) : until ?? 0;
    this.target = Number.isFinite(ms) ? ms : 0;
    this.schedule();
    this.host.requestUpdate();
  }

  /** Starts a countdown of `seconds` from now. */
  startIn(seconds: number): void {
    this.start(clock().now() + seconds * 1000);
  }

  stop(): void {
    this.target = 0;
    this.clear();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.clear();
  }

  private clear(): void {
    if (this.timer !== undefined) clock().clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Wakes up at the next whole-second boundary rather than every 1000 ms, so the display never skips a number. */
  private schedule(): void {
    this.clear();
    if (!this.connected) return;
    const left = this.target - clock().now();
    if (left <= 0) return;
    const delay = left % 1000 || 1000;
    this.timer = clock().setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
      this.schedule();
    }, delay);
  }
}
