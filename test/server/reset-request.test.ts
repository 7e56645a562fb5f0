/**
 * "I lost my phone" (spec §10, issue 12): `POST /reset-request {reason?}` only on the verify step
 * of a pending login (the password proven); one open request per account (a second one answers
 * the first's time and adds nothing); at most 5 an hour from one IP; it changes nothing else (the
 * login still verifies, the enrollment stands). The contact view and the report show it, the
 * admin's reset closes it, and it is audited. On libSQL and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { atVerify, createHarness, PHONE, setSettings, type Browser, type Harness } from '../support/harness.js';

/** A second login of the enrolled contact, at its verify step. */
async function verifyStep(h: Harness, ip = '203.0.113.7'): Promise<Browser> {
  h.clock.advance(31);
  const b = h.browser(ip);
  expect((await b.login('demo@example.com')).body.step).toBe('verify');
  return b;
}

async function rows(h: Harness, sql: string): Promise<Record<string, unknown>[]> {
  if (h.pool) return (await h.pool.query(sql)).rows;
  return (await h.client.execute(sql)).rows as never;
}

const contactOf = async (admin: Browser, id = 'usr-demo') => (await admin.get('/admin/contacts')).body.contacts.find((c: { id: string }) => c.id === id);
const requestsAudited = async (admin: Browser) => (await admin.get('/admin/audit?limit=100')).body.events.filter((e: { type: string }) => e.type === 'reset.requested');

/** Several logins of one contact send several SMS to the one phone. */
const policy = { sendsPerPhone: { limit: 50, windowSeconds: 600 }, sendsPerAccount: { limit: 50, windowSeconds: 86_400 }, sendsPerIp: { limit: 100, windowSeconds: 3600 } };

