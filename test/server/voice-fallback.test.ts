/**
 * "Call me instead" (spec §10, issue 12): `POST /resend {channel:"voice"}` on the confirm and
 * verify steps reads a fresh code out in a call, only where the portal's `voiceFallback` policy
 * allows it and only after the login's first SMS. A call counts toward the cooldown, every send
 * limit and the daily budget like an SMS, at most 3 calls go to one phone a day, the country
 * allowlist applies and premium-rate and other high-cost numbers are never called. On libSQL and
 * PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { atVerify, createHarness, PHONE, type Harness, setSettings } from '../support/harness.js';
import type { Policy } from '../../server/policy.js';
import { codeFromTwiml } from '../../server/providers/voice.js';

/** Room for the several sends of one test; a test that checks a limit sets it lower. */
const roomy: Partial<Policy> = { sendsPerPhone: { limit: 50, windowSeconds: 600 }, sendsPerAccount: { limit: 50, windowSeconds: 86_400 }, sendsPerIp: { limit: 50, windowSeconds: 3600 } };

/** The Master Admin turns 2FA on, with the voice policy as given. */
const calls = (h: Harness) => h.outbox.outbox.filter((m) => m.channel === 'voice');

/** The rows a statement changes, on either dialect. */
async function exec(h: Harness, sql: string) {
  if (h.pool) await h.pool.query(sql);
  else await h.client.execute(sql);
}

