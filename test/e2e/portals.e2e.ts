/**
 * The demo's two portals in Chromium (spec §7, §9): the demo portal on 127.0.0.1 and Northwind on
 * northwind.localhost, one server and one database. Each login page wears its portal's branding;
 * Northwind's walk-through (its admin enables 2FA, a contact enrolls with the texted code and
 * signs in with the next one) leaves the demo portal's settings as they were; the same email is two
 * accounts; and the platform operator's rename shows on that portal's login page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollViaUi, launchBrowser, PASSWORD, screenshot, setSettings, signIn, startDemo, type Demo, type Site } from './support.js';

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
  return (await browser.newContext()).newPage();
}

/** Password, then the texted code: the second login of an enrolled contact. */
async function signInWithCode(page: Page, site: Site, email: string, phone: string) {
  await signIn(page, site, email);
  // The code is read once the step shows, that is once the login has sent it.
  await page.getByLabel('Enter SMS Code').waitFor();
  await page.getByLabel('Enter SMS Code').fill(await demo.code(phone));
  await page.getByRole('button', { name: 'Enter', exact: true }).click();
  await page.waitForURL('**/dashboard');
}

const accentOf = (page: Page) => page.getByRole('button', { name: 'Sign In' }).evaluate((el) => getComputedStyle(el).backgroundColor);

describe('each portal', () => {
  it("shows its own branding on its login page", async () => {
    const page = await fresh();
    await page.goto(`${demo.url}/`);
    await expect.poll(() => page.locator('cb-login [part="portal-name"]').textContent()).toBe('Demo Portal');
    expect(await page.title()).toBe('Sign in · Demo Portal');
    expect(await accentOf(page)).toBe('rgb(10, 88, 202)');
    await screenshot(page, 'login-demo', { doc: true });

    await page.goto(`${demo.northwindUrl}/`);
    const logo = page.locator('cb-login img[alt="Northwind IT Portal"]');
    await logo.waitFor();
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.title()).toBe('Sign in · Northwind IT Portal');
    expect(await accentOf(page)).toBe('rgb(15, 118, 110)');
    await screenshot(page, 'login-northwind', { doc: true });
    await page.context().close();
  });
});

describe("Northwind's walk-through", () => {
  it('its admin enables 2FA, Kim enrolls with the texted code and signs in with the next; the demo portal is untouched', async () => {
    await setSettings(browser, demo.northwind, true, false, 'admin@northwind.example');

    const kim = await fresh();
    await enrollViaUi(kim, demo, 'kim@contoso.example', '(202) 555-0161', '+12025550161', demo.northwind);
    // Northwind's SMS names Northwind and offers the code on Northwind's host only.
    const text = await demo.lastSms('+12025550161');
    expect(text).toMatch(/^Your Northwind IT Portal verification code is \d{6}\./);
    expect(text).toMatch(/\n\n@northwind\.localhost #\d{6}$/);
    await signInWithCode(kim, demo.northwind, 'kim@contoso.example', '+12025550161');
    await kim.getByText('Kim Contoso · kim@contoso.example').waitFor();
    expect(await kim.locator('header.bar .brand').textContent()).toBe('Northwind IT Portal');
    await kim.context().close();

    // The demo portal's 2FA is still off: its contacts sign in with the password alone.
    const lee = await fresh();
    await signIn(lee, demo, 'lee@acme.example');
    await lee.waitForURL('**/dashboard');
    await lee.context().close();
    const admin = await fresh();
    await signIn(admin, demo, 'admin@example.com');
    await admin.waitForURL('**/admin/configurations/client-users');
    const enable = admin.getByLabel('Enable Two Factor Authentication');
    await expect.poll(() => enable.isEnabled()).toBe(true);
    expect(await enable.isChecked()).toBe(false);
    await admin.context().close();
  });

  it('the same email is two accounts: in one browser, each portal signs in its own', async () => {
    const context = await browser.newContext();
    const northwind = await context.newPage();
    // Northwind's demo@example.com has 2FA (Northwind turned it on); the demo portal's has not.
    await enrollViaUi(northwind, demo, 'demo@example.com', '(202) 555-0162', '+12025550162', demo.northwind);
    await signInWithCode(northwind, demo.northwind, 'demo@example.com', '+12025550162');
    const home = await context.newPage();
    await signIn(home, demo, 'demo@example.com');
    await home.waitForURL('**/dashboard');

    const hello = (page: Page) => page.evaluate(async () => (await (await fetch('/api/dashboard')).json()).hello);
    expect(await hello(northwind)).toBe('Demo Contoso');
    expect(await hello(home)).toBe('Demo Owner');
    await context.close();
  });
});

describe('the platform operator', () => {
  it("renames Northwind; a bad value is refused with its reason; Northwind's login page shows the new name", async () => {
    const page = await fresh();
    await signIn(page, demo, 'ops@platform.example', PASSWORD);
    await page.waitForURL('**/ops');
    const northwind = page.locator('section[data-portal-id="northwind"]');
    await northwind.getByLabel('Accent colour').fill('not a colour');
    await northwind.getByRole('button', { name: 'Save northwind' }).click();
    await northwind.getByRole('alert').filter({ hasText: /^accent: a CSS color/ }).waitFor();

    await northwind.getByLabel('Accent colour').fill('#0f766e');
    await northwind.getByLabel('Portal name').fill('Northwind Cloud Portal');
    await northwind.getByRole('button', { name: 'Save northwind' }).click();
    await northwind.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await northwind.getByRole('heading').textContent()).toContain('Northwind Cloud Portal');
    // Both portals in one picture.
    await page.setViewportSize({ width: 1280, height: 1480 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'operator-portals', { doc: true });
    await page.context().close();

    const login = await fresh();
    await login.goto(`${demo.northwindUrl}/`);
    await login.locator('cb-login img[alt="Northwind Cloud Portal"]').waitFor();
    expect(await login.title()).toBe('Sign in · Northwind Cloud Portal');
    await login.goto(`${demo.url}/`);
    await expect.poll(() => login.locator('cb-login [part="portal-name"]').textContent()).toBe('Demo Portal');
    await login.context().close();
  });
});
