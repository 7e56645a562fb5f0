/**
 * Delivery status: our Web Crypto signature check agrees with the SDK's, a signed callback moves
 * the message's state forward, anything unsigned or mis-signed is refused with 403, and the admin
 * view and the verify step show what happened.
 */
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioSignature, validateTwilioSignature } from '../../server/index.js';
import { formParams, signatureAlgorithm } from '../../server/providers/twilio-signature.js';
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

  // Every configured URL against every URL Twilio may have signed: ours agrees with the SDK's
  // validateRequest, which tries the URL with its port stripped and with the default one added.
  const configured = [
    'https://portal.example.com/cb',
    'https://portal.example.com:443/cb',
    'https://portal.example.com:8443/cb?x=1',
    'http://localhost:3000/api/2fa/sms/status',
    'https://user:p%40ss@portal.example.com:8443/cb',
    'https://[2001:db8::1]:8443/cb',
    'https://[2001:db8::1]/cb',
  ];
  const signedOver = [
    ...configured,
    'https://portal.example.com:8443/cb',
    'https://portal.example.com/cb?x=1',
    'http://localhost/api/2fa/sms/status',
    'http://localhost:80/api/2fa/sms/status',
    'https://user:p%40ss@portal.example.com/cb',
    'https://[2001:db8::1]:443/cb',
    'https://portal.example.com:9443/cb',
    'http://portal.example.com/cb',
    'https://portal.example.com/cb/',
  ];
  it.each(configured)('configured %s: the same forms as validateRequest, port stripped or added', async (url) => {
    const params = { MessageStatus: 'delivered', MessageSid: 'SM' + '1'.repeat(32) };
    for (const signedUrl of signedOver) {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, signedUrl, params);
      const sdk = twilio.validateRequest(AUTH_TOKEN, signature, url, params);
      expect([signedUrl, await validateTwilioSignature({ authToken: AUTH_TOKEN, signature, url, params })]).toEqual([signedUrl, sdk]);
    }
    // The port-stripped form is one of them.
    const stripped = url.replace(/:(\d+)(?=\/)/, '');
    expect(await validateTwilioSignature({ authToken: AUTH_TOKEN, signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, stripped, params), url, params })).toBe(true);
  });

  it('form names like constructor, toString or __proto__ are plain parameters, signed as the SDK signs them', async () => {
    const body = 'MessageStatus=sent&constructor=a&toString=b&__proto__=c&hasOwnProperty=d&valueOf=e';
    const params = formParams(body);
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.keys(params).sort()).toEqual(['MessageStatus', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(params.constructor).toBe('a');
    expect(params.__proto__).toBe('c');
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, params);
    expect(await twilioSignature(AUTH_TOKEN, STATUS_URL, params)).toBe(signature);
    expect(await validateTwilioSignature({ authToken: AUTH_TOKEN, signature, url: STATUS_URL, params: formParams(body) })).toBe(true);
  });

  it('reads the algorithm of the settings header as twilio-node does', () => {
    for (const header of [undefined, '', 'key=webhooks_sharedkey_x', 'key=x,algorithm=HMAC_SHA256', 'algorithm=hmac_sha1, key=x', 'key=x, algorithm = HMAC_SHA256 ', 'key=x,algorithm=', 'Algorithm=HMAC_SHA256']) {
      expect(signatureAlgorithm(header)).toBe(twilio.getSignatureAlgorithm(header).toUpperCase());
    }
    expect(signatureAlgorithm('key=x,algorithm=HMAC_MD5')).toBeNull();
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
    expect((await h.store.listAudit()).some((e) => e.type === 'code.delivery_failed')).toBe(false);
  });

  it('a failed delivery: audited, GET /delivery says so, and a wrong-code answer carries it', async () => {
    expect((await signed(callback('undelivered', { ErrorCode: '30003' }))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'undelivered', error_code: 30003 });
    expect((await b.get('/delivery')).body).toEqual({ status: 'undelivered', failed: true });

    const res = await b.post('/enroll/confirm', { code: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 4, delivery: 'undelivered' });

    const audit = await h.store.listAudit({ subjectId: 'usr-demo' });
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

  it('a signed callback whose fields are named like Object.prototype members is checked and ignored, not a 500', async () => {
    const body = `${new URLSearchParams(callback('constructor'))}&toString=x&__proto__=y`;
    const params = formParams(body);
    expect(Object.keys(params)).toContain('__proto__');
    const res = await postStatus(h, body, twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, params));
    expect(res.status).toBe(204);
    expect(await state()).toMatchObject({ status: 'queued' });
    const extra = new URLSearchParams({ ...callback('delivered'), constructor: 'x', hasOwnProperty: 'y' }).toString();
    expect((await postStatus(h, extra, twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, formParams(extra)))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'delivered' });
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

describe('callbacks signed with a webhook SharedKey', () => {
  const fake = new FakeTwilio();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  const SHARED = 'shared-key-secret-0123456789abcdef';
  const NEXT = 'next-shared-key-secret-fedcba9876543210';
  const sid = 'SM' + 'e'.repeat(32);
  const params = { AccountSid: ACCOUNT_SID, MessageSid: sid, MessageStatus: 'delivered', To: PHONE };
  const settings = (algorithm: string) => `key=webhooks_sharedkey_01hx,algorithm=${algorithm}`;

  async function portal(deliveryStatus: { authToken?: string; sharedKeySecret?: string | string[] }) {
    fake.reset();
    const h = await createPortal({ sms: twilioSms({ client: sdkClient(fake), from: FROM, statusCallback: STATUS_URL }), deliveryStatus: { url: STATUS_URL, ...deliveryStatus } });
    await setSettings(h, true);
    const b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    const messageSid = fake.messages[0]!.sid;
    const state = async () => (await h.client.execute({ sql: 'select status from cb_sms_deliveries where message_id = ?', args: [messageSid] })).rows[0];
    return { h, p: { ...params, MessageSid: messageSid, SmsSid: messageSid }, state };
  }

  it.each(['HMAC_SHA256', 'HMAC_SHA1'])("with the header, the SharedKey's secret and the header's %s; without it, the Auth Token beside it", async (algorithm) => {
    const { h, p, state } = await portal({ authToken: AUTH_TOKEN, sharedKeySecret: SHARED });
    const sent = { ...p, MessageStatus: 'sent' };
    expect((await postStatus(h, sent, twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, sent))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'sent' });
    expect((await postStatus(h, p, twilio.getExpectedTwilioSignature(SHARED, STATUS_URL, p, algorithm), settings(algorithm))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'delivered' });
  });

  it('the settings header picks the SharedKey: an Auth Token signature with it, or a SharedKey one without it, is 403', async () => {
    const { h, p, state } = await portal({ authToken: AUTH_TOKEN, sharedKeySecret: SHARED });
    expect((await postStatus(h, p, twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, p, 'HMAC_SHA256'), settings('HMAC_SHA256'))).status).toBe(403);
    expect((await postStatus(h, p, twilio.getExpectedTwilioSignature(SHARED, STATUS_URL, p))).status).toBe(403);
    // The header's algorithm is the one the signature must use.
    expect((await postStatus(h, p, twilio.getExpectedTwilioSignature(SHARED, STATUS_URL, p, 'HMAC_SHA1'), settings('HMAC_SHA256'))).status).toBe(403);
    expect((await postStatus(h, p, twilio.getExpectedTwilioSignature(SHARED, STATUS_URL, p, 'HMAC_SHA256'), settings('HMAC_MD5'))).status).toBe(403);
    expect(await state()).toMatchObject({ status: 'queued' });
  });

  it('without a configured secret a SharedKey callback is refused', async () => {
    const { h, p, state } = await portal({ authToken: AUTH_TOKEN });
    expect((await postStatus(h, p, twilio.getExpectedTwilioSignature(SHARED, STATUS_URL, p, 'HMAC_SHA256'), settings('HMAC_SHA256'))).status).toBe(403);
    expect(await state()).toMatchObject({ status: 'queued' });
  });

  it('while a key is rotated, either secret is accepted; a SharedKey alone (no Auth Token) is enough', async () => {
    const { h, p, state } = await portal({ sharedKeySecret: [SHARED, NEXT] });
    expect((await postStatus(h, { ...p, MessageStatus: 'sent' }, twilio.getExpectedTwilioSignature(SHARED, STATUS_URL, { ...p, MessageStatus: 'sent' }, 'HMAC_SHA256'), settings('HMAC_SHA256'))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'sent' });
    expect((await postStatus(h, p, twilio.getExpectedTwilioSignature(NEXT, STATUS_URL, p, 'HMAC_SHA256'), settings('HMAC_SHA256'))).status).toBe(204);
    expect(await state()).toMatchObject({ status: 'delivered' });
    // No Auth Token is configured: an unheadered signature has nothing to match.
    expect((await postStatus(h, p, twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, p))).status).toBe(403);
  });

  it('a deliveryStatus with neither secret is refused at start', async () => {
    await expect(createPortal({ sms: twilioSms({ client: sdkClient(fake), from: FROM }), deliveryStatus: { url: STATUS_URL } })).rejects.toThrow(/authToken.*sharedKeySecret/);
    await expect(createPortal({ sms: twilioSms({ client: sdkClient(fake), from: FROM }), deliveryStatus: { url: STATUS_URL, sharedKeySecret: [] } })).rejects.toThrow(/sharedKeySecret/);
  });
});
