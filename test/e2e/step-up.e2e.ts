/**
 * Step-up in a real browser: the demo's AutoPay change is a host route behind
 * `tf.requireSecondFactor()`. Past the second factor's age (shortened to 5 s here), the change
 * answers 403 `step_up_required`, the page opens `<cb-step-up>`, the contact types the texted code
 * and the change goes through; right after, it needs none. Cancelling changes nothing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, enrollAndReachCode, launchBrowser, screenshot, setSettings, startDemo } from './support.js';

const MAX_AGE_SECONDS = 5;
const PHONE = '+12025550143';

let demo: Demo;
let browser: Browser;
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({}, { DEMO_STEP_UP_SECONDS: String(MAX_AGE_SECONDS) }), launchBrowser()]);
  await setSettings(browser, demo, true, false);
});
afterAll(async () => {
  await browser?.close();
  demo?.stop();
});

describe('step-up on the AutoPay page', () => {
  it('asks for a fresh code once the login code is older than the route allows, and then changes AutoPay', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The code of this login, once it has been sent (not the enrollment's).
    await enrollAndReachCode(page, demo, 'demo@example.com', '(202) 555-0143', PHONE);
    await page.getByLabel('Enter SMS Code').fill(await demo.code(PHONE));
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');
    const sent = await demo.outboxCount(PHONE);

    await page.goto(`${demo.url}/autopay`);
    await page.getByText('AutoPay is').waitFor();
    await page.waitForTimeout((MAX_AGE_SECONDS + 1) * 1000);

    // Cancelled: nothing changes.
    await page.getByRole('button', { name: 'Turn AutoPay on' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.waitFor();
    await expect.poll(() => demo.outboxCount(PHONE)).toBe(sent + 1);
    await screenshot(page, 'step-up', { doc: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('AutoPay was not changed.').waitFor();
    expect(await page.locator('#autopay-state').textContent()).toBe('Off');

    // The code sent for the cancelled dialog still works in the next one (its resend waits).
    await page.getByRole('button', { name: 'Turn AutoPay on' }).click();
    await dialog.waitFor();
    // The code form is the element's light DOM, shown in the dialog through its slot.
    await page.getByLabel('Enter SMS Code').fill(await demo.code(PHONE));
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.getByText('AutoPay is now on.').waitFor();
    expect(await page.locator('#autopay-state').textContent()).toBe('On');
    expect(await dialog.isVisible()).toBe(false);

    // Right after a step-up the change needs none.
    await page.getByRole('button', { name: 'Turn AutoPay off' }).click();
    await page.getByText('AutoPay is now off.').waitFor();
    expect(await demo.outboxCount(PHONE)).toBe(sent + 1);
    await screenshot(page, 'autopay');
    await context.close();
  });
});
