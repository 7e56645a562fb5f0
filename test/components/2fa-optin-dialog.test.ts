import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/cb-2fa-optin-dialog.js';
import type { Cb2faOptinDialog } from '../../components/2fa-optin-dialog/2fa-optin-dialog.js';
import { apiError, fakeServer, settle, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: Cb2faOptinDialog, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const dialog = (el: Cb2faOptinDialog) => el.shadowRoot!.querySelector('dialog')!;

describe('cb-2fa-optin-dialog', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('is accessible when open', async () => {
    const el = await fixture<Cb2faOptinDialog>(html`<cb-2fa-optin-dialog open></cb-2fa-optin-dialog>`);
    await expect(el).to.be.accessible();
  });

  it('has default properties and reflects open', async () => {
    const el = await fixture<Cb2faOptinDialog>(html`<cb-2fa-optin-dialog></cb-2fa-optin-dialog>`);
    expect(el.open).to.equal(false);
    expect(dialog(el).open).to.equal(false);
    el.show();
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(true);
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).matches(':modal')).to.equal(true);
  });

  it('shows the seed texts', async () => {
    const el = await fixture<Cb2faOptinDialog>(html`<cb-2fa-optin-dialog open></cb-2fa-optin-dialog>`);
    expect(text(part(el, 'title'))).to.equal('Enable Two Factor Authentication with SMS');
    expect(text(part(el, 'intro'))).to.equal(
      'To further improve the security and privacy of your account, you can enroll in Two Factor Authentication SMS (2FA SMS).',
    );
    expect(text(part(el, 'body'))).to.contain('If you choose to enable 2FA SMS, you will be logged out and the enrollment process will take place the next time you login.');
    expect(text(part(el, 'cancel-button'))).to.equal('No Thanks');
    expect(text(part(el, 'confirm-button'))).to.equal('Enable 2FA SMS');
  });

  it('"No Thanks" closes without calling the server', async () => {
    const el = await fixture<Cb2faOptinDialog>(html`<cb-2fa-optin-dialog open></cb-2fa-optin-dialog>`);
    part(el, 'cancel-button').click();
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(dialog(el).open).to.equal(false);
    expect(server.requests).to.have.length(0);
  });

  it('Escape closes it (keyboard only)', async () => {
    const el = await fixture<Cb2faOptinDialog>(html`<cb-2fa-optin-dialog open></cb-2fa-optin-dialog>`);
    expect(el.shadowRoot!.activeElement).to.exist;
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(el.open).to.equal(false);
  });

  it('enabling calls /opt-in and fires cb-logged-out', async () => {
    server.on('POST /opt-in', { body: { step: 'login' } });
    const el = await fixture<Cb2faOptinDialog>(html`<cb-2fa-optin-dialog open></cb-2fa-optin-dialog>`);
    const ev = oneEvent(el, 'cb-logged-out');
    part(el, 'confirm-button').click();
    const e = await ev;
    expect(e.detail.reason).to.equal('opt-in');
    expect(e.composed).to.equal(true);
    const req = server.last('POST /opt-in')!;
    expect(req.body).to.deep.equal({});
    expect(req.headers['content-type']).to.equal('application/json');
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('shows a refusal in its alert and stays open', async () => {
    server.on('POST /opt-in', apiError(403, 'forbidden'));
    const el = await fixture<Cb2faOptinDialog>(html`<cb-2fa-optin-dialog open></cb-2fa-optin-dialog>`);
    part(el, 'confirm-button').click();
    await settle(el);
    expect(text(part(el, 'error'))).to.equal('You do not have permission to do this.');
    expect(el.open).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await fixture<Cb2faOptinDialog>(html`<cb-2fa-optin-dialog lang="es" open></cb-2fa-optin-dialog>`);
    expect(text(part(el, 'cancel-button'))).to.equal('No, gracias');
  });
});
