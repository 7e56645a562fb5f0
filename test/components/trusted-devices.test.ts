import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/define/cb-verify-code.js';
import '../../components/define/cb-trusted-devices.js';
import '../../components/define/cb-admin-reset.js';
import type { ContactDto } from '../../protocol/index.js';
import type { CbVerifyCode } from '../../components/verify-code/verify-code.js';
import type { CbTrustedDevices } from '../../components/trusted-devices/trusted-devices.js';
import type { CbAdminReset } from '../../components/admin-reset/admin-reset.js';
import { apiError, face, fakeServer, settle, user, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => (el.shadowRoot ?? el).querySelector<HTMLElement>(`[part~="${name}"]`);
const devices = [
  { label: 'Chrome on macOS', firstUsedAt: '2026-01-05T09:00:00.000Z', lastUsedAt: '2026-01-20T09:00:00.000Z', current: true },
  { label: 'Firefox on Windows', firstUsedAt: '2026-01-02T09:00:00.000Z', lastUsedAt: '2026-01-03T09:00:00.000Z', current: false },
];

describe('"Trust this device" on the verify step', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  const box = (el: Element) => el.querySelector<HTMLInputElement>('[part~="trust"] input[type=checkbox]');

  it('is offered for the portal\'s days only when it trusts devices, never on the confirm step, and is sent as trustDevice', async () => {
    const off = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    await settle(off);
    expect(box(off)).to.equal(null);
    server.restore();
    server = fakeServer();
    server.on('GET /portal', { body: face({ trustDeviceDays: 30 }) });
    server.on('POST /verify', { body: { step: 'authenticated', user } });
    const confirm = await fixture<CbVerifyCode>(html`<cb-verify-code mode="confirm"></cb-verify-code>`);
    await settle(confirm);
    expect(box(confirm)).to.equal(null);
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    await waitUntil(() => box(el), 'no trust checkbox');
    const label = el.querySelector('[part~="trust"]')!;
    expect(text(label)).to.equal('Trust this device for 30 days');
    expect(box(el)!.checked).to.equal(false);
    await expect(el).to.be.accessible();
    const input = el.querySelector<HTMLInputElement>('[part~="input"]')!;
    input.value = '123456';
    input.dispatchEvent(new InputEvent('input'));
    box(el)!.click();
    const signedIn = oneEvent(el, 'cb-authenticated');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await signedIn;
    expect(server.last('POST /verify')!.body).to.deep.equal({ code: '123456', trustDevice: true });
  });

  it('unticked, nothing more is sent', async () => {
    server.on('GET /portal', { body: face({ trustDeviceDays: 1 }) });
    server.on('POST /verify', { body: { step: 'authenticated', user } });
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code masked-phone="xxx-xxx-0143"></cb-verify-code>`);
    await waitUntil(() => box(el));
    expect(text(el.querySelector('[part~="trust"]')!)).to.equal('Trust this device for 1 day');
    const input = el.querySelector<HTMLInputElement>('[part~="input"]')!;
    input.value = '123456';
    input.dispatchEvent(new InputEvent('input'));
    const signedIn = oneEvent(el, 'cb-authenticated');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await signedIn;
    expect(server.last('POST /verify')!.body).to.deep.equal({ code: '123456' });
  });
});

describe('cb-trusted-devices', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('lists the devices with first and last use, marks this one, and forgets them all after a confirmation', async () => {
    server.on('GET /devices', { body: { devices } });
    server.on('POST /devices/forget', { body: { forgotten: 2 } });
    const el = await fixture<CbTrustedDevices>(html`<cb-trusted-devices></cb-trusted-devices>`);
    await waitUntil(() => part(el, 'list'), 'no list');
    const items = el.shadowRoot!.querySelectorAll('[part~="device"]');
    expect(items).to.have.length(2);
    expect(text(items[0]!)).to.contain('Chrome on macOS');
    expect(text(items[0]!)).to.contain('This device');
    expect(text(items[0]!)).to.match(/First used .*2026.* · last used .*2026/);
    expect(text(items[1]!)).not.to.contain('This device');
    await expect(el).to.be.accessible();

    part(el, 'forget-button')!.click();
    await settle(el);
    expect(text(part(el, 'confirm')!)).to.contain('Forget all trusted devices?');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'cancel-button'));
    // Cancel keeps them; nothing was sent.
    part(el, 'cancel-button')!.click();
    await settle(el);
    expect(server.requests.filter((r) => r.path === '/devices/forget')).to.have.length(0);
    part(el, 'forget-button')!.click();
    await settle(el);
    part(el, 'confirm-button')!.click();
    await waitUntil(() => part(el, 'none'), 'not forgotten');
    expect(text(part(el, 'status')!)).to.equal('2 devices were forgotten.');
    expect(text(part(el, 'none')!)).to.equal('No trusted devices.');
    expect((part(el, 'forget-button') as HTMLButtonElement).disabled).to.equal(true);
  });

  it('says why it failed', async () => {
    server.on('GET /devices', apiError(401, 'unauthorized'));
    const el = await fixture<CbTrustedDevices>(html`<cb-trusted-devices></cb-trusted-devices>`);
    await waitUntil(() => text(part(el, 'error')!) !== '', 'no error');
    expect(part(el, 'list')).to.equal(null);
  });
});

describe('cb-admin-reset and trusted devices', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  const contact = (trustedDevices: number): ContactDto => ({
    id: 'c1',
    name: 'Demo Owner',
    resetRequestedAt: null,
    organizationPolicy: 'inherit',
    email: 'demo@example.com',
    organizationId: 'org1',
    lastLoginAt: null,
    trustedDevices,
    twoFactor: { state: 'enrolled', maskedPhone: 'xxx-xxx-9443', enrolledAt: null, skippedAt: null, locked: false, recoveryCodesLeft: null },
  });

  it('shows the count and forgets them', async () => {
    server.on('POST /admin/contacts/c1/devices/forget', { body: { forgotten: 2 } });
    const none = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${contact(0)}></cb-admin-reset>`);
    expect(part(none, 'devices')).to.equal(null);
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${contact(2)}></cb-admin-reset>`);
    expect(text(part(el, 'devices')!)).to.equal('2 trusted devices');
    part(el, 'forget-devices-button')!.click();
    await waitUntil(() => !part(el, 'devices'), 'not forgotten');
    expect(server.last('POST /admin/contacts/c1/devices/forget')).to.not.equal(undefined);
    expect(text(part(el, 'status')!)).to.contain('trusted devices were forgotten');
  });
});
