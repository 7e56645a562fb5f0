/**
 * "Call me instead" in a real browser: the demo portal's Master Admin offers calls (the settings
 * page's "Offer "Call me instead"", in <cb-2fa-settings>), an enrolled contact at the verify step
 * presses "Call me instead" once Resend's countdown is over, the dev outbox page lists the call,
 * and the code the call reads out signs in.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFromTwiml } from '../../server/providers/voice.js';
import { enrollViaUi, launchBrowser, screenshot, setPolicies, setSettings, signIn, startDemo, type Demo } from './support.js';

const PHONE = '+12025550143';

let demo: Demo;
let browser: Browser;
beforeAll(async () => {
  // A short countdown, so the test need not wait the default 30 s before the call is offered.
  [demo, browser] = await Promise.all([startDemo({ resendCooldownSeconds: 3 }), launchBrowser()]);
  await setSettings(browser, demo, true, false);
  await setPolicies(browser, demo, { voiceFallback: true });
});
afterAll(async () => {
  await browser?.close();
  demo?.stop();
});

const outbox = async () => (await (await fetch(`${demo.url}/dev/sms-outbox`)).json()) as Array<{ channel: string; to: string; body: string }>;

describe('call me instead', () => {
  it('the admin offers calls, the contact has the code read out at the verify step, and that code signs in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await enrollViaUi(page, demo, 'demo@example.com', '(202) 555-0143', PHONE);

    await signIn(page, demo, 'demo@example.com');
    await page.getByLabel('Enter SMS Code').waitFor();
    const call = page.getByRole('button', { name: 'Call me instead' });
    await call.waitFor();
    // Offered under Resend's countdown: disabled until it ends.
    expect(await call.isDisabled()).toBe(true);
    await expect.poll(() => call.isEnabled(), { timeout: 10_000 }).toBe(true);
    await call.click();
    await page.getByRole('status').getByText('Calling xxx-xxx-0143…').waitFor();
    await screenshot(page, 'voice-fallback', { doc: true });

    const placed = (await outbox()).filter((m) => m.channel === 'voice' && m.to === PHONE);
    expect(placed).toHaveLength(1);
    const code = codeFromTwiml(placed[0]!.body)!;
    expect(code).toMatch(/^\d{6}$/);

    const dev = await context.newPage();
    await dev.goto(`${demo.url}/dev/outbox`);
    await dev.getByText('(voice call)').first().waitFor();
    await dev.getByText(`Your Demo Portal code is ${[...code].join(', ')}.`).first().waitFor();

    await page.getByLabel('Enter SMS Code').fill(code);
    await page.getByRole('button', { name: 'Enter', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await context.close();
  });
});
