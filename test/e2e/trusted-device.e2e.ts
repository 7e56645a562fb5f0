/**
 * "Trust this device" in a real browser: the demo portal's Master Admin offers it for 30 days (in
 * <cb-2fa-settings>), an enrolled contact ticks "Trust this device for 30 days" at the SMS code and,
 * signing in again from the same browser, gets in with the password alone (no new SMS). The
 * Security page's <cb-trusted-devices> lists the browser as "This device"; once forgotten, the next
 * sign-in asks for the SMS code again. Another browser never skips the code.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, enrollAndReachCode, launchBrowser, screenshot, setPolicies, setSettings, signIn, startDemo } from './support.js';

const PHONE = '+12025550143';

let demo: Demo;
let browser: Browser;
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
  await setSettings(browser, demo, true, false);
  await setPolicies(browser, demo, { trustDeviceDays: 30 });
});
afterAll(async () => {
  await browser?.close();
  demo?.stop();
});

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

describe('trust this device', () => {
  it('a trusted browser signs in with the password alone until its trust is forgotten; another browser gets the SMS code', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await enrollAndReachCode(page, demo, 'demo@example.com', '(202) 555-0143', PHONE);
    await page.getByLabel('Enter SMS Code').fill(await demo.code(PHONE));
    await page.getByLabel('Trust this device for 30 days').check();
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await signOut(page);

    // The same browser: the password alone, no SMS sent.
    const sent = await demo.outboxCount(PHONE);
    await signIn(page, demo, 'demo@example.com');
    await page.waitForURL('**/dashboard');
    expect(await demo.outboxCount(PHONE)).toBe(sent);

    // Another browser with the same password: its cookie jar holds no trust, so the SMS code.
    const other = await browser.newContext();
    const elsewhere = await other.newPage();
    await signIn(elsewhere, demo, 'demo@example.com');
    await elsewhere.getByLabel('Enter SMS Code').waitFor();
    expect(await demo.outboxCount(PHONE)).toBe(sent + 1);
    await other.close();

    await page.goto(`${demo.url}/security`);
    const devices = page.locator('cb-trusted-devices');
    await expect.poll(() => devices.locator('[part~="device"]').count()).toBe(1);
    await devices.locator('[part~="this-device"]').getByText('This device').waitFor();
    await devices.scrollIntoViewIfNeeded();
    await screenshot(page, 'trusted-device', { doc: true });

    await devices.getByRole('button', { name: 'Forget trusted devices' }).click();
    await devices.locator('[part~="confirm-button"]').click();
    await devices.getByText('1 device was forgotten.').waitFor();
    expect(await devices.locator('[part~="device"]').count()).toBe(0);
    await signOut(page);

    // Forgotten: the SMS code again.
    await signIn(page, demo, 'demo@example.com');
    await page.getByLabel('Enter SMS Code').waitFor();
    expect(await demo.outboxCount(PHONE)).toBe(sent + 2);
    await context.close();
  });
});
