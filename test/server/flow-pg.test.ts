/**
 * The key HTTP scenarios on PostgreSQL: the demo app over a node-postgres pool, one fresh database
 * per test. Parallel requests run on separate connections, so they race in PostgreSQL as requests
 * to several instances would.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { atVerify, createHarness, PHONE, setSettings, type Harness } from '../support/harness.js';

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describeWithPostgres('HTTP flows on PostgreSQL', () => {
  let database: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    database = await createTestDatabase();
    h = await createHarness({ postgres: database.url });
    await setSettings(h, true);
  });
  afterEach(async () => {
    await h?.close();
    await database?.drop();
  });

  it('enrolls a phone, then signs in with a code', async () => {
    const b = h.browser();
    expect((await b.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
    expect((await b.post('/enroll/confirm', { code: b.code() })).body).toEqual({ step: 'login' });
    h.clock.advance(31);
    expect((await b.login('demo@example.com')).body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0143' });
    const verified = await b.post('/verify', { code: b.code() });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com' } });
    expect((await b.get('/session')).body).toMatchObject({ twoFactor: { enrolled: true }, amr: ['pwd', 'sms'] });
  });

  it('20 parallel verifies of one right code give exactly one success and one session', async () => {
    const b = await atVerify(h);
    const code = b.code();
    const replies = await Promise.all(Array.from({ length: 20 }, () => b.post('/verify', { code })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.every((r) => r.status < 500)).toBe(true);
    const { rows } = await h.pool!.query("SELECT count(*)::int AS n FROM cb_sessions WHERE status = 'complete' AND user_id = 'usr-demo'");
    expect(rows[0].n).toBe(1);
    const verified = (await h.store.listAudit({ subjectId: 'usr-demo' })).filter((e) => e.type === 'code.verified' && e.detail?.purpose === 'login');
    expect(verified).toHaveLength(1);
  });

  it('8 parallel wrong guesses count 8 against the account and 5 against the code', async () => {
    const b = await atVerify(h);
    const right = b.code();
    await Promise.all(Array.from({ length: 8 }, () => b.post('/verify', { code: wrongFor(right) })));
    expect((await h.store.getCodeLock('usr-demo'))!.windowFailures).toBe(8);
    const { rows } = await h.pool!.query('SELECT attempts FROM cb_codes');
    expect(rows.map((r) => r.attempts)).toEqual([5]);
    // The burned code stays refused, right or not.
    expect((await b.post('/verify', { code: right })).body.error.code).toBe('code_expired');
  });

  it('ten wrong codes across two logins lock the code step: the right code then gets 429', async () => {
    const first = await atVerify(h);
    const firstRight = first.code();
    await Promise.all(Array.from({ length: 5 }, () => first.post('/verify', { code: wrongFor(firstRight) })));
    h.clock.advance(31);
    const second = h.browser();
    expect((await second.login('demo@example.com')).body.step).toBe('verify');
    const right = second.code();
    const replies = await Promise.all(Array.from({ length: 5 }, () => second.post('/verify', { code: wrongFor(right) })));
    expect(replies.filter((r) => r.status === 429)).toHaveLength(1);
    const res = await second.post('/verify', { code: right });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
