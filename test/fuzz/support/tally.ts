/**
 * What a property's cases reached: answers by status and error code. A fuzzer whose requests all
 * die at the first check proves little, so each property also asserts that its cases got past
 * validation into the steps (some succeed, some are refused for each reason that matters).
 */
import type { Answer } from './exchange.js';
import { fuzzCoverageChecked, fuzzReports } from './runs.js';

export class Tally {
  readonly counts = new Map<string, number>();

  add(answer: Answer): void {
    const code = (answer.json as { error?: { code?: unknown } } | undefined)?.error?.code;
    const key = answer.status < 400 ? `${answer.status}` : `${answer.status} ${typeof code === 'string' ? code : '?'}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The outcomes among `wanted` that no case reached (and, on long runs, a print of all). */
  missing(wanted: readonly string[]): string[] {
    if (fuzzReports) console.log(`reached: ${this.toString()}`);
    if (!fuzzCoverageChecked) return [];
    return wanted.filter((w) => ![...this.counts.keys()].some((k) => k === w || k.startsWith(`${w} `)));
  }

  toString(): string {
    return [...this.counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(', ');
  }
}
