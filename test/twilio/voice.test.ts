/**
 * "Call me instead" against the fake Twilio: in Messaging mode through the official SDK
 * (`calls.create`) and the fetch sender (`POST Calls.json`), with the code read out twice in the
 * TwiML, and in Verify mode with `channel=call`; each request held against Twilio's OpenAPI spec.
 * A Messaging Service cannot place calls: without a voice number the call is refused clearly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioRestSms, twilioRestVerify } from '../../server/index.js';
import { twilioSms, twilioVerify } from '../../server/providers/twilio.js';
import { PHONE, type Harness } from '../support/harness.js';
import { ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, FROM, MESSAGING_SERVICE_SID, VERIFY_SID } from './support/fake-twilio.js';
import { createPortal, sdkClient, type PortalOptions } from './support/portal.js';
import { loadSlice, specViolations } from './support/twilio-oai.js';

const fake = new FakeTwilio();
const slice = loadSlice();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const rest = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
const policy = { sendsPerPhone: { limit: 50, windowSeconds: 600 } };

/** 2FA and "Call me instead" on; the contact enrolled and at the verify step of a new login. */
async function atVerify(h: Harness, codeOf: () => string) {
  const admin = h.browser('198.51.100.1');
  await admin.login('admin@example.com');
  expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false, voiceFallback: true })).status).toBe(200);
  const b = h.browser();
  await b.login('demo@example.com');
  await b.post('/enroll/phone', { phone: PHONE });
  expect((await b.post('/enroll/confirm', { code: codeOf() })).body.step).toBe('login');
  h.clock.advance(31);
  expect((await b.login('demo@example.com')).body.step).toBe('verify');
  h.clock.advance(31);
  return b;
}

describe('Messaging mode: the call goes through Programmable Voice', () => {
  it.each<[string, () => PortalOptions['sms']]>([
    ['the SDK', () => twilioSms({ client: sdkClient(fake), from: FROM })],
    ['fetch', () => twilioRestSms({ ...rest, from: FROM, baseUrl: fake.url })],
    ['the SDK with a Messaging Service and voiceFrom', () => twilioSms({ client: sdkClient(fake), messagingServiceSid: MESSAGING_SERVICE_SID, voiceFrom: FROM })],
  ])('through %s: the TwiML reads the code twice, and that code signs in', async (_via, sms) => {
    const h = await createPortal({ sms: sms(), policy });
    const b = await atVerify(h, () => fake.lastCode(PHONE));
    const res = await b.post('/resend', { channel: 'voice' });
    expect(res.body).toMatchObject({ channel: 'voice', maskedPhone: 'xxx-xxx-0143' });
    const call = fake.calls.at(-1)!;
    expect(call).toMatchObject({ to: PHONE, from: FROM, timeout: 30 });
    const code = fake.callCode(PHONE);
    expect(call.twiml.split([...code].join(', '))).toHaveLength(3);
    expect(call.twiml).toContain('<Say language="en-US" voice="Polly.Joanna">Your Demo Portal code is');
    expect((await b.post('/verify', { code })).body.step).toBe('authenticated');
    expect(fake.exchanges.flatMap((x) => specViolations(slice, x))).toEqual([]);
    await h.close();
  });

  it('a Messaging Service alone cannot call: refused (422), no call placed, the SMS code still works', async () => {
    const h = await createPortal({ sms: twilioRestSms({ ...rest, messagingServiceSid: MESSAGING_SERVICE_SID, baseUrl: fake.url }), policy });
    const b = await atVerify(h, () => fake.lastCode(PHONE));
    const code = fake.lastCode(PHONE);
    const refused = await b.post('/resend', { channel: 'voice' });
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([422, 'sms_failed', 'Calls to this number cannot be made.']);
    expect(fake.calls).toHaveLength(0);
    expect((await b.post('/verify', { code })).body.step).toBe('authenticated');
    await h.close();
  });

  it('voiceFrom must be a number: a Messaging Service SID there is refused at start', () => {
    expect(() => twilioSms({ client: sdkClient(fake), messagingServiceSid: MESSAGING_SERVICE_SID, voiceFrom: MESSAGING_SERVICE_SID })).toThrow(/voiceFrom.*cannot place calls/);
    expect(() => twilioRestSms({ ...rest, messagingServiceSid: MESSAGING_SERVICE_SID, voiceFrom: 'MG1' })).toThrow(/voiceFrom/);
  });
});

describe('Verify mode: channel=call', () => {
  it.each<[string, () => PortalOptions['verifier']]>([
    ['the SDK', () => twilioVerify({ client: sdkClient(fake), serviceSid: VERIFY_SID })],
    ['fetch', () => twilioRestVerify({ ...rest, serviceSid: VERIFY_SID, baseUrl: fake.url })],
  ])('through %s: Verify calls, and its code signs in', async (_via, verifier) => {
    const h = await createPortal({ verifier: verifier(), policy });
    const b = await atVerify(h, () => fake.verifyCode(PHONE));
    expect((await b.post('/resend', { channel: 'voice' })).body.channel).toBe('voice');
    expect(fake.verifySends.at(-1)).toMatchObject({ to: PHONE, channel: 'call' });
    expect((await b.post('/verify', { code: fake.verifyCode(PHONE) })).body.step).toBe('authenticated');
    expect(fake.exchanges.flatMap((x) => specViolations(slice, x))).toEqual([]);
    await h.close();
  });
});
