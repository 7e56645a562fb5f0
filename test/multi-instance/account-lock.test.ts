/**
 * The account-lock burst (see test/server/account-lock.test.ts) on two instances sharing one
 * PostgreSQL database: each instance has its own connection pool, so the tries of one burst
 * arrive on different connections at once and only the database can serialise them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { createHarness, enroll, setSettings, type Harness } from '../support/harness.js';
import { burstPolicy, lockBurst } from '../support/lock-burst.js';

describeWithPostgres('the account lock on two instances sharing PostgreSQL', () => {
  let database: TestDatabase;
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await createHarness({ postgres: database.url, policy: burstPolicy });
    b = await createHarness({ postgres: database.url, policy: burstPolicy });
    await setSettings(a, true);
    await enroll(a, 'demo@example.com');
    // One wall clock for both instances, as on two real machines.
    b.clock.now = a.clock.now;
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('15 wrong codes and the right one in one burst over both: at most 10 evaluated, none accepted after the lock (12 rounds)', async () => {
    const outcomes = [];
    for (let round = 0; round < 12; round++) {
      outcomes.push(await lockBurst([a, b], round));
      a.clock.advance(31 * 60);
      b.clock.advance(31 * 60);
    }
    expect(outcomes.filter((o) => o.locked).length).toBeGreaterThan(0);
  });
});
