/**
 * Tries (spec §5): 5 wrong tries burn a code; 10 wrong codes in 15 minutes lock the account's
 * code step for 15 minutes, and the right code is then refused with 429; 100 consecutive
 * failures lock it until an admin reset. Restarting the login does not buy fresh guesses.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { atVerify, createHarness, PHONE, setSettings, type Browser, type Harness } from '../support/harness.js';

let h: Harness;
// Sends are limited too (5 per phone per 10 minutes); these tests are about guesses, so the send
// budget is raised to keep the two rules apart.
const roomySends = { sendsPerPhone: { limit: 1000, windowSeconds: 600 }, sendsPerAccount: { limit: 1000, windowSeconds: 86_400 }, sendsPerIp: { limit: 1000, windowSeconds: 3600 } };

beforeEach(async () => {
  h = await createHarness({ policy: roomySends });
  await setSettings(h, true);
});

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

async function freshLogin(): Promise<Browser> {
  h.clock.advance(31);
  const b = h.browser();
  const res = await b.login('demo@example.com');
  if (res.body.step !== 'verify') throw new Error(JSON.stringify(res.body));
  return b;
}

describe('per code', () => {
  it('five wrong tries burn the code: the right one is refused afterwards', async () => {
    const b = await atVerify(h);
    const right = b.code();
    const left: number[] = [];
    for (let i = 0; i < 5; i++) left.push((await b.post('/verify', { code: wrongFor(right) })).body.error.attemptsLeft);
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const res = await b.post('/verify', { code: right });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('code_expired');
    expect((await b.get('/session')).status).toBe(401);
  });

  it('a wrong try does not void a right code on its own', async () => {
    const b = await atVerify(h);
    await b.post('/verify', { code: wrongFor(b.code()) });
    expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');
  });
});

describe('per account', () => {
  it('ten wrong codes across logins in 15 minutes lock the code step; the right code gets 429', async () => {
    let b = await atVerify(h);
    for (let i = 0; i < 10; i++) {
      if (i % 4 === 0 && i > 0) b = await freshLogin();
      await b.post('/verify', { code: wrongFor(b.code()) });
    }
    const blocked = await b.post('/verify', { code: b.code() });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);

    // A new login does not get around it, and sends no SMS while locked.
    h.clock.advance(31);
    const sent = h.outbox.outbox.length;
    expect((await h.browser().login('demo@example.com')).status).toBe(429);
    expect(h.outbox.outbox.length).toBe(sent);

    h.clock.advance(15 * 60);
    const after = await freshLogin();
    expect((await after.post('/verify', { code: after.code() })).body.step).toBe('authenticated');
  });

  it('nine wrong codes do not lock', async () => {
    let b = await atVerify(h);
    for (let i = 0; i < 9; i++) {
      if (i % 4 === 0 && i > 0) b = await freshLogin();
      await b.post('/verify', { code: wrongFor(b.code()) });
    }
    b = await freshLogin();
    expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');
  });

  it('the 15-minute window slides on: a failure counts for one window and at most two, then stops counting', async () => {
    let b = await atVerify(h);
    for (let i = 0; i < 8; i++) {
      if (i % 4 === 0 && i > 0) b = await freshLogin();
      await b.post('/verify', { code: wrongFor(b.code()) });
    }
    // Two windows on, the eight failures no longer count (one window on, they still would).
    h.clock.advance(30 * 60);
    b = await freshLogin();
    for (let i = 0; i < 2; i++) await b.post('/verify', { code: wrongFor(b.code()) });
    expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');
  });

  it('100 consecutive failures lock until an admin reset', async () => {
    let b = await atVerify(h);
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 10; i++) {
        if (i % 4 === 0) b = await freshLogin();
        await b.post('/verify', { code: wrongFor(b.code()) });
      }
      h.clock.advance(15 * 60 + 1);
    }
    const lock = await h.store.getCodeLock('usr-demo');
    expect(lock).toMatchObject({ consecutiveFailures: 100, hardLocked: true });

    h.clock.advance(24 * 3600);
    expect((await h.browser().login('demo@example.com')).status).toBe(429);

    const admin = h.browser('198.51.100.3');
    await admin.login('staff@example.com');
    const listed = await admin.get('/admin/contacts?organizationId=org-demo');
    expect(listed.body.contacts.find((c: any) => c.id === 'usr-demo').twoFactor.locked).toBe(true);
    await admin.post('/admin/contacts/usr-demo/two-factor/reset');
    expect((await h.browser().login('demo@example.com')).body.step).toBe('enroll');
  });

  it('a right code ends the run of consecutive failures', async () => {
    const b = await atVerify(h);
    for (let i = 0; i < 3; i++) await b.post('/verify', { code: wrongFor(b.code()) });
    await b.post('/verify', { code: b.code() });
    expect((await h.store.getCodeLock('usr-demo'))!.consecutiveFailures).toBe(0);
  });

  it('confirm attempts during enrollment count the same way', async () => {
    const b = h.browser();
    await b.login('pat@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    for (let i = 0; i < 5; i++) await b.post('/enroll/confirm', { code: wrongFor(b.code()) });
    const res = await b.post('/enroll/confirm', { code: b.code() });
    expect(res.body.error.code).toBe('code_expired');
    expect((await h.store.getCodeLock('usr-pat'))!.windowFailures).toBe(5);
  });
});
