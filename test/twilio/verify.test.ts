/**
 * Verify mode through the real SDK: Twilio makes, sends and checks the codes while our database
 * still counts every try first, binds the code to the login, consumes it once, and audits.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioVerify } from '../../server/providers/twilio.js';
import { PHONE, setSettings, type Browser, type Harness } from '../support/harness.js';
import { ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, VERIFY_SID } from './support/fake-twilio.js';
import { createPortal, sdkClient } from './support/portal.js';

const fake = new FakeTwilio();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

const START = `/v2/Services/${VERIFY_SID}/Verifications`;
const CHECK = `/v2/Services/${VERIFY_SID}/VerificationCheck`;
const checks = () => fake.requests.filter((r) => r.path === CHECK).length;
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

let h: Harness;
let b: Browser;
beforeEach(async () => {
  fake.reset();
  h = await createPortal({ verifier: twilioVerify({ client: sdkClient(fake), serviceSid: VERIFY_SID }) });
  fake.now = h.clock.read;
  await setSettings(h, true);
  b = h.browser();
  await b.login('demo@example.com');
});

const row = async () => (await h.client.execute('select code_hash, attempts, consumed_at, phone from cb_codes')).rows[0];

describe('enroll and sign in with Twilio Verify', () => {
  it('starts a verification with To and Channel, checks with To and Code; no Messages call, no code stored', async () => {
    const sent = await b.post('/enroll/phone', { phone: '(202) 555-0143', country: 'US' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ step: 'confirm', maskedPhone: 'xxx-xxx-0143' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: START, user: ACCOUNT_SID, password: AUTH_TOKEN, form: { To: PHONE, Channel: 'sms' } });
    expect(fake.requests[0]!.contentType).toMatch(/^application\/x-www-form-urlencoded/);

    const code = fake.verifyCode(PHONE);
    const stored = await row();
    expect(String(stored!.code_hash)).toMatch(/^verifier:VE[0-9a-f]{32}$/);
    expect(String(stored!.code_hash)).not.toContain(code);

    expect((await b.post('/enroll/confirm', { code })).body).toEqual({ step: 'login' });
    expect(fake.requests.at(-1)).toMatchObject({ path: CHECK, form: { To: PHONE, Code: code } });

    h.clock.advance(31);
    const login = await b.login('demo@example.com');
    expect(login.body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0143' });
    const second = fake.verifyCode(PHONE);
    const verified = await b.post('/verify', { code: second });
    expect(verified.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com' } });
    expect((await b.get('/session')).body.amr).toEqual(['pwd', 'sms']);

    const types = (await h.store.listAudit({ subjectId: 'usr-demo' })).map((e) => e.type);
    expect(types.filter((t) => t === 'code.sent')).toHaveLength(2);
    expect(types.filter((t) => t === 'code.verified')).toHaveLength(2);
  });

  it('counts each try in our database before asking Twilio; malformed input never reaches Twilio', async () => {
    await b.post('/enroll/phone', { phone: PHONE });
    const code = fake.verifyCode(PHONE);

    const wrong = await b.post('/enroll/confirm', { code: wrongFor(code) });
    expect(wrong.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 4 });
    expect(checks()).toBe(1);
    expect(await row()).toMatchObject({ attempts: 1, consumed_at: null });

    const malformed = await b.post('/enroll/confirm', { code: '12ab56' });
    expect(malformed.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 3 });
    expect(checks()).toBe(1);

    const lock = (await h.client.execute('select window_failures from cb_code_locks')).rows[0];
    expect(lock).toMatchObject({ window_failures: 2 });
    expect((await b.post('/enroll/confirm', { code })).body).toEqual({ step: 'login' });
  });

  it('five wrong tries burn the code: the right one is then refused without asking Twilio', async () => {
    await b.post('/enroll/phone', { phone: PHONE });
    const code = fake.verifyCode(PHONE);
    for (let left = 4; left >= 0; left--) {
      const res = await b.post('/enroll/confirm', { code: wrongFor(code) });
      expect(res.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: left });
    }
    const asked = checks();
    const late = await b.post('/enroll/confirm', { code });
    expect(late.body.error.code).toBe('code_expired');
    expect(checks()).toBe(asked);
  });

  it('a resend within the window re-sends the same code, and the tries on it keep counting', async () => {
    await b.post('/enroll/phone', { phone: PHONE });
    const code = fake.verifyCode(PHONE);
    await b.post('/enroll/confirm', { code: wrongFor(code) });
    await b.post('/enroll/confirm', { code: wrongFor(code) });

    h.clock.advance(31);
    const again = await b.post('/resend');
    expect(again.status).toBe(200);
    expect(fake.requests.filter((r) => r.path === START)).toHaveLength(2);
    expect(fake.verifyCode(PHONE)).toBe(code);
    // Not reset to 5: it is the same code, already guessed at twice.
    expect((await b.post('/enroll/confirm', { code: wrongFor(code) })).body.error.attemptsLeft).toBe(2);

    const sentEvents = (await h.store.listAudit({ subjectId: 'usr-demo' })).filter((e) => e.type === 'code.sent');
    expect(sentEvents.map((e) => e.detail?.sameCode)).toEqual([true, false]);
    expect((await b.post('/enroll/confirm', { code })).body).toEqual({ step: 'login' });
  });

  it('parallel right answers give exactly one success', async () => {
    await b.post('/enroll/phone', { phone: PHONE });
    const code = fake.verifyCode(PHONE);
    const results = await Promise.all(Array.from({ length: 5 }, () => b.post('/enroll/confirm', { code })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expect(r.body.error.code).toBe('code_expired');
    expect(await row()).toBeUndefined(); // consumed and then deleted with the ended login
  });

  it('Twilio failing to check: 503, and the try stays counted', async () => {
    await b.post('/enroll/phone', { phone: PHONE });
    const code = fake.verifyCode(PHONE);
    fake.failNext(/VerificationCheck$/, { kind: 'error', status: 500, code: 20500 });
    const res = await b.post('/enroll/confirm', { code });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'sms_failed', retryAfter: 30 });
    expect(await row()).toMatchObject({ attempts: 1, consumed_at: null });
    expect((await b.post('/enroll/confirm', { code })).body).toEqual({ step: 'login' });
  });

  it('Twilio approves only the verification it holds: a code it no longer knows is expired', async () => {
    await b.post('/enroll/phone', { phone: PHONE });
    const code = fake.verifyCode(PHONE);
    fake.verifications.clear();
    const res = await b.post('/enroll/confirm', { code });
    expect(res.body.error.code).toBe('code_expired');
  });
});

describe('Verify start failures through the SDK', () => {
  const cases = [
    { name: '60410 prefix blocked', fault: { kind: 'error' as const, status: 403, code: 60410 }, http: 422, code: 'sms_failed' },
    { name: '60605 geo permission', fault: { kind: 'error' as const, status: 400, code: 60605 }, http: 422, code: 'sms_failed' },
    { name: '60203 max send attempts', fault: { kind: 'error' as const, status: 429, code: 60203 }, http: 429, code: 'rate_limited' },
    { name: '20429 too many requests', fault: { kind: 'error' as const, status: 429, code: 20429 }, http: 429, code: 'rate_limited' },
    { name: '21614 not a mobile number', fault: { kind: 'error' as const, status: 400, code: 21614 }, http: 400, code: 'invalid_phone' },
    { name: '503 from Twilio', fault: { kind: 'error' as const, status: 503, code: 20503 }, http: 503, code: 'sms_failed' },
  ];
  it.each(cases)('$name → HTTP $http $code, nothing written, retry at once works', async ({ fault, http, code }) => {
    const counted = async () => Number((await h.client.execute('select coalesce(sum(count), 0) from cb_rate_limits')).rows[0]![0]);
    const before = await counted();
    fake.failNext(/Verifications$/, fault);
    const res = await b.post('/enroll/phone', { phone: PHONE });
    expect(res.status).toBe(http);
    expect(res.body.error.code).toBe(code);
    expect(await row()).toBeUndefined();
    expect(await counted()).toBe(before);
    const failed = (await h.store.listAudit({ subjectId: 'usr-demo' })).find((e) => e.type === 'code.send_failed');
    expect(failed?.detail?.providerCode).toBe(fault.code);
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
  });
});

describe('Twilio Verify as strict as Twilio: the fake keeps its limits and window', () => {
  const counted = async () => Number((await h.client.execute('select coalesce(sum(count), 0) from cb_rate_limits')).rows[0]![0]);
  const portalWith = async (policy: Parameters<typeof createPortal>[0]['policy']) => {
    h = await createPortal({ verifier: twilioVerify({ client: sdkClient(fake), serviceSid: VERIFY_SID }), policy });
    fake.now = h.clock.read;
    await setSettings(h, true);
    b = h.browser();
    await b.login('demo@example.com');
  };

  it('a sixth send within the window is 60203: 429 until the verification expires (10 minutes), nothing counted', async () => {
    // Our own per-phone limit (5 in 10 minutes) would stop the sixth send first; lift it to reach
    // Twilio's. The account may send 6 a day: the refused sixth must not use up the last one.
    await portalWith({ sendsPerPhone: { limit: 20, windowSeconds: 600 }, sendsPerAccount: { limit: 6, windowSeconds: 86_400 } });
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
    const code = fake.verifyCode(PHONE);
    for (let i = 0; i < 4; i++) {
      h.clock.advance(61);
      expect((await b.post('/resend')).status).toBe(200);
    }
    expect(fake.verifySends.map((s) => s.code)).toEqual(Array(5).fill(code));
    h.clock.advance(61);
    const sixth = await b.post('/resend');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toMatchObject({ code: 'rate_limited', retryAfter: 600 });
    expect(sixth.headers.get('retry-after')).toBe('600');
    expect(sixth.body.error.message).toMatch(/10 minutes/);

    // Once Twilio's window has passed, a new verification brings a new code, within the
    // account's 6: the refused send gave its unit back.
    h.clock.now = fake.verifications.get(PHONE)!.createdAt + 10 * 60_000;
    await b.login('demo@example.com');
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
    const fresh = fake.verifyCode(PHONE);
    expect(fake.verifications.get(PHONE)!.sends).toBe(1);
    expect((await b.post('/enroll/confirm', { code: fresh })).body).toEqual({ step: 'login' });
  });

  it('Twilio takes 5 checks per verification: across two of our code rows the sixth is 60202, and the code is expired', async () => {
    await portalWith({});
    await b.post('/enroll/phone', { phone: PHONE });
    const code = fake.verifyCode(PHONE);
    for (let i = 0; i < 3; i++) await b.post('/enroll/confirm', { code: wrongFor(code) });
    // Our row lives 5 minutes, Twilio's verification 10: the next send starts a new row of ours
    // on the same verification, which has 2 checks left.
    h.clock.advance(301);
    expect((await b.post('/resend')).status).toBe(200);
    expect(fake.verifyCode(PHONE)).toBe(code);
    for (let i = 0; i < 2; i++) expect((await b.post('/enroll/confirm', { code: wrongFor(code) })).body.error.code).toBe('invalid_code');
    const late = await b.post('/enroll/confirm', { code });
    expect(fake.exchanges.at(-1)).toMatchObject({ path: CHECK, status: 429, body: { code: 60202 } });
    expect(late.status).toBeLessThan(500);
    expect(late.body.error.code).toBe('code_expired');
  });

  it('a start whose answer was lost still sent the code: it counts, and the code that arrives works', async () => {
    const before = await counted();
    fake.failNext(/Verifications$/, { kind: 'reset' });
    const res = await b.post('/enroll/phone', { phone: PHONE });
    expect(res.status).toBe(200);
    expect(await counted()).toBeGreaterThan(before);
    expect(String((await row())!.code_hash)).toBe('verifier:');
    const failed = (await h.store.listAudit({ subjectId: 'usr-demo' })).find((e) => e.type === 'code.send_failed');
    expect(failed?.detail).toMatchObject({ failure: 'unknown' });
    expect((await b.post('/enroll/confirm', { code: fake.verifyCode(PHONE) })).body).toEqual({ step: 'login' });
  });
});
