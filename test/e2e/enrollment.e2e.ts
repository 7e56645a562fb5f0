/**
 * The seed's main path in a real browser: the Master Admin turns 2FA on (staff cannot), a
 * contact's first login enrolls a phone and confirms the first SMS, signs in again with the
 * password, enters the SMS code and reaches the dashboard. A pending login cannot open it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollViaUi, launchBrowser, screenshot, setSettings, signIn, startDemo, type Demo } from './support.js';

let demo: Demo;
let browser: Browser;
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  demo?.stop();
});

describe('enabling 2FA', () => {
  it("the login page shows the portal's name where a logo would be, and the seed validation messages", async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/`);
    // The demo portal has no logo: the element shows its name from GET /portal.
    await expect.poll(() => page.locator('cb-login [part="portal-name"]').textContent()).toBe('Demo Portal');
    await expect.poll(() => page.getByRole('link', { name: 'Reset Login or Password' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByText('Please enter valid email.').waitFor();
    await page.getByText('Please enter password').waitFor();
    await screenshot(page, 'login', { doc: true });
    await page.close();
  });

  it('staff see the settings read-only with the privileges hint; the Master Admin turns 2FA on', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo, 'staff@example.com');
    await page.waitForURL('**/admin/configurations/client-users');
    await page.getByText(/your account may not have high enough profile privileges/).waitFor();
    await expect.poll(() => page.getByLabel('Enable Two Factor Authentication').isDisabled()).toBe(true);
    await screenshot(page, 'settings-staff');
    await context.close();

    await setSettings(browser, demo, true, false);
    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await signIn(adminPage, demo, 'admin@example.com');
    await adminPage.waitForURL('**/admin/configurations/client-users');
    await expect.poll(() => adminPage.getByLabel('Enable Two Factor Authentication').isChecked()).toBe(true);
    await screenshot(adminPage, 'settings-master-admin', { doc: true });
    await admin.close();
  });
});

describe('a contact', () => {
  it('enrolls on the first login, signs in again, enters the SMS code and reaches the dashboard', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo, 'demo@example.com');
    await page.getByLabel('Mobile Phone Number').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Skip for Now' }).count()).toBe(0);
    await screenshot(page, 'enroll-phone', { doc: true });
    await page.getByLabel('Mobile Phone Number').fill('(202) 555-0143');
    await page.getByRole('button', { name: 'Send Code' }).click();
    await page.getByText('An authentication code has been sent to:').waitFor();
    await page.getByText('xxx-xxx-0143').first().waitFor();
    await screenshot(page, 'enroll-confirm', { doc: true });
    await page.getByLabel('Verification Code').fill(await demo.code('+12025550143'));
    await page.getByRole('button', { name: 'Verify Code' }).click();
    await page.getByText('Your phone number is confirmed. Please sign in again to finish.').waitFor();
    expect(page.url()).toBe(`${demo.url}/`);

    await page.getByLabel('Enter Email').fill('demo@example.com');
    await page.getByLabel('Enter Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByLabel('Enter SMS Code').waitFor();
    await page.getByText('Message sent to:').waitFor();
    await screenshot(page, 'verify-code', { doc: true });
    await page.getByLabel('Enter SMS Code').fill(await demo.code('+12025550143'));
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await screenshot(page, 'dashboard', { doc: true });
    await context.close();
  });

  it('a wrong code shows a message with the attempts left', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo, 'demo@example.com');
    await page.getByLabel('Enter SMS Code').waitFor();
    const right = await demo.code('+12025550143');
    await page.getByLabel('Enter SMS Code').fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.getByText('That code is not correct.').waitFor();
    await page.getByText('4 attempts left.').waitFor();
    await screenshot(page, 'verify-wrong-code');
    await page.getByLabel('Enter SMS Code').fill(right);
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await context.close();
  });

  it('a pending login cannot open the dashboard', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo, 'demo@example.com');
    await page.getByLabel('Enter SMS Code').waitFor();
    await page.goto(`${demo.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/');
    const api = await page.evaluate(async () => (await fetch('/api/2fa/session')).status);
    expect(api).toBe(401);
    await context.close();
  });

  it('a second contact enrolls independently', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await enrollViaUi(page, demo, 'lee@acme.example', '202-555-0177', '+12025550177');
    await context.close();
  });
});
