/**
 * Step-up (spec §11, issue 13): a host route behind `tf.requireSecondFactor()` needs a second
 * factor at most `maxAgeSeconds` old; `POST /step-up` sends a code (purpose `step_up`, every code
 * rule of §5) bound to the session, `POST /step-up/verify` records it and rotates the session id.
 * A user without an enrolled phone gets `step_up_unavailable`. On libSQL and PostgreSQL.
 */
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { createHmac } from '../../server/crypto/hash.js';
import { hashScope } from '../../server/services/hash-scope.js';
import { atVerify, Browser, createHarness, PHONE, SECRET, setSettings, type Harness } from '../support/harness.js';

const MAX_AGE = 300;

/** The harness with a host app in front: its router, and a sensitive route of its own. */
function withHostRoute(h: Harness): Harness {
  const host = new Hono();
  host.route('/api/2fa', h.tf.app);
  host.post('/host/autopay', h.tf.requireSecondFactor({ maxAgeSeconds: MAX_AGE }), (c) => c.json({ changed: true, user: c.var.cbUser.id }));
  host.post('/host/default-age', h.tf.requireSecondFactor(), (c) => c.json({ changed: true }));
  const hosted: Harness = { ...h, app: host as never, browser: (ip = '203.0.113.7', hostName = 'portal.test') => new Browser(hosted, ip, hostName) };
  return hosted;
}

/** An enrolled contact signed in with password and SMS code, as a browser of the host app. */
async function signedInWithCode(h: Harness) {
  const b = await atVerify(h);
  const done = await b.post('/verify', { code: b.code() });
  if (done.body.step !== 'authenticated') throw new Error(`verify failed: ${JSON.stringify(done.body)}`);
  return b;
}

const change = (b: Browser, path = '/host/autopay') => b.request('POST', path, { enabled: true });

