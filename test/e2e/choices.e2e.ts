/**
 * The seed's other scenarios in a real browser: the resend countdown, "Skip for Now" remembered,
 * opting in from the 3-bar menu (logged out, the next login enrolls), an admin reset of one
 * contact that also clears its skip, and turning 2FA off and on again.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollViaUi, launchBrowser, screenshot, setSettings, signIn, startDemo, until, type Demo } from './support.js';

let demo: Demo;
let browser: Browser;
beforeAll(async () => {
  // A short cooldown keeps the countdown test quick; the countdown itself is the same code.
  [demo, browser] = await Promise.all([startDemo({ resendCooldownSeconds: 4 }), launchBrowser()]);
  await setSettings(browser, demo, true, true);
});
afterAll(async () => {
  await browser?.close();
  demo?.stop();
});

async function fresh(): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

describe('the resend countdown', () => {
  it('counts down, then resend sends a new code that works', async () => {
    const page = await fresh();
    await enrollViaUi(page, demo, 'lee@acme.example', '202-555-0166', '+12025550166');
    await page.getByLabel('Enter Email').fill('lee@acme.example');
    await page.getByLabel('Enter Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByLabel('Enter SMS Code').waitFor();
    const resend = page.getByRole('button', { name: /^Resend/ });
    const first = (await resend.textContent())!.trim();
    expect(first).toMatch(/^Resend \(\d+s\)$/);
    expect(await resend.isDisabled()).toBe(true);
    await until(async () => (await resend.textContent())!.trim() !== first);
    expect((await resend.textContent())!.trim()).toMatch(/^Resend( \(\d+s\))?$/);
    await until(() => resend.isEnabled(), 10_000);
    const sent = await demo.outboxCount('+12025550166');
    await resend.click();
    await page.getByText('A new code has been sent.').waitFor();
    expect(await demo.outboxCount('+12025550166')).toBe(sent + 1);
    await page.getByLabel('Enter SMS Code').fill(await demo.code('+12025550166'));
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await page.context().close();
  });
});

describe('Skip for Now and opting in', () => {
  it('a skip is remembered; opting in from the menu logs out and the next login enrolls', async () => {
    const page = await fresh();
    await signIn(page, demo, 'pat@example.com');
    await page.getByRole('button', { name: 'Skip for Now' }).click();
    await page.waitForURL('**/dashboard');

    // Remembered: a new browser goes straight in.
    const again = await fresh();
    await signIn(again, demo, 'pat@example.com');
    await again.waitForURL('**/dashboard');
    await again.context().close();

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'Enable 2FA SMS' }).click();
    await page.getByRole('dialog').getByText('Enable Two Factor Authentication with SMS').waitFor();
    await screenshot(page, 'optin-dialog', { doc: true });
    await page.getByRole('dialog').getByRole('button', { name: 'No Thanks' }).click();
    await until(async () => !(await page.getByRole('dialog').isVisible()));
    expect(new URL(page.url()).pathname).toBe('/dashboard');

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'Enable 2FA SMS' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable 2FA SMS' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('You have been signed out.', { exact: false }).waitFor();

    await signIn(page, demo, 'pat@example.com');
    await page.getByLabel('Mobile Phone Number').waitFor();
    await page.context().close();
  });

  it('an enrolled contact has no "Enable 2FA SMS" in the menu', async () => {
    const p2 = await fresh();
    await signIn(p2, demo, 'lee@acme.example');
    await p2.getByLabel('Enter SMS Code').waitFor();
    await p2.getByLabel('Enter SMS Code').fill(await demo.code('+12025550166'));
    await p2.getByRole('button', { name: 'Enter', exact: true }).click();
    await p2.waitForURL('**/dashboard');
    await p2.getByRole('button', { name: 'Menu' }).click();
    await p2.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    expect(await p2.getByRole('menuitem', { name: 'Enable 2FA SMS' }).count()).toBe(0);
    await p2.getByRole('menuitem', { name: 'Sign out' }).click();
    await p2.waitForURL((url) => url.pathname === '/');
    await p2.context().close();
  });
});

describe('admin reset', () => {
  it('resets one contact (clearing its skip) and nobody else', async () => {
    // demo@ skips, then the admin resets demo@ only; lee@ stays enrolled.
    const contact = await fresh();
    await signIn(contact, demo, 'demo@example.com');
    await contact.getByRole('button', { name: 'Skip for Now' }).click();
    await contact.waitForURL('**/dashboard');
    await contact.context().close();

    const admin = await fresh();
    await signIn(admin, demo, 'staff@example.com');
    await admin.waitForURL('**/admin/**');
    await admin.getByRole('link', { name: 'Organizations', exact: true }).click();
    await admin.getByRole('row', { name: /Demo Company/ }).getByRole('link', { name: 'Organization Details' }).click();
    const row = admin.locator('details.contact', { hasText: 'demo@example.com' });
    await row.locator('summary').click();
    await row.getByText('Skipped ("Skip for Now")').waitFor();
    await row.getByRole('button', { name: 'Reset Two Factor' }).click();
    await screenshot(admin, 'admin-reset-confirm', { doc: true });
    await row.getByRole('button', { name: 'Reset', exact: true }).click();
    await row.getByText('Two factor authentication was reset.').waitFor();
    await row.getByText('Not enrolled').first().waitFor();

    // Nobody else: Lee, of the other organization, is still enrolled.
    await admin.getByRole('link', { name: 'Organizations', exact: true }).click();
    await admin.getByRole('row', { name: /Acme/ }).getByRole('link', { name: 'Organization Details' }).click();
    const lee = admin.locator('details.contact', { hasText: 'lee@acme.example' });
    await lee.locator('summary').getByText('Enrolled xxx-xxx-0166').waitFor();
    await admin.context().close();

    // The skip is gone too: the next login enrolls instead of going straight in.
    const after = await fresh();
    await signIn(after, demo, 'demo@example.com');
    await after.getByLabel('Mobile Phone Number').waitFor();
    await after.context().close();
  });

  it('the audit view lists the reset with the admin who did it', async () => {
    const admin = await fresh();
    await signIn(admin, demo, 'admin@example.com');
    await admin.waitForURL('**/admin/**');
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.getByRole('row', { name: /two_factor\.reset.*usr-staff.*usr-demo/ }).waitFor();
    await screenshot(admin, 'audit-log');
    await admin.context().close();
  });
});

describe('off and on again', () => {
  it('forces every contact to enroll again', async () => {
    await setSettings(browser, demo, false, true);
    const off = await fresh();
    await signIn(off, demo, 'lee@acme.example');
    await off.waitForURL('**/dashboard');
    await off.context().close();

    await setSettings(browser, demo, true, true);
    const on = await fresh();
    await signIn(on, demo, 'lee@acme.example');
    await on.getByLabel('Mobile Phone Number').waitFor();
    await on.context().close();
  });
});

describe('the dev outbox page', () => {
  it('lists the texts and refreshes itself', async () => {
    const page = await fresh();
    await page.goto(`${demo.url}/dev/outbox`);
    await page.getByText('+12025550166').first().waitFor();
    const before = await page.locator('#outbox li').count();
    const contact = await fresh();
    await signIn(contact, demo, 'pat@example.com');
    await contact.getByLabel('Mobile Phone Number').fill('202-555-0155');
    await contact.getByRole('button', { name: 'Send Code' }).click();
    await contact.getByText('An authentication code has been sent to:').waitFor();
    await until(async () => (await page.locator('#outbox li').count()) > before, 10_000);
    await screenshot(page, 'sms-outbox', { doc: true });
    await contact.context().close();
    await page.context().close();
  });
});
