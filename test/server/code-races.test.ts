/**
 * Parallel requests cannot beat the limits (spec §5): consuming a code and counting a try are
 * atomic in the database. The database is a file here, so libSQL serves the requests on several
 * connections and they really race, as they would across instances.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { atVerify, createHarness, setSettings, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ file: true });
  await setSettings(h, true);
});

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('parallel verifies', () => {
  it('20 parallel verifies of one right code give exactly one success and one session', async () => {
    const b = await atVerify(h);
    const code = b.code();
    const replies = await Promise.all(Array.from({ length: 20 }, () => b.post('/verify', { code })));
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(replies.every((r) => r.status < 500)).toBe(true);
    const complete = await h.client.execute("SELECT count(*) AS n FROM cb_sessions WHERE status = 'complete' AND user_id = 'usr-demo'");
    expect(Number(complete.rows[0]!.n)).toBe(1);
    const verified = (await h.store.listAudit({ subjectId: 'usr-demo' })).filter((e) => e.type === 'code.verified' && e.detail?.purpose === 'login');
    expect(verified).toHaveLength(1);
  });

  it('after 10 parallel wrong guesses the right code is refused', async () => {
    const b = await atVerify(h);
    const right = b.code();
    const replies = await Promise.all(Array.from({ length: 10 }, () => b.post('/verify', { code: wrongFor(right) })));
    expect(replies.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    const res = await b.post('/verify', { code: right });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
  });

  it('N parallel wrong guesses count N against the account and at most 5 against the code', async () => {
    const b = await atVerify(h);
    const right = b.code();
    await Promise.all(Array.from({ length: 8 }, () => b.post('/verify', { code: wrongFor(right) })));
    const lock = await h.store.getCodeLock('usr-demo');
    expect(lock!.windowFailures).toBe(8);
    const attempts = Number((await h.client.execute('SELECT attempts FROM cb_codes')).rows[0]!.attempts);
    expect(attempts).toBe(5);
  });

  it('parallel confirms of one enrollment code enroll once', async () => {
    const b = h.browser();
    await b.login('pat@example.com');
    await b.post('/enroll/phone', { phone: '+12025550144' });
    const code = b.code('+12025550144');
    const replies = await Promise.all(Array.from({ length: 10 }, () => b.post('/enroll/confirm', { code })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    const enrolled = (await h.store.listAudit({ subjectId: 'usr-pat' })).filter((e) => e.type === 'enrolled');
    expect(enrolled).toHaveLength(1);
  });
});

describe('parallel sends and password tries', () => {
  it('parallel resends send one SMS per cooldown', async () => {
    const b = await atVerify(h);
    h.clock.advance(30);
    const before = h.outbox.outbox.length;
    const replies = await Promise.all(Array.from({ length: 10 }, () => b.post('/resend')));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(h.outbox.outbox.length - before).toBe(1);
  });

  it('20 parallel wrong passwords are all counted: the right one is then refused', async () => {
    const browser = h.browser('203.0.113.50');
    await Promise.all(Array.from({ length: 20 }, () => browser.login('pat@example.com', 'wrong-password')));
    const res = await browser.login('pat@example.com');
    expect(res.status).toBe(429);
  });
});
