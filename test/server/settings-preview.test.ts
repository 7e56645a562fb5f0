/**
 * `GET /admin/settings/preview` (product spec §11): before "Save", how many contacts of each
 * organization would be asked to enroll at their next login, checked against what their logins do
 * once the settings are saved; a change that turns 2FA on counts everyone again. The Master Admin
 * who turns it on is never among those locked out: admins sign in with the password alone by
 * default, and whatever is saved, the saving admin's own session goes on.
 */
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsPreviewDto } from '../../protocol/dto.js';
import { openLibsql } from '../../server/node/index.js';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo } from '../../server/index.js';
import { createTestDatabase, describeWithPostgres } from '../contract/pg-database.js';
import { Browser as HarnessBrowser, createHarness, enroll, PASSWORD, PHONE, setSettings, type Browser, type Harness } from '../support/harness.js';

const counts = (p: SettingsPreviewDto) => Object.fromEntries(p.byOrganization.map((o) => [o.id, o.willEnroll]));

function previewSuite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => h.close());

  const preview = async (admin: Browser, query: string) => {
    const res = await admin.get(`/admin/settings/preview?${query}`);
    expect(res.status).toBe(200);
    return res.body as SettingsPreviewDto;
  };

  /** Every contact signs in once; how many are asked to enroll, per organization. */
  const askedAtLogin = async () => {
    const asked: Record<string, number> = {};
    for (const contact of await h.store.accounts.listContacts()) {
      h.clock.advance(31);
      const { body } = await h.browser('198.51.100.60').login(contact.email);
      const org = contact.organizationId ?? '';
      asked[org] = (asked[org] ?? 0) + (body.step === 'enroll' ? 1 : 0);
    }
    return asked;
  };

  it('turning 2FA on asks every contact, per organization, as their logins then do', async () => {
    const admin = await setSettings(h, false);
    const p = await preview(admin, 'enabled=true&allowOptOut=false');
    expect(p).toEqual({
      willEnroll: 4,
      byOrganization: [
        { id: 'org-acme', name: 'Acme', willEnroll: 1 },
        { id: 'org-demo', name: 'Demo Company', willEnroll: 2 },
        { id: '', name: '', willEnroll: 1 },
      ],
      includesYou: false,
    });
    expect((await preview(admin, 'enabled=false&allowOptOut=false')).willEnroll).toBe(0);
    // Nothing was saved by asking.
    expect((await h.store.getSettings()).enabled).toBe(false);
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
    expect(await askedAtLogin()).toEqual(counts(p));
  });

  it('leaves out the enrolled and those whose skip still lets them in; counts a skip that would stop counting', async () => {
    const admin = await setSettings(h, true, true);
    await enroll(h, 'demo@example.com', PHONE);
    const pat = h.browser();
    await pat.login('pat@example.com');
    expect((await pat.post('/enroll/skip')).body.step).toBe('authenticated');

    // The saved settings: Lee and the operator have yet to enroll.
    expect(counts(await preview(admin, 'enabled=true&allowOptOut=true'))).toEqual({ 'org-acme': 1, 'org-demo': 0, '': 1 });
    // Fields left out are the saved ones.
    expect((await preview(admin, '')).willEnroll).toBe(2);
    // No opt-out: Pat's skip no longer lets Pat in.
    expect(counts(await preview(admin, 'enabled=true&allowOptOut=false'))).toEqual({ 'org-acme': 1, 'org-demo': 1, '': 1 });
    // No opt-out but a deadline ahead: Pat's skip holds until then.
    expect((await preview(admin, 'enabled=true&allowOptOut=false&enforceFrom=2026-02-01')).willEnroll).toBe(2);
    // A deadline already past is none.
    expect((await preview(admin, 'enabled=true&allowOptOut=false&enforceFrom=2026-01-01')).willEnroll).toBe(3);
    // An exempt organization is not asked.
    await admin.put('/admin/organizations/org-acme/two-factor', { policy: 'exempt' });
    expect(counts(await preview(admin, 'enabled=true&allowOptOut=false'))).toEqual({ 'org-acme': 0, 'org-demo': 1, '': 1 });

    const p = await preview(admin, 'enabled=true&allowOptOut=false');
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
    expect(await askedAtLogin()).toEqual(counts(p));
  });

  it('a change that turns 2FA on again counts everyone who must enroll again', async () => {
    const admin = await setSettings(h, true, true);
    await enroll(h, 'demo@example.com', PHONE);
    const pat = h.browser();
    await pat.login('pat@example.com');
    await pat.post('/enroll/skip');
    await admin.put('/admin/settings', { enabled: false, allowOptOut: true });
    // Off → on starts a new generation: Demo Owner's phone and Pat's skip stop counting.
    const p = await preview(admin, 'enabled=true&allowOptOut=true');
    expect(p.willEnroll).toBe(4);
    await admin.put('/admin/settings', { enabled: true, allowOptOut: true });
    expect(await askedAtLogin()).toEqual(counts(p));
  });

  it('never counts the Master Admin who turns it on: their session goes on, and they sign in with the password', async () => {
    const admin = await setSettings(h, false);
    expect((await preview(admin, 'enabled=true&allowOptOut=false')).includesYou).toBe(false);
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
    expect((await admin.get('/admin/settings')).body.enabled).toBe(true);
    expect((await admin.get('/admin/report')).status).toBe(200);
    expect((await admin.get('/session')).body.twoFactor).toEqual({ enrolled: false, skipped: false, canOptIn: false });
    for (const email of ['admin@example.com', 'staff@example.com']) {
      h.clock.advance(31);
      expect((await h.browser('198.51.100.9').login(email)).body.step).toBe('authenticated');
    }
  });

  it('refuses bad input with 400, and is for admins only', async () => {
    const admin = await setSettings(h, false);
    for (const [query, field] of [
      ['enabled=yes', 'enabled'],
      ['allowOptOut=1', 'allowOptOut'],
      ['enforceFrom=2026-02-30', 'enforceFrom'],
      ['enforceFrom=tomorrow', 'enforceFrom'],
    ]) {
      const res = await admin.get(`/admin/settings/preview?${query}`);
      expect([query, res.status, res.body.error.code, res.body.error.fields]).toEqual([query, 400, 'bad_request', [field]]);
    }
    const staff = h.browser('198.51.100.2');
    await staff.login('staff@example.com');
    expect((await staff.get('/admin/settings/preview?enabled=true')).status).toBe(200);
    const pat = h.browser();
    await pat.login('pat@example.com');
    expect((await pat.get('/admin/settings/preview?enabled=true')).status).toBe(403);
    expect((await h.browser().get('/admin/settings/preview?enabled=true')).status).toBe(401);
  });
}

