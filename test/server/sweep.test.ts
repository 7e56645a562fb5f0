/**
 * The router's sweep (issue 14): a sign-in at most every 10 minutes deletes expired rows, one
 * bounded batch at a time, and while a backlog is left every next sign-in takes one more batch, so
 * no sign-in waits for more than one batch however many rows have piled up.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

describe('the sweep on sign-in', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.close());

  const expiredCount = async () => Number((await h.client.execute({ sql: "SELECT count(*) AS n FROM cb_sessions WHERE id_hash LIKE 'stale-%'", args: [] })).rows[0]!.n);

  it('works a backlog off over the next sign-ins, 500 rows of a kind each, and then waits 10 minutes again', async () => {
    const now = h.clock.now;
    for (let k = 0; k < 1_200; k++) {
      await h.store.createSession({ idHash: `stale-${k}`, userId: 'usr-nobody', status: 'pending', step: 'verify', amr: 'pwd', createdAt: now - 3_600_000, expiresAt: now - 1, lastSeenAt: now - 3_600_000, ip: '192.0.2.1', generation: 0 });
    }
    const signIn = async () => expect((await h.browser().login('demo@example.com')).status).toBe(200);
    await signIn();
    // Within the first 10 minutes, nothing is swept.
    expect(await expiredCount()).toBe(1_200);
    h.clock.advance(11 * 60);
    await signIn();
    expect(await expiredCount()).toBe(700);
    await signIn();
    expect(await expiredCount()).toBe(200);
    await signIn();
    expect(await expiredCount()).toBe(0);
    // Worked off: the next rows wait for the next 10 minutes.
    await h.store.createSession({ idHash: 'stale-late', userId: 'usr-nobody', status: 'pending', step: 'verify', amr: 'pwd', createdAt: now, expiresAt: h.clock.now - 1, lastSeenAt: now, ip: '192.0.2.1', generation: 0 });
    await signIn();
    expect(await expiredCount()).toBe(1);
    h.clock.advance(11 * 60);
    await signIn();
    expect(await expiredCount()).toBe(0);
  });
});
