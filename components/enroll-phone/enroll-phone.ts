import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CbFormElement } from '../internal/cb-element.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import { CbCodeSentEvent, CbSkippedEvent } from '../internal/events.js';
import { countryName, countryOptions, loadPhoneLib, parsePhone, type CountryOption, type PhoneLib } from '../internal/phone.js';
import type { CbVerifyCode } from '../verify-code/verify-code.js';
import { enrollPhoneLightStyles, styles } from './enroll-phone.styles.js';

/** A date of the API (`2027-01-15`); anything else shows the plain "Skip for Now". */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Enrolls a mobile phone: a country and a national number, validated and formatted with
 * libphonenumber-js (loaded lazily when this step shows) and sent as E.164; then the confirmation
 * of the first code (a `<cb-verify-code mode="confirm">` in place). "Skip for Now" shows only when
 * the server said `canSkip`.
 *
 * Only the countries whose phones the portal accepts (`allowedCountries` of `GET /portal`) are
 * offered; `countries` narrows that list. The whole list shows until the portal's face arrives, and
 * when the router cannot say.
 *
 * The form lives in the light DOM (phone autofill); its nodes carry `part` names for styling.
 *
 * @summary Phone enrollment and its confirmation.
 * @tag cb-enroll-phone
 *
 * @attr {boolean} can-skip - Shows "Skip for Now" (the portal allows opting out).
 * @attr {string} skip-until - With `can-skip`: the date (`2027-01-15`) until which the skip is offered; the button says until when ("Skip until 15 Jan").
 * @attr {string} default-country - ISO 3166 country preselected in the list (the first offered when it is not offered). Default `US`.
 * @attr {string} countries - Comma-separated ISO countries offered (`US,CA`), within those the portal accepts.
 * @attr {'phone' | 'confirm'} phase - `phone` asks for the number; `confirm` for the code sent to it. Default `phone`.
 * @attr {string} masked-phone - Confirm phase: the masked phone the code went to.
 * @attr {string} resend-at - Confirm phase: ISO time from which "Resend" is enabled.
 *
 * @fires {CbCodeSentEvent} cb-code-sent - The phone was accepted and a code sent; `detail.maskedPhone`, `detail.resendAt`.
 * @fires {CbEnrolledEvent} cb-enrolled - The code was confirmed (from the inner `<cb-verify-code>`); the user must sign in again.
 * @fires {CbSkippedEvent} cb-skipped - "Skip for Now": the login is complete; `detail.user`.
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code.
 *
 * @slot - The light-DOM form (rendered by the element itself).
 * @csspart base - The shadow wrapper around the form.
 *
 * @lightpart form - The enrollment `<form>`.
 * @lightpart title - The step's heading.
 * @lightpart intro - The explanation under it.
 * @lightpart field - A label with its control.
 * @lightpart label - A field's label.
 * @lightpart country - The country `<select>`.
 * @lightpart input - The phone input.
 * @lightpart error - The error message (`role="alert"`).
 * @lightpart submit-button - "Send Code".
 * @lightpart skip-button - "Skip for Now".
 * @lightpart change-number - "Change number", in the confirm phase.
 */
export class CbEnrollPhone extends CbFormElement {
  static override styles = styles;
  static override lightStyles = enrollPhoneLightStyles;

  /** Shows "Skip for Now" (the portal allows opting out). */
  @property({ type: Boolean, attribute: 'can-skip' }) canSkip = false;

  /**
   * With `can-skip`: the date (`2027-01-15`) until which the skip is offered (the portal's deadline,
   * the step's `skipUntil`); the button then says until when ("Skip until 15 Jan"). Empty: no date.
   */
  @property({ attribute: 'skip-until' }) skipUntil = '';

  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  @property({ attribute: 'default-country' }) defaultCountry = 'US';

  /**
   * Comma-separated ISO countries offered (`US,CA`), within those the portal accepts; empty offers
   * all the portal accepts (every country when the router does not say).
   */
  @property() countries = '';

  /** `phone` asks for the number; `confirm` asks for the code that was sent to it. */
  @property({ reflect: true }) phase: 'phone' | 'confirm' = 'phone';

  /** Confirm phase: the masked phone the code went to. */
  @property({ attribute: 'masked-phone' }) maskedPhone = '';

  /** Confirm phase: ISO time from which "Resend" is enabled. */
  @property({ attribute: 'resend-at' }) resendAt = '';

  @state() private country = '';
  @state() private phone = '';
  @state() private invalid = false;
  @state() private error: CbApiError | null = null;
  @state() private busy = false;
  @state() private lib: PhoneLib | null = null;

