import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/cb-2fa-settings.js';
import type { Cb2faSettings } from '../../components/2fa-settings/2fa-settings.js';
import type { SettingsDto } from '../../protocol/index.js';
import { apiError, fakeServer, settle, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = <T extends HTMLElement = HTMLElement>(el: Cb2faSettings, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const settings = (over: Partial<SettingsDto> = {}): SettingsDto => ({
  enabled: false,
  allowOptOut: false,
  generation: 0,
  updatedAt: null,
  canEdit: true,
  ...over,
});

async function mount(s: SettingsDto) {
  const el = await fixture<Cb2faSettings>(html`<cb-2fa-settings></cb-2fa-settings>`);
  await settle(el);
  return el;
}

describe('cb-2fa-settings', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('is accessible, editable and read-only', async () => {
    server.on('GET /admin/settings', { body: settings() });
    let el = await mount(settings());
    await expect(el).to.be.accessible();
    server.on('GET /admin/settings', { body: settings({ canEdit: false }) });
    el = await mount(settings());
    await expect(el).to.be.accessible();
  });

  it('shows the seed texts and the re-enrollment warning', async () => {
    server.on('GET /admin/settings', { body: settings() });
    const el = await mount(settings());
    expect(text(part(el, 'title')!)).to.equal('Two Factor Authentication');
    const all = text(el.shadowRoot!.querySelector('fieldset')!);
    expect(all).to.contain("This function allows you to further secure your client's account login via one-time use, SMS text messages.");
    expect(all).to.contain('ALL Organization logins will immediately be forced to enroll on their next login attempt.');
    expect(all).to.contain('"Opt-Out"');
    expect(text(part(el, 'warning')!)).to.contain('all previously configured organizations will need to follow the enrollment steps again');
    expect(part<HTMLInputElement>(el, 'enable')!.labels![0]!.textContent).to.equal('Enable Two Factor Authentication');
  });

  it('saves with the keyboard and fires cb-settings-changed', async () => {
    server
      .on('GET /admin/settings', { body: settings() })
      .on('PUT /admin/settings', { body: settings({ enabled: true, allowOptOut: true, generation: 1 }) });
    const el = await mount(settings());
    const save = part<HTMLButtonElement>(el, 'save-button')!;
    expect(save.disabled).to.equal(true);
    expect(part<HTMLInputElement>(el, 'opt-out')!.disabled).to.equal(true);
    el.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(part<HTMLInputElement>(el, 'opt-out')!.disabled).to.equal(false);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    const ev = oneEvent(el, 'cb-settings-changed');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const e = await ev;
    expect(e.detail.settings.generation).to.equal(1);
    const req = server.last('PUT /admin/settings')!;
    expect(req.body).to.deep.equal({ enabled: true, allowOptOut: true });
    expect(req.headers['content-type']).to.equal('application/json');
    await settle(el);
    expect(text(part(el, 'status')!)).to.equal('Your changes have been saved.');
  });

  it('is read-only with the reason for admins without Master Admin', async () => {
    server.on('GET /admin/settings', { body: settings({ enabled: true, canEdit: false }) });
    const el = await mount(settings());
    expect(part<HTMLInputElement>(el, 'enable')!.disabled).to.equal(true);
    expect(part<HTMLInputElement>(el, 'enable')!.checked).to.equal(true);
    expect(part<HTMLInputElement>(el, 'opt-out')!.disabled).to.equal(true);
    expect(part(el, 'save-button')).to.equal(null);
    expect(text(part(el, 'readonly')!)).to.contain('Master Admin');
  });

  it('shows a refused save', async () => {
    server.on('GET /admin/settings', { body: settings() }).on('PUT /admin/settings', apiError(403, 'forbidden'));
    const el = await mount(settings());
    part<HTMLInputElement>(el, 'enable')!.click();
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'save-button')!.click();
    await settle(el);
    expect(text(part(el, 'error')!)).to.equal('You do not have permission to do this.');
  });

  it('shows a failed load', async () => {
    server.on('GET /admin/settings', apiError(401, 'unauthorized'));
    const el = await mount(settings());
    expect(text(part(el, 'error')!)).to.equal('Your session has ended. Please sign in again.');
  });
});
