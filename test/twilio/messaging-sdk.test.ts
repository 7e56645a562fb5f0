/**
 * Programmable Messaging through the real `twilio` SDK against the local fake: the request Twilio
 * receives, every error mapping, and that a failed send leaves nothing behind.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsSendError, type SmsFailure } from '../../server/index.js';
import { twilioSms } from '../../server/providers/twilio.js';
import { PHONE, setSettings, type Harness } from '../support/harness.js';
import { ACCOUNT_SID, API_KEY, API_SECRET, AUTH_TOKEN, FakeTwilio, FROM, MESSAGING_SERVICE_SID, type Fault } from './support/fake-twilio.js';
import { createPortal, sdkClient, STATUS_URL } from './support/portal.js';
import { cases, unknownCases } from './support/error-cases.js';

const fake = new FakeTwilio();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;

describe('the request Twilio receives', () => {
  it('From number: path, Basic auth with the Auth Token, form-encoded To, From, Body, StatusCallback, ValidityPeriod', async () => {
    const sms = twilioSms({ client: sdkClient(fake), from: FROM, statusCallback: STATUS_URL });
    const sent = await sms.send({ to: PHONE, body: 'Your code is 123456.\n\n@portal.test #123456' });

    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req).toMatchObject({ method: 'POST', path: MESSAGES_PATH, user: ACCOUNT_SID, password: AUTH_TOKEN });
    expect(req.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req.form).toEqual({ To: PHONE, From: FROM, Body: 'Your code is 123456.\n\n@portal.test #123456', StatusCallback: STATUS_URL, ValidityPeriod: '300' });
    expect(sent.id).toBe(fake.messages[0]!.sid);
    expect(sent.id).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('Messaging Service: MessagingServiceSid instead of From, no StatusCallback unless configured', async () => {
    const sms = twilioSms({ client: sdkClient(fake), messagingServiceSid: MESSAGING_SERVICE_SID });
    await sms.send({ to: PHONE, body: 'hello' });
    expect(fake.requests[0]!.form).toEqual({ To: PHONE, MessagingServiceSid: MESSAGING_SERVICE_SID, Body: 'hello', ValidityPeriod: '300' });
  });

  it('ValidityPeriod is the lifetime of the code the message carries, in whole seconds', async () => {
    const sms = twilioSms({ client: sdkClient(fake), from: FROM });
    await sms.send({ to: PHONE, body: 'a', ttlSeconds: 120 });
    await sms.send({ to: PHONE, body: 'b', ttlSeconds: 59.5 });
    expect(fake.messages.map((m) => m.validityPeriod)).toEqual([120, 60]);
  });

  it('API key: Basic auth with the key and secret, the account SID still in the path', async () => {
    const sms = twilioSms({ client: sdkClient(fake, { apiKey: [API_KEY, API_SECRET] }), from: FROM });
    await sms.send({ to: PHONE, body: 'hello' });
    expect(fake.requests[0]).toMatchObject({ path: MESSAGES_PATH, user: API_KEY, password: API_SECRET });
  });

  it('refuses a configuration without a sender', () => {
    expect(() => twilioSms({ client: sdkClient(fake) })).toThrow(/from.*messagingServiceSid/);
  });

  it('the codes of a real login reach Twilio as E.164 with the WebOTP line', async () => {
    const h = await createPortal({ sms: twilioSms({ client: sdkClient(fake), from: FROM }) });
    await setSettings(h, true);
    const b = h.browser();
    await b.login('demo@example.com');
    const res = await b.post('/enroll/phone', { phone: '(202) 555-0143', country: 'US' });
    expect(res.status).toBe(200);
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ to: PHONE, from: FROM, validityPeriod: 300 });
    expect(fake.messages[0]!.body).toMatch(/^Your Demo Portal verification code is \d{6}\..*\n\n@portal\.test #\d{6}$/s);
    expect((await b.post('/enroll/confirm', { code: fake.lastCode(PHONE) })).body).toEqual({ step: 'login' });
  });
  it('a message lives no longer than its code: ValidityPeriod follows the policy\'s code lifetime', async () => {
    const h = await createPortal({ sms: twilioSms({ client: sdkClient(fake), from: FROM }), policy: { codeTtlSeconds: 120 } });
    await setSettings(h, true);
    const b = h.browser();
    await b.login('demo@example.com');
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
    expect(fake.messages[0]).toMatchObject({ to: PHONE, validityPeriod: 120 });
  });
});

describe('Twilio errors through the SDK map to ours', () => {
  it.each(cases)('$name → $failure', async ({ fault, failure }) => {
    fake.failNext(/Messages\.json$/, fault);
    const sms = twilioSms({ client: sdkClient(fake), from: FROM });
    const err = await sms.send({ to: PHONE, body: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsSendError);
    expect((err as SmsSendError).failure).toBe(failure);
    if (fault.kind === 'error') expect((err as SmsSendError).providerCode).toBe(fault.code);
  });

  it.each(unknownCases)('$name → unknown: the message may have gone out', async ({ fault }) => {
    fake.failNext(/Messages\.json$/, fault);
    const sms = twilioSms({ client: sdkClient(fake, { timeoutMs: 300 }), from: FROM });
    await expect(sms.send({ to: PHONE, body: 'x' })).rejects.toMatchObject({ name: 'SmsSendError', failure: 'unknown' });
  });

  it('a refused connection → unavailable', async () => {
    const gone = await new FakeTwilio().start();
    await gone.stop();
    const sms = twilioSms({ client: sdkClient(gone), from: FROM });
    await expect(sms.send({ to: PHONE, body: 'x' })).rejects.toMatchObject({ name: 'SmsSendError', failure: 'unavailable' });
  });
});

describe('a failed send through the SDK counts nothing and writes nothing but the audit entry', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createPortal({ sms: twilioSms({ client: sdkClient(fake, { timeoutMs: 300 }), from: FROM, statusCallback: STATUS_URL }), deliveryStatus: { url: STATUS_URL, authToken: AUTH_TOKEN } });
    await setSettings(h, true);
  });

  const stored = async () => {
    const one = async (sql: string) => Number((await h.client.execute(sql)).rows[0]![0] ?? 0);
    return {
      codes: await one('select count(*) from cb_codes'),
      deliveries: await one('select count(*) from cb_sms_deliveries'),
      counted: await one('select coalesce(sum(count), 0) from cb_rate_limits'),
    };
  };

  it.each(cases)(
    '$name → HTTP $http $code',
    async ({ fault, failure, http, code }) => {
      const b = h.browser();
      await b.login('demo@example.com');
      const before = await stored();

      fake.failNext(/Messages\.json$/, fault);
      const res = await b.post('/enroll/phone', { phone: PHONE });
      expect(res.status).toBe(http);
      expect(res.body.error.code).toBe(code);
      if (http === 429 || http === 503) expect(Number(res.headers.get('retry-after') ?? res.body.error.retryAfter)).toBeGreaterThan(0);

      // Nothing half-written: no code, no delivery record, every counter (cooldown, phone,
      // account, IP, daily budget) back where it was.
      expect(await stored()).toEqual(before);
      const audit = await h.store.listAudit({ subjectId: 'usr-demo' });
      expect(audit.some((e) => e.type === 'code.sent')).toBe(false);
      const failed = audit.find((e) => e.type === 'code.send_failed');
      expect(failed?.detail).toMatchObject({ purpose: 'enroll', phone: 'xxx-xxx-0143', failure });
      if (fault.kind === 'error') expect(failed?.detail?.providerCode).toBe(fault.code);

      // The step did not move on, and no cooldown holds the retry back.
      const retry = await b.post('/enroll/phone', { phone: PHONE });
      expect(retry.status).toBe(200);
      expect(retry.body.step).toBe('confirm');
      expect(await stored()).toMatchObject({ codes: 1, deliveries: 1 });
      expect((await b.post('/enroll/confirm', { code: fake.lastCode(PHONE) })).body).toEqual({ step: 'login' });
    },
  );

  it('a failed resend keeps the code already sent working, and its tries', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    const first = fake.lastCode(PHONE);
    const wrong = first === '000000' ? '111111' : '000000';
    expect((await b.post('/enroll/confirm', { code: wrong })).body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 4 });

    h.clock.advance(31);
    fake.failNext(/Messages\.json$/, { kind: 'error', status: 500, code: 20500 });
    expect((await b.post('/resend')).status).toBe(503);
    // The failed resend voided nothing: the first code still works and its try count held.
    expect((await b.post('/enroll/confirm', { code: wrong })).body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 3 });
    expect((await b.post('/enroll/confirm', { code: first })).body).toEqual({ step: 'login' });
  });
});

describe('a send whose outcome is unknown counts as sent', () => {
  const counted = async (h: Harness) => Number((await h.client.execute('select coalesce(sum(count), 0) from cb_rate_limits')).rows[0]![0]);
  const portal = async (options: Pick<Parameters<typeof createPortal>[0], 'policy' | 'dailySmsBudget'> = {}) => {
    const h = await createPortal({ sms: twilioSms({ client: sdkClient(fake, { timeoutMs: 300 }), from: FROM }), onAlert: () => {}, ...options });
    await setSettings(h, true);
    return h;
  };

  it.each(unknownCases)('$name: every limit and the budget stay counted, the code is stored and the step goes on', async ({ fault, sent }) => {
    const h = await portal();
    const b = h.browser();
    await b.login('demo@example.com');
    const before = await counted(h);
    fake.failNext(/Messages\.json$/, fault);
    const res = await b.post('/enroll/phone', { phone: PHONE });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ step: 'confirm', maskedPhone: 'xxx-xxx-0143' });
    const unknownCost = (await counted(h)) - before;

    // Exactly what a send that went through costs: cooldown, phone, account, IP and budget.
    const other = h.browser('198.51.100.9');
    await other.login('pat@example.com');
    const beforeOther = await counted(h);
    expect((await other.post('/enroll/phone', { phone: '+12025550199' })).status).toBe(200);
    expect(unknownCost).toBe((await counted(h)) - beforeOther);
    expect(unknownCost).toBeGreaterThan(0);

    expect((await h.client.execute("select count(*) from cb_codes where user_id = 'usr-demo'")).rows[0]![0]).toBe(1);
    const types = (await h.store.listAudit({ subjectId: 'usr-demo' })).map((e) => [e.type, e.detail?.failure]);
    expect(types).toContainEqual(['code.send_failed', 'unknown']);
    expect(types.map(([t]) => t)).toContain('code.sent');

    // The cooldown it started holds: an immediate retry is refused.
    expect((await b.post('/resend')).status).toBe(429);
    if (sent) {
      // Twilio took the message before the answer was lost: the code that arrives works.
      expect((await b.post('/enroll/confirm', { code: fake.lastCode(PHONE) })).body).toEqual({ step: 'login' });
    } else {
      expect(fake.messages.filter((m) => m.to === PHONE)).toHaveLength(0);
      h.clock.advance(61);
      expect((await b.post('/resend')).status).toBe(200);
      expect((await b.post('/enroll/confirm', { code: fake.lastCode(PHONE) })).body).toEqual({ step: 'login' });
    }
  });

  it('retries after unknown outcomes run into the per-phone limit and the daily budget', async () => {
    const h = await portal({ policy: { sendsPerPhone: { limit: 2, windowSeconds: 3600 } }, dailySmsBudget: 3 });
    const b = h.browser();
    await b.login('demo@example.com');
    fake.failNext(/Messages\.json$/, { kind: 'stall', ms: 1_500 });
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
    h.clock.advance(61);
    fake.failNext(/Messages\.json$/, { kind: 'error', status: 504, code: 20504 });
    expect((await b.post('/resend')).status).toBe(200);
    h.clock.advance(61);
    // Two sends that may have gone out are two sends to this phone.
    expect((await b.post('/resend')).status).toBe(429);

    const other = h.browser('198.51.100.9');
    await other.login('pat@example.com');
    expect((await other.post('/enroll/phone', { phone: '+12025550199' })).status).toBe(200);
    const third = h.browser('198.51.100.10');
    await third.login('lee@acme.example');
    const refused = await third.post('/enroll/phone', { phone: '+12025550198' });
    // The budget of 3 holds the two unknown sends and the one that went out.
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toMatch(/paused/);
    expect(fake.messages).toHaveLength(1);
  });
});