function stepUpSuite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = withHostRoute(await open());
    await setSettings(h, true, true);
  });
  afterEach(async () => h.close());

  it("freshness: the login's code counts for maxAgeSeconds, then the route asks for a step-up, and a right code lets it through again", async () => {
    const b = await signedInWithCode(h);
    expect((await change(b)).body).toEqual({ changed: true, user: 'usr-demo' });
    expect((await b.get('/session')).body.secondFactorAt).toBe(new Date(h.clock.now).toISOString());

    h.clock.advance(MAX_AGE + 1);
    const refused = await change(b);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'step_up_required', maxAgeSeconds: MAX_AGE });

    const sent = await b.post('/step-up');
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ maskedPhone: expect.stringMatching(/43$/), resendAt: expect.any(String) });
    const verified = await b.post('/step-up/verify', { code: b.code() });
    expect(verified.body).toEqual({ verifiedAt: new Date(h.clock.now).toISOString() });
    expect((await change(b)).status).toBe(200);

    // The default age is ten minutes.
    h.clock.advance(599);
    expect((await change(b, '/host/default-age')).status).toBe(200);
    h.clock.advance(2);
    expect((await change(b, '/host/default-age')).body.error.code).toBe('step_up_required');
  });

  it('unavailable: a password-only session of a user without an enrolled phone gets step_up_unavailable, and no code goes out', async () => {
    const b = h.browser();
    expect((await b.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: true });
    expect((await b.post('/enroll/skip')).body.step).toBe('authenticated');
    expect((await b.get('/session')).body.secondFactorAt).toBeNull();
    const refused = await change(b);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'step_up_unavailable']);
    const sent = await b.post('/step-up');
    expect([sent.status, sent.body.error.code]).toEqual([403, 'step_up_unavailable']);
    expect(h.outbox.outbox).toHaveLength(0);
  });

  it('needs a complete session: none, or a pending login, is 401 on the route and on both step-up routes', async () => {
    const nobody = h.browser();
    expect((await change(nobody)).status).toBe(401);
    expect((await nobody.post('/step-up')).status).toBe(401);
    const pending = await atVerify(h);
    const loginCode = pending.code();
    expect((await change(pending)).status).toBe(401);
    expect((await pending.post('/step-up')).body.error.code).toBe('unauthorized');
    // A pending login's code does not step anything up, and is not spent by trying.
    expect((await pending.post('/step-up/verify', { code: loginCode })).status).toBe(401);
    expect((await pending.post('/verify', { code: loginCode })).body.step).toBe('authenticated');
  });

  it('rotation: a step-up moves the session to a new id; the old cookie names nothing, the session keeps its end', async () => {
    const b = await signedInWithCode(h);
    const before = b.cookies.get('cb_session')!;
    const ends = await sessionEnd(h, b);
    h.clock.advance(MAX_AGE + 1);
    await b.post('/step-up');
    expect((await b.post('/step-up/verify', { code: b.code() })).status).toBe(200);
    const after = b.cookies.get('cb_session')!;
    expect(after).not.toBe(before);
    expect(await sessionEnd(h, b)).toBe(ends);

    const old = h.browser();
    old.cookies.set('cb_session', before);
    expect((await old.get('/session')).status).toBe(401);
    expect((await change(old)).status).toBe(401);
    expect((await change(b)).status).toBe(200);
  });

  it("binding: a step-up code works only for the session it was sent to, and only once", async () => {
    const a = await signedInWithCode(h);
    // The same user signed in a second time, in another browser.
    const other = h.browser();
    expect((await other.login('demo@example.com')).body.step).toBe('verify');
    expect((await other.post('/verify', { code: other.code() })).body.step).toBe('authenticated');
    h.clock.advance(MAX_AGE + 1);

    await a.post('/step-up');
    const code = a.code();
    const elsewhere = await other.post('/step-up/verify', { code });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([400, 'code_expired']);
    expect((await change(other)).body.error.code).toBe('step_up_required');

    expect((await a.post('/step-up/verify', { code })).status).toBe(200);
    const again = await a.post('/step-up/verify', { code });
    expect(again.body.error.code).toBe('code_expired');
  });

  it('limits: the countdown between sends, 5 wrong tries burn the code, a malformed one counts', async () => {
    const b = await signedInWithCode(h);
    h.clock.advance(MAX_AGE + 1);
    expect((await b.post('/step-up')).status).toBe(200);
    const soon = await b.post('/step-up');
    expect([soon.status, soon.body.error.code]).toEqual([429, 'rate_limited']);

    const right = b.code();
    const wrong = right === '000000' ? '111111' : '000000';
    const first = await b.post('/step-up/verify', { code: 'abc' });
    expect(first.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 4 });
    for (let i = 0; i < 3; i++) await b.post('/step-up/verify', { code: wrong });
    expect((await b.post('/step-up/verify', { code: wrong })).body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 0 });
    expect((await b.post('/step-up/verify', { code: right })).body.error.code).toBe('code_expired');
    expect((await change(b)).body.error.code).toBe('step_up_required');
  });

  it("the account lock: wrong step-up codes count toward the same lock as the login's, and a locked account's right code is refused", async () => {
    const b = await signedInWithCode(h);
    h.clock.advance(MAX_AGE + 1);
    // 10 wrong codes in 15 minutes lock the code step: two codes of 5 wrong tries each.
    for (let round = 0; round < 2; round++) {
      await b.post('/step-up');
      const right = b.code();
      const wrong = right === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) await b.post('/step-up/verify', { code: wrong });
      h.clock.advance(31);
    }
    await b.post('/step-up');
    const locked = await b.post('/step-up/verify', { code: b.code() });
    expect([locked.status, locked.body.error.code]).toEqual([429, 'rate_limited']);
    expect((await change(b)).body.error.code).toBe('step_up_required');
    // The same lock holds at the next sign-in.
    const next = h.browser();
    expect((await next.login('demo@example.com')).status).toBe(429);
  });

  it('parallel right codes: exactly one steps the session up', async () => {
    const b = await signedInWithCode(h);
    h.clock.advance(MAX_AGE + 1);
    await b.post('/step-up');
    const code = b.code();
    const cookie = b.cookies.get('cb_session')!;
    const racers = Array.from({ length: 8 }, () => {
      const r = h.browser();
      r.cookies.set('cb_session', cookie);
      return r;
    });
    const results = await Promise.all(racers.map((r) => r.post('/step-up/verify', { code })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    // The losers find the code used, or (once the winner moved the session) no session at all.
    expect(results.filter((r) => r.status !== 200).map((r) => r.body.error.code)).toEqual(Array(7).fill(expect.stringMatching(/^(code_expired|unauthorized)$/)));
  });

  it("is audited: the code sent and verified with purpose step_up, and step_up.verified for the user", async () => {
    const b = await signedInWithCode(h);
    h.clock.advance(MAX_AGE + 1);
    await b.post('/step-up');
    await b.post('/step-up/verify', { code: b.code() });
    const events = await h.store.listAudit({ limit: 5 });
    expect(events.map((e) => [e.type, e.detail?.purpose])).toEqual(
      expect.arrayContaining([
        ['code.sent', 'step_up'],
        ['code.verified', 'step_up'],
        ['step_up.verified', undefined],
      ]),
    );
    expect(events.find((e) => e.type === 'step_up.verified')).toMatchObject({ actorId: 'usr-demo', subjectId: 'usr-demo' });
    // The text is the portal's ordinary code text, to the enrolled phone.
    expect(h.outbox.outbox.at(-1)).toMatchObject({ to: PHONE });
  });

  it('a reset phone ends the step-up: its code no longer counts, and the user is unavailable', async () => {
    const b = await signedInWithCode(h);
    h.clock.advance(MAX_AGE + 1);
    await b.post('/step-up');
    const code = b.code();
    // The admin's reset removes the enrollment (and ends the user's sessions: a fresh sign-in then).
    await h.store.resetTwoFactor('usr-demo');
    const refused = await b.post('/step-up/verify', { code });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await change(b)).status).not.toBe(200);
  });
}

/** The absolute end of the browser's session, as stored (under the keyed hash of its cookie). */
async function sessionEnd(h: Harness, b: Browser): Promise<number> {
  const idHash = await createHmac(SECRET).sign(`session:${hashScope(h.store.portalId)}${b.cookies.get('cb_session')}`);
  const session = await h.store.findSession(idHash);
  if (!session) throw new Error('no session for this cookie');
  return session.expiresAt;
}

describe('step-up on libSQL', () => stepUpSuite(() => createHarness({ file: true })));

describeWithPostgres('step-up on PostgreSQL', () => {
  stepUpSuite(async () => {
    const database: TestDatabase = await createTestDatabase();
    const h = await createHarness({ postgres: database.url });
    const close = h.close;
    h.close = async () => {
      await close();
      await database.drop();
    };
    return h;
  });
});
