/**
 * Leak class: the report, the settings preview and the deadline. Beta's admin reads beta's
 * contacts, states and counts only, in JSON and CSV, even for an account id and an organization id
 * alpha has too; alpha's settings and deadline decide nothing in beta. `tf.report()` gives the
 * platform operator each portal apart, and their sum.
 */
import { beforeEach, expect, it } from 'vitest';
import type { ReportDto, SettingsPreviewDto } from '../../protocol/dto.js';
import { reportCsv } from '../../server/index.js';
import { ANN, BOB, onBothDatabases, ORG, PHONE, SAM, twoPortals, type Browser, type Deployment } from './support.js';

onBothDatabases("a portal's report, preview and deadline are that portal's", (db) => {
  let d: Deployment;
  let betaAdmin: Browser;
  beforeEach(async () => {
    d = await twoPortals(db());
    // Alpha: 2FA on with a deadline ahead, Sam enrolled and signed in, Ann skipped.
    const alphaAdmin = await d.alpha.admin();
    expect((await alphaAdmin.put('/admin/settings', { enabled: true, allowOptOut: false, enforceFrom: '2099-01-01' })).status).toBe(200);
    await d.alpha.enrolled(SAM.email, PHONE.alpha);
    const ann = (await d.alpha.login(ANN.email)).browser;
    expect((await ann.post('/enroll/skip')).body.step).toBe('authenticated');
    betaAdmin = await d.beta.admin();
  });

  it("lists beta's contacts with beta's state, in JSON and CSV, and none of alpha's", async () => {
    const { status, body } = await betaAdmin.get('/admin/report');
    expect(status).toBe(200);
    const r = body as ReportDto;
    expect(r.portal.id).toBe(d.beta.id);
    expect(r.settings).toEqual({ enabled: false, allowOptOut: false, enforceFrom: null, generation: 0 });
    expect(r.graceUntil).toBeNull();
    expect(r.contacts.map((c) => [c.id, c.name, c.state, c.lastLoginAt, c.enrolledAt])).toEqual([
      [BOB.id, 'beta only', 'off', null, null],
      [SAM.id, 'Sam of beta', 'off', null, null],
    ]);
    expect(r.organizations.map((o) => [o.id, o.name, o.contacts])).toEqual([
      [ORG.beta, 'Beta Only', 1],
      [ORG.shared, 'Shared Beta', 1],
    ]);
    const csv = (await betaAdmin.get('/admin/report?format=csv')).body as string;
    expect(csv).toContain('Sam of beta');
    for (const alphaOnly of ['Sam of alpha', 'alpha only', ANN.id, 'Alpha Only', 'Shared Alpha']) expect(csv).not.toContain(alphaOnly);

    // Beta turns 2FA on: its Sam is to enroll, though alpha's Sam is enrolled in alpha's generation 1.
    await betaAdmin.put('/admin/settings', { enabled: true, allowOptOut: false });
    const on = (await betaAdmin.get('/admin/report')).body as ReportDto;
    expect(on.contacts.map((c) => [c.id, c.state, c.graceUntil])).toEqual([
      [BOB.id, 'to_enroll', null],
      [SAM.id, 'to_enroll', null],
    ]);
    // And alpha's view is alpha's.
    const alpha = (await (await d.alpha.admin()).get('/admin/report')).body as ReportDto;
    expect(alpha.contacts.map((c) => [c.id, c.name, c.state, c.graceUntil])).toEqual([
      [ANN.id, 'alpha only', 'skipped', '2099-01-01'],
      [SAM.id, 'Sam of alpha', 'enrolled', null],
    ]);
    expect(alpha.graceUntil).toBe('2099-01-01');
  });

  it("previews beta's contacts only, under beta's settings", async () => {
    const p = (await betaAdmin.get('/admin/settings/preview?enabled=true&allowOptOut=false')).body as SettingsPreviewDto;
    expect(p).toEqual({
      willEnroll: 2,
      byOrganization: [
        { id: ORG.beta, name: 'Beta Only', willEnroll: 1 },
        { id: ORG.shared, name: 'Shared Beta', willEnroll: 1 },
      ],
      includesYou: false,
    });
    // Alpha's deadline gives beta's contacts no grace.
    await betaAdmin.put('/admin/settings', { enabled: true, allowOptOut: false });
    const { reply } = await d.beta.login(SAM.email);
    expect(reply.body).toEqual({ step: 'enroll', canSkip: false });
    expect((await betaAdmin.get('/admin/settings')).body.enforceFrom).toBeNull();
  });

  it('tf.report() gives the platform every portal apart, with their sum', async () => {
    const all = await d.tf.report();
    const mine = all.portals.filter((p) => p.portal.id === d.alpha.id || p.portal.id === d.beta.id);
    expect(mine.map((p) => [p.portal.id, p.portal.name, p.totals.contacts, p.totals.enrolled, p.totals.skipped, p.totals.off])).toEqual([
      [d.alpha.id, 'Alpha IT Portal', 2, 1, 1, 0],
      [d.beta.id, 'Beta IT Portal', 2, 0, 0, 2],
    ]);
    const sum = all.portals.reduce((n, p) => n + p.totals.contacts, 0);
    expect(all.totals.contacts).toBe(sum);
    // The operator's CSV names each row's portal.
    const rows = reportCsv({ ...all, portals: mine }).split('\r\n');
    expect(rows[0]).toBe('\uFEFFPortal,Portal ID,Organization,Organization ID,Organization policy,Contact,Email,Contact ID,2FA state,Grace until,Code step locked,Reset requested at,Last login,Enrolled at,Skipped at');
    expect(rows.filter((r) => r.startsWith('Beta IT Portal,')).map((r) => r.split(',')[5])).toEqual(['beta only', 'Sam of beta']);
  });
});
