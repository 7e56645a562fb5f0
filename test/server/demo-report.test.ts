/**
 * The demo's report pages: a portal admin's Two Factor report (counts, per organization, contacts
 * filterable by state, the CSV link) shows their own portal only; the platform operator's report
 * rolls every portal up, opens each onto its organizations and contacts, and exports CSV.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, enroll, PHONE, type Browser, type Harness } from '../support/harness.js';

const NORTHWIND = 'northwind.localhost:3000';

async function signedIn(h: Harness, email: string, host?: string): Promise<Browser> {
  const b = h.browser('203.0.113.9', host);
  const res = await b.login(email);
  if (res.body.step !== 'authenticated') throw new Error(`${email}: ${JSON.stringify(res.body)}`);
  return b;
}

const page = async (b: Browser, path: string) => {
  const res = await b.request('GET', path);
  return { status: res.status, text: String(res.body), location: res.headers.get('location') };
};
const rowIds = (html: string) => [...html.matchAll(/<tr data-contact-id="([^"]+)"/g)].map((m) => m[1]);

describe("the admin's report page", () => {
  it('shows the counts, the organizations and every contact, and filters "who has not enrolled yet"', async () => {
    const h = await createHarness();
    const admin = await signedIn(h, 'admin@example.com');
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false, enforceFrom: '2026-02-01' })).status).toBe(200);
    await enroll(h, 'demo@example.com', PHONE);
    const all = await page(admin, '/admin/report');
    expect(all.status).toBe(200);
    expect(all.text).toContain('<h1>Two Factor report</h1>');
    expect(all.text).toMatch(/data-count="enrolled"><h2>Enrolled<\/h2><p>1</);
    expect(all.text).toMatch(/data-count="toEnroll"><h2>Not enrolled yet<\/h2><p>3</);
    expect(all.text).toContain('Grace until 1 Feb 2026');
    expect(all.text).toContain('href="/api/2fa/admin/report?format=csv"');
    expect(all.text).toContain('<tr data-organization-id="org-demo"><td>Demo Company</td>');
    expect(rowIds(all.text).sort()).toEqual(['usr-demo', 'usr-lee', 'usr-ops', 'usr-pat']);
    expect(all.text).toContain('aria-current="page">Two Factor report</a>');

    const notYet = await page(admin, '/admin/report?state=to_enroll');
    expect(rowIds(notYet.text).sort()).toEqual(['usr-lee', 'usr-ops', 'usr-pat']);
    expect(notYet.text).toContain('<option value="to_enroll" selected>');
    expect(notYet.text).toContain('3 of 4 contacts');
    expect(rowIds((await page(admin, '/admin/report?state=enrolled')).text)).toEqual(['usr-demo']);
    expect(rowIds((await page(admin, '/admin/report?state=grace')).text).sort()).toEqual(['usr-lee', 'usr-ops', 'usr-pat']);
    // An unknown filter shows everyone.
    expect(rowIds((await page(admin, '/admin/report?state=<script>')).text)).toHaveLength(4);
  });

  it("is the admin's own portal's, and not a contact's", async () => {
    const h = await createHarness();
    const northwind = await signedIn(h, 'admin@northwind.example', NORTHWIND);
    const nw = await page(northwind, '/admin/report');
    expect(rowIds(nw.text).sort()).toEqual(['usr-nw-demo', 'usr-nw-kim']);
    expect(nw.text).not.toContain('Demo Owner');
    const contact = await signedIn(h, 'pat@example.com');
    expect((await page(contact, '/admin/report')).location).toBe('/dashboard');
    expect((await page(h.browser(), '/admin/report')).location).toBe('/');
  });
});

describe("the operator's report page", () => {
  it('rolls every portal up, opens each onto its organizations and contacts, and exports CSV', async () => {
    const h = await createHarness();
    // The operator is a contact of the demo portal: signed in before its 2FA is turned on.
    const ops = await signedIn(h, 'ops@platform.example');
    const admin = await signedIn(h, 'admin@example.com');
    await admin.put('/admin/settings', { enabled: true, allowOptOut: true });
    const report = await page(ops, '/ops/report');
    expect(report.status).toBe(200);
    for (const id of ['demo', 'northwind']) {
      expect(report.text).toContain(`<tr data-portal-id="${id}">`);
      expect(report.text).toContain(`<details class="portal-report" data-portal-id="${id}">`);
      expect(report.text).toContain(`href="/api/ops/report.csv?portal=${id}"`);
    }
    // Northwind's contacts are in Northwind's drill-down, not the demo portal's.
    const northwindPart = report.text.slice(report.text.indexOf('<details class="portal-report" data-portal-id="northwind">'));
    expect(rowIds(northwindPart).sort()).toEqual(['usr-nw-demo', 'usr-nw-kim']);
    expect(String((await ops.request('GET', '/ops')).body)).toContain('href="/ops/report"');

    const csv = await ops.request('GET', '/api/ops/report.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="2fa-report-all-portals-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toMatch(/^Portal,Portal ID,Organization,/);
    expect(lines.filter((l) => l.includes(',northwind,'))).toHaveLength(2);
    const one = String((await ops.request('GET', '/api/ops/report.csv?portal=northwind')).body).trim().split('\r\n');
    expect(one).toHaveLength(3);
    expect((await ops.request('GET', '/api/ops/report.csv?portal=nowhere')).status).toBe(404);
  });

  it('is the operator\'s only', async () => {
    const h = await createHarness();
    for (const b of [await signedIn(h, 'admin@example.com'), await signedIn(h, 'demo@example.com'), await signedIn(h, 'admin@northwind.example', NORTHWIND)]) {
      expect((await b.request('GET', '/ops/report')).status).toBe(403);
      expect((await b.request('GET', '/api/ops/report.csv')).status).toBe(403);
    }
    expect((await h.browser().request('GET', '/api/ops/report.csv')).status).toBe(401);
  });
});
