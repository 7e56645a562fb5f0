/**
 * The demo's pages work under their Content-Security-Policy: in Chromium, every page loads its
 * elements, styles and inline scripts with no policy violation, and cannot be framed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn, startDemo, type Demo } from './support.js';

let demo: Demo;
let browser: Browser;
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  demo?.stop();
});

/** A page that records every CSP violation and console error of the documents it loads. */
async function watched(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation(t: string): void }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${location.pathname}`);
    });
  });
  page.on('console', (message) => {
    // The browser's own favicon request finds none: the demo has no icon.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`error: ${err.message}`));
  return { page, problems };
}

/** What only runs when the page's inline style, module script and element bundle were allowed. */
async function rendered(page: Page) {
  return page.evaluate(() => ({
    inlineStyle: getComputedStyle(document.body).backgroundColor,
    elements: ['cb-login', 'cb-2fa-settings', 'cb-admin-reset'].filter((name) => customElements.get(name) !== undefined),
  }));
}

describe('under the Content-Security-Policy', () => {
  it('the sign-in and reset pages load their styles and elements', async () => {
    const { page, problems } = await watched();
    const res = await page.goto(`${demo.url}/`);
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByLabel('Enter Email').waitFor();
    expect(await rendered(page)).toEqual({ inlineStyle: 'rgb(243, 244, 246)', elements: ['cb-login', 'cb-2fa-settings', 'cb-admin-reset'] });
    await page.getByRole('link', { name: /reset/i }).click();
    await page.waitForURL('**/reset');
    expect((await rendered(page)).inlineStyle).toBe('rgb(243, 244, 246)');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("an admin's pages run their inline scripts: the menu, the contacts list, the outbox", async () => {
    const { page, problems } = await watched();
    await signIn(page, demo, 'admin@example.com');
    await page.waitForURL('**/admin/configurations/client-users');
    await page.getByLabel('Enable Two Factor Authentication').waitFor();
    // The menu script: the 3-bar button opens the menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Organizations', exact: true }).click();
    await page.getByRole('row', { name: /Demo Company/ }).getByRole('link', { name: 'Organization Details' }).click();
    // The contacts list is built by the page's inline script from a same-origin fetch.
    await page.locator('details.contact', { hasText: 'demo@example.com' }).waitFor();

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();

    await page.goto(`${demo.url}/dev/outbox`);
    await page.getByRole('heading', { name: 'Development SMS outbox' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("the operator's page runs its form script, and Northwind's login page loads its logo", async () => {
    const { page, problems } = await watched();
    await signIn(page, demo, 'ops@platform.example');
    await page.waitForURL('**/ops');
    const own = page.locator('section[data-portal-id="demo"]');
    await own.getByRole('button', { name: 'Save demo' }).click();
    await own.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.goto(`${demo.northwindUrl}/`);
    const logo = page.locator('cb-login img[alt="Northwind IT Portal"]');
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('no other site can frame a page', async () => {
    const { page } = await watched();
    // A document on another origin (the about:blank of a data URL) that frames the sign-in page.
    // The load event of the host page waits for its frame, refused or not.
    await page.setContent(`<iframe src="${demo.url}/" title="portal"></iframe>`, { waitUntil: 'load' });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // Chromium puts an error page in a refused frame: the portal's elements never load in it.
    const loaded = frame ? await frame.evaluate(() => customElements.get('cb-login') !== undefined).catch(() => false) : false;
    expect(loaded).toBe(false);
    await page.context().close();
  });
});
