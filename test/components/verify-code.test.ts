import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/cb-verify-code.js';
import type { CbVerifyCode } from '../../components/verify-code/verify-code.js';
import { apiError, fakeServer, settle, user, type FakeServer } from './support/fake-server.js';
import { fakeClock, type FakeClock } from './support/fake-clock.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const input = (el: CbVerifyCode) => el.querySelector<HTMLInputElement>('input[name="code"]')!;
const submit = (el: CbVerifyCode) => el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!;
const resend = (el: CbVerifyCode) => el.querySelector<HTMLButtonElement>('[part~="resend-button"]')!;
const alertText = (el: CbVerifyCode) => text(el.querySelector('[role="alert"]')!);

function paste(target: HTMLInputElement, data: string) {
  const dt = new DataTransfer();
  dt.setData('text', data);
  target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
}

describe('cb-verify-code', () => {
  let server: FakeServer;
  let clock: FakeClock;
  beforeEach(() => {
    server = fakeServer();
    clock = fakeClock();
  });
  afterEach(() => {
    server.restore();
    clock.restore();
  });
  const inSeconds = (s: number) => new Date(clock.now() + s * 1000).toISOString();

  it('is accessible in verify mode, with the help open, and with an error', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443" resend-at=${inSeconds(11)}></cb-verify-code>`);
    await expect(el).to.be.accessible();
    el.querySelector<HTMLButtonElement>('[part~="help-toggle"]')!.click();
    await el.updateComplete;
    server.on('POST /verify', apiError(400, 'invalid_code', { attemptsLeft: 2 }));
    input(el).value = '000000';
    input(el).dispatchEvent(new Event('input'));
    submit(el).click();
    await settle(el);
    expect(alertText(el)).to.contain('2 attempts left');
    await expect(el).to.be.accessible();
  });

  it('is accessible in confirm mode', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code mode="confirm" masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await expect(el).to.be.accessible();
  });

  it('has default properties and reflects mode', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    expect(el.mode).to.equal('verify');
    expect(el.length).to.equal(6);
    expect(el.noWebOtp).to.equal(false);
    el.mode = 'confirm';
    await el.updateComplete;
    expect(el.getAttribute('mode')).to.equal('confirm');
  });

  it('shows the seed texts of the SMS code screen', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443" resend-at=${inSeconds(11)}></cb-verify-code>`);
    const all = text(el);
    expect(text(el.querySelector('label')!)).to.equal('Enter SMS Code');
    expect(text(submit(el))).to.equal('Enter');
    expect(text(resend(el))).to.equal('Resend (11s)');
    expect(all).to.contain('Message sent to:');
    expect(all).to.contain('xxx-xxx-9443');
    const help = el.querySelector<HTMLButtonElement>('[part~="help-toggle"]')!;
    expect(text(help)).to.equal('If the phone number is incorrect or needs to be updated');
    expect(help.getAttribute('aria-expanded')).to.equal('false');
    expect(el.querySelector<HTMLElement>('[part~="help"]')!.hidden).to.equal(true);
    help.click();
    await el.updateComplete;
    expect(help.getAttribute('aria-expanded')).to.equal('true');
    const helpText = el.querySelector<HTMLElement>('[part~="help"]')!;
    expect(helpText.hidden).to.equal(false);
    expect(text(helpText)).to.contain('administrator');
  });

  it('shows the seed texts of the confirmation screen in confirm mode', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code mode="confirm" masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    const all = text(el);
    expect(all).to.contain('An authentication code has been sent to:');
    expect(all).to.contain('xxx-xxx-0143');
    expect(all).to.contain('Please enter the code that was sent to your phone in the confirmation box below.');
    expect(text(el.querySelector('label')!)).to.equal('Verification Code');
    expect(text(submit(el))).to.equal('Verify Code');
    expect(el.querySelector('[part~="help-toggle"]')).to.equal(null);
  });

  it('renders one light-DOM input in a real form with the attributes autofill needs', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    const inputs = el.querySelectorAll('input');
    expect(inputs.length).to.equal(1);
    const i = input(el);
    expect(i.getRootNode()).to.equal(document);
    expect(i.form).to.equal(el.querySelector('form'));
    expect(i.type).to.equal('text');
    expect(i.autocomplete).to.equal('one-time-code');
    expect(i.inputMode).to.equal('numeric');
    expect(i.pattern).to.equal('\\d{6}');
    expect(i.maxLength).to.equal(6);
    expect(i.required).to.equal(true);
    expect(i.labels?.[0]?.textContent?.trim()).to.equal('Enter SMS Code');
    // The shadow root only frames the light DOM through a slot.
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    expect(el.shadowRoot!.querySelector('input')).to.equal(null);
  });

  it('accepts a pasted "123 456" and sends 123456 to /verify, then fires cb-authenticated', async () => {
    server.on('POST /verify', { body: { step: 'authenticated', user } });
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    paste(input(el), '123 456');
    expect(input(el).value).to.equal('123456');
    const ev = oneEvent(el, 'cb-authenticated');
    submit(el).click();
    const e = await ev;
    expect(e.detail.user.email).to.equal('demo@example.com');
    expect(e.bubbles && e.composed).to.equal(true);
    const req = server.last('POST /verify')!;
    expect(req.body).to.deep.equal({ code: '123456' });
    expect(req.headers['content-type']).to.equal('application/json');
    expect(req.credentials).to.equal('same-origin');
  });

  it('accepts a pasted "123456" and drops non-digits while typing', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    paste(input(el), '123456');
    expect(input(el).value).to.equal('123456');
    input(el).value = '12a 3';
    input(el).dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(input(el).value).to.equal('123');
  });

  it('works with the keyboard only: type the code, press Enter', async () => {
    server.on('POST /verify', { body: { step: 'authenticated', user } });
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    el.focus();
    expect(document.activeElement).to.equal(input(el));
    const ev = oneEvent(el, 'cb-authenticated');
    await sendKeys({ type: '654321' });
    await sendKeys({ press: 'Enter' });
    await ev;
    expect(server.last('POST /verify')!.body).to.deep.equal({ code: '654321' });
  });

  it('refuses an incomplete code without calling the server', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    input(el).value = '123';
    input(el).dispatchEvent(new InputEvent('input'));
    submit(el).click();
    await settle(el);
    expect(alertText(el)).to.equal('Please enter the 6-digit code.');
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(input(el));
    expect(server.requests).to.have.length(0);
  });

  it('shows a wrong code with the attempts left, localized, and fires cb-error', async () => {
    server.on('POST /verify', apiError(400, 'invalid_code', { attemptsLeft: 3 }));
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    paste(input(el), '111111');
    const ev = oneEvent(el, 'cb-error');
    submit(el).click();
    const e = await ev;
    await settle(el);
    expect(e.detail).to.deep.include({ code: 'invalid_code', status: 400, attemptsLeft: 3 });
    expect(alertText(el)).to.equal('That code is not correct. 3 attempts left.');
    expect(text(el)).not.to.contain('English message');
    // The typed code stays so a typo can be fixed; focus is back on the input.
    expect(input(el).value).to.equal('111111');
    expect(document.activeElement).to.equal(input(el));
  });

  it('says when the provider reported the SMS as undelivered', async () => {
    server.on('POST /verify', apiError(400, 'invalid_code', { attemptsLeft: 4, delivery: 'undelivered' }));
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    paste(input(el), '111111');
    submit(el).click();
    await settle(el);
    expect(alertText(el)).to.contain('4 attempts left.');
    expect(alertText(el)).to.contain('The text message could not be sent.');
  });

  it('clears an expired code', async () => {
    server.on('POST /verify', apiError(400, 'code_expired'));
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    paste(input(el), '111111');
    submit(el).click();
    await settle(el);
    expect(alertText(el)).to.equal('That code has expired. Use Resend to get a new one.');
    expect(input(el).value).to.equal('');
  });

  it('shows a lockout as a wait and enables the form again when it ends', async () => {
    server.on('POST /verify', apiError(429, 'rate_limited', { retryAfter: 90 }));
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    paste(input(el), '111111');
    submit(el).click();
    await settle(el);
    expect(alertText(el)).to.equal('Too many attempts. Please wait 1:30 and try again.');
    expect(submit(el).disabled).to.equal(true);
    expect(text(el.querySelector('[part~="wait"]')!)).to.equal('1:30');
    clock.tick(30_000);
    await el.updateComplete;
    expect(text(el.querySelector('[part~="wait"]')!)).to.equal('1:00');
    clock.tick(60_000);
    await el.updateComplete;
    await el.updateComplete;
    expect(submit(el).disabled).to.equal(false);
    expect(alertText(el)).to.equal('');
  });

  it('counts down "Resend (Ns)" and resends when it reaches zero', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443" resend-at=${inSeconds(11)}></cb-verify-code>`);
    expect(text(resend(el))).to.equal('Resend (11s)');
    expect(resend(el).disabled).to.equal(true);
    clock.tick(1000);
    await el.updateComplete;
    expect(text(resend(el))).to.equal('Resend (10s)');
    clock.tick(10_000);
    await el.updateComplete;
    expect(text(resend(el))).to.equal('Resend');
    expect(resend(el).disabled).to.equal(false);

    server.on('POST /resend', { body: { maskedPhone: 'xxx-xxx-9443', resendAt: inSeconds(30) } });
    const ev = oneEvent(el, 'cb-code-sent');
    resend(el).click();
    expect((await ev).detail.maskedPhone).to.equal('xxx-xxx-9443');
    await settle(el);
    expect(server.last('POST /resend')!.body).to.deep.equal({});
    expect(server.last('POST /resend')!.headers['content-type']).to.equal('application/json');
    expect(text(resend(el))).to.equal('Resend (30s)');
    expect(text(el.querySelector('[role="status"]')!)).to.equal('A new code has been sent.');
  });

  it('confirms an enrollment in confirm mode and fires cb-enrolled', async () => {
    server.on('POST /enroll/confirm', { body: { step: 'login' } });
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code mode="confirm" masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    paste(input(el), '222333');
    const ev = oneEvent(el, 'cb-enrolled');
    submit(el).click();
    expect((await ev).detail.maskedPhone).to.equal('xxx-xxx-0143');
    expect(server.last('POST /enroll/confirm')!.body).to.deep.equal({ code: '222333' });
  });

  it('uses WebOTP where the browser has it, and aborts it when the element leaves', async () => {
    const w = window as unknown as Record<string, unknown>;
    const had = 'OTPCredential' in window;
    const originalGet = navigator.credentials.get;
    const signals: AbortSignal[] = [];
    let deliver: (v: unknown) => void = () => undefined;
    if (!had) w.OTPCredential = function OTPCredential() {};
    navigator.credentials.get = ((opts: CredentialRequestOptions & { otp?: unknown }) => {
      expect(opts.otp).to.deep.equal({ transport: ['sms'] });
      signals.push(opts.signal!);
      return new Promise<unknown>((resolve) => (deliver = resolve));
    }) as typeof navigator.credentials.get;
    try {
      server.on('POST /verify', { body: { step: 'authenticated', user } });
      const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
      expect(signals).to.have.length(1);
      const ev = oneEvent(el, 'cb-authenticated');
      deliver({ code: '987654' });
      await ev;
      expect(server.last('POST /verify')!.body).to.deep.equal({ code: '987654' });

      const other = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
      expect(signals).to.have.length(2);
      other.remove();
      expect(signals[1]!.aborted).to.equal(true);

      const off = await fixture<CbVerifyCode>(html`<cb-verify-code no-web-otp></cb-verify-code>`);
      expect(off).to.exist;
      expect(signals).to.have.length(2);
    } finally {
      navigator.credentials.get = originalGet;
      if (!had) delete w.OTPCredential;
    }
  });

  it('takes strings from the element, and Spanish from lang', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code .strings=${{ verifySubmit: 'Continue' }}></cb-verify-code>`);
    expect(text(submit(el))).to.equal('Continue');
    el.lang = 'es';
    el.strings = undefined;
    await el.updateComplete;
    expect(text(submit(el))).to.equal('Entrar');
    expect(text(el.querySelector('label')!)).to.equal('Ingrese el código SMS');
  });
});
