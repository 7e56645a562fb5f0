import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ContextProvider } from '@lit/context';
import '../../components/define/cb-login.js';
import type { CbLogin } from '../../components/login/login.js';
import { CbApiClient } from '../../components/internal/api-client.js';
import { cbApiContext, cbBrandingContext } from '../../components/internal/context.js';
import { phoneLibRequested } from '../../components/internal/phone.js';
import { apiError, face, fakeServer, settle, user, type FakeServer } from './support/fake-server.js';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const field = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const later = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function signIn(el: CbLogin, email = 'demo@example.com', password = 'demo-password') {
  field(el, 'email').value = email;
  field(el, 'email').dispatchEvent(new InputEvent('input'));
  field(el, 'password').value = password;
  field(el, 'password').dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
  el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  await settle(el);
}

async function enterCode(el: CbLogin, code: string) {
  const input = el.querySelector<HTMLInputElement>('cb-verify-code input')!;
  input.value = code;
  input.dispatchEvent(new InputEvent('input'));
  await settle(el);
  el.querySelector<HTMLButtonElement>('cb-verify-code [part~="submit-button"]')!.click();
  await settle(el);
}

describe('cb-login', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('is accessible', async () => {
    const el = await fixture<CbLogin>(html`<cb-login reset-href="/reset"></cb-login>`);
    await expect(el).to.be.accessible();
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('has default properties', async () => {
    const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
    expect(el.step).to.equal('login');
    expect(el.resetHref).to.equal('');
    expect(el.defaultCountry).to.equal('US');
    expect(el.querySelector('[part~="reset-link"]')).to.equal(null);
  });

  it('shows the seed texts of the sign-in screen and "YOUR LOGO HERE"', async () => {
    const el = await fixture<CbLogin>(html`<cb-login reset-href="/account/reset"></cb-login>`);
    await settle(el); // The router cannot say (404): the placeholder shows, as before portals.
    const labels = [...el.querySelectorAll('label')].map(text);
    expect(labels).to.deep.equal(['Enter Email *', 'Enter Password *']);
    expect(text(el.querySelector('[part~="submit-button"]')!)).to.equal('Sign In');
    const link = el.querySelector<HTMLAnchorElement>('[part~="reset-link"]')!;
    expect(text(link)).to.equal('Reset Login or Password');
    expect(link.getAttribute('href')).to.equal('/account/reset');
    expect(text(el.shadowRoot!.querySelector('[part="logo-placeholder"]')!)).to.equal('YOUR LOGO HERE');
  });

  describe('reset-href', () => {
    // Each of these would be a live link the browser follows: script in the portal's origin for
    // javascript:, however it is spelled (the URL parser drops tabs, newlines and leading spaces).
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\x01javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'blob:https://portal.example.com/x']) {
      it(`renders no link for ${JSON.stringify(href)}`, async () => {
        const el = await fixture<CbLogin>(html`<cb-login reset-href=${href}></cb-login>`);
        // The hrefs of all links, not the elements: a failure then reports a short string.
        expect([...el.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([]);
      });
    }

    for (const href of ['/reset', 'reset', '../account/reset?from=login#top', 'https://portal.example.com/reset', 'http://portal.example.com/reset', '//portal.example.com/reset']) {
      it(`links to the http(s) or relative ${JSON.stringify(href)}`, async () => {
        const el = await fixture<CbLogin>(html`<cb-login reset-href=${href}></cb-login>`);
        const link = el.querySelector<HTMLAnchorElement>('[part~="reset-link"]')!;
        expect(link.getAttribute('href')).to.equal(href);
        expect(['http:', 'https:']).to.include(link.protocol);
      });
    }

    it('a link set first and replaced by javascript: goes away', async () => {
      const el = await fixture<CbLogin>(html`<cb-login reset-href="/reset"></cb-login>`);
      const hrefs = () => [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(hrefs()).to.deep.equal(['/reset']);
      el.resetHref = 'javascript:alert(document.cookie)';
      await el.updateComplete;
      expect(hrefs()).to.deep.equal([]);
    });
  });

  it('shows the portal logo in the logo slot', async () => {
    const el = await fixture<CbLogin>(html`<cb-login><img slot="logo" alt="Acme" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" /></cb-login>`);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="logo"]')!;
    expect(slot.assignedElements()).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  describe("the portal's face (GET /portal)", () => {
    const logo = (el: CbLogin) => el.shadowRoot!.querySelector<HTMLImageElement>('[part="logo"] img');
    const logoArea = (el: CbLogin) => text(el.shadowRoot!.querySelector('[part="logo"]')!);
    let htmlLang: string | null;
    beforeEach(() => {
      // The portal's locale applies only where the page set no lang, <html lang> included.
      htmlLang = document.documentElement.getAttribute('lang');
      document.documentElement.removeAttribute('lang');
    });
    afterEach(() => {
      if (htmlLang === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', htmlLang);
    });

    it("shows the portal's logo, with its name as the text alternative", async () => {
      server.on('GET /portal', { body: face({ logoUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=#northwind' }) });
      const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
      await settle(el);
      expect(logo(el)?.getAttribute('src') ?? 'no logo').to.equal('data:image/gif;base64,R0lGODlhAQABAAAAACw=#northwind');
      expect(logo(el)?.getAttribute('alt') ?? 'no logo').to.equal('Northwind IT Portal');
      expect(logoArea(el)).not.to.contain('YOUR LOGO HERE');
      await expect(el).to.be.accessible();
    });

    it("shows the portal's name where it has no logo", async () => {
      server.on('GET /portal', { body: face({ logoUrl: null, name: 'Contoso Client Portal' }) });
      const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
      await settle(el);
      expect(text(el.shadowRoot!.querySelector('[part="portal-name"]') ?? el)).to.equal('Contoso Client Portal');
      expect(String(logo(el))).to.equal('null');
      expect(logoArea(el)).to.equal('Contoso Client Portal');
    });

    it('renders the form at once, and no placeholder, while the face is on its way', async () => {
      let answer!: (r: Response) => void;
      server.on('GET /portal', () => new Promise<Response>((r) => (answer = r)));
      const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
      await settle(el);
      expect(String(Boolean(field(el, 'email')))).to.equal('true');
      expect(logoArea(el)).to.equal('');
      answer(new Response(JSON.stringify(face()), { status: 200, headers: { 'content-type': 'application/json' } }));
      await settle(el);
      expect(logo(el)?.getAttribute('alt') ?? 'no logo').to.equal('Northwind IT Portal');
    });

    it('keeps the slot and the branding context above the face', async () => {
      server.on('GET /portal', { body: face() });
      const host = document.createElement('div');
      new ContextProvider(host, { context: cbBrandingContext, initialValue: { logoSrc: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=#page', logoAlt: 'Page brand' } });
      const el = document.createElement('cb-login');
      host.append(el);
      document.body.append(host);
      try {
        await settle(el);
        expect(logo(el)?.getAttribute('src') ?? 'no logo').to.equal('data:image/gif;base64,R0lGODlhAQABAAAAACw=#page');
        expect(logo(el)?.getAttribute('alt') ?? 'no logo').to.equal('Page brand');
      } finally {
        host.remove();
      }
      const slotted = await fixture<CbLogin>(html`<cb-login><span slot="logo">Host logo</span></cb-login>`);
      await settle(slotted);
      const slot = slotted.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="logo"]')!;
      expect(slot.assignedElements().map(text)).to.deep.equal(['Host logo']);
    });

    it("speaks the portal's locale when the page set no lang", async () => {
      server.on('GET /portal', { body: face({ locale: 'es' }) });
      const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
      await settle(el);
      expect(text(el.querySelector('[part~="submit-button"]')!)).to.equal('Iniciar sesión');
      expect(el.hasAttribute('lang')).to.equal(false);
    });

    it("keeps the page's lang over the portal's locale: on the element, an ancestor or <html>", async () => {
      server.on('GET /portal', { body: face({ locale: 'es' }) });
      const own = await fixture<CbLogin>(html`<cb-login lang="en"></cb-login>`);
      const wrap = await fixture<HTMLDivElement>(html`<div lang="de"><cb-login></cb-login></div>`);
      document.documentElement.setAttribute('lang', 'en');
      const page = await fixture<CbLogin>(html`<cb-login></cb-login>`);
      const inWrap = wrap.querySelector('cb-login')!;
      await settle(own);
      await settle(inWrap);
      await settle(page);
      expect(text(own.querySelector('[part~="submit-button"]')!)).to.equal('Sign In');
      expect(text(inWrap.querySelector('[part~="submit-button"]')!)).to.equal('Anmelden');
      expect(text(page.querySelector('[part~="submit-button"]')!)).to.equal('Sign In');
    });

    it('asks once per API base, shared by the steps and by other elements', async () => {
      server.on('GET /portal', { body: face() }).on('POST /login', { body: { step: 'enroll', canSkip: false } });
      const wrap = await fixture<HTMLDivElement>(html`<div><cb-login></cb-login><cb-login></cb-login></div>`);
      const el = wrap.querySelector('cb-login')!;
      await settle(el);
      await signIn(el);
      expect(el.step).to.equal('enroll');
      expect(server.portalRequests).to.equal(1);
      const other = await fixture<CbLogin>(html`<cb-login api-base="/elsewhere/2fa"></cb-login>`);
      await settle(other);
      // Outside the fake's base, so it is listed with the other requests.
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).to.include('GET /elsewhere/2fa/portal');
      expect(server.portalRequests).to.equal(1);
    });

    it("passes the portal's countries to the enrollment step", async () => {
      server.on('GET /portal', { body: face({ allowedCountries: ['CA', 'MX'] }) }).on('POST /login', { body: { step: 'enroll', canSkip: false } });
      const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
      await settle(el);
      await signIn(el);
      const select = el.querySelector<HTMLSelectElement>('cb-enroll-phone select')!;
      await waitUntil(() => select.options.length === 2 && select.options[0]!.textContent!.includes('+'), 'the list did not load', { timeout: 4000 });
      expect([...select.options].map((o) => o.value)).to.deep.equal(['CA', 'MX']);
      expect(select.value).to.equal('CA');
    });
  });

  it('validates with the seed messages before calling the server', async () => {
    const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await settle(el);
    expect(text(el)).to.contain('Please enter valid email.');
    expect(text(el)).to.contain('Please enter password');
    expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(field(el, 'email'));
    field(el, 'email').value = 'not-an-email';
    field(el, 'email').dispatchEvent(new InputEvent('input'));
    el.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await settle(el);
    expect(text(el)).to.contain('Please enter valid email.');
    expect(server.requests).to.have.length(0);
  });

  it('keeps the credential inputs in the light DOM, in one form, with autocomplete for password managers', async () => {
    const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
    const email = field(el, 'email');
    const password = field(el, 'password');
    expect(email.getRootNode()).to.equal(document);
    expect(email.autocomplete).to.equal('username');
    expect(email.type).to.equal('email');
    expect(password.autocomplete).to.equal('current-password');
    expect(password.type).to.equal('password');
    expect(email.form).to.equal(password.form);
    expect(email.form).to.equal(el.querySelector('form'));
    expect(el.shadowRoot!.querySelector('input')).to.equal(null);
  });

  it('signs in with the keyboard only (Tab, Enter) when 2FA does not apply', async () => {
    server.on('POST /login', { body: { step: 'authenticated', user } });
    const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
    field(el, 'email').focus();
    const ev = oneEvent(el, 'cb-authenticated');
    await sendKeys({ type: 'demo@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'demo-password' });
    await sendKeys({ press: 'Enter' });
    const e = await ev;
    expect(e.detail.user.email).to.equal('demo@example.com');
    const req = server.last('POST /login')!;
    expect(req.body).to.deep.equal({ email: 'demo@example.com', password: 'demo-password' });
    expect(req.headers['content-type']).to.equal('application/json');
    expect(req.credentials).to.equal('same-origin');
    await settle(el);
    expect(el.step).to.equal('authenticated');
    expect(text(el)).to.contain('You are signed in.');
    await expect(el).to.be.accessible();
  });

  it('shows wrong credentials and the password lockout as a wait', async () => {
    server.on('POST /login', apiError(401, 'invalid_credentials'), apiError(429, 'rate_limited', { retryAfter: 900 }));
    const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
    await signIn(el);
    expect(text(el.querySelector('[role="alert"]')!)).to.equal('The email or password is incorrect.');
    expect(document.activeElement).to.equal(field(el, 'password'));
    await signIn(el);
    expect(text(el.querySelector('[role="alert"]')!)).to.equal('Too many attempts. Please wait 15:00 and try again.');
    expect(text(el)).not.to.contain('English message');
  });

  it('enrolls: password → phone → confirm → back to the password with a message', async () => {
    server
      .on('POST /login', { body: { step: 'enroll', canSkip: false } })
      .on('POST /enroll/phone', { body: { step: 'confirm', maskedPhone: 'xxx-xxx-0143', resendAt: later(30) } })
      .on('POST /enroll/confirm', { body: { step: 'login' } });
    const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
    expect(phoneLibRequested()).to.equal(false);
    await signIn(el);
    expect(el.step).to.equal('enroll');
    const enroll = el.querySelector('cb-enroll-phone')!;
    expect(enroll).to.exist;
    expect(phoneLibRequested()).to.equal(true);
    expect(enroll.querySelector('[part~="skip-button"]')).to.equal(null);
    expect(document.activeElement).to.equal(enroll.querySelector('select'));
    await waitUntil(() => enroll.querySelector('select')!.options.length > 1, 'phone metadata did not load', { timeout: 4000 });
    await expect(el).to.be.accessible();

    const phone = enroll.querySelector<HTMLInputElement>('input[name="phone"]')!;
    phone.value = '2025550143';
    phone.dispatchEvent(new InputEvent('input'));
    await settle(el);
    enroll.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await settle(el);
    expect(el.step).to.equal('confirm');
    expect(text(el)).to.contain('An authentication code has been sent to:');
    expect(text(el)).to.contain('Verify Code');
    expect(document.activeElement).to.equal(el.querySelector('cb-verify-code input'));
    await expect(el).to.be.accessible();

    const enrolled = oneEvent(el, 'cb-enrolled');
    await enterCode(el, '123456');
    await enrolled;
    await settle(el);
    expect(el.step).to.equal('login');
    expect(text(el.querySelector('[part~="notice"]')!)).to.equal('Your phone number is confirmed. Please sign in again to finish.');
    expect(field(el, 'email').value).to.equal('demo@example.com');
    expect(field(el, 'password').value).to.equal('');
    expect(document.activeElement).to.equal(field(el, 'email'));
    await expect(el).to.be.accessible();
  });

  it('verifies: password → SMS code → cb-authenticated exactly once', async () => {
    server
      .on('POST /login', { body: { step: 'verify', maskedPhone: 'xxx-xxx-9443', resendAt: later(11) } })
      .on('POST /verify', apiError(400, 'invalid_code', { attemptsLeft: 4 }), { body: { step: 'authenticated', user } });
    const el = await fixture<CbLogin>(html`<cb-login no-web-otp></cb-login>`);
    let count = 0;
    el.addEventListener('cb-authenticated', () => count++);
    await signIn(el);
    expect(el.step).to.equal('verify');
    expect(text(el)).to.contain('Enter SMS Code');
    expect(text(el)).to.contain('xxx-xxx-9443');
    expect(text(el)).to.match(/Resend \(1[01]s\)/);
    expect(document.activeElement).to.equal(el.querySelector('cb-verify-code input'));
    await expect(el).to.be.accessible();
    await enterCode(el, '000000');
    expect(text(el.querySelector('cb-verify-code [role="alert"]')!)).to.equal('That code is not correct. 4 attempts left.');
    await enterCode(el, '123456');
    expect(el.step).to.equal('authenticated');
    expect(count).to.equal(1);
  });

  it('skips enrollment when allowed and then fires cb-authenticated', async () => {
    server.on('POST /login', { body: { step: 'enroll', canSkip: true } }).on('POST /enroll/skip', { body: { step: 'authenticated', user } });
    const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
    await signIn(el);
    const skip = el.querySelector<HTMLButtonElement>('cb-enroll-phone [part~="skip-button"]')!;
    expect(text(skip)).to.equal('Skip for Now');
    const skipped = oneEvent(el, 'cb-skipped');
    const auth = oneEvent(el, 'cb-authenticated');
    skip.click();
    await skipped;
    expect((await auth).detail.user.id).to.equal('u1');
    await settle(el);
    expect(el.step).to.equal('authenticated');
  });

  it("passes the enroll step's skipUntil to the skip button", async () => {
    server.on('POST /login', { body: { step: 'enroll', canSkip: true, skipUntil: '2027-01-15' } });
    const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
    await signIn(el);
    expect(text(el.querySelector('cb-enroll-phone [part~="skip-button"]')!)).to.equal('Skip until 15 Jan');
  });

  it('goes back to the sign-in form, ending the pending login on the server', async () => {
    server.on('POST /login', { body: { step: 'verify', maskedPhone: 'xxx-xxx-9443', resendAt: later(30) } }).on('POST /logout', { body: { step: 'login' } });
    const el = await fixture<CbLogin>(html`<cb-login no-web-otp></cb-login>`);
    await signIn(el);
    el.querySelector<HTMLButtonElement>('[part~="back-button"]')!.click();
    await settle(el);
    expect(server.last('POST /logout')!.body).to.deep.equal({});
    expect(el.step).to.equal('login');
    expect(document.activeElement).to.equal(field(el, 'email'));
  });

  it('starts over when the pending login has expired', async () => {
    server.on('POST /login', { body: { step: 'verify', maskedPhone: 'xxx-xxx-9443', resendAt: later(30) } }).on('POST /verify', apiError(401, 'unauthorized'));
    const el = await fixture<CbLogin>(html`<cb-login no-web-otp></cb-login>`);
    await signIn(el);
    await enterCode(el, '123456');
    await settle(el);
    expect(el.step).to.equal('login');
    expect(text(el.querySelector('[part~="notice"]')!)).to.equal('Your session has ended. Please sign in again.');
  });

  it('passes its strings and language to the steps', async () => {
    server.on('POST /login', { body: { step: 'verify', maskedPhone: 'xxx-xxx-9443', resendAt: later(30) } });
    const el = await fixture<CbLogin>(html`<cb-login no-web-otp .strings=${{ signIn: 'Log in', verifySubmit: 'Continue' }}></cb-login>`);
    expect(text(el.querySelector('[part~="submit-button"]')!)).to.equal('Log in');
    await signIn(el);
    expect(text(el.querySelector('cb-verify-code [part~="submit-button"]')!)).to.equal('Continue');
    el.strings = undefined;
    el.lang = 'es';
    await settle(el);
    expect(text(el.querySelector('cb-verify-code [part~="submit-button"]')!)).to.equal('Entrar');
  });

  it('speaks Spanish with lang="es" on an ancestor', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="es"><cb-login reset-href="/r"></cb-login></div>`);
    const el = wrap.querySelector('cb-login')!;
    await settle(el);
    expect(text(el.querySelector('[part~="submit-button"]')!)).to.equal('Iniciar sesión');
    expect(text(el.shadowRoot!.querySelector('[part="logo-placeholder"]')!)).to.equal('SU LOGOTIPO AQUÍ');
  });

  it('uses an API client provided through context, with its own base and fetch', async () => {
    const calls: string[] = [];
    const client = new CbApiClient({
      baseUrl: '/portal/2fa',
      fetch: async (url) => {
        calls.push(String(url));
        return new Response(JSON.stringify({ step: 'authenticated', user }), { status: 200 });
      },
    });
    const host = document.createElement('div');
    new ContextProvider(host, { context: cbApiContext, initialValue: client });
    const el = document.createElement('cb-login');
    host.append(el);
    document.body.append(host);
    try {
      await el.updateComplete;
      await signIn(el);
      expect(calls).to.deep.equal(['/portal/2fa/portal', '/portal/2fa/login']);
      expect(server.requests).to.have.length(0);
    } finally {
      host.remove();
    }
  });

  it('uses api-base when no client is provided', async () => {
    server.restore();
    server = fakeServer('/other/2fa');
    server.on('POST /login', { body: { step: 'authenticated', user } });
    const el = await fixture<CbLogin>(html`<cb-login api-base="/other/2fa/"></cb-login>`);
    await signIn(el);
    expect(server.last('POST /login')).to.exist;
  });
});
