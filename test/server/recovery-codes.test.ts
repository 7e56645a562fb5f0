/**
 * Recovery codes (spec §10, issue 12): the portal's `recoveryCodes` policy, set by its Master
 * Admin; `POST /recovery-codes` after a fresh second factor gives 10 codes once (≥ 40 bits each,
 * distinct, stored only as HMACs, a new set replaces the old); `POST /verify {recoveryCode}` signs
 * in with one (single use, once of parallel uses, `amr` `pwd recovery`), and a wrong or malformed
 * one counts toward the same account lock as a wrong SMS code, atomically. An admin reset removes
 * them; `GET /session` and the contact view count them. On libSQL and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { atVerify, setSettings, type Browser, createHarness, SECRET, type Harness } from '../support/harness.js';
import { createHmac } from '../../server/crypto/hash.js';
import { normalizeRecoveryCode } from '../../server/services/recovery-codes.js';

const CODE_SHAPE = /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/;

/** The Master Admin's browser, with 2FA on and the recovery-code policy as given. */
async function signedIn(h: Harness): Promise<Browser> {
  const b = await atVerify(h);
  expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');
  return b;
}

/** A second login of the same (enrolled) contact, at its verify step. */
async function verifyStep(h: Harness, ip = '203.0.113.7'): Promise<Browser> {
  h.clock.advance(31);
  const b = h.browser(ip);
  expect((await b.login('demo@example.com')).body.step).toBe('verify');
  return b;
}

/** The rows of a query as stored, on either dialect. */
async function rows(h: Harness, sql: string): Promise<Record<string, unknown>[]> {
  if (h.pool) return (await h.pool.query(sql)).rows;
  return (await h.client.execute(sql)).rows as never;
}

/** Tests that open several logins of one contact: each login sends an SMS to the one phone. */
const policy = { sendsPerPhone: { limit: 50, windowSeconds: 600 }, sendsPerAccount: { limit: 50, windowSeconds: 86_400 } };

