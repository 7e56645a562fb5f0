import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/define/cb-verify-code.js';
import '../../components/define/cb-step-up.js';
import type { CbVerifyCode } from '../../components/verify-code/verify-code.js';
import type { CbStepUp } from '../../components/step-up/step-up.js';
import { apiError, face, fakeServer, settle, type FakeServer } from './support/fake-server.js';
import { fakeClock, type FakeClock } from './support/fake-clock.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const call = (el: Element) => el.querySelector<HTMLButtonElement>('[part~="call-button"]');
const status = (el: Element) => text(el.querySelector('[role="status"]')!);

describe('"Call me instead" in <cb-verify-code>', () => {
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

  it('is offered only when the portal offers calls, on the verify and confirm steps, never on a step-up', async () => {
    const off = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await settle(off);
    expect(call(off)).to.equal(null);
    server.restore();
    server = fakeServer();
    server.on('GET /portal', { body: face({ voiceFallback: true }) });
    const on = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await waitUntil(() => call(on), 'no call button');
    expect(text(call(on)!)).to.equal('Call me instead');
    const confirm = await fixture<CbVerifyCode>(html`<cb-verify-code mode="confirm" masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await waitUntil(() => call(confirm), 'no call button on the confirm step');
    const stepUp = await fixture<CbStepUp>(html`<cb-step-up></cb-step-up>`);
    await settle(stepUp);
    expect(call(stepUp)).to.equal(null);
  });

  it('waits for the countdown like Resend, then asks for a call and says "Calling xxx-xxx-9443…" in the live region', async () => {
    server.on('GET /portal', { body: face({ voiceFallback: true }) });
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443" resend-at=${inSeconds(5)}></cb-verify-code>`);
    await waitUntil(() => call(el));
    expect(call(el)!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    clock.tick(5_000);
    await settle(el);
    expect(call(el)!.disabled).to.equal(false);

    server.on('POST /resend', { body: { maskedPhone: 'xxx-xxx-9443', resendAt: inSeconds(30), channel: 'voice' } });
    call(el)!.click();
    await settle(el);
    expect(server.last('POST /resend')!.body).to.deep.equal({ channel: 'voice' });
    expect(status(el)).to.equal('Calling xxx-xxx-9443…');
    expect(el.querySelector('[role="status"]')!.getAttribute('role')).to.equal('status');
    // The new countdown holds both buttons.
    expect(call(el)!.disabled).to.equal(true);
    expect(el.querySelector<HTMLButtonElement>('[part~="resend-button"]')!.disabled).to.equal(true);
  });

  it('a refused call (too many calls today) holds both buttons for the wait and keeps the code entry', async () => {
    server.on('GET /portal', { body: face({ voiceFallback: true }) });
    server.on('POST /resend', apiError(429, 'rate_limited', { retryAfter: 600 }));
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await waitUntil(() => call(el));
    call(el)!.click();
    await settle(el);
    expect(call(el)!.disabled).to.equal(true);
    expect(text(el.querySelector<HTMLButtonElement>('[part~="resend-button"]')!)).to.equal('Resend (600s)');
    expect(el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.disabled).to.equal(false);
  });

  it('speaks the portal language', async () => {
    server.on('GET /portal', { body: face({ voiceFallback: true }) });
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code lang="fr" masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await waitUntil(() => call(el) && text(call(el)!) !== 'Call me instead', 'no French');
    expect(text(call(el)!)).to.equal('M’appeler plutôt');
  });
});
