/**
 * Delivery status: our Web Crypto signature check agrees with the SDK's, a signed callback moves
 * the message's state forward, anything unsigned or mis-signed is refused with 403, and the admin
 * view and the verify step show what happened.
 */
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioSignature, validateTwilioSignature } from '../../server/index.js';
import { formParams } from '../../server/providers/twilio-signature.js';
import { twilioSms } from '../../server/providers/twilio.js';
import { PHONE, setSettings, type Browser, type Harness } from '../support/harness.js';
import { ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, FROM } from './support/fake-twilio.js';
import { createPortal, postStatus, sdkClient, STATUS_URL } from './support/portal.js';

describe('X-Twilio-Signature on Web Crypto matches the twilio SDK', () => {
  const samples: Array<[string, Record<string, string | string[]>]> = [
    [STATUS_URL, { MessageSid: 'SM' + '0'.repeat(32), MessageStatus: 'delivered', To: '+12025550143' }],
    ['https://portal.example.com/api/2fa/sms/status?tenant=a%20b&x=1', { Body: 'héllo wörld ✓ & = + %', From: '+44 7700 900123', Empty: '' }],
    ['http://localhost:3000/api/2fa/sms/status', {}],
    ['https://portal.example.com:8443/cb', { Z: 'last', a: 'lower first?', A: 'upper', Repeated: ['b', 'a', 'b'] }],
  ];

  it.each(samples)('signature for %s equals getExpectedTwilioSignature', async (url, params) => {
    const ours = await twilioSignature(AUTH_TOKEN, url, params);
    expect(ours).toBe(twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params));
    expect(twilio.validateRequest(AUTH_TOKEN, ours, url, params)).toBe(true);
    expect(await validateTwilioSignature({ authToken: AUTH_TOKEN, signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params), url, params })).toBe(true);
  });

  it('HMAC-SHA256 (signature settings header) matches too', async () => {
    const [url, params] = samples[0]!;
    const ours = await twilioSignature(AUTH_TOKEN, url, params, 'HMAC_SHA256');
    expect(ours).toBe(twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params, twilio.HMAC_SHA256));
    expect(twilio.validateRequest(AUTH_TOKEN, ours, url, params, twilio.HMAC_SHA256)).toBe(true);
  });

  it('accepts the URL with or without the default port, as the SDK does, and nothing else', async () => {
    const params = { MessageStatus: 'sent' };
    const withPort = 'https://portal.example.com:443/api/2fa/sms/status';
    const signed = twilio.getExpectedTwilioSignature(AUTH_TOKEN, withPort, params);
    expect(await validateTwilioSignature({ authToken: AUTH_TOKEN, signature: signed, url: STATUS_URL, params })).toBe(true);
    for (const other of ['http://portal.example.com/api/2fa/sms/status', 'https://portal.example.com/api/2fa/sms/status/', 'https://evil.example.com/api/2fa/sms/status']) {
      const sig = twilio.getExpectedTwilioSignature(AUTH_TOKEN, other, params);
      expect(await validateTwilioSignature({ authToken: AUTH_TOKEN, signature: sig, url: STATUS_URL, params })).toBe(false);
    }
  });

  it('rejects a wrong token, a changed parameter, a missing signature', async () => {
    const params = { MessageStatus: 'delivered' };
    const good = twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, params);
    const check = (signature: string | undefined, p: Record<string, string> = params) => validateTwilioSignature({ authToken: AUTH_TOKEN, signature, url: STATUS_URL, params: p });
    expect(await check(good)).toBe(true);
    expect(await check(twilio.getExpectedTwilioSignature('another-token', STATUS_URL, params))).toBe(false);
    expect(await check(good, { MessageStatus: 'failed' })).toBe(false);
    expect(await check(undefined)).toBe(false);
    expect(await check('')).toBe(false);
  });

  it('reads repeated form fields the way Twilio signs them', () => {
    expect(formParams('a=1&b=2&a=3&c=')).toEqual({ a: ['1', '3'], b: '2', c: '' });
  });
});

