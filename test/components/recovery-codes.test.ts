import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/define/cb-verify-code.js';
import '../../components/define/cb-recovery-codes.js';
import type { CbVerifyCode } from '../../components/verify-code/verify-code.js';
import type { CbRecoveryCodes } from '../../components/recovery-codes/recovery-codes.js';
import type { CbStepUp } from '../../components/step-up/step-up.js';
import { apiError, face, fakeServer, settle, user, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-efgh${i}`);

describe('the verify step with a recovery code', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  const toggle = (el: CbVerifyCode) => el.querySelector<HTMLButtonElement>('[part~="recovery-toggle"]');
  const input = (el: CbVerifyCode) => el.querySelector<HTMLInputElement>('[part~="input"]')!;
  const type = async (el: CbVerifyCode, value: string) => {
    input(el).value = value;
    input(el).dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
  };

  it('is offered only when the portal offers recovery codes, and never on the confirm step', async () => {
    const off = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    await settle(off);
    expect(toggle(off)).to.equal(null);
    server.restore();
    server = fakeServer();
    server.on('GET /portal', { body: face({ recoveryCodes: true }) });
    const on = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    await waitUntil(() => toggle(on), 'no recovery link');
    expect(text(toggle(on)!)).to.equal('Use a recovery code');
    const confirm = await fixture<CbVerifyCode>(html`<cb-verify-code mode="confirm"></cb-verify-code>`);
    await settle(confirm);
    expect(toggle(confirm)).to.equal(null);
  });

  it('switches the input to a recovery code (text, autocomplete off), sends it with or without the dash, and signs in', async () => {
    server.on('GET /portal', { body: face({ recoveryCodes: true }) });
    server.on('POST /verify', { body: { step: 'authenticated', user } });
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    await waitUntil(() => toggle(el));
    toggle(el)!.click();
    await settle(el);
    expect(document.activeElement).to.equal(input(el));
    expect(text(el.querySelector('[part~="label"]')!)).to.equal('Recovery Code');
    expect([input(el).type, input(el).autocomplete, input(el).inputMode, input(el).name]).to.deep.equal(['text', 'off', 'text', 'recovery-code']);
    expect(input(el).hasAttribute('pattern')).to.equal(false);
    expect(text(toggle(el)!)).to.equal('Use the SMS code instead');
    await expect(el).to.be.accessible();

    // Malformed: said at once, nothing sent.
    await type(el, 'abc');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await settle(el);
    expect(text(el.querySelector('[role="alert"]')!)).to.equal('Please enter a recovery code such as abcde-12345-fghjk.');
    expect(server.requests.filter((r) => r.path === '/verify')).to.have.length(0);

    // Letters are kept (an SMS code would drop them), with or without the dash.
    await type(el, 'ABCDE12345FGHJK');
    expect(input(el).value).to.equal('ABCDE12345FGHJK');
    const signedIn = oneEvent(el, 'cb-authenticated');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    expect((await signedIn).detail.user).to.deep.equal(user);
    expect(server.last('POST /verify')!.body).to.deep.equal({ recoveryCode: 'ABCDE12345FGHJK' });
  });

  it('a wrong recovery code says so; back to the SMS code, the digits-only input returns', async () => {
    server.on('GET /portal', { body: face({ recoveryCodes: true }) });
    server.on('POST /verify', apiError(400, 'invalid_code'));
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    await waitUntil(() => toggle(el));
    toggle(el)!.click();
    await settle(el);
    await type(el, 'abcde-12345-fghjk');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await settle(el);
    expect(text(el.querySelector('[role="alert"]')!)).to.equal('That code is not correct.');
    expect(server.last('POST /verify')!.body).to.deep.equal({ recoveryCode: 'abcde-12345-fghjk' });
    toggle(el)!.click();
    await settle(el);
    expect([input(el).autocomplete, input(el).inputMode, input(el).value]).to.deep.equal(['one-time-code', 'numeric', '']);
  });
});

describe('cb-recovery-codes', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  const part = (el: CbRecoveryCodes, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  const shown = (el: CbRecoveryCodes) => [...el.shadowRoot!.querySelectorAll('[part~="code"]')].map(text);

  it('generates the codes and shows them once, with the warning; nothing before the button', async () => {
    server.on('POST /recovery-codes', { body: { codes } });
    const el = await fixture<CbRecoveryCodes>(html`<cb-recovery-codes></cb-recovery-codes>`);
    await expect(el).to.be.accessible();
    expect(shown(el)).to.deep.equal([]);
    expect(part(el, 'copy-button')).to.equal(null);
    expect(text(part(el, 'generate-button')!)).to.equal('Generate recovery codes');
    part(el, 'generate-button')!.click();
    await settle(el);
    expect(shown(el)).to.deep.equal(codes);
    expect(text(part(el, 'once')!)).to.contain('shown only once');
    expect(server.last('POST /recovery-codes')!.body).to.deep.equal({});
    await expect(el).to.be.accessible();
  });

  it('Copy puts the codes on the clipboard, Download makes a .txt file, Print prints them from a frame', async () => {
    server.on('POST /recovery-codes', { body: { codes } });
    const el = await fixture<CbRecoveryCodes>(html`<cb-recovery-codes></cb-recovery-codes>`);
    part(el, 'generate-button')!.click();
    await settle(el);

    let copied = '';
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void (copied = t) } });
    try {
      part(el, 'copy-button')!.click();
      await settle(el);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }
    expect(copied.split('\n').filter((l) => codes.includes(l))).to.deep.equal(codes);
    expect(text(part(el, 'status')!)).to.equal('The codes were copied.');

    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    let clicked: HTMLAnchorElement | null = null;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (b: Blob) => (blobs.push(b), 'blob:recovery');
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked = this;
    };
    try {
      part(el, 'download-button')!.click();
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(clicked!.download).to.equal('recovery-codes.txt');
    expect(blobs[0]!.type).to.contain('text/plain');
    expect((await blobs[0]!.text()).split('\n').filter((l) => codes.includes(l))).to.deep.equal(codes);

    part(el, 'print-button')!.click();
    const frame = document.body.querySelector<HTMLIFrameElement>('iframe[srcdoc]')!;
    expect(frame.srcdoc).to.contain(codes[9]);
    frame.remove();
  });

  it('on step_up_required opens the page\'s <cb-step-up> and asks again once the code is right', async () => {
    let calls = 0;
    server.on('POST /recovery-codes', () => {
      calls++;
      const body = calls === 1 ? { error: { code: 'step_up_required', message: 'x', maxAgeSeconds: 600 } } : { codes };
      return new Response(JSON.stringify(body), { status: calls === 1 ? 403 : 200, headers: { 'content-type': 'application/json' } });
    });
    server.on('POST /step-up', { body: { maskedPhone: 'xxx-xxx-0143', resendAt: '2025-01-01T12:00:30.000Z' } });
    server.on('POST /step-up/verify', { body: { verifiedAt: '2025-01-01T12:00:10.000Z' } });
    const page = await fixture<HTMLDivElement>(html`<div><cb-step-up></cb-step-up><cb-recovery-codes></cb-recovery-codes></div>`);
    const el = page.querySelector('cb-recovery-codes')!;
    const stepUp = page.querySelector<CbStepUp>('cb-step-up')!;
    part(el, 'generate-button')!.click();
    await waitUntil(() => stepUp.shadowRoot?.querySelector('dialog')?.open, 'the step-up did not open');
    await settle(stepUp);
    const code = stepUp.querySelector<HTMLInputElement>('input[name="code"]')!;
    code.value = '123456';
    code.dispatchEvent(new InputEvent('input'));
    await stepUp.updateComplete;
    stepUp.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await waitUntil(() => shown(el).length === 10, 'no codes after the step-up');
    expect(calls).to.equal(2);
  });

  it('a user without a phone is told so', async () => {
    server.on('POST /recovery-codes', apiError(403, 'step_up_unavailable'));
    const el = await fixture<CbRecoveryCodes>(html`<cb-recovery-codes></cb-recovery-codes>`);
    const failed = oneEvent(el, 'cb-error');
    part(el, 'generate-button')!.click();
    expect((await failed).detail.code).to.equal('step_up_unavailable');
    await settle(el);
    expect(text(part(el, 'error')!)).to.contain('needs a phone');
  });
});
