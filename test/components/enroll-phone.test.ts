import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/cb-enroll-phone.js';
import type { CbEnrollPhone } from '../../components/enroll-phone/enroll-phone.js';
import { phoneLibRequested } from '../../components/internal/phone.js';
import { apiError, face, fakeServer, settle, user, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const phoneInput = (el: CbEnrollPhone) => el.querySelector<HTMLInputElement>('input[name="phone"]')!;
const country = (el: CbEnrollPhone) => el.querySelector<HTMLSelectElement>('select[name="country"]')!;
const type = async (el: CbEnrollPhone, value: string) => {
  phoneInput(el).value = value;
  phoneInput(el).dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
};
const offered = (el: CbEnrollPhone) => [...country(el).options].map((o) => o.value);
/** The element is usable once the lazily loaded metadata filled the country list. */
const loaded = (el: CbEnrollPhone) => waitUntil(() => country(el).options.length > 1, 'phone metadata did not load', { timeout: 4000 });

describe('cb-enroll-phone', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('loads libphonenumber-js only when the step shows', async () => {
    // Nothing in this page has shown the step yet; importing the element must not load the metadata.
    expect(phoneLibRequested()).to.equal(false);
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
    expect(phoneLibRequested()).to.equal(true);
    await loaded(el);
  });

  it('is accessible, with and without skip, and with an error', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone can-skip></cb-enroll-phone>`);
    await loaded(el);
    await expect(el).to.be.accessible();
    el.canSkip = false;
    await type(el, '12');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('has default properties and reflects phase', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
    expect(el.canSkip).to.equal(false);
    expect(el.defaultCountry).to.equal('US');
    expect(el.getAttribute('phase')).to.equal('phone');
  });

  it('renders light-DOM inputs with tel autofill, and the default country', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone default-country="CA"></cb-enroll-phone>`);
    await loaded(el);
    const i = phoneInput(el);
    expect(i.getRootNode()).to.equal(document);
    expect(i.form).to.equal(el.querySelector('form'));
    expect(i.type).to.equal('tel');
    expect(i.autocomplete).to.equal('tel');
    expect(country(el).value).to.equal('CA');
    expect(text(country(el).selectedOptions[0]!)).to.equal('Canada (+1)');
    expect(el.querySelector('[part~="skip-button"]')).to.equal(null);
  });

  it('limits the country list with countries=', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone countries="US,CA,MX"></cb-enroll-phone>`);
    await waitUntil(() => country(el).options.length === 3);
    expect([...country(el).options].map((o) => o.value)).to.have.members(['US', 'CA', 'MX']);
  });

  describe("the portal's allowed countries (GET /portal)", () => {
    /** Loaded with the metadata: the options carry dialling codes. */
    const listed = (el: CbEnrollPhone, n: number) =>
      waitUntil(() => country(el).options.length === n && country(el).options[0]!.textContent!.includes('+'), `expected ${n} countries`, { timeout: 4000 });

    it('offers exactly the countries the portal accepts, keeping an allowed default', async () => {
      server.on('GET /portal', { body: face({ allowedCountries: ['US', 'CA'] }) });
      const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
      await listed(el, 2);
      expect(offered(el)).to.deep.equal(['CA', 'US']);
      expect(country(el).value).to.equal('US');
      await expect(el).to.be.accessible();
    });

    it('falls back to the first allowed country when the default is not allowed', async () => {
      server.on('GET /portal', { body: face({ allowedCountries: ['MX', 'CA'] }) });
      const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone default-country="GB"></cb-enroll-phone>`);
      await listed(el, 2);
      expect(country(el).value).to.equal('MX');
      expect(text(country(el).selectedOptions[0]!)).to.equal('Mexico (+52)');
    });

    it('lets countries= narrow the portal list, never widen it', async () => {
      server.on('GET /portal', { body: face({ allowedCountries: ['US', 'CA'] }) });
      const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone countries="GB,CA,FR"></cb-enroll-phone>`);
      await listed(el, 1);
      expect(offered(el)).to.deep.equal(['CA']);
      expect(country(el).value).to.equal('CA');
    });

    it('shrinks the full list when the face arrives after the metadata', async () => {
      let answer!: (r: Response) => void;
      server.on('GET /portal', () => new Promise<Response>((r) => (answer = r)));
      const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone default-country="GB"></cb-enroll-phone>`);
      await loaded(el);
      expect(country(el).options.length).to.be.greaterThan(200);
      expect(country(el).value).to.equal('GB');
      answer(new Response(JSON.stringify(face({ allowedCountries: ['CA', 'US'] })), { status: 200 }));
      await listed(el, 2);
      await settle(el);
      expect(offered(el)).to.deep.equal(['CA', 'US']);
      expect(country(el).value).to.equal('CA');
      expect(country(el).selectedOptions[0]!.value).to.equal('CA');
    });

    it('does not follow a typed number into a country the portal does not accept', async () => {
      server.on('GET /portal', { body: face({ allowedCountries: ['US', 'CA'] }) });
      const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
      await listed(el, 2);
      await type(el, '+44 7400 123456');
      phoneInput(el).dispatchEvent(new FocusEvent('blur'));
      await el.updateComplete;
      expect(country(el).value).to.equal('US');
      await type(el, '+1 613 555 0143');
      phoneInput(el).dispatchEvent(new FocusEvent('blur'));
      await el.updateComplete;
      expect(country(el).value).to.equal('CA');
    });

    it('offers every country when the router cannot say', async () => {
      server.on('GET /portal', apiError(404, 'not_found'));
      const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
      await loaded(el);
      await settle(el);
      expect(country(el).options.length).to.be.greaterThan(200);
      expect(country(el).value).to.equal('US');
    });
  });

  it('refuses an invalid number without calling the server', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
    await loaded(el);
    await type(el, '555-01');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await settle(el);
    expect(text(el.querySelector('[role="alert"]')!)).to.equal('Please enter a valid mobile phone number.');
    expect(phoneInput(el).getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(phoneInput(el));
    expect(server.requests).to.have.length(0);
  });

  it('sends E.164, formats the number, and moves to the confirmation in place', async () => {
    server.on('POST /enroll/phone', { body: { step: 'confirm', maskedPhone: 'xxx-xxx-0143', resendAt: new Date(Date.now() + 30_000).toISOString() } });
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
    await loaded(el);
    await type(el, '202 555 0143');
    phoneInput(el).dispatchEvent(new FocusEvent('blur'));
    await el.updateComplete;
    expect(phoneInput(el).value).to.equal('(202) 555-0143');
    const sent = oneEvent(el, 'cb-code-sent');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    expect((await sent).detail.maskedPhone).to.equal('xxx-xxx-0143');
    expect(server.last('POST /enroll/phone')!.body).to.deep.equal({ phone: '+12025550143' });
    await settle(el);
    expect(el.phase).to.equal('confirm');
    const verify = el.querySelector('cb-verify-code')!;
    expect(verify.mode).to.equal('confirm');
    expect(text(el)).to.contain('An authentication code has been sent to:');
    expect(text(el)).to.contain('xxx-xxx-0143');
    expect(text(el)).to.contain('Verification Code');
    // Focus moved to the new step's first field.
    expect(document.activeElement).to.equal(verify.querySelector('input'));
    await expect(el).to.be.accessible();

    server.on('POST /enroll/confirm', { body: { step: 'login' } });
    const enrolled = oneEvent(el, 'cb-enrolled');
    await sendKeys({ type: '123456' });
    await sendKeys({ press: 'Enter' });
    await enrolled;
    expect(server.last('POST /enroll/confirm')!.body).to.deep.equal({ code: '123456' });
  });

  it('follows a number typed with its own country code', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
    await loaded(el);
    await type(el, '+44 7400 123456');
    phoneInput(el).dispatchEvent(new FocusEvent('blur'));
    await el.updateComplete;
    expect(country(el).value).to.equal('GB');
    expect(phoneInput(el).value).to.equal('07400 123456');
  });

  it('goes back to the phone from the confirmation', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone phase="confirm" masked-phone="xxx-xxx-0143"></cb-enroll-phone>`);
    el.querySelector<HTMLButtonElement>('[part~="change-number"]')!.click();
    await settle(el);
    expect(el.phase).to.equal('phone');
    expect(document.activeElement).to.equal(phoneInput(el));
  });

  it('shows the server refusing a number', async () => {
    server.on('POST /enroll/phone', apiError(400, 'invalid_phone'));
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone></cb-enroll-phone>`);
    await loaded(el);
    await type(el, '2025550143');
    const err = oneEvent(el, 'cb-error');
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    expect((await err).detail.code).to.equal('invalid_phone');
    await settle(el);
    expect(text(el.querySelector('[role="alert"]')!)).to.equal('Please enter a valid mobile phone number.');
  });

  it('shows "Skip for Now" only with can-skip, and skipping fires cb-skipped', async () => {
    server.on('POST /enroll/skip', { body: { step: 'authenticated', user } });
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone can-skip></cb-enroll-phone>`);
    const skip = el.querySelector<HTMLButtonElement>('[part~="skip-button"]')!;
    expect(text(skip)).to.equal('Skip for Now');
    const ev = oneEvent(el, 'cb-skipped');
    skip.click();
    expect((await ev).detail.user.id).to.equal('u1');
    expect(server.last('POST /enroll/skip')!.body).to.deep.equal({});
  });

  it('says until when with skip-until (the portal\'s deadline), in the element\'s language', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone can-skip skip-until="2027-01-15"></cb-enroll-phone>`);
    const skip = () => text(el.querySelector('[part~="skip-button"]')!);
    expect(skip()).to.equal('Skip until 15 Jan');
    await expect(el).to.be.accessible();
    for (const [lang, label] of [
      ['es', 'Omitir hasta el 15 ene'],
      ['fr', 'Plus tard (jusqu’au 15 janv.)'],
      ['de', 'Später (bis 15. Jan.)'],
    ]) {
      el.lang = lang!;
      await waitUntil(() => skip() === label, `${lang}: ${skip()}`, { timeout: 4000 });
    }
    el.lang = 'en';
    await waitUntil(() => skip() === 'Skip until 15 Jan');
    // Not a date: the plain button; no can-skip: no button, date or not.
    el.skipUntil = 'soon';
    await el.updateComplete;
    expect(skip()).to.equal('Skip for Now');
    el.canSkip = false;
    el.skipUntil = '2027-01-15';
    await el.updateComplete;
    expect(el.querySelector('[part~="skip-button"]')).to.equal(null);
  });

  it('speaks Spanish with lang="es"', async () => {
    const el = await fixture<CbEnrollPhone>(html`<cb-enroll-phone lang="es" can-skip></cb-enroll-phone>`);
    await loaded(el);
    expect(text(el.querySelector('[part~="skip-button"]')!)).to.equal('Omitir por ahora');
    expect(text(country(el).selectedOptions[0]!)).to.equal('Estados Unidos (+1)');
  });
});
