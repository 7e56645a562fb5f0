import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CbFormElement } from '../internal/cb-element.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import { CbPhoneChangedEvent } from '../internal/events.js';
import { countryName, countryOptions, loadPhoneLib, parsePhone, type CountryOption, type PhoneLib } from '../internal/phone.js';
import { addElementStrings, registerStrings } from '../internal/strings.js';
import { CbStepUp } from '../step-up/step-up.js';
import { changePhoneLightStyles, styles } from './change-phone.styles.js';
import { changePhoneStrings } from './change-phone.strings.js';

// Here, not in the strings module: a bundler keeps these calls with the element that needs them.
addElementStrings(changePhoneStrings.en);
for (const lang of ['es', 'fr', 'de'] as const) registerStrings(lang, changePhoneStrings[lang]);

type Phase = 'phone' | 'code' | 'done';

/**
 * "Change my phone": a signed-in user enters a new mobile number (country and number, checked with
 * libphonenumber-js as at enrollment and sent as E.164), confirms it with the code sent to it, and
 * is told "Your phone number was changed to xxx-xxx-1234". The server asks for a fresh second
 * factor first: on `step_up_required` the element opens the page's `<cb-step-up>` (or one of its
 * own) and sends the number again once that code is right. Where the portal does not let users
 * change their phone (`selfServicePhoneChange` of `GET /portal` is false), it shows the seed's
 * way instead: ask an administrator to reset two-factor authentication.
 *
 * Loaded on its own (`cb-2fa/components/cb-change-phone`), not by the login page. The form lives
 * in the light DOM (phone and one-time-code autofill); its nodes carry `part` names for styling.
 *
 * @summary A signed-in user changes the enrolled phone.
 * @tag cb-change-phone
 *
 * @attr {string} default-country - ISO 3166 country preselected in the list. Default `US`.
 *
 * @fires {CbPhoneChangedEvent} cb-phone-changed - The phone was changed; `detail.maskedPhone` is the new one, masked.
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code (the element shows the message).
 *
 * @slot - The light-DOM form (rendered by the element itself).
 * @csspart base - The shadow wrapper around the form.
 *
 * @lightpart form - The `<form>` of the current step.
 * @lightpart title - The heading.
 * @lightpart intro - The explanation under it.
 * @lightpart field - A label with its control.
 * @lightpart label - A field's label.
 * @lightpart country - The country `<select>`.
 * @lightpart input - The phone input, then the code input.
 * @lightpart error - The error message (`role="alert"`).
 * @lightpart submit-button - "Send Code", then "Change number".
 * @lightpart resend-button - "Resend code".
 * @lightpart back-button - "Use another number".
 * @lightpart done - "Your phone number was changed to …" (`role="status"`).
 * @lightpart help - With the policy off: how to get the phone changed.
 */
export class CbChangePhone extends CbFormElement {
  static override styles = styles;
  static override lightStyles = changePhoneLightStyles;

  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  @property({ attribute: 'default-country' }) defaultCountry = 'US';

  @state() private phase: Phase = 'phone';
  @state() private country = '';
  @state() private phone = '';
  @state() private code = '';
  @state() private maskedPhone = '';
  @state() private invalid = false;
  @state() private error: CbApiError | null = null;
  @state() private busy = false;
  @state() private lib: PhoneLib | null = null;

