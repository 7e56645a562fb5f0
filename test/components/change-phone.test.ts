import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/define/cb-change-phone.js';
import type { CbChangePhone } from '../../components/change-phone/change-phone.js';
import type { CbStepUp } from '../../components/step-up/step-up.js';
import { changePhoneStrings } from '../../components/change-phone/change-phone.strings.js';
import { apiError, face, fakeServer, settle, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => el.querySelector<HTMLElement>(`[part~="${name}"]`);
const sent = { step: 'confirm', maskedPhone: 'xxx-xxx-0188', resendAt: '2025-01-01T12:00:30.000Z' };

async function type(el: CbChangePhone, name: string, value: string) {
  const input = el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

async function submit(el: CbChangePhone) {
  part(el, 'submit-button')!.click();
  await settle(el);
}

describe('<cb-change-phone>', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => {
    server.restore();
    document.documentElement.setAttribute('lang', 'en');
  });

  it('with the policy off shows the seed\'s way (ask an administrator to reset) and no form', async () => {
    server.on('GET /portal', { body: face({ selfServicePhoneChange: false }) });
    const el = await fixture<CbChangePhone>(html`<cb-change-phone></cb-change-phone>`);
    await waitUntil(() => part(el, 'help'), 'no help');
    expect(text(part(el, 'intro')!)).to.equal('If the phone number is incorrect or needs to be updated');
    expect(text(part(el, 'help')!)).to.contain('Ask an administrator');
    expect(el.querySelector('input')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sends the new number as E.164, confirms the code sent to it, and says the phone was changed', async () => {
    server.on('GET /portal', { body: face({ selfServicePhoneChange: true }) });
    server.on('POST /phone', { body: sent });
    server.on('POST /phone/confirm', { body: { maskedPhone: 'xxx-xxx-0188' } });
    const el = await fixture<CbChangePhone>(html`<cb-change-phone></cb-change-phone>`);
    await waitUntil(() => el.querySelector('input[name="phone"]'));
    await settle(el);
    expect(text(part(el, 'title')!)).to.equal('Change my phone');
    await expect(el).to.be.accessible();
    await type(el, 'phone', '(202) 555-0188');
    await submit(el);
    // The number is checked with the lazily loaded phone metadata: on a busy machine, more than a second.
    await waitUntil(() => el.querySelector('input[name="code"]'), 'no code step', { timeout: 10_000 });
    expect(server.last('POST /phone')!.body).to.deep.equal({ phone: '+12025550188' });
    expect(text(part(el, 'intro')!)).to.equal('An authentication code has been sent to xxx-xxx-0188. Enter it to confirm your new number.');
    const code = el.querySelector<HTMLInputElement>('input[name="code"]')!;
    expect([code.autocomplete, code.inputMode]).to.deep.equal(['one-time-code', 'numeric']);
    expect(document.activeElement).to.equal(code);
    await expect(el).to.be.accessible();

    // "Resend code" posts the number again.
    part(el, 'resend-button')!.click();
    await settle(el);
    expect(server.requests.filter((r) => r.path === '/phone')).to.have.length(2);

    await type(el, 'code', '123456');
    const changed = oneEvent(el, 'cb-phone-changed');
    await submit(el);
    expect((await changed).detail).to.deep.equal({ maskedPhone: 'xxx-xxx-0188' });
    expect(server.last('POST /phone/confirm')!.body).to.deep.equal({ code: '123456' });
    await waitUntil(() => part(el, 'done'));
    expect(text(part(el, 'done')!)).to.equal('Your phone number was changed to xxx-xxx-0188');
    expect(part(el, 'done')!.getAttribute('role')).to.equal('status');
    expect(document.activeElement).to.equal(part(el, 'done'));
  });

  it('an invalid number is refused before sending; a wrong code is said, with focus back on the code', async () => {
    server.on('GET /portal', { body: face({ selfServicePhoneChange: true }) });
    server.on('POST /phone', { body: sent });
    server.on('POST /phone/confirm', apiError(400, 'invalid_code', { attemptsLeft: 4 }));
    const el = await fixture<CbChangePhone>(html`<cb-change-phone></cb-change-phone>`);
    await waitUntil(() => el.querySelector('input[name="phone"]'));
    await type(el, 'phone', '12');
    await submit(el);
    await waitUntil(() => text(part(el, 'error')!) !== '', 'no error for an invalid number', { timeout: 10_000 });
    expect(el.querySelector('input[name="phone"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(server.requests.filter((r) => r.path === '/phone')).to.have.length(0);
    await type(el, 'phone', '2025550188');
    await submit(el);
    await waitUntil(() => el.querySelector('input[name="code"]'), 'no code step', { timeout: 10_000 });
    await type(el, 'code', '000000');
    await submit(el);
    await waitUntil(() => text(part(el, 'error')!) !== '');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(document.activeElement).to.equal(el.querySelector('input[name="code"]'));
    // "Use another number" goes back to the number.
    part(el, 'back-button')!.click();
    await settle(el);
    expect(el.querySelector('input[name="phone"]')).to.not.equal(null);
  });

  it('on step_up_required opens the page\'s <cb-step-up> and sends the number again once the code is right', async () => {
    let calls = 0;
    server.on('GET /portal', { body: face({ selfServicePhoneChange: true }) });
    server.on('POST /phone', () => {
      calls++;
      const body = calls === 1 ? { error: { code: 'step_up_required', message: 'x', maxAgeSeconds: 600 } } : sent;
      return new Response(JSON.stringify(body), { status: calls === 1 ? 403 : 200, headers: { 'content-type': 'application/json' } });
    });
    server.on('POST /step-up', { body: { maskedPhone: 'xxx-xxx-0143', resendAt: '2025-01-01T12:00:30.000Z' } });
    server.on('POST /step-up/verify', { body: { verifiedAt: '2025-01-01T12:00:10.000Z' } });
    const page = await fixture<HTMLDivElement>(html`<div><cb-step-up></cb-step-up><cb-change-phone></cb-change-phone></div>`);
    const el = page.querySelector<CbChangePhone>('cb-change-phone')!;
    const stepUp = page.querySelector<CbStepUp>('cb-step-up')!;
    await waitUntil(() => el.querySelector('input[name="phone"]'));
    await type(el, 'phone', '+12025550188');
    part(el, 'submit-button')!.click();
    await waitUntil(() => stepUp.shadowRoot?.querySelector('dialog')?.open, 'the step-up did not open');
    await settle(stepUp);
    const code = stepUp.querySelector<HTMLInputElement>('input[name="code"]')!;
    code.value = '123456';
    code.dispatchEvent(new InputEvent('input'));
    await stepUp.updateComplete;
    stepUp.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await waitUntil(() => el.querySelector('input[name="code"]'), 'no code step after the step-up', { timeout: 10_000 });
    expect(calls).to.equal(2);
  });

  it('speaks es, fr and de', async () => {
    server.on('GET /portal', { body: face({ selfServicePhoneChange: true }) });
    for (const lang of ['es', 'fr', 'de'] as const) {
      const el = await fixture<CbChangePhone>(html`<cb-change-phone lang=${lang}></cb-change-phone>`);
      await waitUntil(() => part(el, 'title'));
      await settle(el);
      expect(text(part(el, 'title')!), lang).to.equal(changePhoneStrings[lang].changePhoneTitle);
      for (const [key, value] of Object.entries(changePhoneStrings[lang])) {
        const english = (changePhoneStrings.en as unknown as Record<string, unknown>)[key];
        expect(typeof value, `${lang} ${key}`).to.equal(typeof english);
        if (typeof value === 'string' && key !== 'changePhoneCodeLabel') expect(value, `${lang} ${key}`).to.not.equal(english);
      }
    }
  });
});