describe('the status callback route', () => {
  const fake = new FakeTwilio();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  let h: Harness;
  let b: Browser;
  let sid: string;
  beforeEach(async () => {
    fake.reset();
    h = await createPortal({
      sms: twilioSms({ client: sdkClient(fake), from: FROM, statusCallback: STATUS_URL }),
      deliveryStatus: { url: STATUS_URL, authToken: AUTH_TOKEN },
    });
    await setSettings(h, true);
    b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    sid = fake.messages[0]!.sid;
    expect(fake.messages[0]!.statusCallback).toBe(STATUS_URL);
  });

  /** The parameters Twilio posts for a message status change. */
  const callback = (status: string, extra: Record<string, string> = {}) => ({
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    From: FROM,
    MessageSid: sid,
    MessageStatus: status,
    SmsSid: sid,
    SmsStatus: status,
    To: PHONE,
    ...extra,
  });
  const signed = (params: Record<string, string>) => postStatus(h, params, twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, params));
  const state = async () => (await h.client.execute({ sql: 'select status, error_code from cb_sms_deliveries where message_id = ?', args: [sid] })).rows[0];

  it('records queued at send, then each signed state; a late callback does not move it back', async () => {
    expect(await state()).toMatchObject({ status: 'queued', error_code: null });
    expect((await b.get('/delivery')).body).toEqual({ status: 'queued', failed: false });

    expect((await signed(callback('sent'))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'sent' });
    expect((await signed(callback('delivered'))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'delivered' });
    // Twilio does not promise order: a `sent` arriving after `delivered` changes nothing.
    expect((await signed(callback('sent'))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'delivered' });
    expect((await b.get('/delivery')).body).toEqual({ status: 'delivered', failed: false });

    const admin = h.browser('198.51.100.1');
    await admin.login('admin@example.com');
    const contacts = (await admin.get('/admin/contacts?organizationId=org-demo')).body.contacts;
    expect(contacts.find((c: any) => c.id === 'usr-demo').twoFactor.lastDelivery).toMatchObject({ status: 'delivered', errorCode: null });
    expect(contacts.find((c: any) => c.id === 'usr-pat').twoFactor.lastDelivery).toBeNull();
  });

  it('unsigned, mis-signed, signed for another URL or tampered: 403 and nothing changes', async () => {
    const params = callback('failed', { ErrorCode: '30003' });
    expect((await postStatus(h, params, null)).status).toBe(403);
    expect((await postStatus(h, params, '')).status).toBe(403);
    expect((await postStatus(h, params, 'bm90IGEgc2lnbmF0dXJl')).status).toBe(403);
    expect((await postStatus(h, params, twilio.getExpectedTwilioSignature('not-the-token', STATUS_URL, params))).status).toBe(403);
    // Signed for the URL the request actually arrived at, not the one Twilio was given.
    expect((await postStatus(h, params, twilio.getExpectedTwilioSignature(AUTH_TOKEN, 'http://portal.test/api/2fa/sms/status', params))).status).toBe(403);
    // A valid signature of different parameters.
    expect((await postStatus(h, params, twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, callback('delivered')))).status).toBe(403);
    const refused = await postStatus(h, params, null);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await state()).toMatchObject({ status: 'queued' });
    expect((await h.tf.store.listAudit()).some((e) => e.type === 'code.delivery_failed')).toBe(false);
  });

  it('a failed delivery: audited, GET /delivery says so, and a wrong-code answer carries it', async () => {
    expect((await signed(callback('undelivered', { ErrorCode: '30003' }))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'undelivered', error_code: 30003 });
    expect((await b.get('/delivery')).body).toEqual({ status: 'undelivered', failed: true });

    const res = await b.post('/enroll/confirm', { code: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 4, delivery: 'undelivered' });

    const audit = await h.tf.store.listAudit({ subjectId: 'usr-demo' });
    expect(audit.find((e) => e.type === 'code.delivery_failed')).toMatchObject({ actorId: null, detail: { messageId: sid, status: 'undelivered', errorCode: 30003, phone: 'xxx-xxx-0143' } });

    // A resend is a new message with its own state; the step no longer reports a failure.
    h.clock.advance(31);
    expect((await b.post('/resend')).status).toBe(200);
    expect((await b.get('/delivery')).body).toEqual({ status: 'queued', failed: false });
    expect((await b.post('/enroll/confirm', { code: fake.lastCode(PHONE) })).body).toEqual({ step: 'login' });
  });

  it('signed callbacks about unknown messages or untracked states are accepted and ignored', async () => {
    expect((await signed(callback('delivered', { MessageSid: 'SM' + 'f'.repeat(32), SmsSid: 'SM' + 'f'.repeat(32) }))).status).toBe(204);
    expect((await signed(callback('receiving'))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'queued' });
  });

  it('is exempt from the JSON guard only for itself: other routes still refuse forms', async () => {
    const res = await h.app.request('http://portal.test/api/2fa/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=demo%40example.com&password=x',
    });
    expect(res.status).toBe(415);
  });

  it('GET /delivery needs a pending login', async () => {
    expect((await h.browser().get('/delivery')).status).toBe(401);
  });
});

describe('without delivery tracking', () => {
  it('the route does not exist for anyone, signed or not, and nothing is recorded', async () => {
    const h = await createPortal({});
    await setSettings(h, true);
    const params = { MessageSid: 'SM' + '1'.repeat(32), MessageStatus: 'delivered' };
    const res = await postStatus(h, params, twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, params));
    expect(res.status).toBe(404);
    const b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    expect((await h.client.execute('select count(*) as n from cb_sms_deliveries')).rows[0]).toMatchObject({ n: 0 });
    expect((await b.get('/delivery')).body).toEqual({ status: null, failed: false });
    const admin = h.browser('198.51.100.1');
    await admin.login('admin@example.com');
    const contact = (await admin.get('/admin/contacts?organizationId=org-demo')).body.contacts[0];
    expect(contact.twoFactor).not.toHaveProperty('lastDelivery');
  });
});
