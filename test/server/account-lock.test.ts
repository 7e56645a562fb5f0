/**
 * The account lock holds against a burst (spec §5; CVE-2024-4629 class): the lock check, the try
 * and the failure count are one atomic step, so 15 wrong codes and the right one sent at once over
 * four pending logins never get more than 10 wrong codes evaluated, and the right code is never
 * accepted after the lock was written. On a libSQL file, where requests really interleave; the
 * same burst runs on two instances sharing PostgreSQL in test/multi-instance/account-lock.test.ts.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createHarness, enroll, setSettings, type Harness } from '../support/harness.js';
import { burstPolicy, lockBurst } from '../support/lock-burst.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ file: true, policy: burstPolicy });
  await setSettings(h, true);
  await enroll(h, 'demo@example.com');
});
afterEach(async () => h.close());

it('15 wrong codes and the right one in one burst, over four logins: at most 10 evaluated, none accepted after the lock (12 rounds)', async () => {
  const outcomes = [];
  for (let round = 0; round < 12; round++) {
    outcomes.push(await lockBurst([h], round));
    // Past the lock and both windows: the next round starts from a clean account.
    h.clock.advance(31 * 60);
  }
  // The burst really reaches the lock, so the rule was exercised.
  expect(outcomes.filter((o) => o.locked).length).toBeGreaterThan(0);
});
