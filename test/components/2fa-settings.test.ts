import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/cb-2fa-settings.js';
import type { Cb2faSettings } from '../../components/2fa-settings/2fa-settings.js';
import type { SettingsDto, SettingsPreviewDto } from '../../protocol/index.js';
import { apiError, fakeServer, settle, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = <T extends HTMLElement = HTMLElement>(el: Cb2faSettings, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const settings = (over: Partial<SettingsDto> = {}): SettingsDto => ({
  enabled: false,
  allowOptOut: false,
  generation: 0,
  updatedAt: null,
  enforceFrom: null,
  canEdit: true,
  recoveryCodes: false,
  voiceFallback: false,
  trustDeviceDays: 0,
  selfServicePhoneChange: false,
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
    expect(req.body).to.deep.equal({ enabled: true, allowOptOut: true, enforceFrom: null });
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

  describe('the ways back in (§10)', () => {
    it('shows each policy as stored, and saves only the ones changed', async () => {
      server
        .on('GET /admin/settings', { body: settings({ enabled: true, recoveryCodes: true, trustDeviceDays: 0 }) })
        .on('PUT /admin/settings', { body: settings({ enabled: true, recoveryCodes: true, voiceFallback: true, trustDeviceDays: 14 }) });
      const el = await mount(settings());
      expect(part<HTMLInputElement>(el, 'policy-recovery')!.checked).to.equal(true);
      expect(part<HTMLInputElement>(el, 'policy-voice')!.checked).to.equal(false);
      expect(part<HTMLInputElement>(el, 'policy-trust')!.checked).to.equal(false);
      expect(part<HTMLInputElement>(el, 'policy-trust-days')!.disabled, 'days without the trust').to.equal(true);
      expect(part<HTMLInputElement>(el, 'policy-voice')!.labels![0]!.textContent).to.equal('Offer "Call me instead"');
      await expect(el).to.be.accessible();

      part<HTMLInputElement>(el, 'policy-voice')!.click();
      part<HTMLInputElement>(el, 'policy-trust')!.click();
      await el.updateComplete;
      const days = part<HTMLInputElement>(el, 'policy-trust-days')!;
      expect(days.disabled).to.equal(false);
      expect(days.value, 'a month unless the admin says otherwise').to.equal('30');
      days.value = '14';
      days.dispatchEvent(new Event('change'));
      await el.updateComplete;
      part<HTMLButtonElement>(el, 'save-button')!.click();
      await settle(el);
      expect(server.last('PUT /admin/settings')!.body).to.deep.equal({ enabled: true, allowOptOut: false, enforceFrom: null, voiceFallback: true, trustDeviceDays: 14 });
      expect(part<HTMLInputElement>(el, 'policy-trust-days')!.value).to.equal('14');
      expect(part<HTMLButtonElement>(el, 'save-button')!.disabled, 'saved: nothing left to save').to.equal(true);
    });

    it('turns "Trust this device" off as 0 days, and ignores a number out of 1–90', async () => {
      server.on('GET /admin/settings', { body: settings({ trustDeviceDays: 30 }) }).on('PUT /admin/settings', { body: settings() });
      const el = await mount(settings());
      const days = part<HTMLInputElement>(el, 'policy-trust-days')!;
      days.value = '400';
      days.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(part<HTMLButtonElement>(el, 'save-button')!.disabled, 'nothing valid changed').to.equal(true);
      part<HTMLInputElement>(el, 'policy-trust')!.click();
      await el.updateComplete;
      part<HTMLButtonElement>(el, 'save-button')!.click();
      await settle(el);
      expect(server.last('PUT /admin/settings')!.body).to.deep.equal({ enabled: false, allowOptOut: false, enforceFrom: null, trustDeviceDays: 0 });
    });

    it('is read-only without Master Admin', async () => {
      server.on('GET /admin/settings', { body: settings({ canEdit: false, voiceFallback: true }) });
      const el = await mount(settings());
      for (const name of ['policy-voice', 'policy-trust', 'policy-trust-days', 'policy-recovery', 'policy-phone-change']) expect(part<HTMLInputElement>(el, name)!.disabled, name).to.equal(true);
      expect(part<HTMLInputElement>(el, 'policy-voice')!.checked).to.equal(true);
    });
  });

  describe('the safe switch: who would be asked, and a deadline', () => {
    const PREVIEW = 'GET /admin/settings/preview?enabled=true&allowOptOut=false&enforceFrom=';
    const thirtyEight: SettingsPreviewDto = {
      willEnroll: 38,
      byOrganization: [
        { id: 'org-a', name: 'Acme', willEnroll: 20 },
        { id: 'org-b', name: 'Contoso', willEnroll: 9 },
        { id: 'org-c', name: 'Fabrikam', willEnroll: 5 },
        { id: 'org-d', name: 'Northwind Traders', willEnroll: 2 },
        { id: 'org-e', name: 'Exempt Inc', willEnroll: 0 },
        { id: '', name: '', willEnroll: 2 },
      ],
      includesYou: false,
    };
    const preview = (el: Cb2faSettings) => text(part(el, 'preview')!);
    const enable = async (el: Cb2faSettings) => {
      part<HTMLInputElement>(el, 'enable')!.click();
      await settle(el);
    };
    const setDate = async (el: Cb2faSettings, value: string) => {
      const input = part<HTMLInputElement>(el, 'enforce-from')!;
      input.value = value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await settle(el);
    };

    it('shows, before Save, how many contacts in how many organizations will be asked to enroll', async () => {
      server.on('GET /admin/settings', { body: settings() }).on(PREVIEW, { body: thirtyEight });
      const el = await mount(settings());
      expect(preview(el)).to.equal('');
      await enable(el);
      expect(server.last(PREVIEW)).to.not.equal(undefined);
      // The organizations with someone to enroll; contacts of none count as contacts only.
      expect(el.shadowRoot!.querySelector('[part~="preview"] p')!.textContent).to.equal('38 contacts in 4 organizations will be asked to enroll at their next login.');
      const items = [...el.shadowRoot!.querySelectorAll('[part~="preview-organizations"] li')].map(text);
      expect(items).to.deep.equal(['Acme 20', 'Contoso 9', 'Fabrikam 5', 'Northwind Traders 2']);
      expect(part(el, 'preview')!.getAttribute('role')).to.equal('status');
      await expect(el).to.be.accessible();
      // Undoing the change takes the preview away: nothing would happen.
      await enable(el);
      expect(preview(el)).to.equal('');
    });

    it('says so when nobody would be asked, one contact in the singular, and when the admin would be asked too', async () => {
      server
        .on('GET /admin/settings', { body: settings() })
        .on(PREVIEW, { body: { willEnroll: 0, byOrganization: [{ id: 'org-a', name: 'Acme', willEnroll: 0 }], includesYou: false } }, { body: { willEnroll: 1, byOrganization: [{ id: 'org-a', name: 'Acme', willEnroll: 1 }], includesYou: true } });
      const el = await mount(settings());
      await enable(el);
      expect(preview(el)).to.equal('No contact will be asked to enroll at their next login.');
      expect(el.shadowRoot!.querySelector('[part~="preview-organizations"]')).to.equal(null);
      await enable(el);
      await enable(el);
      expect(preview(el)).to.contain('1 contact in 1 organization will be asked to enroll at their next login.');
      expect(preview(el)).to.contain('You will be asked to enroll at your next login too. You stay signed in now.');
    });

    it('asks nothing for a change that turns 2FA off, nor for a read-only admin', async () => {
      server.on('GET /admin/settings', { body: settings({ enabled: true }) });
      let el = await mount(settings());
      await enable(el);
      expect(server.requests.filter((r) => r.path.startsWith('/admin/settings/preview'))).to.have.length(0);
      expect(preview(el)).to.equal('');
      server.on('GET /admin/settings', { body: settings({ canEdit: false }) });
      el = await mount(settings());
      expect(part<HTMLInputElement>(el, 'enforce-from')!.disabled).to.equal(true);
    });

    it('shows only the answer to the latest change', async () => {
      let release!: () => void;
      const slow = new Promise<void>((r) => (release = r));
      server
        .on('GET /admin/settings', { body: settings({ enabled: true }) })
        .on('GET /admin/settings/preview?enabled=true&allowOptOut=true&enforceFrom=', async () => {
          await slow;
          return new Response(JSON.stringify({ ...thirtyEight, willEnroll: 99 }), { headers: { 'content-type': 'application/json' } });
        })
        .on(PREVIEW + '2027-01-15', { body: { ...thirtyEight, willEnroll: 3, byOrganization: [{ id: 'org-a', name: 'Acme', willEnroll: 3 }] } });
      const el = await mount(settings({ enabled: true }));
      part<HTMLInputElement>(el, 'opt-out')!.click();
      await settle(el);
      part<HTMLInputElement>(el, 'opt-out')!.click();
      await setDate(el, '2027-01-15');
      expect(preview(el)).to.contain('3 contacts in 1 organization');
      release();
      await settle(el);
      expect(preview(el)).to.contain('3 contacts in 1 organization');
    });

    it('edits the deadline: shown from the server, previewed, saved, and removed', async () => {
      server
        .on('GET /admin/settings', { body: settings({ enabled: true, enforceFrom: '2027-01-15' }) })
        .on(PREVIEW + '2027-02-01', { body: thirtyEight })
        .on('PUT /admin/settings', { body: settings({ enabled: true, enforceFrom: '2027-02-01', generation: 1 }) }, { body: settings({ enabled: true, generation: 1 }) });
      const el = await mount(settings());
      const input = part<HTMLInputElement>(el, 'enforce-from')!;
      expect(input.type).to.equal('date');
      expect(input.value).to.equal('2027-01-15');
      expect(input.labels![0]!.textContent).to.equal('Enforce from');
      expect(part<HTMLButtonElement>(el, 'save-button')!.disabled).to.equal(true);
      await setDate(el, '2027-02-01');
      expect(preview(el)).to.contain('38 contacts in 4 organizations');
      part<HTMLButtonElement>(el, 'save-button')!.click();
      await settle(el);
      expect(server.last('PUT /admin/settings')!.body).to.deep.equal({ enabled: true, allowOptOut: false, enforceFrom: '2027-02-01' });
      expect(preview(el)).to.equal('');
      await setDate(el, '');
      part<HTMLButtonElement>(el, 'save-button')!.click();
      await settle(el);
      expect(server.last('PUT /admin/settings')!.body).to.deep.equal({ enabled: true, allowOptOut: false, enforceFrom: null });
      expect(part<HTMLInputElement>(el, 'enforce-from')!.value).to.equal('');
    });

    it('still saves when the preview cannot be had', async () => {
      server
        .on('GET /admin/settings', { body: settings() })
        .on(PREVIEW, apiError(500, 'internal'))
        .on('PUT /admin/settings', { body: settings({ enabled: true, generation: 1 }) });
      const el = await mount(settings());
      await enable(el);
      expect(preview(el)).to.equal('');
      expect(text(part(el, 'error')!)).to.equal('');
      part<HTMLButtonElement>(el, 'save-button')!.click();
      await settle(el);
      expect(text(part(el, 'status')!)).to.equal('Your changes have been saved.');
    });

    for (const [lang, sentence, field] of [
      ['es', 'Se pedirá a 38 contactos de 4 organizaciones que se inscriban en su próximo inicio de sesión.', 'Exigir a partir del'],
      ['fr', '38 contacts de 4 organisations devront s’inscrire à leur prochaine connexion.', 'Obligatoire à partir du'],
      ['de', '38 Kontakte in 4 Organisationen werden bei der nächsten Anmeldung zur Registrierung aufgefordert.', 'Verpflichtend ab'],
    ] as const) {
      it(`speaks ${lang}`, async () => {
        server.on('GET /admin/settings', { body: settings() }).on(PREVIEW, { body: thirtyEight });
        const el = await fixture<Cb2faSettings>(html`<cb-2fa-settings lang=${lang}></cb-2fa-settings>`);
        await settle(el);
        await enable(el);
        expect(el.shadowRoot!.querySelector('[part~="preview"] p')!.textContent).to.equal(sentence);
        expect(part<HTMLInputElement>(el, 'enforce-from')!.labels![0]!.textContent).to.equal(field);
      });
    }
  });

  it('shows a failed load', async () => {
    server.on('GET /admin/settings', apiError(401, 'unauthorized'));
    const el = await mount(settings());
    expect(text(part(el, 'error')!)).to.equal('Your session has ended. Please sign in again.');
  });
});
