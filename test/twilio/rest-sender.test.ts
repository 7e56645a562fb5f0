/**
 * The fetch-only sender for edge runtimes against the same fake: the same request Twilio's SDK
 * makes, the same error mapping, and no Node-only import in any module the core reaches.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsSendError, twilioRestSms, twilioRestVerify } from '../../server/index.js';
import { twilioSms } from '../../server/providers/twilio.js';
import { PHONE, setSettings } from '../support/harness.js';
import { cases, unknownCases } from './support/error-cases.js';
import { ACCOUNT_SID, API_KEY, API_SECRET, AUTH_TOKEN, FakeTwilio, FROM, MESSAGING_SERVICE_SID, VERIFY_SID } from './support/fake-twilio.js';
import { createPortal, sdkClient, STATUS_URL } from './support/portal.js';

const fake = new FakeTwilio();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const auth = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };

describe('request shape', () => {
  it('POST /2010-04-01/Accounts/{Sid}/Messages.json, Basic auth, form-encoded To, From, Body, StatusCallback', async () => {
    const sms = twilioRestSms({ ...auth, from: FROM, statusCallback: STATUS_URL, baseUrl: fake.url });
    const sent = await sms.send({ to: PHONE, body: 'Code 123456 & more: ü\n\n@portal.test #123456' });
    const req = fake.requests[0]!;
    expect(req).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, user: ACCOUNT_SID, password: AUTH_TOKEN });
    expect(req.contentType).toBe('application/x-www-form-urlencoded');
    expect(req.form).toEqual({ To: PHONE, From: FROM, Body: 'Code 123456 & more: ü\n\n@portal.test #123456', StatusCallback: STATUS_URL, ValidityPeriod: '300' });
    expect(sent).toEqual({ id: fake.messages[0]!.sid });
  });

  it('sends exactly what the SDK sends for the same message, ValidityPeriod included', async () => {
    const message = { to: PHONE, body: 'Your code is 654321.\n\n@portal.test #654321', ttlSeconds: 240 };
    await twilioSms({ client: sdkClient(fake), messagingServiceSid: MESSAGING_SERVICE_SID, statusCallback: STATUS_URL }).send(message);
    await twilioRestSms({ ...auth, messagingServiceSid: MESSAGING_SERVICE_SID, statusCallback: STATUS_URL, baseUrl: fake.url }).send(message);
    const [sdk, rest] = fake.requests;
    expect(rest!.path).toBe(sdk!.path);
    expect(rest!.form).toEqual(sdk!.form);
    expect(rest!.form.ValidityPeriod).toBe('240');
    expect([rest!.user, rest!.password]).toEqual([sdk!.user, sdk!.password]);
  });

  it('API key and secret as the Basic credentials', async () => {
    await twilioRestSms({ accountSid: ACCOUNT_SID, apiKey: API_KEY, apiSecret: API_SECRET, from: FROM, baseUrl: `${fake.url}/` }).send({ to: PHONE, body: 'x' });
    expect(fake.requests[0]).toMatchObject({ user: API_KEY, password: API_SECRET, path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json` });
  });

  it('refuses incomplete configuration at construction', () => {
    expect(() => twilioRestSms({ ...auth, baseUrl: fake.url })).toThrow(/from/);
    expect(() => twilioRestSms({ accountSid: 'XX123', authToken: 'x', from: FROM })).toThrow(/AC/);
    expect(() => twilioRestSms({ accountSid: ACCOUNT_SID, from: FROM })).toThrow(/authToken/);
  });

  it('Verify over fetch: Verifications with To and Channel, VerificationCheck with To and Code', async () => {
    const verifier = twilioRestVerify({ ...auth, serviceSid: VERIFY_SID, baseUrl: fake.url });
    await verifier.start({ to: PHONE, channel: 'sms' });
    const code = fake.verifyCode(PHONE);
    expect(await verifier.check({ to: PHONE, code: code === '000000' ? '111111' : '000000' })).toBe('rejected');
    expect(await verifier.check({ to: PHONE, code })).toBe('approved');
    expect(await verifier.check({ to: PHONE, code })).toBe('expired');
    expect(fake.requests.map((r) => [r.path, r.form])).toEqual([
      [`/v2/Services/${VERIFY_SID}/Verifications`, { To: PHONE, Channel: 'sms' }],
      [`/v2/Services/${VERIFY_SID}/VerificationCheck`, { To: PHONE, Code: expect.stringMatching(/^\d{6}$/) }],
      [`/v2/Services/${VERIFY_SID}/VerificationCheck`, { To: PHONE, Code: code }],
      [`/v2/Services/${VERIFY_SID}/VerificationCheck`, { To: PHONE, Code: code }],
    ]);
  });
});

describe('error mapping, the same as through the SDK', () => {
  it.each(cases)('$name → $failure', async ({ fault, failure }) => {
    fake.failNext(/Messages\.json$/, fault);
    const err = await twilioRestSms({ ...auth, from: FROM, baseUrl: fake.url }).send({ to: PHONE, body: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsSendError);
    expect((err as SmsSendError).failure).toBe(failure);
    if (fault.kind === 'error') expect((err as SmsSendError).providerCode).toBe(fault.code);
  });

  it.each(unknownCases)('$name → unknown: the message may have gone out', async ({ fault }) => {
    fake.failNext(/Messages\.json$/, fault);
    const err = await twilioRestSms({ ...auth, from: FROM, baseUrl: fake.url, timeoutMs: 300 }).send({ to: PHONE, body: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'SmsSendError', failure: 'unknown' });
  });

  it('a 2xx whose body is not JSON was still an acceptance → unknown', async () => {
    fake.failNext(/Messages\.json$/, { kind: 'html', status: 200 });
    await expect(twilioRestSms({ ...auth, from: FROM, baseUrl: fake.url }).send({ to: PHONE, body: 'x' })).rejects.toMatchObject({ failure: 'unknown' });
  });

  it('a refused connection → unavailable', async () => {
    const gone = await new FakeTwilio().start();
    await gone.stop();
    await expect(twilioRestSms({ ...auth, from: FROM, baseUrl: gone.url }).send({ to: PHONE, body: 'x' })).rejects.toMatchObject({ failure: 'unavailable' });
  });

  it('Verify start errors map too; a failing check is a retryable fault', async () => {
    const verifier = twilioRestVerify({ ...auth, serviceSid: VERIFY_SID, baseUrl: fake.url });
    fake.failNext(/Verifications$/, { kind: 'error', status: 403, code: 60410 });
    await expect(verifier.start({ to: PHONE, channel: 'sms' })).rejects.toMatchObject({ failure: 'refused', providerCode: 60410 });
    fake.failNext(/VerificationCheck$/, { kind: 'error', status: 503, code: 20503 });
    await expect(verifier.check({ to: PHONE, code: '123456' })).rejects.toMatchObject({ failure: 'unavailable' });
  });

  it('a portal on the fetch sender works end to end', async () => {
    const h = await createPortal({ sms: twilioRestSms({ ...auth, from: FROM, baseUrl: fake.url }) });
    await setSettings(h, true);
    const b = h.browser();
    await b.login('demo@example.com');
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
    expect((await b.post('/enroll/confirm', { code: fake.lastCode(PHONE) })).body).toEqual({ step: 'login' });
  });
});

describe('runtime-agnostic', () => {
  // The edge sender, the signature check and everything the router reaches for Twilio must load
  // on workerd: no `node:` module, no Node globals, no SDK.
  const files = [
    'server/providers/twilio-rest.ts',
    'server/providers/twilio-errors.ts',
    'server/providers/twilio-signature.ts',
    'server/providers/twilio-validity.ts',
    'server/providers/twilio-sender.ts',
    'server/providers/sms.ts',
    'server/providers/sms-text.ts',
    'server/providers/gsm7.ts',
    'server/providers/sms-locales/en.ts',
    'server/providers/sms-locales/es.ts',
    'server/providers/sms-locales/fr.ts',
    'server/providers/sms-locales/de.ts',
    'server/providers/verifier.ts',
    'server/services/sending.ts',
  ];
  it.each(files)('%s imports nothing Node-only', (file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/from ['"](node:|twilio['"]|crypto['"]|http['"]|https['"]|buffer['"])/);
    expect(source).not.toMatch(/\bBuffer\.|\bprocess\./);
  });

  it('the SDK adapter imports no runtime code from the SDK (types only)', () => {
    const source = readFileSync('server/providers/twilio.ts', 'utf8');
    expect(source).not.toMatch(/^import (?!type)[^;]*from ['"]twilio/m);
  });
});
