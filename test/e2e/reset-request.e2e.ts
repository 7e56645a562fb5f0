/**
 * "I lost my phone" in a real browser: an enrolled contact at the SMS code step opens the help
 * under "If the phone number is incorrect or needs to be updated" and asks for a reset. The
 * portal's admin sees it on the Notifications page (the demo's `onEvent` hook) and as "Reset
 * requested" in the contacts list and in <cb-admin-reset>; the admin's reset closes the request,
 * and the contact enrolls a new phone at the next sign-in. Asking changes nothing by itself: the
 * code that does come still signs in.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, enrollAndReachCode, launchBrowser, screenshot, setSettings, signIn, startDemo } from './support.js';

const PHONE = '+12025550143';

let demo: Demo;
let browser: Browser;
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
  await setSettings(browser, demo, true, false);
});
afterAll(async () => {
  await browser?.close();
  demo?.stop();
});

async function contactRow(admin: Page) {
  await admin.goto(`${demo.url}/admin/organizations`);
  await admin.getByRole('row', { name: /Demo Company/ }).getByRole('link', { name: 'Organization Details' }).click();
  const row = admin.locator('details.contact', { hasText: 'demo@example.com' });
  await row.locator('summary').waitFor();
  return row;
}

describe('I lost my phone', () => {
  it('asks the admins for a reset, which they see and close; nothing else changes until then', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await enrollAndReachCode(page, demo, 'demo@example.com', '(202) 555-0143', PHONE);

    const help = page.getByRole('button', { name: 'If the phone number is incorrect or needs to be updated' });
    await help.click();
    expect(await help.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'I lost my phone: ask for a reset' }).click();
    const requested = page.locator('[part~="reset-requested"]');
    await requested.getByText(/Your request was sent to the administrators/).waitFor();
    // The button is gone and the message has the focus, so a screen reader reads it out.
    expect(await page.getByRole('button', { name: 'I lost my phone: ask for a reset' }).count()).toBe(0);
    expect(await requested.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'reset-request', { doc: true });

    // It changed nothing by itself: the code that was sent still signs in.
    await page.getByLabel('Enter SMS Code').fill(await demo.code(PHONE));
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await context.close();

    // The admins: told through onEvent (the Notifications page), and the contact shows the request.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, demo, 'admin@example.com');
    await admin.waitForURL('**/admin/**');
    await admin.goto(`${demo.url}/admin/notifications`);
    await admin.getByRole('list', { name: 'Notifications' }).getByText(/asked for a 2FA reset \("I lost my phone"\)/).waitFor();

    const row = await contactRow(admin);
    await row.locator('summary .reset-requested').getByText(/^Reset requested /).waitFor();
    await row.locator('summary').click();
    const reset = row.locator('cb-admin-reset');
    await reset.locator('[part~="reset-requested"]').getByText(/^Reset requested \(.+\)$/).waitFor();
    await reset.scrollIntoViewIfNeeded();
    await screenshot(admin, 'reset-requested-admin', { doc: true });

    // The admin's reset closes it, in the element and in the list, and stays closed on a reload.
    await reset.getByRole('button', { name: 'Reset Two Factor' }).click();
    await reset.getByRole('button', { name: 'Reset', exact: true }).click();
    await reset.getByText('Two factor authentication was reset.').waitFor();
    expect(await reset.locator('[part~="reset-requested"]').count()).toBe(0);
    expect(await row.locator('summary .reset-requested').count()).toBe(0);
    const reloaded = await contactRow(admin);
    await reloaded.locator('summary').getByText('2FA: Not enrolled').waitFor();
    expect(await reloaded.locator('summary .reset-requested').count()).toBe(0);
    await adminContext.close();

    // The contact enrolls the new phone at the next sign-in.
    const after = await browser.newContext();
    const again = await after.newPage();
    await signIn(again, demo, 'demo@example.com');
    await again.getByLabel('Mobile Phone Number').waitFor();
    await after.close();
  });
});