function suite(open: (policy?: Partial<Policy>) => Promise<Harness>) {
  const opened: Harness[] = [];
  const harness = async (policy: Partial<Policy> = roomy) => {
    const h = await open(policy);
    opened.push(h);
    return h;
  };
  afterEach(async () => {
    for (const h of opened.splice(0)) await h.close();
  });

  /** A contact at the verify step, the portal offering calls, the cooldown of the login's SMS over. */
  async function verifyStep(h: Harness) {
    await setSettings(h, true, false, { voiceFallback: true });
    const b = await atVerify(h);
    h.clock.advance(31);
    return b;
  }

  it('policy off: 403 forbidden, nothing is sent and the SMS code still works', async () => {
    const h = await harness();
    await setSettings(h, true, false, { voiceFallback: false });
    const b = await atVerify(h);
    h.clock.advance(31);
    const sent = h.outbox.outbox.length;
    const code = b.code();
    expect((await b.get('/portal')).body.voiceFallback).toBe(false);
    const refused = await b.post('/resend', { channel: 'voice' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect(h.outbox.outbox.length).toBe(sent);
    expect((await b.post('/verify', { code })).body.step).toBe('authenticated');
  });

  it('on the verify step: a call reads a fresh code twice, digit by digit, naming the portal; that code signs in, the SMS one no longer does; audited with channel voice', async () => {
    const h = await harness();
    const b = await verifyStep(h);
    const smsCode = b.code();
    const res = await b.post('/resend', { channel: 'voice' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ channel: 'voice', maskedPhone: 'xxx-xxx-0143' });
    expect(typeof res.body.resendAt).toBe('string');
    const call = h.outbox.outbox.at(-1)!;
    expect(call).toMatchObject({ channel: 'voice', to: PHONE });
    const code = codeFromTwiml(call.body)!;
    expect(code).toMatch(/^\d{6}$/);
    const spelled = [...code].join(', ');
    expect(call.body).toContain(`<Say language="en-US" voice="Polly.Joanna">Your Demo Portal code is ${spelled}.</Say>`);
    expect(call.body.split(spelled)).toHaveLength(3);
    expect(call.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say .*<Pause length="1"\/><Say .*<\/Response>$/);
    if (smsCode !== code) expect((await b.post('/verify', { code: smsCode })).body.error.code).toBe('invalid_code');
    expect((await b.post('/verify', { code })).body.step).toBe('authenticated');
    const admin = h.browser('198.51.100.1');
    await admin.login('admin@example.com');
    const sentEvents = (await admin.get('/admin/audit?limit=50')).body.events.filter((e: { type: string }) => e.type === 'code.sent');
    expect(sentEvents[0].detail).toMatchObject({ purpose: 'login', channel: 'voice', phone: 'xxx-xxx-0143' });
    expect(sentEvents.filter((e: { detail: { channel?: string } }) => e.detail.channel === 'voice')).toHaveLength(1);
    // An SMS resend says so.
    const again = await atVerify(h, 'pat@example.com', '+12025550144');
    h.clock.advance(31);
    expect((await again.post('/resend')).body.channel).toBe('sms');
  });

  it('on the confirm step too: the code of the call enrolls the phone', async () => {
    const h = await harness();
    await setSettings(h, true, false, { voiceFallback: true });
    const b = h.browser();
    expect((await b.login('demo@example.com')).body.step).toBe('enroll');
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
    h.clock.advance(31);
    expect((await b.post('/resend', { channel: 'voice' })).body.channel).toBe('voice');
    expect(h.outbox.outbox.at(-1)!.channel).toBe('voice');
    expect((await b.post('/enroll/confirm', { code: b.code() })).body.step).toBe('login');
  });

  it('not before the first SMS of the login: no call from the enroll step', async () => {
    const h = await harness();
    await setSettings(h, true, false, { voiceFallback: true });
    const b = h.browser();
    expect((await b.login('demo@example.com')).body.step).toBe('enroll');
    const refused = await b.post('/resend', { channel: 'voice' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'wrong_step']);
    expect(calls(h)).toHaveLength(0);
  });

  it('a bad channel is a 400 and sends nothing', async () => {
    const h = await harness();
    const b = await verifyStep(h);
    const sent = h.outbox.outbox.length;
    const bad = await b.post('/resend', { channel: 'fax' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_request']);
    expect(h.outbox.outbox.length).toBe(sent);
  });

  it('the resend cooldown counts a call like an SMS, both ways', async () => {
    const h = await harness();
    await setSettings(h, true, false, { voiceFallback: true });
    const b = await atVerify(h);
    const early = await b.post('/resend', { channel: 'voice' });
    expect([early.status, early.body.error.code]).toEqual([429, 'rate_limited']);
    expect(early.headers.get('retry-after')).toBeTruthy();
    h.clock.advance(31);
    expect((await b.post('/resend', { channel: 'voice' })).status).toBe(200);
    expect((await b.post('/resend')).status).toBe(429);
  });

  // Enrollment's SMS and the login's SMS are two sends to the phone, the account and the IP: a
  // limit of 3 lets one call through and refuses the next.
  for (const limit of ['sendsPerPhone', 'sendsPerAccount', 'sendsPerIp'] as const) {
    it(`a call counts toward ${limit}`, async () => {
      const h = await harness({ ...roomy, [limit]: { limit: 3, windowSeconds: 86_400 } });
      const b = await verifyStep(h);
      expect((await b.post('/resend', { channel: 'voice' })).status).toBe(200);
      h.clock.advance(31);
      const refused = await b.post('/resend', { channel: 'voice' });
      expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited']);
      expect(calls(h)).toHaveLength(1);
    });
  }

  it("a call counts toward the portal's daily budget", async () => {
    const h = await harness();
    // Enrollment and the login send two SMS; the call is the third.
    await h.tf.portals.update(h.store.portalId, { dailySmsBudget: 3 });
    const b = await verifyStep(h);
    expect((await b.post('/resend', { channel: 'voice' })).status).toBe(200);
    h.clock.advance(31);
    const refused = await b.post('/resend', { channel: 'voice' });
    expect([refused.status, refused.body.error.code]).toEqual([503, 'sms_failed']);
    expect(calls(h)).toHaveLength(1);
  });

  it('at most 3 calls to one phone a day: the 4th is 429 with Retry-After, texts still go', async () => {
    const h = await harness();
    const b = await verifyStep(h);
    for (let i = 0; i < 3; i++) {
      expect((await b.post('/resend', { channel: 'voice' })).status).toBe(200);
      h.clock.advance(31);
    }
    const fourth = await b.post('/resend', { channel: 'voice' });
    expect([fourth.status, fourth.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(3600);
    expect(calls(h)).toHaveLength(3);
    expect((await b.post('/resend')).status).toBe(200);
    // A day later, a new login's calls go again.
    h.clock.advance(2 * 86_400);
    const later = h.browser();
    expect((await later.login('demo@example.com')).body.step).toBe('verify');
    h.clock.advance(31);
    expect((await later.post('/resend', { channel: 'voice' })).status).toBe(200);
  });

  it('the country allowlist applies to calls: a number outside it is not called', async () => {
    const h = await harness();
    const b = await verifyStep(h);
    // A code row whose phone is outside the allowlist (an allowlist narrowed after enrollment).
    await exec(h, "UPDATE cb_codes SET phone = '+33612345678'");
    const refused = await b.post('/resend', { channel: 'voice' });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'invalid_phone']);
    expect(calls(h)).toHaveLength(0);
  });

  it('premium-rate and other high-cost numbers are never called', async () => {
    const h = await harness();
    const b = await verifyStep(h);
    await exec(h, "UPDATE cb_codes SET phone = '+19002345678'");
    const refused = await b.post('/resend', { channel: 'voice' });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'invalid_phone']);
    expect(calls(h)).toHaveLength(0);
  });
}

describe('call me instead on libSQL', () => suite((policy) => createHarness({ file: true, policy })));

describeWithPostgres('call me instead on PostgreSQL', () => {
  suite(async (policy) => {
    const database: TestDatabase = await createTestDatabase();
    const h = await createHarness({ postgres: database.url, policy });
    const close = h.close;
    h.close = async () => {
      await close();
      await database.drop();
    };
    return h;
  });
});
