import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/define/cb-verify-code.js';
import '../../components/define/cb-step-up.js';
import '../../components/define/cb-admin-reset.js';
import type { CbVerifyCode } from '../../components/verify-code/verify-code.js';
import type { CbStepUp } from '../../components/step-up/step-up.js';
import type { CbAdminReset } from '../../components/admin-reset/admin-reset.js';
import type { ContactDto } from '../../protocol/index.js';
import { apiError, fakeServer, settle, type FakeServer } from './support/fake-server.js';

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const lost = (el: Element) => el.querySelector<HTMLButtonElement>('[part~="lost-phone-button"]');
const requested = (el: Element) => el.querySelector<HTMLElement>('[part~="reset-requested"]');
const openHelp = async (el: CbVerifyCode) => {
  el.querySelector<HTMLButtonElement>('[part~="help-toggle"]')!.click();
  await settle(el);
};
const AT = '2026-11-29T19:36:26.000Z';

describe('"I lost my phone" in <cb-verify-code>', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('sits in the help of the verify step only: not on the confirm step, not in a step-up', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await settle(el);
    const help = el.querySelector<HTMLElement>('[part~="help"]')!;
    expect(help.hidden).to.equal(true);
    await openHelp(el);
    expect(help.hidden).to.equal(false);
    expect(!!lost(el) && help.contains(lost(el))).to.equal(true);
    expect(text(lost(el))).to.equal('I lost my phone: ask for a reset');
    await expect(el).to.be.accessible();

    const confirm = await fixture<CbVerifyCode>(html`<cb-verify-code mode="confirm" masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await settle(confirm);
    expect(lost(confirm) === null).to.equal(true);
    const stepUp = await fixture<CbStepUp>(html`<cb-step-up></cb-step-up>`);
    await settle(stepUp);
    expect(lost(stepUp) === null).to.equal(true);
  });

  it('asks once, says when in a focused message, and keeps the code entry', async () => {
    server.on('POST /reset-request', { body: { requestedAt: AT } });
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code lang="en" masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await settle(el);
    await openHelp(el);
    lost(el)!.click();
    await waitUntil(() => requested(el), 'no message');
    expect(server.requests.filter((r) => `${r.method} ${r.path}` === 'POST /reset-request').length).to.equal(1);
    expect(server.last('POST /reset-request')!.body).to.deep.equal({});
    const when = new Date(AT).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
    expect(text(requested(el))).to.equal(`Your request was sent to the administrators (${when}). Once they reset two factor authentication, you will enter your new number at your next sign in.`);
    expect(document.activeElement === requested(el)).to.equal(true);
    expect(lost(el) === null).to.equal(true);
    // Nothing else changed: the code can still be typed and sent.
    const input = el.querySelector<HTMLInputElement>('[part~="input"]')!;
    expect(input.disabled).to.equal(false);
    expect(el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('says a refusal (too many requests from this network) in the help, keeps the button and leaves the code entry unlocked', async () => {
    server.on('POST /reset-request', apiError(429, 'rate_limited', { retryAfter: 3600 }));
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await settle(el);
    await openHelp(el);
    lost(el)!.click();
    await settle(el);
    expect(text(el.querySelector('[part~="reset-error"]'))).to.equal('Too many attempts. Please wait 60:00 and try again.');
    expect(el.querySelector('[part~="reset-error"]')!.getAttribute('role')).to.equal('alert');
    expect(requested(el) === null).to.equal(true);
    expect(lost(el) === null).to.equal(false);
    // The code entry is not locked by it: the code that comes can still be sent.
    expect(el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.disabled).to.equal(false);
    expect(text(el.querySelector('[part~="error"]'))).to.equal('');
  });

  it('speaks the page language', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code lang="de" masked-phone="xxx-xxx-9443"></cb-verify-code>`);
    await waitUntil(() => text(lost(el)) && text(lost(el)) !== 'I lost my phone: ask for a reset', 'no German');
    expect(text(lost(el))).to.equal('Ich habe mein Telefon verloren: Zurücksetzen anfordern');
  });
});

describe('"Reset requested" in <cb-admin-reset>', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  const contact = (resetRequestedAt: string | null): ContactDto => ({
    id: 'c1',
    name: 'Demo Owner',
    email: 'demo@example.com',
    organizationId: 'org1',
    organizationPolicy: 'inherit',
    lastLoginAt: null,
    trustedDevices: 0,
    resetRequestedAt,
    twoFactor: { state: 'enrolled', maskedPhone: 'xxx-xxx-9443', enrolledAt: null, skippedAt: null, locked: false, recoveryCodesLeft: null },
  });
  const part = (el: CbAdminReset, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

  it('shows the open request with its time, and not once the reset has closed it', async () => {
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset lang="en" .contact=${contact(AT)}></cb-admin-reset>`);
    const when = new Date(AT).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
    expect(text(part(el, 'reset-requested'))).to.equal(`Reset requested (${when})`);
    await expect(el).to.be.accessible();

    server.on('POST /admin/contacts/c1/two-factor/reset', { body: { ...contact(null), twoFactor: { ...contact(null).twoFactor, state: 'none', maskedPhone: null } } });
    part(el, 'reset-button')!.click();
    await settle(el);
    part(el, 'confirm-button')!.click();
    await settle(el);
    expect(part(el, 'reset-requested') === null).to.equal(true);

    const none = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${contact(null)}></cb-admin-reset>`);
    expect(part(none, 'reset-requested') === null).to.equal(true);
  });
});
