/**
 * SMS-pumping guards in front of a real Twilio sender: a refused destination or an exceeded limit
 * never reaches Twilio, and the global daily budget (counted in the database, shared by every
 * instance) stops sending, alerts once, and is audited.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TwoFactorAlert } from '../../server/index.js';
import { twilioSms } from '../../server/providers/twilio.js';
import { Clock, PHONE, setSettings, type Harness } from '../support/harness.js';
import { FakeTwilio, FROM } from './support/fake-twilio.js';
import { createPortal, sdkClient } from './support/portal.js';

const fake = new FakeTwilio();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const sender = () => twilioSms({ client: sdkClient(fake), from: FROM });

async function enrollStep(h: Harness, email = 'demo@example.com', ip?: string) {
  const b = h.browser(ip);
  const res = await b.login(email);
  if (res.body.step !== 'enroll') throw new Error(JSON.stringify(res.body));
  return b;
}

describe('destinations and limits hold before Twilio is called', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createPortal({ sms: sender() });
    await setSettings(h, true);
  });

  it.each([
    ['a country outside the allowlist (UK mobile)', '+447700900123'],
    ['a premium-rate number', '+19005550123'],
    ['a toll-free number', '+18005550123'],
    ['an unparsable number', '12'],
  ])('refuses %s with invalid_phone and sends nothing', async (_name, phone) => {
    const b = await enrollStep(h);
    const res = await b.post('/enroll/phone', { phone });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_phone');
    expect(fake.requests).toHaveLength(0);
  });

  it('the per-phone limit (5 in 10 minutes) stops the sixth SMS before Twilio', async () => {
    const statuses: number[] = [];
    for (const email of ['demo@example.com', 'pat@example.com', 'lee@acme.example']) {
      const b = await enrollStep(h, email, `203.0.113.${email.length}`);
      statuses.push((await b.post('/enroll/phone', { phone: PHONE })).status);
      h.clock.advance(30);
      statuses.push((await b.post('/resend')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(fake.messages.filter((m) => m.to === PHONE)).toHaveLength(5);
  });

  it('the per-account limit (10 a day) stops the eleventh SMS before Twilio', async () => {
    const b = await enrollStep(h);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await b.post('/enroll/phone', { phone: `+1202555${1000 + i}` })).status);
      h.clock.advance(30);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses[10]).toBe(429);
    expect(fake.messages).toHaveLength(10);
  });

  it('the per-IP limit holds across accounts (IPv6 grouped by /64)', async () => {
    const p = await createPortal({ sms: sender(), policy: { sendsPerIp: { limit: 2, windowSeconds: 3600 } } });
    await setSettings(p, true);
    const statuses: number[] = [];
    for (const [i, email] of ['demo@example.com', 'pat@example.com', 'lee@acme.example'].entries()) {
      const b = await enrollStep(p, email, `2001:db8:1:2::${i + 1}`);
      statuses.push((await b.post('/enroll/phone', { phone: `+1202555${2000 + i}` })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(fake.messages).toHaveLength(2);
  });
});

describe('the global daily SMS budget', () => {
  /** Sends one code to a fresh number each time, so no per-phone limit interferes. */
  async function sendMany(h: Harness, n: number, start = 0) {
    const out: Array<{ status: number; body: any }> = [];
    const b = await enrollStep(h);
    for (let i = 0; i < n; i++) {
      out.push(await b.post('/enroll/phone', { phone: `+1202555${3000 + start + i}` }));
      h.clock.advance(30);
    }
    return out;
  }

  it('stops sending when exceeded, alerts once (after a warning at 80 %), audits, and opens again the next UTC day', async () => {
    const alerts: TwoFactorAlert[] = [];
    const h = await createPortal({ sms: sender(), dailySmsBudget: 5, onAlert: (a) => void alerts.push(a) });
    await setSettings(h, true);

    const results = await sendMany(h, 7);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 503, 503]);
    expect(results[5]!.body.error).toMatchObject({ code: 'sms_failed' });
    expect(results[5]!.body.error.retryAfter).toBeGreaterThan(0);
    expect(fake.messages).toHaveLength(5);

    expect(alerts.map((a) => [a.type, a.count, a.budget])).toEqual([
      ['sms_budget_warning', 4, 5],
      ['sms_budget_exceeded', 6, 5],
    ]);
    expect(alerts[1]!.day).toBe(new Date(h.clock.now).toISOString().slice(0, 10));
    const audit = await h.store.listAudit();
    expect(audit.filter((e) => e.type === 'sms.budget_exceeded')).toHaveLength(1);
    expect(audit.filter((e) => e.type === 'sms.budget_warning')).toHaveLength(1);
    expect(audit.find((e) => e.type === 'sms.budget_exceeded')).toMatchObject({ subjectId: 'usr-demo', detail: { budget: 5 } });

    // A refused send is not a sent code: the login still holds the fifth code, and no send was
    // recorded for the refused ones.
    expect((await h.client.execute('select count(*) as n from cb_codes')).rows[0]).toMatchObject({ n: 1 });
    expect((await h.store.listAudit()).filter((e) => e.type === 'code.sent')).toHaveLength(5);

    // The next UTC day has a fresh budget.
    const midnight = new Date(h.clock.now);
    midnight.setUTCHours(24, 0, 5, 0);
    h.clock.now = midnight.getTime();
    const next = await enrollStep(h, 'pat@example.com');
    expect((await next.post('/enroll/phone', { phone: '+12025559999' })).status).toBe(200);
  });

  it('a failed send gives its unit of budget back', async () => {
    const h = await createPortal({ sms: sender(), dailySmsBudget: 2, onAlert: () => {} });
    await setSettings(h, true);
    const b = await enrollStep(h);
    fake.failNext(/Messages\.json$/, { kind: 'error', status: 500, code: 20500 });
    expect((await b.post('/enroll/phone', { phone: '+12025554000' })).status).toBe(503);
    expect((await b.post('/enroll/phone', { phone: '+12025554001' })).status).toBe(200);
    h.clock.advance(30);
    expect((await b.post('/enroll/phone', { phone: '+12025554002' })).status).toBe(200);
    h.clock.advance(30);
    expect((await b.post('/enroll/phone', { phone: '+12025554003' })).status).toBe(503);
    expect(fake.messages).toHaveLength(2);
  });

  it('is counted in the database, so two instances on one database share it', async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), 'cb2fa-budget-')), 'shared.db')}`;
    const clock = new Clock();
    const a = await createPortal({ sms: sender(), dailySmsBudget: 3, onAlert: () => {}, url, clock });
    const b = await createPortal({ sms: sender(), dailySmsBudget: 3, onAlert: () => {}, url, clock });
    await setSettings(a, true);
    const onA = await sendMany(a, 2);
    const onB = await sendMany(b, 2, 10);
    expect([...onA, ...onB].map((r) => r.status)).toEqual([200, 200, 200, 503]);
    expect(fake.messages).toHaveLength(3);
  });

  it('a throwing onAlert does not turn the refusal into a 500', async () => {
    const h = await createPortal({
      sms: sender(),
      dailySmsBudget: 1,
      onAlert: () => {
        throw new Error('pager down');
      },
    });
    await setSettings(h, true);
    expect((await sendMany(h, 2)).map((r) => r.status)).toEqual([200, 503]);
  });

  it('null turns the budget off; a bad value is refused at start', async () => {
    const h = await createPortal({ sms: sender(), dailySmsBudget: null });
    await setSettings(h, true);
    expect((await sendMany(h, 3)).every((r) => r.status === 200)).toBe(true);
    await expect(createPortal({ sms: sender(), dailySmsBudget: 0 })).rejects.toThrow(/dailySmsBudget/);
  });
});
