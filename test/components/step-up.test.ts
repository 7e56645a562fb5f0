import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/cb-step-up.js';
import type { CbStepUp } from '../../components/step-up/step-up.js';
import { apiError, fakeServer, settle, type FakeServer } from './support/fake-server.js';
import { fakeClock, type FakeClock } from './support/fake-clock.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const dialog = (el: CbStepUp) => el.shadowRoot!.querySelector('dialog')!;
const part = (el: CbStepUp, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const input = (el: CbStepUp) => el.querySelector<HTMLInputElement>('input[name="code"]')!;
const submit = (el: CbStepUp) => el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!;
const resend = (el: CbStepUp) => el.querySelector<HTMLButtonElement>('[part~="resend-button"]')!;
const alertText = (el: CbStepUp) => text(el.querySelector('[role="alert"]')!);
const sent = { maskedPhone: 'xxx-xxx-0143', resendAt: '2025-01-01T12:00:30.000Z' };

async function type(el: CbStepUp, code: string) {
  input(el).focus();
  input(el).value = code;
  input(el).dispatchEvent(new InputEvent('input', { bubbles: true }));
  await settle(el);
}

describe('cb-step-up', () => {
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

  it('request() opens a modal dialog, sends a code, and resolves with verifiedAt when the code is right', async () => {
    server.on('POST /step-up', { body: sent });
    server.on('POST /step-up/verify', { body: { verifiedAt: '2025-01-01T12:00:10.000Z' } });
    const el = await fixture<CbStepUp>(html`<cb-step-up></cb-step-up>`);
    expect(dialog(el).open).to.equal(false);
    const done = el.request();
    await settle(el);
    expect(dialog(el).matches(':modal')).to.equal(true);
    expect(server.last('POST /step-up')!.body).to.deep.equal({});
    expect(text(part(el, 'title'))).to.equal('Confirm it is you');
    expect(text(el)).to.contain('xxx-xxx-0143');
    // The code input autofills from the SMS: in the light DOM, one-time-code.
    expect(input(el).autocomplete).to.equal('one-time-code');
    await expect(el).to.be.accessible();

    const event = oneEvent(el, 'cb-stepped-up');
    await type(el, '123456');
    submit(el).click();
    expect(await done).to.deep.equal({ verifiedAt: '2025-01-01T12:00:10.000Z' });
    expect((await event).detail.verifiedAt).to.equal('2025-01-01T12:00:10.000Z');
    expect(server.last('POST /step-up/verify')!.body).to.deep.equal({ code: '123456' });
    expect(dialog(el).open).to.equal(false);
  });

  it('a wrong code stays in the dialog with the attempts left; the right one then resolves', async () => {
    server.on('POST /step-up', { body: sent });
    server.on('POST /step-up/verify', apiError(400, 'invalid_code', { attemptsLeft: 4 }));
    const el = await fixture<CbStepUp>(html`<cb-step-up></cb-step-up>`);
    const done = el.request();
    await settle(el);
    await type(el, '000000');
    submit(el).click();
    await settle(el);
    expect(alertText(el)).to.equal('That code is not correct. 4 attempts left.');
    expect(dialog(el).open).to.equal(true);
    server.on('POST /step-up/verify', { body: { verifiedAt: '2025-01-01T12:00:20.000Z' } });
    await type(el, '123456');
    submit(el).click();
    expect((await done).verifiedAt).to.equal('2025-01-01T12:00:20.000Z');
  });

  it('Cancel, or Escape, closes the dialog and rejects as an AbortError', async () => {
    server.on('POST /step-up', { body: sent });
    const el = await fixture<CbStepUp>(html`<cb-step-up></cb-step-up>`);
    const first = el.request();
    await settle(el);
    part(el, 'cancel-button').click();
    const err = await first.then(() => null, (e: Error) => e);
    expect(err?.name).to.equal('AbortError');
    expect(dialog(el).open).to.equal(false);

    const second = el.request();
    await settle(el);
    input(el).focus();
    await sendKeys({ press: 'Escape' });
    const err2 = await second.then(() => null, (e: Error) => e);
    expect(err2?.name).to.equal('AbortError');
  });

  it('step_up_unavailable rejects with that error and does not stay open', async () => {
    server.on('POST /step-up', apiError(403, 'step_up_unavailable'));
    const el = await fixture<CbStepUp>(html`<cb-step-up></cb-step-up>`);
    const errorEvent = oneEvent(el, 'cb-error');
    const err = await el.request().then(() => null, (e: { code: string }) => e);
    expect(err?.code).to.equal('step_up_unavailable');
    expect((await errorEvent).detail.code).to.equal('step_up_unavailable');
    expect(dialog(el).open).to.equal(false);
  });

  it('a code sent moments ago (429 on send) keeps the dialog open for it, with the countdown on Resend', async () => {
    server.on('POST /step-up', apiError(429, 'rate_limited', { retryAfter: 20 }));
    const el = await fixture<CbStepUp>(html`<cb-step-up></cb-step-up>`);
    const pending = el.request().catch((e: Error) => e);
    await settle(el);
    expect(dialog(el).open).to.equal(true);
    expect(resend(el).disabled).to.equal(true);
    expect(text(resend(el))).to.contain('20');
    clock.tick(20_000);
    await settle(el);
    expect(resend(el).disabled).to.equal(false);
    server.on('POST /step-up', { body: sent });
    resend(el).click();
    await settle(el);
    expect(server.requests.filter((r) => r.path.endsWith('/step-up'))).to.have.length(2);
    el.cancel();
    expect(((await pending) as Error).name).to.equal('AbortError');
  });

  it('a second request() while open is the same promise', async () => {
    server.on('POST /step-up', { body: sent });
    const el = await fixture<CbStepUp>(html`<cb-step-up></cb-step-up>`);
    const a = el.request();
    const b = el.request();
    expect(a).to.equal(b);
    await settle(el);
    expect(server.requests.filter((r) => r.path.endsWith('/step-up'))).to.have.length(1);
    el.cancel();
    await a.catch(() => undefined);
  });

  it('speaks the page language (Spanish)', async () => {
    server.on('POST /step-up', { body: sent });
    const el = await fixture<CbStepUp>(html`<cb-step-up lang="es"></cb-step-up>`);
    const pending = el.request().catch((e: Error) => e);
    await settle(el);
    expect(text(part(el, 'title'))).to.equal('Confirme que es usted');
    el.cancel();
    await pending;
  });
});
