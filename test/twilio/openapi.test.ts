/**
 * The fake Twilio held against Twilio's official OpenAPI specs: every request our senders and
 * verifiers make names only parameters the operation defines, with the right names and types,
 * and every answer the fake gives has the fields the spec's response schema lists. So a test
 * that passes against the fake passes for the requests and answers Twilio documents.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioRestSms, twilioRestVerify } from '../../server/index.js';
import { twilioSms, twilioVerify } from '../../server/providers/twilio.js';
import { voiceTwiml } from '../../server/providers/voice.js';
import { PHONE, setSettings } from '../support/harness.js';
import { ACCOUNT_SID, API_KEY, API_SECRET, AUTH_TOKEN, FakeTwilio, FROM, MESSAGING_SERVICE_SID, VERIFY_SID, type Exchange } from './support/fake-twilio.js';
import { createPortal, sdkClient, STATUS_URL } from './support/portal.js';
import { loadSlice, SLICE_PATH, sliceSpecs, specViolations } from './support/twilio-oai.js';

const slice = loadSlice();
const fake = new FakeTwilio();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const violations = (exchanges: Exchange[]) => exchanges.flatMap((x) => specViolations(slice, x));
const rest = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('the committed slice is the spec', () => {
  // The full files live beside the repository (../shared/twilio-oai) or where TWILIO_OAI_DIR says.
  const dir = process.env.TWILIO_OAI_DIR ?? resolve(import.meta.dirname, '../../../shared/twilio-oai');
  it.runIf(existsSync(dir))('equals what sliceSpecs takes from the full spec files', () => {
    const fresh = sliceSpecs(dir);
    if (process.env.UPDATE_TWILIO_OAI_SLICE) writeFileSync(SLICE_PATH, JSON.stringify(fresh, null, 1) + '\n');
    expect(loadSlice()).toEqual(fresh);
  });

  it('covers the four operations we call', () => {
    expect(slice.operations.map((o) => `${o.server}${o.path}`)).toEqual([
      'https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages.json',
      'https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Calls.json',
      'https://verify.twilio.com/v2/Services/{ServiceSid}/Verifications',
      'https://verify.twilio.com/v2/Services/{ServiceSid}/VerificationCheck',
    ]);
  });
});

describe('what our senders and verifiers send, and what the fake answers, conform', () => {
  it('Messaging through the SDK and over fetch: From or a Messaging Service, StatusCallback, ValidityPeriod, an API key', async () => {
    await twilioSms({ client: sdkClient(fake), from: FROM, statusCallback: STATUS_URL }).send({ to: PHONE, body: 'a', ttlSeconds: 300 });
    await twilioSms({ client: sdkClient(fake, { apiKey: [API_KEY, API_SECRET] }), messagingServiceSid: MESSAGING_SERVICE_SID }).send({ to: PHONE, body: 'b' });
    await twilioRestSms({ ...rest, from: FROM, statusCallback: STATUS_URL, baseUrl: fake.url }).send({ to: PHONE, body: 'c', ttlSeconds: 120 });
    await twilioRestSms({ ...rest, messagingServiceSid: MESSAGING_SERVICE_SID, baseUrl: fake.url }).send({ to: PHONE, body: 'd' });
    // The fake's refusals are Twilio's error bodies.
    await twilioRestSms({ ...rest, from: FROM, baseUrl: fake.url }).send({ to: '12', body: 'e' }).catch(() => {});
    expect(fake.exchanges.map((x) => x.status)).toEqual([201, 201, 201, 201, 400]);
    expect(fake.exchanges.every((x) => x.fields.some(([k]) => k === 'ValidityPeriod'))).toBe(true);
    expect(violations(fake.exchanges)).toEqual([]);
  });

  it('Voice through the SDK and over fetch: Calls.json with To, From, Twiml and Timeout', async () => {
    const call = { to: PHONE, twiml: voiceTwiml({ portalName: 'Demo Portal', locale: 'en', code: '123456' }) };
    await twilioSms({ client: sdkClient(fake), from: FROM }).call!(call);
    await twilioSms({ client: sdkClient(fake, { apiKey: [API_KEY, API_SECRET] }), messagingServiceSid: MESSAGING_SERVICE_SID, voiceFrom: FROM }).call!(call);
    await twilioRestSms({ ...rest, from: FROM, baseUrl: fake.url }).call!(call);
    await twilioRestSms({ ...rest, messagingServiceSid: MESSAGING_SERVICE_SID, voiceFrom: FROM, baseUrl: fake.url }).call!({ ...call, from: '+12025550100' });
    expect(fake.exchanges.map((x) => x.status)).toEqual([201, 201, 201, 201]);
    expect(fake.calls.map((c) => c.from)).toEqual([FROM, FROM, FROM, '+12025550100']);
    expect(fake.calls.every((c) => c.twiml === call.twiml)).toBe(true);
    expect(violations(fake.exchanges)).toEqual([]);
  });

  it.each([
    ['the SDK', () => twilioVerify({ client: sdkClient(fake), serviceSid: VERIFY_SID })],
    ['fetch', () => twilioRestVerify({ ...rest, serviceSid: VERIFY_SID, baseUrl: fake.url })],
  ])('Verify with channel=call through %s', async (_via, make) => {
    const verifier = make();
    await verifier.start({ to: PHONE, channel: 'sms' });
    await verifier.start({ to: PHONE, channel: 'call' });
    expect(fake.verifySends.map((v) => v.channel)).toEqual(['sms', 'call']);
    expect((fake.exchanges.at(-1)!.body as { channel: string }).channel).toBe('call');
    expect(await verifier.check({ to: PHONE, code: fake.verifyCode(PHONE) })).toBe('approved');
    expect(violations(fake.exchanges)).toEqual([]);
  });

  it.each([
    ['the SDK', () => twilioVerify({ client: sdkClient(fake), serviceSid: VERIFY_SID, locale: 'en' })],
    ['fetch', () => twilioRestVerify({ ...rest, serviceSid: VERIFY_SID, locale: 'en', baseUrl: fake.url })],
  ])('Verify through %s: starts, resends, wrong and right checks, 404 after approval, 60202 and 60203', async (_via, make) => {
    const verifier = make();
    await verifier.start({ to: PHONE, channel: 'sms' });
    const code = fake.verifyCode(PHONE);
    expect(await verifier.check({ to: PHONE, code: wrongFor(code) })).toBe('rejected');
    expect(await verifier.check({ to: PHONE, code })).toBe('approved');
    expect(await verifier.check({ to: PHONE, code })).toBe('expired');

    const other = '+12025550177';
    for (let i = 0; i < 5; i++) await verifier.start({ to: other, channel: 'sms' });
    await verifier.start({ to: other, channel: 'sms' }).catch(() => {});
    const otherCode = fake.verifyCode(other);
    for (let i = 0; i < 5; i++) await verifier.check({ to: other, code: wrongFor(otherCode) });
    expect(await verifier.check({ to: other, code: otherCode })).toBe('expired');
    expect(fake.exchanges.map((x) => x.status)).toEqual([201, 200, 200, 404, 201, 201, 201, 201, 201, 429, 200, 200, 200, 200, 200, 429]);
    expect(violations(fake.exchanges)).toEqual([]);
  });

  it('a portal in each mode, end to end', async () => {
    for (const options of [
      { sms: twilioSms({ client: sdkClient(fake), from: FROM, statusCallback: STATUS_URL }), deliveryStatus: { url: STATUS_URL, authToken: AUTH_TOKEN } },
      { sms: twilioRestSms({ ...rest, messagingServiceSid: MESSAGING_SERVICE_SID, baseUrl: fake.url }) },
      { verifier: twilioVerify({ client: sdkClient(fake), serviceSid: VERIFY_SID }) },
      { verifier: twilioRestVerify({ ...rest, serviceSid: VERIFY_SID, baseUrl: fake.url }) },
    ]) {
      fake.reset();
      const h = await createPortal(options);
      await setSettings(h, true);
      const b = h.browser();
      await b.login('demo@example.com');
      await b.post('/enroll/phone', { phone: PHONE });
      const code = 'verifier' in options ? fake.verifyCode(PHONE) : fake.lastCode(PHONE);
      await b.post('/enroll/confirm', { code: wrongFor(code) });
      expect((await b.post('/enroll/confirm', { code })).body).toEqual({ step: 'login' });
      expect(fake.exchanges.length).toBeGreaterThan(0);
      expect(violations(fake.exchanges)).toEqual([]);
    }
  });
});

describe('the check can fail', () => {
  const messages = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
  const verifications = `/v2/Services/${VERIFY_SID}/Verifications`;
  const exchange = (over: Partial<Exchange>): Exchange => ({ method: 'POST', path: messages, fields: [['To', PHONE], ['Body', 'x'], ['From', FROM]], status: null, body: null, injected: false, ...over });
  const message = async () => {
    await twilioRestSms({ ...rest, from: FROM, baseUrl: fake.url }).send({ to: PHONE, body: 'x' });
    return fake.exchanges.at(-1)!.body as Record<string, unknown>;
  };

  it('a parameter under the wrong name, one the operation does not have, or of the wrong type', () => {
    expect(violations([exchange({ fields: [['To', PHONE], ['Body', 'x'], ['validityPeriod', '300']] })])).toEqual([`POST ${messages}: validityPeriod: not a parameter of this operation`]);
    expect(violations([exchange({ fields: [['To', PHONE], ['Body', 'x'], ['ValidityPeriod', 'soon']] })])[0]).toMatch(/ValidityPeriod: "soon" is not an integer/);
    expect(violations([exchange({ fields: [['Body', 'x']] })])[0]).toMatch(/To: required, not sent/);
    expect(violations([exchange({ path: verifications, fields: [['To', PHONE]] })])[0]).toMatch(/Channel: required, not sent/);
    expect(violations([exchange({ fields: [['To', PHONE], ['Body', 'x'], ['MessagingServiceSid', 'service-1']] })])[0]).toMatch(/MessagingServiceSid: "service-1" does not match/);
    expect(violations([exchange({ fields: [['To', PHONE], ['Body', 'x'], ['Body', 'y']] })])[0]).toMatch(/Body: sent 2 times/);
    expect(violations([exchange({ path: `/v2/Services/XX${'0'.repeat(32)}/Verifications`, fields: [['To', PHONE], ['Channel', 'sms']] })])[0]).toMatch(/path ServiceSid/);
    expect(violations([exchange({ path: '/2010-04-01/Accounts/AC1/Recordings.json' })])[0]).toMatch(/no such operation/);
    expect(violations([exchange({ path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, fields: [['To', PHONE], ['From', FROM], ['Twiml', '<Response/>'], ['Timeout', 'soon']] })])[0]).toMatch(/Timeout: "soon" is not an integer/);
  });

  it('an answer missing a field of the schema, with a field it does not list, or with a wrong type or value', async () => {
    const body = await message();
    const { date_created: _, ...missing } = body;
    expect(violations([exchange({ status: 201, body: missing })])).toEqual([`POST ${messages}: 201.date_created: missing`]);
    expect(violations([exchange({ status: 201, body: { ...body, secret: 'x' } })])).toEqual([`POST ${messages}: 201.secret: not in the response schema`]);
    expect(violations([exchange({ status: 201, body: { ...body, num_segments: 1 } })])[0]).toMatch(/num_segments: a integer, the spec says string/);
    expect(violations([exchange({ status: 201, body: { ...body, status: 'teleported' } })])[0]).toMatch(/status: "teleported" is not one of/);
    expect(violations([exchange({ status: 202, body })])[0]).toMatch(/202: not a documented answer/);
    expect(violations([exchange({ status: 400, body: { code: 21211, message: 'x', status: 400 } })])[0]).toMatch(/400 error.more_info: missing/);
  });

  it('the answer the fake gave before it followed the spec is refused', () => {
    const sid = 'SM' + '0'.repeat(32);
    const old = { sid, account_sid: ACCOUNT_SID, to: PHONE, from: FROM, messaging_service_sid: null, body: 'x', status: 'queued', num_segments: '1', direction: 'outbound-api', api_version: '2010-04-01', price: null, error_code: null, uri: `/x/${sid}.json` };
    expect(violations([exchange({ status: 201, body: old })]).map((v) => v.replace(/^.*: 201\./, ''))).toEqual([
      'date_updated: missing',
      'error_message: missing',
      'num_media: missing',
      'date_sent: missing',
      'date_created: missing',
      'price_unit: missing',
      'subresource_uris: missing',
    ]);
  });
});
