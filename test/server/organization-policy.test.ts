/**
 * Per organization, a Master Admin sets how the portal's 2FA applies (spec §9): `required` takes
 * "Skip for Now" away even where the portal allows opting out, `exempt` signs its contacts in with
 * the password alone, `inherit` follows the portal. Audited, shown in the contacts view, and only
 * a Master Admin of the same portal may set it. On libSQL and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { createHarness, enroll, PHONE, setSettings, type Harness } from '../support/harness.js';

function organizationPolicySuite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => h.close());

  const setPolicy = (admin: ReturnType<Harness['browser']>, id: string, policy: string) => admin.put(`/admin/organizations/${id}/two-factor`, { policy });

  it('required: no "Skip for Now" though the portal allows it, and a remembered skip no longer lets the contact in', async () => {
    const admin = await setSettings(h, true, true);
    // Demo Owner skips while the portal allows it.
    const first = h.browser();
    expect((await first.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: true });
    expect((await first.post('/enroll/skip')).body.step).toBe('authenticated');

    expect((await setPolicy(admin, 'org-demo', 'required')).body).toEqual({ id: 'org-demo', name: 'Demo Company', policy: 'required' });
    const next = h.browser();
    expect((await next.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
    const skip = await next.post('/enroll/skip');
    expect(skip.status).toBe(403);
    expect(skip.body.error.code).toBe('forbidden');
    // Another organization of the same portal still may skip.
    expect((await h.browser().login('lee@acme.example')).body).toEqual({ step: 'enroll', canSkip: true });
  });

  it('exempt: its contacts sign in with the password alone, enrolled or not; inherit brings 2FA back', async () => {
    const admin = await setSettings(h, true);
    await enroll(h, 'demo@example.com', PHONE);
    expect((await setPolicy(admin, 'org-demo', 'exempt')).status).toBe(200);
    const b = h.browser();
    const res = await b.login('pat@example.com');
    expect(res.body.step).toBe('authenticated');
    expect((await h.browser().login('demo@example.com')).body.step).toBe('authenticated');
    expect((await b.get('/session')).body.twoFactor).toEqual({ enrolled: false, skipped: false, canOptIn: false });
    // Other organizations are untouched.
    expect((await h.browser().login('lee@acme.example')).body.step).toBe('enroll');

    expect((await setPolicy(admin, 'org-demo', 'inherit')).status).toBe(200);
    expect((await h.browser().login('demo@example.com')).body.step).toBe('verify');
  });

  it('is audited with the admin, shown on the contacts view, and needs the Master Admin privilege', async () => {
    const admin = await setSettings(h, true);
    await setPolicy(admin, 'org-acme', 'exempt');
    const events = (await h.store.listAudit({ limit: 50 })).filter((e) => e.type === 'organization.policy_changed');
    expect(events).toEqual([expect.objectContaining({ actorId: 'usr-admin', detail: { organizationId: 'org-acme', before: 'inherit', after: 'exempt' } })]);
    const contacts = (await admin.get('/admin/contacts')).body.contacts as { id: string; organizationPolicy: string }[];
    expect(Object.fromEntries(contacts.map((c) => [c.id, c.organizationPolicy]))).toMatchObject({ 'usr-lee': 'exempt', 'usr-demo': 'inherit' });

    const staff = h.browser('198.51.100.2');
    await staff.login('staff@example.com');
    const refused = await setPolicy(staff, 'org-demo', 'exempt');
    expect(refused.status).toBe(403);
    expect((await h.store.accounts.getOrganization('org-demo'))?.twoFactorPolicy).toBe('inherit');
  });

  it('refuses a bad policy with 400 and an unknown organization with 404, changing nothing', async () => {
    const admin = await setSettings(h, true);
    const bad = await setPolicy(admin, 'org-demo', 'sometimes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(['policy']);
    const none = await setPolicy(admin, 'org-none', 'exempt');
    expect(none.status).toBe(404);
    expect((await h.store.accounts.getOrganization('org-demo'))?.twoFactorPolicy).toBe('inherit');
    expect((await h.store.listAudit({ limit: 50 })).some((e) => e.type === 'organization.policy_changed')).toBe(false);
  });
}

describe('organization policies on libSQL', () => organizationPolicySuite(() => createHarness({ file: true })));

describeWithPostgres('organization policies on PostgreSQL', () => {
  organizationPolicySuite(async () => {
    const database: TestDatabase = await createTestDatabase();
    const h = await createHarness({ postgres: database.url });
    const close = h.close;
    h.close = async () => {
      await close();
      await database.drop();
    };
    return h;
  });
});