function suite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => h.close());

  it('only at the verify step: 401 without a session and on a complete session, 409 wrong_step at enrollment; nothing stored', async () => {
    const admin = await setSettings(h, true);
    const none = h.browser();
    const anonymous = await none.post('/reset-request', {});
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthorized']);

    // An unenrolled contact at the enroll step, then at the confirm step.
    const b = h.browser();
    expect((await b.login('demo@example.com')).body.step).toBe('enroll');
    const atEnroll = await b.post('/reset-request', {});
    expect([atEnroll.status, atEnroll.body.error.code]).toEqual([409, 'wrong_step']);
    expect((await b.post('/enroll/phone', { phone: PHONE })).status).toBe(200);
    const atConfirm = await b.post('/reset-request', {});
    expect([atConfirm.status, atConfirm.body.error.code]).toEqual([409, 'wrong_step']);
    expect((await b.post('/enroll/confirm', { code: b.code() })).body.step).toBe('login');

    // A complete session (the admin's own) is no pending login.
    const signedIn = await admin.post('/reset-request', {});
    expect([signedIn.status, signedIn.body.error.code]).toEqual([401, 'unauthorized']);
    expect(await rows(h, 'select * from cb_reset_requests')).toEqual([]);
    expect((await contactOf(admin)).resetRequestedAt).toBeNull();
    expect(await requestsAudited(admin)).toEqual([]);
  });

  it('a request at the verify step: the contact view and the report show its time, audited with the reason; it changes nothing else (the login verifies with its code, the enrollment stands)', async () => {
    const admin = await setSettings(h, true);
    const b = await atVerify(h);
    const before = await contactOf(admin);
    const at = new Date(h.clock.read()).toISOString();
    const res = await b.post('/reset-request', { reason: 'Left it on the train' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ requestedAt: at });

    const contact = await contactOf(admin);
    expect(contact.resetRequestedAt).toBe(at);
    expect(contact.twoFactor).toEqual(before.twoFactor);
    const report = (await admin.get('/admin/report')).body;
    expect(report.contacts.find((c: { id: string }) => c.id === 'usr-demo').resetRequestedAt).toBe(at);
    const events = await requestsAudited(admin);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: 'usr-demo', subjectId: 'usr-demo', detail: { reason: 'Left it on the train' } });

    // The pending login is untouched: its code still signs in.
    const verified = await b.post('/verify', { code: b.code() });
    expect(verified.body.step).toBe('authenticated');
    expect((await contactOf(admin)).twoFactor.state).toBe('enrolled');
  });

  it('one open request per account: a second request answers the first time and adds nothing', async () => {
    const admin = await setSettings(h, true);
    const b = await atVerify(h);
    const first = await b.post('/reset-request', {});
    h.clock.advance(120);
    const again = await b.post('/reset-request', { reason: 'second' });
    expect(again.status).toBe(200);
    expect(again.body.requestedAt).toBe(first.body.requestedAt);
    // Another login of the same account, from elsewhere.
    const other = await verifyStep(h, '203.0.113.99');
    expect((await other.post('/reset-request', {})).body.requestedAt).toBe(first.body.requestedAt);
    expect(await rows(h, 'select * from cb_reset_requests')).toHaveLength(1);
    expect(await requestsAudited(admin)).toHaveLength(1);
    expect((await contactOf(admin)).resetRequestedAt).toBe(first.body.requestedAt);
  });

  it('many logins of one account asking at once, in the same millisecond: one request, one audit event', async () => {
    const admin = await setSettings(h, true);
    await atVerify(h);
    const logins: Browser[] = [];
    for (let i = 0; i < 6; i++) logins.push(await verifyStep(h, `203.0.113.${50 + i}`));
    const answers = await Promise.all(logins.map((b) => b.post('/reset-request', {})));
    expect(answers.map((a) => a.status)).toEqual(logins.map(() => 200));
    expect(new Set(answers.map((a) => a.body.requestedAt)).size).toBe(1);
    expect(await rows(h, 'select * from cb_reset_requests')).toHaveLength(1);
    expect(await requestsAudited(admin)).toHaveLength(1);
  });

  it('a reason over 500 characters: 400 bad_request and nothing stored', async () => {
    const admin = await setSettings(h, true);
    const b = await atVerify(h);
    const res = await b.post('/reset-request', { reason: 'x'.repeat(501) });
    expect([res.status, res.body.error.code]).toEqual([400, 'bad_request']);
    const wrongType = await b.post('/reset-request', { reason: 42 });
    expect(wrongType.status).toBe(400);
    expect(await rows(h, 'select * from cb_reset_requests')).toEqual([]);
    expect(await requestsAudited(admin)).toEqual([]);
    expect((await b.post('/reset-request', { reason: 'x'.repeat(500) })).status).toBe(200);
  });

  it('at most 5 requests an hour from one IP: the sixth gets 429 rate_limited with Retry-After', async () => {
    await setSettings(h, true);
    const b = await atVerify(h, 'demo@example.com');
    for (let i = 0; i < 5; i++) expect((await b.post('/reset-request', {})).status).toBe(200);
    const sixth = await b.post('/reset-request', {});
    expect([sixth.status, sixth.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another IP is not held back.
    const elsewhere = await verifyStep(h, '203.0.113.99');
    expect((await elsewhere.post('/reset-request', {})).status).toBe(200);
    // The hour over, the first IP may ask again.
    h.clock.advance(2 * 3600);
    const later = await verifyStep(h);
    expect((await later.post('/reset-request', {})).status).toBe(200);
  });

  it('the admin reset closes the request; the contact then enrolls at the next login, and may ask again later', async () => {
    const admin = await setSettings(h, true);
    const b = await atVerify(h);
    expect((await b.post('/reset-request', {})).status).toBe(200);
    const reset = await admin.post('/admin/contacts/usr-demo/two-factor/reset');
    expect(reset.status).toBe(200);
    expect(reset.body.resetRequestedAt).toBeNull();
    expect((await contactOf(admin)).resetRequestedAt).toBeNull();
    expect(await rows(h, 'select * from cb_reset_requests')).toEqual([]);
    h.clock.advance(31);
    const next = h.browser();
    expect((await next.login('demo@example.com')).body.step).toBe('enroll');
  });
}

describe('reset requests on libSQL', () => suite(() => createHarness({ file: true, policy })));

describeWithPostgres('reset requests on PostgreSQL', () => {
  suite(async () => {
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