function suite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => h.close());

  it('the policy: off by default (403 forbidden on both routes, null counts); the Master Admin turns it on, audited, shown in the settings and on the portal face', async () => {
    await setSettings(h, true, true, { recoveryCodes: false });
    const b = await signedIn(h);
    expect((await b.get('/portal')).body.recoveryCodes).toBe(false);
    const refused = await b.post('/recovery-codes');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect((await b.get('/session')).body.recoveryCodesLeft).toBeNull();
    const login = await verifyStep(h);
    const wrong = await login.post('/verify', { recoveryCode: 'aaaaa-bbbbb-ccccc' });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'forbidden']);

    const admin = await setSettings(h, true, true, { recoveryCodes: true });
    expect((await admin.get('/admin/settings')).body).toMatchObject({ recoveryCodes: true });
    expect((await b.get('/portal')).body.recoveryCodes).toBe(true);
    // Left out, the policy stays as it is.
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: true })).body.recoveryCodes).toBe(true);
    const changes = (await admin.get('/admin/audit?limit=20')).body.events.filter((e: { type: string }) => e.type === 'settings.changed');
    expect(changes.some((e: { detail: { before: { recoveryCodes: boolean }; after: { recoveryCodes: boolean } } }) => !e.detail.before.recoveryCodes && e.detail.after.recoveryCodes)).toBe(true);
    // Only a Master Admin changes it.
    const staff = h.browser('198.51.100.2');
    await staff.login('staff@example.com');
    expect((await staff.put('/admin/settings', { enabled: true, allowOptOut: true, recoveryCodes: false })).status).toBe(403);
    expect((await admin.get('/admin/settings')).body.recoveryCodes).toBe(true);
  });

  it('generates 10 distinct codes of 75 bits, shown once, stored only as HMACs bound to the account; audited without them', async () => {
    await setSettings(h, true, true, { recoveryCodes: true });
    const b = await signedIn(h);
    const res = await b.post('/recovery-codes');
    expect(res.status).toBe(200);
    const codes: string[] = res.body.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // 15 letters of a 32-letter alphabet: 75 bits, above the 40 required and NIST's 64.
    for (const c of codes) expect(c).toMatch(CODE_SHAPE);
    const stored = await rows(h, 'SELECT code_hash, user_id, portal_id FROM cb_recovery_codes');
    expect(stored).toHaveLength(10);
    const text = JSON.stringify(stored);
    for (const c of codes) {
      expect(text).not.toContain(c);
      expect(text).not.toContain(c.replaceAll('-', ''));
    }
    const hmac = createHmac(SECRET);
    const expected = await Promise.all(codes.map((c) => hmac.sign(`recovery:demo:usr-demo:${normalizeRecoveryCode(c)}`)));
    expect(stored.map((r) => r.code_hash).sort()).toEqual(expected.sort());
    expect((await b.get('/session')).body.recoveryCodesLeft).toBe(10);
    const events = await h.store.listAudit({ subjectId: 'usr-demo' });
    const generated = events.find((e) => e.type === 'recovery_codes.generated');
    expect(generated?.detail).toEqual({ count: 10 });
    expect(JSON.stringify(events)).not.toContain(codes[0]!.slice(0, 5));
  });

  it('needs a fresh second factor: past the step-up age 403 step_up_required, after a step-up it works; without a phone step_up_unavailable; a pending login 401', async () => {
    await setSettings(h, true, true, { recoveryCodes: true });
    const b = await signedIn(h);
    h.clock.advance(601);
    const stale = await b.post('/recovery-codes');
    expect([stale.status, stale.body.error.code, stale.body.error.maxAgeSeconds]).toEqual([403, 'step_up_required', 600]);
    await b.post('/step-up');
    expect((await b.post('/step-up/verify', { code: b.code() })).status).toBe(200);
    expect((await b.post('/recovery-codes')).body.codes).toHaveLength(10);

    const skipper = h.browser('203.0.113.9');
    expect((await skipper.login('pat@example.com')).body.step).toBe('enroll');
    expect((await skipper.post('/enroll/skip')).body.step).toBe('authenticated');
    const unavailable = await skipper.post('/recovery-codes');
    expect([unavailable.status, unavailable.body.error.code]).toEqual([403, 'step_up_unavailable']);

    const pending = await verifyStep(h);
    expect((await pending.post('/recovery-codes')).status).toBe(401);
  });

  it('signs in with a code once (amr pwd recovery, a fresh factor), with or without the dash and in any case; a new set voids the old one', async () => {
    await setSettings(h, true, true, { recoveryCodes: true });
    const b = await signedIn(h);
    const first: string[] = (await b.post('/recovery-codes')).body.codes;
    const login = await verifyStep(h);
    const ok = await login.post('/verify', { recoveryCode: first[0]!.toUpperCase().replace('-', '') });
    expect(ok.body).toMatchObject({ step: 'authenticated', user: { id: 'usr-demo' } });
    const session = (await login.get('/session')).body;
    expect(session).toMatchObject({ amr: ['pwd', 'recovery'], recoveryCodesLeft: 9, secondFactorAt: new Date(h.clock.now).toISOString() });
    const used = (await h.store.listAudit({ subjectId: 'usr-demo' })).find((e) => e.type === 'recovery_code.used');
    expect(used?.detail).toEqual({ left: 9 });
    expect((await h.store.listAudit({ subjectId: 'usr-demo', limit: 1 }))[0]).toMatchObject({ type: 'login.succeeded', detail: { amr: 'pwd recovery' } });

    // Spent: the same code again is a wrong code.
    const again = await verifyStep(h);
    expect((await again.post('/verify', { recoveryCode: first[0] })).body.error.code).toBe('invalid_code');

    // A new set replaces the old one: the old codes stop working, the new ones work.
    const second: string[] = (await login.post('/recovery-codes')).body.codes;
    expect(second.some((c) => first.includes(c))).toBe(false);
    expect((await again.post('/verify', { recoveryCode: first[1] })).body.error.code).toBe('invalid_code');
    expect((await again.post('/verify', { recoveryCode: second[1] })).body.step).toBe('authenticated');
  });

  it('parallel uses of one code: exactly one signs in', async () => {
    await setSettings(h, true, true, { recoveryCodes: true });
    const b = await signedIn(h);
    const [code] = (await b.post('/recovery-codes')).body.codes as string[];
    const logins: Browser[] = [];
    for (let i = 0; i < 6; i++) logins.push(await verifyStep(h, `203.0.113.${20 + i}`));
    const results = await Promise.all(logins.map((l) => l.post('/verify', { recoveryCode: code })));
    expect(results.filter((r) => r.body.step === 'authenticated')).toHaveLength(1);
    expect(results.filter((r) => r.status === 400 && r.body.error.code === 'invalid_code')).toHaveLength(5);
    expect((await b.get('/session')).body.recoveryCodesLeft).toBe(9);
  });

  it('a set made before codes grew to 15 letters keeps working: its 10-letter codes sign in', async () => {
    await setSettings(h, true, true, { recoveryCodes: true });
    await signedIn(h);
    // A set of the earlier release, as its generator stored it: the HMAC of the 10 letters.
    const old = '7k3mqx9p2d';
    const mac = await createHmac(SECRET).sign(`recovery:demo:usr-demo:${old}`);
    await h.store.replaceRecoveryCodes('usr-demo', [mac], h.clock.now);
    const login = await verifyStep(h);
    expect((await login.post('/verify', { recoveryCode: '7K3MQ-X9P2D' })).body.step).toBe('authenticated');
  });

  it('wrong and malformed recovery codes count toward the SMS code lock: 4 wrong SMS codes and 6 wrong recovery codes lock it, then the right recovery code and the right SMS code are refused with 429', async () => {
    await setSettings(h, true, true, { recoveryCodes: true });
    const b = await signedIn(h);
    const codes: string[] = (await b.post('/recovery-codes')).body.codes;
    const login = await verifyStep(h);
    for (let i = 0; i < 4; i++) expect((await login.post('/verify', { code: '000000' })).body.error.code).toBe('invalid_code');
    for (const bad of ['zzzzz-zzzzz-zzzzz', 42, 'not a code', '', 'uuuuu-uuuuu-uuuuu']) {
      const res = await login.post('/verify', { recoveryCode: bad });
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_code']);
    }
    const tenth = await login.post('/verify', { recoveryCode: 'yyyyy-yyyyy-yyyyy' });
    expect([tenth.status, tenth.body.error.code]).toEqual([429, 'rate_limited']);
    expect(tenth.headers.get('retry-after')).toBeTruthy();
    const right = await login.post('/verify', { recoveryCode: codes[0] });
    expect([right.status, right.body.error.code]).toEqual([429, 'rate_limited']);
    expect((await login.post('/verify', { code: login.code() })).status).toBe(429);
    expect((await b.get('/session')).body.recoveryCodesLeft).toBe(10);
    const rejected = (await h.store.listAudit({ subjectId: 'usr-demo', limit: 50 })).filter((e) => e.type === 'code.rejected' && e.detail?.recovery);
    expect(rejected).toHaveLength(6);
    // 42, 'not a code', '' and the u (not in the alphabet) are malformed: counted all the same.
    expect(rejected.filter((e) => e.detail?.malformed)).toHaveLength(4);
    // The lock ends after 15 minutes; the code then works.
    h.clock.advance(15 * 60 + 1);
    expect((await login.post('/verify', { recoveryCode: codes[0] })).status).toBe(401);
    const later = await verifyStep(h);
    expect((await later.post('/verify', { recoveryCode: codes[0] })).body.step).toBe('authenticated');
  });

  it('parallel wrong recovery codes never exceed the lock: of 16 at once, 10 are evaluated and the rest refused', async () => {
    await setSettings(h, true, true, { recoveryCodes: true });
    const b = await signedIn(h);
    await b.post('/recovery-codes');
    const logins: Browser[] = [];
    for (let i = 0; i < 4; i++) logins.push(await verifyStep(h, `203.0.113.${40 + i}`));
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => logins[i % 4]!.post('/verify', { recoveryCode: `${'abcdefghjkmnpqrs'[i]}0000-00000-00000` })));
    expect(results.filter((r) => r.body.error?.code === 'invalid_code')).toHaveLength(9);
    expect(results.filter((r) => r.status === 429)).toHaveLength(7);
    const lock = await h.store.getCodeLock('usr-demo');
    expect(lock?.lockedUntil).toBeGreaterThan(h.clock.now);
  });

  it('an admin reset removes them; the contact view shows how many are left, null with the policy off', async () => {
    const admin = await setSettings(h, true, true, { recoveryCodes: true });
    const b = await signedIn(h);
    const codes: string[] = (await b.post('/recovery-codes')).body.codes;
    const contact = async () => (await admin.get('/admin/contacts')).body.contacts.find((c: { id: string }) => c.id === 'usr-demo');
    expect((await contact()).twoFactor.recoveryCodesLeft).toBe(10);
    expect((await admin.post('/admin/contacts/usr-demo/two-factor/reset')).body.twoFactor.recoveryCodesLeft).toBe(0);
    expect(await rows(h, 'SELECT * FROM cb_recovery_codes')).toHaveLength(0);
    // Enrolled again, the old codes sign nobody in.
    const login = await atVerify(h);
    expect((await login.post('/verify', { recoveryCode: codes[0] })).body.error.code).toBe('invalid_code');
    await admin.put('/admin/settings', { enabled: true, allowOptOut: true, recoveryCodes: false });
    expect((await contact()).twoFactor.recoveryCodesLeft).toBeNull();
  });
}

describe('recovery codes on libSQL', () => suite(() => createHarness({ file: true, policy })));

describeWithPostgres('recovery codes on PostgreSQL', () => {
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
