import { expect, fixture, html } from '@open-wc/testing';
import { CB_ERROR_CODES } from '../../protocol/index.js';
import { en, ensureLocale, formatWait, registerStrings, resolveLang, resolveStrings, type CbStrings } from '../../components/internal/strings.js';
import { es } from '../../components/locales/es.js';
import { fr } from '../../components/locales/fr.js';
import { de } from '../../components/locales/de.js';
import { optInDialogStrings } from '../../components/2fa-optin-dialog/2fa-optin-dialog.strings.js';
import { adminResetStrings } from '../../components/admin-reset/admin-reset.strings.js';
import { settingsStrings } from '../../components/2fa-settings/2fa-settings.strings.js';
import { recoveryCodesStrings } from '../../components/recovery-codes/recovery-codes.strings.js';
import { trustedDevicesStrings } from '../../components/trusted-devices/trusted-devices.strings.js';
import { stepUpStrings } from '../../components/step-up/step-up.strings.js';
import '../../components/define/cb-verify-code.js';
import type { CbVerifyCode } from '../../components/verify-code/verify-code.js';
import { fakeServer, type FakeServer } from './support/fake-server.js';

const shipped = { es, fr, de };
/** The English strings each element outside the login page ships with itself. */
const elementPacks = { optInDialogStrings, adminResetStrings, settingsStrings, recoveryCodesStrings, stepUpStrings, trustedDevicesStrings };

describe('strings', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => {
    server.restore();
    document.documentElement.setAttribute('lang', 'en');
  });

  it('uses the seed wording in English', () => {
    expect(en.emailInvalid).to.equal('Please enter valid email.');
    expect(en.passwordMissing).to.equal('Please enter password');
    expect(en.signIn).to.equal('Sign In');
    expect(en.resetLink).to.equal('Reset Login or Password');
    expect(en.logoPlaceholder).to.equal('YOUR LOGO HERE');
    expect(en.resendIn(11)).to.equal('Resend (11s)');
    expect(en.skip).to.equal('Skip for Now');
    expect(optInDialogStrings.noThanks).to.equal('No Thanks');
    expect(adminResetStrings.resetButton).to.equal('Reset Two Factor');
  });

  it('has a message for every wire error code, in every shipped locale', () => {
    for (const code of [...CB_ERROR_CODES, 'network' as const]) {
      expect(en.errors[code], code).to.be.a('string').and.not.be.empty;
      for (const [lang, strings] of Object.entries(shipped)) expect(strings.errors[code], `${lang} ${code}`).to.be.a('string').and.not.be.empty;
    }
  });

  it('translates every key into Spanish, French and German', () => {
    for (const [lang, strings] of Object.entries(shipped)) {
      for (const key of Object.keys(en) as Array<keyof typeof en>) {
        expect(typeof strings[key], `${lang} ${key}`).to.equal(typeof en[key]);
        if (key !== 'errors' && typeof en[key] === 'string') expect(strings[key], `${lang} ${key}`).not.to.equal(en[key]);
      }
    }
    for (const [pack, english] of Object.entries(elementPacks) as unknown as Array<[string, Record<string, unknown>]>) {
      for (const [lang, strings] of Object.entries(shipped) as unknown as Array<[string, Record<string, unknown>]>) {
        for (const key of Object.keys(english)) {
          expect(typeof strings[key], `${pack} ${lang} ${key}`).to.equal(typeof english[key]);
          if (typeof english[key] === 'string') expect(strings[key], `${pack} ${lang} ${key}`).not.to.equal(english[key]);
        }
      }
    }
    expect(fr.resendIn(11)).to.equal('Renvoyer (11 s)');
    expect(de.attemptsLeft(1)).to.equal('Noch 1 Versuch.');
  });

  it('loads Spanish on first use only', async () => {
    // Nothing has asked for Spanish yet: the registry serves English.
    expect(resolveStrings('es').signIn).to.equal('Sign In');
    const p = ensureLocale('es-MX');
    expect(p).to.be.instanceOf(Promise);
    await p;
    expect(ensureLocale('es')).to.equal(undefined);
    expect(ensureLocale('it')).to.equal(undefined);
  });

  it('loads French and German on first use', async () => {
    expect(resolveStrings('fr-CA').signIn).to.equal('Sign In');
    await ensureLocale('fr-CA');
    await ensureLocale('de-AT');
    expect(resolveStrings('fr-CA').signIn).to.equal('Se connecter');
    expect(resolveStrings('de').signIn).to.equal('Anmelden');
  });

  it('finds no loader in Object.prototype for a lang such as "constructor"', async () => {
    // no-web-otp: three or more WebOTP requests started in one test leave headless Chromium unable
    // to close the page (the run then times out), though each is aborted when its element leaves.
    for (const lang of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(String(ensureLocale(lang)), lang).to.equal('undefined');
      const el = await fixture<CbVerifyCode>(html`<cb-verify-code no-web-otp lang=${lang}></cb-verify-code>`);
      expect(el.querySelector('label')!.textContent!.trim(), lang).to.equal('Enter SMS Code');
    }
  });

  it('resolves region tags to their language and unknown ones to English', async () => {
    await ensureLocale('es');
    expect(resolveStrings('es-MX').signIn).to.equal('Iniciar sesión');
    expect(resolveStrings('ES').signIn).to.equal('Iniciar sesión');
    expect(resolveStrings('it').signIn).to.equal('Sign In');
  });

  it('merges overrides over the locale, errors included', () => {
    const s = resolveStrings('en', { signIn: 'Log in', errors: { invalid_code: 'Nope.' } }, { verifySubmit: 'Go' });
    expect(s.signIn).to.equal('Log in');
    expect(s.verifySubmit).to.equal('Go');
    expect(s.errors.invalid_code).to.equal('Nope.');
    expect(s.errors.code_expired).to.equal(en.errors.code_expired);
  });

  it('registers a page-wide locale and re-renders connected elements', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code lang="it"></cb-verify-code>`);
    expect(el.querySelector('label')!.textContent!.trim()).to.equal('Enter SMS Code');
    registerStrings('it', { verifyLabel: 'Inserisci il codice SMS' });
    await el.updateComplete;
    expect(el.querySelector('label')!.textContent!.trim()).to.equal('Inserisci il codice SMS');
    expect(resolveStrings('it').signIn).to.equal('Sign In');
  });

  it('follows <html lang> changes', async () => {
    const el = await fixture<CbVerifyCode>(html`<cb-verify-code></cb-verify-code>`);
    document.documentElement.setAttribute('lang', 'es');
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(el.querySelector('label')!.textContent!.trim()).to.equal('Ingrese el código SMS');
  });

  it('finds the language across shadow roots', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="es-AR"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    root.append(inner);
    expect(resolveLang(inner)).to.equal('es-AR');
  });

  it('formats waits', () => {
    expect(formatWait(45)).to.equal('45s');
    expect(formatWait(60)).to.equal('1:00');
    expect(formatWait(905)).to.equal('15:05');
  });
});
