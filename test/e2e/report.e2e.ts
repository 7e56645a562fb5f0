/**
 * A safe switch and the report in a real browser: before "Save" the settings page says who would
 * be asked to enroll; a deadline lets a contact "Skip until …"; the admin's report shows each
 * contact's state, filters "who has not enrolled yet" and downloads the CSV; the platform
 * operator's report opens each portal. Screenshots of the preview and the report for the README.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollViaUi, launchBrowser, screenshot, signIn, startDemo, until, type Demo } from './support.js';

let demo: Demo;
let browser: Browser;
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  demo?.stop();
});

async function fresh(): Promise<Page> {
  return (await browser.newContext({ acceptDownloads: true })).newPage();
}

/** Two weeks from now, as the date input and the API write it. */
const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${deadline}T00:00:00Z`));

describe('turning 2FA on safely', () => {
  it('shows who would be asked before Save, and the deadline lets a contact skip until then', async () => {
    // The operator (a contact of the demo portal) signs in first: its report comes last.
    const ops = await fresh();
    await signIn(ops, demo, 'ops@platform.example');
    await ops.waitForURL('**/ops');

    const admin = await fresh();
    await signIn(admin, demo, 'admin@example.com');
    await admin.waitForURL('**/admin/configurations/client-users');
    const enable = admin.getByLabel('Enable Two Factor Authentication');
    await until(() => enable.isEnabled());
    await enable.check();
    const preview = admin.getByRole('status').filter({ hasText: 'will be asked to enroll' });
    await preview.waitFor();
    // Demo Owner and Pat (Demo Company), Lee (Acme), and the operator, who has no organization.
    expect(await preview.locator('p').first().textContent()).toBe('4 contacts in 2 organizations will be asked to enroll at their next login.');
    expect(await preview.getByRole('listitem').allTextContents()).toEqual(['Acme 1', 'Demo Company 2']);
    await admin.getByLabel('Enforce from').fill(deadline);
    await screenshot(admin, 'settings-preview', { doc: true });
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Your changes have been saved.').waitFor();
    expect(await admin.getByLabel('Enforce from').inputValue()).toBe(deadline);

    const pat = await fresh();
    await signIn(pat, demo, 'pat@example.com');
    const skip = pat.getByRole('button', { name: `Skip until ${dayMonth}` });
    await skip.waitFor();
    await skip.click();
    await pat.waitForURL('**/dashboard');

    const owner = await fresh();
    await enrollViaUi(owner, demo, 'demo@example.com', '202-555-0173', '+12025550173');

    // The report: Demo Owner enrolled, Pat skipped in the grace, Lee not enrolled yet.
    await admin.goto(`${demo.url}/admin/report`);
    const row = (id: string) => admin.locator(`tr[data-contact-id="${id}"]`);
    expect(await row('usr-demo').locator('.state').textContent()).toBe('Enrolled');
    expect(await row('usr-pat').locator('.state').textContent()).toBe('Skipped (Skip for Now)');
    expect(await row('usr-lee').locator('.state').textContent()).toBe('Not enrolled yet');
    expect(await admin.locator('#grace').textContent()).toContain('Grace until');
    await admin.getByLabel('Show').selectOption('to_enroll');
    await admin.waitForURL('**/admin/report?state=to_enroll');
    expect(await admin.locator('tr[data-contact-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-contact-id')).sort())).toEqual(['usr-lee', 'usr-ops']);
    await screenshot(admin, 'report', { doc: true });

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^2fa-report-demo-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFOrganization,Organization ID,Organization policy,Contact,')).toBe(true);
    expect(csv).toContain(',usr-pat,Skipped (Skip for Now),');

    // The platform operator: every portal, Northwind's opened onto its contacts.
    await ops.goto(`${demo.url}/ops/report`);
    await ops.locator('details[data-portal-id="northwind"] summary').click();
    await ops.locator('details[data-portal-id="northwind"] tr[data-contact-id="usr-nw-kim"]').waitFor();
    expect(await ops.locator('table.rollup tbody tr').count()).toBe(2);
    await screenshot(ops, 'operator-report');
    for (const p of [ops, admin, pat, owner]) await p.context().close();
  });
});
