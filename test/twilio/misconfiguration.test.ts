/**
 * A misconfigured Twilio sender says so: a client without credentials, a wrong SID or a missing
 * secret is refused when the server starts, naming the option and the fix; and what Twilio (or
 * the SDK) answers a failed send is logged once for each kind of failure, not once per send,
 * and kept in the audit entry of that send. Through the real SDK and over fetch, against the fake.
 */
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { twilioClient } from '../../demo/sms-from-env.js';
import { twilioRestSms, twilioRestVerify, type SmsSender } from '../../server/index.js';
import { twilioSms, twilioVerify } from '../../server/providers/twilio.js';
import { PHONE, setSettings } from '../support/harness.js';
import { ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, FROM, VERIFY_SID } from './support/fake-twilio.js';
import { createPortal, sdkClient } from './support/portal.js';

const fake = new FakeTwilio();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

let errors: ReturnType<typeof vi.spyOn>;
let warnings: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());
const logged = () => [...errors.mock.calls, ...warnings.mock.calls].map((c) => String(c[0]));

/** A `twilio()` client as a host gets it from unset environment variables. */
function clientWithoutCredentials() {
  const saved = { sid: process.env.TWILIO_ACCOUNT_SID, token: process.env.TWILIO_AUTH_TOKEN };
  delete process.env.TWILIO_ACCOUNT_SID;
  delete process.env.TWILIO_AUTH_TOKEN;
  try {
    return twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
  } finally {
    if (saved.sid !== undefined) process.env.TWILIO_ACCOUNT_SID = saved.sid;
    if (saved.token !== undefined) process.env.TWILIO_AUTH_TOKEN = saved.token;
  }
}