  private options: CountryOption[] = [];

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.country || changed.has('defaultCountry')) this.country = this.defaultCountry.toUpperCase();
    const offered = this.countryList();
    if (offered[0] && !offered.includes(this.country)) this.country = offered[0];
    // The phone metadata loads only once this step is on screen.
    if (this.phase === 'phone' && !this.lib) {
      void loadPhoneLib().then(
        (lib) => (this.lib = lib),
        () => undefined, // Offline CDN and the like: the server validates the raw number instead.
      );
    }
    if (this.lib) this.options = countryOptions(this.lib, this.language(), offered);
  }

  /** Focuses the first field of the current phase. */
  override focus(options?: FocusOptions): void {
    if (this.phase === 'confirm') this.querySelector<CbVerifyCode>('cb-verify-code')?.focus(options);
    else this.byId<HTMLSelectElement>('country')?.focus(options);
  }

  /** The countries to offer, in order; empty for every country. */
  private countryList(): string[] {
    const page = this.countries
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    // The server refuses a phone of any other country: never offer one.
    const allowed = this.face?.allowedCountries?.map((c) => c.toUpperCase()) ?? [];
    if (!allowed.length) return page;
    const both = page.filter((c) => allowed.includes(c));
    return both.length ? both : allowed;
  }

  private async handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    this.error = null;
    const lib = this.lib ?? (await loadPhoneLib().catch(() => null));
    let payload: [string, string?] = [this.phone.trim(), this.country];
    if (lib) {
      const parsed = parsePhone(lib, this.phone, this.country);
      if (!parsed) {
        this.invalid = true;
        await this.updateComplete;
        this.byId<HTMLInputElement>('phone')?.focus();
        return;
      }
      this.phone = parsed.national;
      payload = [parsed.e164];
    }
    this.invalid = false;
    this.busy = true;
    try {
      const res = await this.api.enrollPhone(...payload);
      if (res.step === 'confirm') {
        this.maskedPhone = res.maskedPhone;
        this.resendAt = res.resendAt;
        this.phase = 'confirm';
        this.dispatchEvent(new CbCodeSentEvent({ maskedPhone: res.maskedPhone, resendAt: res.resendAt }));
        await this.updateComplete;
        await this.querySelector<CbVerifyCode>('cb-verify-code')?.updateComplete;
        this.focus();
      }
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
      await this.updateComplete;
      this.byId<HTMLInputElement>('phone')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private handleBlur(): void {
    // Formats what was typed, and follows a number typed with its own +country code.
    if (!this.lib || !this.phone.trim()) return;
    const parsed = parsePhone(this.lib, this.phone, this.country);
    if (!parsed) return;
    const region = this.lib.parsePhoneNumberFromString(parsed.e164)?.country;
    const offered = this.countryList();
    if (region && region !== this.country && (!offered.length || offered.includes(region))) this.country = region;
    this.phone = parsePhone(this.lib, parsed.e164, this.country)?.national ?? parsed.national;
  }

  private async handleSkip(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const res = await this.api.skipEnrollment();
      if (res.step === 'authenticated') this.dispatchEvent(new CbSkippedEvent({ user: res.user }));
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
    } finally {
      this.busy = false;
    }
  }

  private async changeNumber(): Promise<void> {
    this.phase = 'phone';
    await this.updateComplete;
    this.byId<HTMLInputElement>('phone')?.focus();
  }

  private errorText(): string {
    if (this.invalid) return this.t.phoneInvalid;
    const e = this.error;
    if (!e) return '';
    return e.code === 'rate_limited' && e.retryAfter ? this.t.waitFor(e.retryAfter) : this.t.errors[e.code];
  }

  protected renderForm(): TemplateResult {
    const t = this.t;
    if (this.phase === 'confirm') {
      return html`<cb-verify-code
          mode="confirm"
          api-base=${this.apiBase}
          masked-phone=${this.maskedPhone}
          resend-at=${this.resendAt}
          .strings=${this.strings}
        ></cb-verify-code>
        <p class="cb-text"><button class="cb-link" part="change-number" type="button" @click=${this.changeNumber}>${t.changeNumber}</button></p>`;
    }
    const id = this.uid;
    const err = this.errorText();
    const skipLabel = DATE.test(this.skipUntil) ? t.skipUntil(this.skipUntil) : t.skip;
    const options = this.options.length
      ? this.options
      : [{ code: this.country, name: countryName(this.country, this.language()), dial: '' }];
    return html`<form class="cb-form" part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
      <h2 class="cb-enroll-phone__title" part="title">${t.enrollTitle}</h2>
      <p class="cb-hint" id="${id}-intro" part="intro">${t.enrollIntro}</p>
      <div class="cb-phone-row">
        <div class="cb-field" part="field">
          <label class="cb-label" part="label" for="${id}-country">${t.countryLabel}</label>
          <select
            class="cb-select"
            part="country"
            id="${id}-country"
            name="country"
            .value=${this.country}
            @change=${(e: Event) => (this.country = (e.target as HTMLSelectElement).value)}
          >
            ${options.map(
              (o) => html`<option value=${o.code} ?selected=${o.code === this.country}>${o.name}${o.dial ? ` (${o.dial})` : ''}</option>`,
            )}
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
            @blur=${this.handleBlur}
          />
        </div>
      </div>
      <p class="cb-error" part="error" id="${id}-error" role="alert">${err}</p>
      <button class="cb-button" part="submit-button" type="submit">${t.sendCode}</button>
      ${this.canSkip
        ? html`<button class="cb-button cb-secondary" part="skip-button" type="button" @click=${this.handleSkip}>${skipLabel}</button>`
        : nothing}
    </form>`;
  }
}
