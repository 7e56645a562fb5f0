/**
 * The deadline (`enforceFrom`, product spec §11), with the injectable clock, on libSQL and
 * PostgreSQL: before it every contact of an organization that follows the portal may "Skip for
 * Now" and is told until when, whatever `allowOptOut` says; at it and after it the skip follows
 * `allowOptOut`, and a skip made in the grace no longer lets the contact in. A `required`
 * organization gets no grace. Set through `PUT /admin/settings`, audited, shown in the settings
 * and in the report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDto } from '../../protocol/dto.js';
import { createTestDatabase, describeWithPostgres } from '../contract/pg-database.js';
import { createHarness, type Browser, type Harness } from '../support/harness.js';

/** The harness clock starts on 2026-01-05 at 09:00 UTC. */
const DEADLINE = '2026-01-15';
const DEADLINE_MS = Date.UTC(2026, 0, 15);

function deadlineSuite(open: () => Promise<Harness>) {
  let h: Harness;
  let admin: Browser;
  /** The Master Admin, signed in afresh: a jump of the clock past the deadline outlives a session. */
  const signIn = async () => {
    admin = h.browser('198.51.100.1');
    expect((await admin.login('admin@example.com')).body.step).toBe('authenticated');
    return admin;
  };
  beforeEach(async () => {
    h = await open();
    await signIn();
  });
  afterEach(async () => h.close());

  const save = (body: Record<string, unknown>) => admin.put('/admin/settings', body);
  const at = async (ms: number) => {
    h.clock.now = ms;
    await signIn();
  };

  it('before the deadline every contact may skip and is told until when; at it and after it the skip follows allowOptOut', async () => {
    expect((await save({ enabled: true, allowOptOut: false, enforceFrom: DEADLINE })).body).toMatchObject({ enabled: true, allowOptOut: false, enforceFrom: DEADLINE });

    const pat = h.browser();
    expect((await pat.login('pat@example.com')).body).toEqual({ step: 'enroll', canSkip: true, skipUntil: DEADLINE });
    expect((await pat.post('/enroll/skip')).body.step).toBe('authenticated');
    // The skip is remembered while the grace lasts: the last millisecond before the deadline.
    await at(DEADLINE_MS - 1);
    expect((await h.browser().login('pat@example.com')).body.step).toBe('authenticated');

    // At the deadline, the portal's allowOptOut (off) decides: no skip, and Pat's no longer counts.
    await at(DEADLINE_MS);
    expect((await h.browser().login('pat@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
    const lee = h.browser();
    expect((await lee.login('lee@acme.example')).body).toEqual({ step: 'enroll', canSkip: false });
    const refused = await lee.post('/enroll/skip');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);

    // After it, with opt-out allowed, the skip is offered with no date: it lasts.
    await at(DEADLINE_MS + 86_400_000);
    expect((await save({ enabled: true, allowOptOut: true })).status).toBe(200);
    expect((await h.browser().login('lee@acme.example')).body).toEqual({ step: 'enroll', canSkip: true });
    expect((await h.browser().login('pat@example.com')).body.step).toBe('authenticated');
  });

  it('a login begun in the grace cannot skip once the deadline has passed', async () => {
    await save({ enabled: true, allowOptOut: false, enforceFrom: DEADLINE });
    await at(DEADLINE_MS - 60_000);
    const pat = h.browser();
    expect((await pat.login('pat@example.com')).body).toMatchObject({ canSkip: true });
    await at(DEADLINE_MS);
    const res = await pat.post('/enroll/skip');
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    expect((await h.store.getFactorState('usr-pat')).skip).toBeNull();
  });

  it('gives a required organization no grace, and an exempt one is not asked at all', async () => {
    await save({ enabled: true, allowOptOut: false, enforceFrom: DEADLINE });
    expect((await admin.put('/admin/organizations/org-acme/two-factor', { policy: 'required' })).status).toBe(200);
    const lee = h.browser();
    expect((await lee.login('lee@acme.example')).body).toEqual({ step: 'enroll', canSkip: false });
    expect((await lee.post('/enroll/skip')).status).toBe(403);
    expect((await admin.put('/admin/organizations/org-acme/two-factor', { policy: 'exempt' })).status).toBe(200);
    expect((await h.browser().login('lee@acme.example')).body.step).toBe('authenticated');
    // Demo Company still inherits: its contacts have the grace.
    expect((await h.browser().login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: true, skipUntil: DEADLINE });
  });

  it('is audited in settings.changed, shown by GET /admin/settings, kept when left out, and removed with null', async () => {
    await save({ enabled: true, allowOptOut: false, enforceFrom: DEADLINE });
    expect((await admin.get('/admin/settings')).body.enforceFrom).toBe(DEADLINE);
    await save({ enabled: true, allowOptOut: true });
    expect((await admin.get('/admin/settings')).body).toMatchObject({ allowOptOut: true, enforceFrom: DEADLINE });
    await save({ enabled: true, allowOptOut: true, enforceFrom: null });
    expect((await admin.get('/admin/settings')).body.enforceFrom).toBeNull();
    const changes = (await h.store.listAudit({ limit: 50 })).filter((e) => e.type === 'settings.changed').reverse();
    expect(changes.map((e) => e.detail)).toEqual([
      { before: { enabled: false, allowOptOut: false, enforceFrom: null }, after: { enabled: true, allowOptOut: false, enforceFrom: DEADLINE }, generation: 1 },
      { before: { enabled: true, allowOptOut: false, enforceFrom: DEADLINE }, after: { enabled: true, allowOptOut: true, enforceFrom: DEADLINE }, generation: 1 },
      { before: { enabled: true, allowOptOut: true, enforceFrom: DEADLINE }, after: { enabled: true, allowOptOut: true, enforceFrom: null }, generation: 1 },
    ]);
    expect(changes.every((e) => e.actorId === 'usr-admin')).toBe(true);
  });

  it('refuses a deadline that is not a date with 400, changing nothing; only a Master Admin sets it', async () => {
    await save({ enabled: true, allowOptOut: false, enforceFrom: DEADLINE });
    for (const enforceFrom of ['2026-02-30', '15/01/2026', '2026-01-15T00:00:00Z', 20260115, '', '1999-12-31']) {
      const res = await save({ enabled: true, allowOptOut: false, enforceFrom });
      expect([enforceFrom, res.status, res.body.error?.fields]).toEqual([enforceFrom, 400, ['enforceFrom']]);
    }
    const staff = h.browser('198.51.100.2');
    await staff.login('staff@example.com');
    expect((await staff.put('/admin/settings', { enabled: true, allowOptOut: false, enforceFrom: null })).status).toBe(403);
    expect((await h.store.getSettings()).enforceFrom).toBe(DEADLINE_MS);
    expect((await h.store.listAudit({ limit: 50 })).filter((e) => e.type === 'settings.changed')).toHaveLength(1);
  });

  it('shows in the report as "grace until …", with who is in it, until the deadline', async () => {
    await save({ enabled: true, allowOptOut: false, enforceFrom: DEADLINE });
    await admin.put('/admin/organizations/org-acme/two-factor', { policy: 'required' });
    const pat = h.browser();
    await pat.login('pat@example.com');
    await pat.post('/enroll/skip');
    const before = (await admin.get('/admin/report')).body as ReportDto;
    expect(before.graceUntil).toBe(DEADLINE);
    expect(before.settings.enforceFrom).toBe(DEADLINE);
    const grace = Object.fromEntries(before.contacts.map((c) => [c.id, c.graceUntil]));
    // Demo Company's contacts and the operator (no organization) have the grace; required Acme's do not.
    expect(grace).toEqual({ 'usr-demo': DEADLINE, 'usr-pat': DEADLINE, 'usr-ops': DEADLINE, 'usr-lee': null });
    expect(before.contacts.find((c) => c.id === 'usr-pat')!.state).toBe('skipped');
    expect(before.organizations.map((o) => [o.id, o.inGrace])).toEqual([
      ['org-acme', 0],
      ['org-demo', 2],
      ['', 1],
    ]);
    expect(before.totals.inGrace).toBe(3);

    await at(DEADLINE_MS);
    const after = (await admin.get('/admin/report')).body as ReportDto;
    expect(after.graceUntil).toBeNull();
    expect(after.totals.inGrace).toBe(0);
    expect(after.contacts.find((c) => c.id === 'usr-pat')!.state).toBe('to_enroll');
  });
}

describe('the deadline on libSQL', () => deadlineSuite(() => createHarness({ file: true })));

describeWithPostgres('the deadline on PostgreSQL', () => {
  deadlineSuite(async () => {
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