describe('refused at start, naming the option and the fix', () => {
  it('an SDK client without credentials (twilio() of unset variables)', () => {
    const client = clientWithoutCredentials();
    expect(() => twilioSms({ client, from: FROM })).toThrow(/twilioSms: the Twilio `client` has no credentials.*twilio\(apiKeySid, apiKeySecret, \{ accountSid \}\).*TWILIO_ACCOUNT_SID/);
    expect(() => twilioVerify({ client, serviceSid: VERIFY_SID })).toThrow(/twilioVerify: the Twilio `client` has no credentials/);
  });

  it('an SDK client with an account SID and no Auth Token', () => {
    const saved = process.env.TWILIO_AUTH_TOKEN;
    delete process.env.TWILIO_AUTH_TOKEN;
    try {
      expect(() => twilioSms({ client: twilio(ACCOUNT_SID, undefined), from: FROM })).toThrow(/has no password \(Auth Token or API key secret\)/);
    } finally {
      if (saved !== undefined) process.env.TWILIO_AUTH_TOKEN = saved;
    }
  });

  it('a client with credentials is taken, and so is a fake that is no SDK client (control)', () => {
    expect(() => twilioSms({ client: sdkClient(fake), from: FROM })).not.toThrow();
    expect(() => twilioSms({ client: { messages: { create: async () => ({ sid: 'SM1' }) } }, from: FROM })).not.toThrow();
    expect(() => twilioVerify({ client: sdkClient(fake), serviceSid: VERIFY_SID })).not.toThrow();
  });

  it('no client at all', () => {
    expect(() => twilioSms({ client: undefined as never, from: FROM })).toThrow(/twilioSms: `client` is missing\. Pass `client: twilio\(/);
  });

  it('a Verify Service SID that is not one, and a Messaging Service SID that is not one', () => {
    expect(() => twilioVerify({ client: sdkClient(fake), serviceSid: 'MG123' })).toThrow(/`serviceSid` must be a Verify Service SID \(VA…\).*console under Verify/);
    expect(() => twilioVerify({ client: sdkClient(fake), serviceSid: undefined as never })).toThrow(/`serviceSid` must be a Verify Service SID/);
    expect(() => twilioRestVerify({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, serviceSid: '' })).toThrow(/twilioRestVerify: `serviceSid` must be/);
    expect(() => twilioSms({ client: sdkClient(fake), messagingServiceSid: 'VA123' })).toThrow(/`messagingServiceSid` must be a Messaging Service SID \(MG…\)/);
  });

  it('the fetch sender without an account SID, or without its secret', () => {
    expect(() => twilioRestSms({ accountSid: undefined as never, authToken: AUTH_TOKEN, from: FROM })).toThrow(/twilioRestSms: `accountSid` must be an account SID \(AC…\), not missing.*TWILIO_ACCOUNT_SID/);
    expect(() => twilioRestSms({ accountSid: 'SK' + '0'.repeat(32), authToken: AUTH_TOKEN, from: FROM })).toThrow(/not "SK00…"/);
    expect(() => twilioRestSms({ accountSid: ACCOUNT_SID, from: FROM })).toThrow(/twilioRestSms: give `authToken`, or `apiKey` with `apiSecret`.*TWILIO_AUTH_TOKEN/);
    expect(() => twilioRestSms({ accountSid: ACCOUNT_SID, apiKey: 'SK1', from: FROM })).toThrow(/`apiKey` needs its `apiSecret`/);
    expect(() => twilioRestSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: FROM })).not.toThrow();
  });
});

const wrongToken = () => twilioClient({ accountSid: ACCOUNT_SID, authToken: 'not-the-token', apiUrl: fake.url });

describe.each([
  {
    via: 'the SDK',
    who: 'twilioSms',
    wrong: (): SmsSender => twilioSms({ client: wrongToken(), from: FROM }),
    right: (): SmsSender => twilioSms({ client: sdkClient(fake), from: FROM }),
  },
  {
    via: 'fetch',
    who: 'twilioRestSms',
    wrong: (): SmsSender => twilioRestSms({ accountSid: ACCOUNT_SID, authToken: 'not-the-token', from: FROM, baseUrl: fake.url }),
    right: (): SmsSender => twilioRestSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: FROM, baseUrl: fake.url }),
  },
])('a failing sender through $via logs Twilio\'s code and text once per kind', ({ who, wrong, right }) => {
  it('wrong credentials: one error line with the code, Twilio\'s text and the fix, for three failed sends', async () => {
    const sms = wrong();
    for (let i = 0; i < 3; i++) await expect(sms.send({ to: PHONE, body: 'x' })).rejects.toMatchObject({ failure: 'unavailable', providerCode: 20003 });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(new RegExp(`^cb-2fa ${who}: Twilio answered 401 \\(error 20003: Authenticate\\).*check the API key SID and secret.*Logged once`));
  });

  it('each other kind of failure is logged once too, and a number in Twilio\'s text is masked', async () => {
    const sms = right();
    for (let i = 0; i < 2; i++) {
      fake.failNext(/Messages\.json$/, { kind: 'error', status: 400, code: 21211, message: `The 'To' number ${PHONE} is not a valid phone number.` });
      await expect(sms.send({ to: PHONE, body: 'x' })).rejects.toMatchObject({ failure: 'invalid_phone' });
      fake.failNext(/Messages\.json$/, { kind: 'error', status: 400, code: 21606, message: 'The From phone number is not a valid, SMS-capable inbound phone number for your account.' });
      await expect(sms.send({ to: PHONE, body: 'x' })).rejects.toMatchObject({ failure: 'unavailable' });
    }
    // A destination's refusal is a warning; the sender's own fault an error.
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(String(warnings.mock.calls[0]![0])).toMatch(/error 21211: The 'To' number xxx-xxx-0143 is not a valid phone number/);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/error 21606.*not one of this account's SMS-capable numbers.*messagingServiceSid/);
    expect(logged().join('\n')).not.toContain(PHONE.slice(1));
  });
});

describe('what Twilio answered is in the audit entry of the failed send', () => {
  it.each([
    ['the SDK', () => twilioSms({ client: wrongToken(), from: FROM })],
    ['fetch', () => twilioRestSms({ accountSid: ACCOUNT_SID, authToken: 'not-the-token', from: FROM, baseUrl: fake.url })],
  ])('through %s: providerCode and providerMessage, logged once across two sign-ins', async (_, sms) => {
    const h = await createPortal({ sms: sms() });
    await setSettings(h, true);
    for (const ip of ['203.0.113.20', '203.0.113.21']) {
      const b = h.browser(ip);
      await b.login('demo@example.com');
      const res = await b.post('/enroll/phone', { phone: PHONE });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('sms_failed');
    }
    const failed = (await h.store.listAudit({ subjectId: 'usr-demo' })).filter((e) => e.type === 'code.send_failed');
    expect(failed).toHaveLength(2);
    for (const e of failed) expect(e.detail).toMatchObject({ failure: 'unavailable', providerCode: 20003, providerMessage: 'Twilio answered 401 (error 20003: Authenticate)' });
    expect(errors.mock.calls.filter((c) => String(c[0]).includes('20003'))).toHaveLength(1);
  });

  it('Verify through the SDK, a wrong Service: two starts log Twilio\'s 20404 once, naming `serviceSid`', async () => {
    const verifier = twilioVerify({ client: sdkClient(fake), serviceSid: 'VA' + '0'.repeat(32) });
    for (let i = 0; i < 2; i++) await expect(verifier.start({ to: PHONE, channel: 'sms' })).rejects.toMatchObject({ providerCode: 20404 });
    const lines = logged().filter((l) => l.includes('20404'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cb-2fa twilioVerify: Twilio answered 404 \(error 20404: .+\).*`serviceSid`/);
  });
});
