/**
 * How much the fuzz suite runs. `npm test` runs every property a fixed number of times from a fixed
 * seed, so CI is repeatable; `npm run fuzz` sets `FUZZ_SCALE` (a multiplier) and a fresh seed.
 *
 * - `FUZZ_SCALE`: multiplies every property's default number of runs (default 1).
 * - `FUZZ_SEED`: the seed; `random` picks a new one per run. fast-check prints the seed and the
 *   path of a failure; pass both back (`FUZZ_SEED=… FUZZ_PATH=…`) to replay that exact case.
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20_260_105;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

export const fuzzScale = positive('FUZZ_SCALE', 1);

const seedSetting = process.env.FUZZ_SEED;
/** One seed for the whole file, so a failure's seed replays it. */
export const fuzzSeed =
  seedSetting === 'random' ? (Math.random() * 2 ** 31) | 0 : seedSetting ? Number.parseInt(seedSetting, 10) : DEFAULT_SEED;
if (!Number.isInteger(fuzzSeed)) throw new Error(`FUZZ_SEED must be an integer or "random", got ${JSON.stringify(seedSetting)}`);
if (seedSetting === 'random') console.log(`fuzz seed ${fuzzSeed} (replay with FUZZ_SEED=${fuzzSeed})`);

/** The parameters of one property: its default runs times the scale, the seed, replay if asked. */
export function fuzzParameters<T>(defaultRuns: number): fc.Parameters<T> {
  const path = process.env.FUZZ_PATH;
  return {
    numRuns: Math.max(1, Math.round(defaultRuns * fuzzScale)),
    seed: fuzzSeed,
    ...(path ? { path } : {}),
  };
}

/** Longer runs also print what their cases reached (see `Tally`). */
export const fuzzReports = fuzzScale > 1;

/** Whether the runs are enough to hold them to their coverage: not when scaled down or replaying one case. */
export const fuzzCoverageChecked = fuzzScale >= 1 && !process.env.FUZZ_PATH;

/** A test timeout that grows with the scale (the default runs stay well inside `base`). */
export const fuzzTimeout = (baseMs: number) => Math.round(baseMs * Math.max(1, fuzzScale));
