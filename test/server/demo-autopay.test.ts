/**
 * The demo's AutoPay change, a host route behind `tf.requireSecondFactor()`: the page's calls as a
 * browser makes them, with the harness's clock. A fresh login's code lets the change through; ten
 * minutes later it needs a step-up; a password-only contact cannot change it; another site cannot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atVerify, createHarness, setSettings, type Browser, type Harness } from '../support/harness.js';

const change = (b: Browser, enabled: boolean, headers: Record<string, string> = {}) => b.request('POST', '/api/autopay', { enabled }, headers);

describe('the demo AutoPay change', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    await setSettings(h, true, true);
  });
  afterEach(async () => h.close());

  it('goes through within ten minutes of the login code, then asks for a step-up, then goes through again', async () => {
    const b = await atVerify(h);
    await b.post('/verify', { code: b.code() });
    expect((await b.request('GET', '/autopay')).status).toBe(200);
    expect((await change(b, true)).body).toMatchObject({ enabled: true, card: 'Visa ending 4242' });

    h.clock.advance(601);
    const refused = await change(b, false);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'step_up_required']);
    await b.post('/step-up');
    expect((await b.post('/step-up/verify', { code: b.code() })).status).toBe(200);
    expect((await change(b, false)).body).toMatchObject({ enabled: false });
  });

  it('is refused to a contact without a phone (step_up_unavailable), to nobody signed in (401), and across sites', async () => {
    const skipper = h.browser();
    await skipper.login('demo@example.com');
    await skipper.post('/enroll/skip');
    const unavailable = await change(skipper, true);
    expect([unavailable.status, unavailable.body.error.code]).toEqual([403, 'step_up_unavailable']);
    expect((await change(h.browser(), true)).status).toBe(401);
    expect((await h.browser().request('GET', '/autopay')).status).toBe(302);

    const b = await atVerify(h, 'pat@example.com', '+12025550144');
    await b.post('/verify', { code: b.code('+12025550144') });
    const crossSite = await change(b, true, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const bad = await b.request('POST', '/api/autopay', { enabled: 'yes' });
    expect(bad.status).toBe(400);
    // Nothing changed: the page still shows AutoPay off.
    expect((await b.request('GET', '/autopay')).body).toContain('id="autopay-state">Off<');
  });
});
