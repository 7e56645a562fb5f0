/**
 * "Change my phone" in a real browser: the demo portal's Master Admin lets users change their own
 * phone (the settings page's "Let users change their own phone number", in <cb-2fa-settings>); an
 * enrolled contact, right after the sign-in's code (a fresh second factor), enters a new number on
 * the Security page, types the code sent to it, and is told the phone was changed. The old number
 * gets the notice; the next sign-in's code goes to the new number.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, enrollAndReachCode, launchBrowser, screenshot, setPolicies, setSettings, signIn, startDemo } from './support.js';

const OLD = '+12025550143';
const NEW = '+12025550188';

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

describe('change my phone', () => {
  it('off, the Security page says to ask an administrator; on, the contact changes the phone, the old number is told, the next code goes to the new one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await enrollAndReachCode(page, demo, 'demo@example.com', '(202) 555-0143', OLD);
    await page.getByLabel('Enter SMS Code').fill(await demo.code(OLD));
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');

    const change = page.locator('cb-change-phone');
    await page.goto(`${demo.url}/security`);
    await change.getByText('If the phone number is incorrect or needs to be updated').waitFor();

    await setPolicies(browser, demo, { selfServicePhoneChange: true });
    await page.reload();
    await change.getByLabel('Phone Number').fill('(202) 555-0188');
    await change.getByRole('button', { name: 'Send Code' }).click();
    await change.getByLabel('Verification Code').waitFor();
    await change.getByText('xxx-xxx-0188').waitFor();
    await change.getByLabel('Verification Code').fill(await demo.code(NEW));
    await change.getByRole('button', { name: 'Change number' }).click();
    await change.getByText('Your phone number was changed to xxx-xxx-0188').waitFor();
    await screenshot(page, 'change-phone', { doc: true });
    expect(await demo.lastSms(OLD)).toContain('was changed. If this was not you, contact your administrator.');
    await context.close();

    // The next sign-in's code goes to the new number.
    const next = await (await browser.newContext()).newPage();
    const before = await demo.outboxCount(NEW);
    await signIn(next, demo, 'demo@example.com');
    await next.getByText('xxx-xxx-0188').waitFor();
    expect(await demo.outboxCount(NEW)).toBe(before + 1);
    await next.getByLabel('Enter SMS Code').fill(await demo.code(NEW));
    await next.getByRole('button', { name: 'Enter', exact: true }).click();
    await next.waitForURL('**/dashboard');
  });
});
