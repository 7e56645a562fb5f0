/**
 * Recovery codes in a real browser: the demo portal's Master Admin offers them (the settings
 * page's "Offer recovery codes", in <cb-2fa-settings>), an enrolled contact generates ten on the Security page, right
 * after the sign-in's code, and signs in with one from the verify step's "Use a recovery code"
 * without the SMS code. The spent code then fails.
 */
import type { Browser } from 'playwright-core';
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

describe('recovery codes', () => {
  it('the admin offers them, the contact generates ten on the Security page and signs in with one instead of the SMS code', async () => {
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, demo, 'admin@example.com');
    await admin.waitForURL('**/admin/configurations/client-users');
    await admin.getByLabel('Offer recovery codes').check();
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Your changes have been saved.').waitFor();

    const context = await browser.newContext();
    const page = await context.newPage();
    await enrollAndReachCode(page, demo, 'demo@example.com', '(202) 555-0143', PHONE);
    await page.getByLabel('Enter SMS Code').fill(await demo.code(PHONE));
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');

    await page.goto(`${demo.url}/security`);
    await page.getByRole('button', { name: 'Generate recovery codes' }).click();
    const list = page.locator('cb-recovery-codes').locator('[part~="code"]');
    await expect.poll(() => list.count()).toBe(10);
    const codes = await list.allTextContents();
    for (const c of codes) expect(c.trim()).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}-[0-9a-z]{5}$/);
    await page.getByText('they are shown only once').waitFor();
    await screenshot(page, 'recovery-codes', { doc: true });
    await context.close();

    // A new browser: the password, then a recovery code instead of the SMS code.
    const next = await (await browser.newContext()).newPage();
    await signIn(next, demo, 'demo@example.com');
    await next.getByLabel('Enter SMS Code').waitFor();
    await next.getByRole('button', { name: 'Use a recovery code' }).click();
    await next.getByLabel('Recovery Code').fill(codes[0]!.trim().toUpperCase());
    await next.getByRole('button', { name: 'Enter', exact: true }).click();
    await next.waitForURL('**/dashboard');

    const again = await (await browser.newContext()).newPage();
    await signIn(again, demo, 'demo@example.com');
    await again.getByRole('button', { name: 'Use a recovery code' }).click();
    await again.getByLabel('Recovery Code').fill(codes[0]!.trim());
    await again.getByRole('button', { name: 'Enter', exact: true }).click();
    await again.getByText('That code is not correct.').waitFor();
  });
});