describe('the settings preview on libSQL', () => previewSuite(() => createHarness({ file: true })));

describeWithPostgres('the settings preview on PostgreSQL', () => {
  previewSuite(async () => {
    const database = await createTestDatabase();
    const h = await createHarness({ postgres: database.url });
    const close = h.close;
    h.close = async () => {
      await close();
      await database.drop();
    };
    return h;
  });
});

describe('a host whose requiresTwoFactor includes admins', () => {
  it('tells the Master Admin they are among those asked; their session goes on, and they can enroll', async () => {
    const { db, client } = await openLibsql(':memory:');
    const outbox = devOutbox();
    const hasher = pbkdf2Hasher({ iterations: 1_000 });
    const tf = createTwoFactor({ db, sms: outbox, secret: 'preview-secret-preview-secret-0123456789', hasher, smsDomain: 'portal.test', requiresTwoFactor: () => true });
    await seedDemo(tf.store, hasher, PASSWORD);
    const app = new Hono();
    app.route('/api/2fa', tf.app);
    const h = { app, outbox } as unknown as Harness;
    try {
      const admin = new HarnessBrowser(h, '198.51.100.1');
      expect((await admin.login('admin@example.com')).body.step).toBe('authenticated');
      const p = (await admin.get('/admin/settings/preview?enabled=true&allowOptOut=false')).body as SettingsPreviewDto;
      // The contacts as before; the admin is told apart, as they are no contact.
      expect(p).toMatchObject({ willEnroll: 3, includesYou: true });
      expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
      expect((await admin.get('/admin/settings')).status).toBe(200);
      const next = new HarnessBrowser(h, '198.51.100.1');
      expect((await next.login('admin@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
      expect((await next.post('/enroll/phone', { phone: PHONE })).body.step).toBe('confirm');
      expect((await next.post('/enroll/confirm', { code: next.code(PHONE) })).body.step).toBe('login');
    } finally {
      client.close();
    }
  });
});
