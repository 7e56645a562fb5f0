import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/cb-admin-reset.js';
import type { CbAdminReset } from '../../components/admin-reset/admin-reset.js';
import type { ContactDto } from '../../protocol/index.js';
import { apiError, fakeServer, settle, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: CbAdminReset, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

const contact = (state: ContactDto['twoFactor']['state'], extra: Partial<ContactDto['twoFactor']> = {}): ContactDto => ({
  id: 'c1',
  name: 'Demo Owner',
  organizationPolicy: 'inherit',
  resetRequestedAt: null,
  email: 'demo@example.com',
  organizationId: 'org1',
  lastLoginAt: null,
  trustedDevices: 0,
  twoFactor: {
    state,
    maskedPhone: state === 'enrolled' ? 'xxx-xxx-9443' : null,
    enrolledAt: null,
    skippedAt: null,
    locked: false,
    recoveryCodesLeft: null,
    ...extra,
  },
});

describe('cb-admin-reset', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('is accessible, and during the confirmation', async () => {
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${contact('enrolled')}></cb-admin-reset>`);
    await expect(el).to.be.accessible();
    part(el, 'reset-button')!.click();
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('has default properties', async () => {
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset></cb-admin-reset>`);
    expect(el.contact).to.equal(null);
    expect(el.contactId).to.equal('');
    expect((part(el, 'reset-button') as HTMLButtonElement).disabled).to.equal(true);
  });

  it("shows the organization's policy when it is required or exempt, and nothing for inherit", async () => {
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${{ ...contact('none'), organizationPolicy: 'required' }}></cb-admin-reset>`);
    expect(text(part(el, 'policy')!)).to.equal('Organization: 2FA required, no skipping');
    el.contact = { ...contact('none'), organizationPolicy: 'exempt' };
    await settle(el);
    expect(text(part(el, 'policy')!)).to.equal('Organization: exempt from 2FA');
    el.contact = contact('none');
    await settle(el);
    expect(String(part(el, 'policy'))).to.equal('null');
  });

  it('shows each two-factor state', async () => {
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${contact('enrolled')}></cb-admin-reset>`);
    expect(text(part(el, 'state')!)).to.equal('Two Factor Enrolled (xxx-xxx-9443)');
    el.contact = contact('skipped');
    await el.updateComplete;
    expect(text(part(el, 'state')!)).to.contain('Skipped');
    el.contact = contact('none', { locked: true });
    await el.updateComplete;
    expect(text(part(el, 'state')!)).to.contain('Not enrolled');
    expect(text(part(el, 'locked')!)).to.contain('locked');
  });

  it('loads the contact by id and organization', async () => {
    server.on('GET /admin/contacts?organizationId=org1', { body: { contacts: [contact('enrolled')] } });
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset contact-id="c1" organization-id="org1"></cb-admin-reset>`);
    await settle(el);
    expect(text(part(el, 'name')!)).to.equal('Demo Owner');
    expect(server.last()!.headers['content-type']).to.equal('application/json');
  });

  it('says so when the contact is not in the organization', async () => {
    server.on('GET /admin/contacts?organizationId=org1', { body: { contacts: [] } });
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset contact-id="zz" organization-id="org1"></cb-admin-reset>`);
    await settle(el);
    expect(text(part(el, 'error')!)).to.equal('Not found.');
  });

  it('resets after a confirmation, with the keyboard, and fires cb-two-factor-reset', async () => {
    server.on('POST /admin/contacts/c1/two-factor/reset', { body: contact('none') });
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${contact('enrolled')}></cb-admin-reset>`);
    expect(text(part(el, 'reset-button')!)).to.equal('Reset Two Factor');
    el.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(text(part(el, 'question')!)).to.contain('Demo Owner');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'confirm-button'));
    expect(server.requests).to.have.length(0);
    const ev = oneEvent(el, 'cb-two-factor-reset');
    await sendKeys({ press: 'Enter' });
    const e = await ev;
    expect(e.detail.contact.twoFactor.state).to.equal('none');
    expect(server.last()!.body).to.deep.equal({});
    await settle(el);
    expect(text(part(el, 'state')!)).to.contain('Not enrolled');
    expect(text(part(el, 'status')!)).to.equal('Two factor authentication was reset.');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'reset-button'));
  });

  it('cancel returns without calling the server', async () => {
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${contact('enrolled')}></cb-admin-reset>`);
    part(el, 'reset-button')!.click();
    await settle(el);
    part(el, 'cancel-button')!.click();
    await settle(el);
    expect(part(el, 'confirm-button')).to.equal(null);
    expect(server.requests).to.have.length(0);
  });

  it('shows a refusal', async () => {
    server.on('POST /admin/contacts/c1/two-factor/reset', apiError(403, 'forbidden'));
    const el = await fixture<CbAdminReset>(html`<cb-admin-reset .contact=${contact('enrolled')}></cb-admin-reset>`);
    part(el, 'reset-button')!.click();
    await settle(el);
    const err = oneEvent(el, 'cb-error');
    part(el, 'confirm-button')!.click();
    expect((await err).detail.code).to.equal('forbidden');
    await settle(el);
    expect(text(part(el, 'error')!)).to.equal('You do not have permission to do this.');
  });
});