  private sent: [string, string?] = [''];
  private options: CountryOption[] = [];

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.country || changed.has('defaultCountry')) this.country = this.defaultCountry.toUpperCase();
    const allowed = this.face?.allowedCountries?.map((c) => c.toUpperCase()) ?? [];
    if (allowed[0] && !allowed.includes(this.country)) this.country = allowed[0];
    if (this.phase === 'phone' && !this.lib) {
      void loadPhoneLib().then(
        (lib) => (this.lib = lib),
        () => undefined, // The server validates the raw number then.
      );
    }
    if (this.lib) this.options = countryOptions(this.lib, this.language(), allowed);
  }

  /** Focuses the field of the current step. */
  override focus(options?: FocusOptions): void {
    (this.byId<HTMLElement>(this.phase === 'code' ? 'code' : this.phase === 'done' ? 'done' : 'phone') ?? this.querySelector<HTMLElement>('.cb-link'))?.focus(options);
  }

  /** The page's `<cb-step-up>`, or one of the element's own. */
  private stepUp(): CbStepUp {
    if (!customElements.get('cb-step-up')) customElements.define('cb-step-up', CbStepUp);
    const onPage = document.querySelector('cb-step-up');
    if (onPage) return onPage as CbStepUp;
    let own = this.renderRoot.querySelector('cb-step-up') ?? this.shadowRoot?.querySelector('cb-step-up');
    if (!own) {
      own = document.createElement('cb-step-up');
      (this.shadowRoot ?? this).appendChild(own);
    }
    return own as CbStepUp;
  }

  /** Sends the number (again, for a resend); on `step_up_required` confirms the old factor first. */
  private async send(): Promise<void> {
    try {
      const res = await this.api.changePhone(...this.sent);
      if (res.step === 'confirm') this.maskedPhone = res.maskedPhone;
    } catch (err) {
      if (toApiError(err).code !== 'step_up_required') throw err;
      await this.stepUp().request();
      const res = await this.api.changePhone(...this.sent);
      if (res.step === 'confirm') this.maskedPhone = res.maskedPhone;
    }
  }

  private async run(action: () => Promise<void>, focus: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (err) {
      // The user closed the step-up dialog: nothing happened, nothing to say.
      if ((err as Error)?.name !== 'AbortError') {
        this.error = toApiError(err);
        this.reportError(this.error);
      }
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.byId<HTMLElement>(this.error ? focus : this.phase === 'done' ? 'done' : this.phase === 'code' ? 'code' : 'phone')?.focus();
  }

  private async handlePhone(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const lib = this.lib ?? (await loadPhoneLib().catch(() => null));
    this.sent = [this.phone.trim(), this.country];
    if (lib) {
      const parsed = parsePhone(lib, this.phone, this.country);
      if (!parsed) {
        this.invalid = true;
        await this.updateComplete;
        this.byId<HTMLInputElement>('phone')?.focus();
        return;
      }
      this.phone = parsed.national;
      this.sent = [parsed.e164];
    }
    this.invalid = false;
    await this.run(async () => {
      await this.send();
      this.code = '';
      this.phase = 'code';
    }, 'phone');
  }

  private async handleCode(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    await this.run(async () => {
      const res = await this.api.confirmPhoneChange(this.code.trim());
      this.maskedPhone = res.maskedPhone;
      this.phase = 'done';
      this.dispatchEvent(new CbPhoneChangedEvent({ maskedPhone: res.maskedPhone }));
    }, 'code');
  }

  private errorText(): string {
    if (this.invalid) return this.t.phoneInvalid;
    const e = this.error;
    if (!e) return '';
    return e.code === 'rate_limited' && e.retryAfter ? this.t.waitFor(e.retryAfter) : this.t.errors[e.code];
  }

  protected renderForm(): TemplateResult {
    const t = this.t;
    const id = this.uid;
    const title = html`<h2 class="cb-change-phone__title" part="title">${t.changePhoneTitle}</h2>`;
    if (this.face && this.face.selfServicePhoneChange === false) {
      return html`<div class="cb-form" part="form">
        ${title}
        <p class="cb-text" part="intro"><strong>${t.wrongPhone}</strong></p>
        <p class="cb-hint" part="help">${t.wrongPhoneHelp}</p>
      </div>`;
    }
    const err = this.errorText();
    if (this.phase === 'done') {
      return html`<div class="cb-form" part="form">
        ${title}
        <p class="cb-text" part="done" id="${id}-done" role="status" tabindex="-1">${t.changePhoneDone(this.maskedPhone)}</p>
        <p class="cb-hint">${t.changePhoneSignedOut}</p>
      </div>`;
    }
    if (this.phase === 'code') {
      return html`<form class="cb-form" part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleCode}>
        ${title}
        <p class="cb-hint" id="${id}-intro" part="intro">${t.changePhoneCodeIntro(this.maskedPhone)}</p>
        <div class="cb-field" part="field">
          <label class="cb-label" part="label" for="${id}-code">${t.changePhoneCodeLabel}</label>
          <input
            class="cb-input"
            part="input"
            id="${id}-code"
            name="code"
            autocomplete="one-time-code"
            inputmode="numeric"
            maxlength="6"
            required
            aria-invalid=${err ? 'true' : 'false'}
            aria-describedby="${id}-intro ${id}-error"
            .value=${this.code}
            @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value.replace(/\D/g, ''))}
          />
        </div>
        <p class="cb-error" part="error" id="${id}-error" role="alert">${err}</p>
        <button class="cb-button" part="submit-button" type="submit">${t.changePhoneConfirm}</button>
        <button class="cb-button cb-secondary" part="resend-button" type="button" @click=${() => this.run(() => this.send(), 'code')}>${t.changePhoneResend}</button>
        <p class="cb-text">
          <button class="cb-link" part="back-button" type="button" @click=${() => ((this.phase = 'phone'), (this.error = null))}>${t.changePhoneBack}</button>
        </p>
      </form>`;
    }
    const options = this.options.length ? this.options : [{ code: this.country, name: countryName(this.country, this.language()), dial: '' }];
    return html`<form class="cb-form" part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handlePhone}>
      ${title}
      <p class="cb-hint" id="${id}-intro" part="intro">${t.changePhoneIntro}</p>
      <div class="cb-phone-row">
        <div class="cb-field" part="field">
          <label class="cb-label" part="label" for="${id}-country">${t.countryLabel}</label>
          <select class="cb-select" part="country" id="${id}-country" name="country" .value=${this.country} @change=${(e: Event) => (this.country = (e.target as HTMLSelectElement).value)}>
            ${options.map((o) => html`<option value=${o.code} ?selected=${o.code === this.country}>${o.name}${o.dial ? ` (${o.dial})` : ''}</option>`)}
          </select>
        </div>
        <div class="cb-field" part="field">
          <label class="cb-label" part="label" for="${id}-phone">${t.phoneLabel}</label>
          <input
            class="cb-input"
            part="input"
            id="${id}-phone"
            name="phone"
            type="tel"
            autocomplete="tel"
            inputmode="tel"
            required
            aria-invalid=${err && (this.invalid || this.error?.code === 'invalid_phone') ? 'true' : 'false'}
            aria-describedby="${id}-intro ${id}-error"
            .value=${this.phone}
            @input=${(e: Event) => {
              this.phone = (e.target as HTMLInputElement).value;
              this.invalid = false;
            }}
          />
        </div>
      </div>
      <p class="cb-error" part="error" id="${id}-error" role="alert">${err}</p>
      <button class="cb-button" part="submit-button" type="submit">${t.sendCode}</button>
      ${nothing}
    </form>`;
  }
}
