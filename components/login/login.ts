import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume, ContextProvider } from '@lit/context';
import { CbFormElement, type CbElement } from '../internal/cb-element.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import { cbApiContext, cbBrandingContext, cbStringsContext, type CbBranding } from '../internal/context.js';
import { CbAuthenticatedEvent, type CbCodeSentEvent, type CbErrorEvent, type CbSkippedEvent } from '../internal/events.js';
import { initialFlow, transition, type FlowEvent, type FlowState, type FlowStep } from '../internal/flow.js';
import { safeLinkHref } from '../internal/safe-url.js';
import { loginLightStyles, styles } from './login.styles.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The whole sign-in: email and password, then, as the server decides, phone enrollment and its
 * confirmation, or the SMS code; back to the password after an enrollment (the user signs in again),
 * and `cb-authenticated` at the end. The steps are `<cb-enroll-phone>` and `<cb-verify-code>`, shown
 * in place; this element provides them its API client and strings through context.
 *
 * All inputs are in the light DOM inside real forms (password managers and one-time-code autofill);
 * the shadow root holds the card and the logo slot. Light nodes carry `part` names for styling
 * (`cb-login [part~="submit-button"]`); the steps shown in place add their own.
 *
 * The logo area shows, first found: the `logo` slot, `cbBrandingContext`'s image, the portal's logo
 * (from `GET /portal`, with the portal's name as its text alternative), the portal's name, and
 * "YOUR LOGO HERE". It stays empty while the portal's face is on its way, so no placeholder flashes.
 *
 * @summary Sign-in with SMS two-factor steps.
 * @tag cb-login
 *
 * @attr {string} reset-href - URL of "Reset Login or Password" (http(s) or relative; any other scheme shows no link).
 * @attr {string} default-country - Country preselected on the enrollment step. Default `US`.
 * @attr {string} countries - Countries offered on the enrollment step (`US,CA`); empty offers all the portal accepts.
 * @attr {boolean} no-web-otp - Turns off WebOTP on the code steps.
 *
 * @fires {CbAuthenticatedEvent} cb-authenticated - The login is complete (password alone, code, or skip); `detail.user`.
 * @fires {CbEnrolledEvent} cb-enrolled - The phone was confirmed; the form asks for the password again.
 * @fires {CbSkippedEvent} cb-skipped - The user chose "Skip for Now" (followed by `cb-authenticated`).
 * @fires {CbCodeSentEvent} cb-code-sent - A code was sent; `detail.maskedPhone`, `detail.resendAt`.
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code.
 *
 * @slot logo - The portal's logo; shows the portal's logo or name (or "YOUR LOGO HERE") until filled.
 * @slot - The light-DOM form of the current step (rendered by the element itself).
 *
 * @csspart base - The card.
 * @csspart logo - The logo area.
 * @csspart logo-placeholder - The "YOUR LOGO HERE" text.
 * @csspart portal-name - The portal's name, shown when it has no logo.
 *
 * @lightpart form - The sign-in `<form>`.
 * @lightpart field - A label with its input and message.
 * @lightpart label - A field's label.
 * @lightpart input - Each input (also `email-input`, `password-input`).
 * @lightpart email-input - The email input.
 * @lightpart password-input - The password input.
 * @lightpart field-error - A field's own message ("Please enter valid email.").
 * @lightpart error - The form's error message (`role="alert"`).
 * @lightpart notice - The status line: enrolled, session ended, signed in.
 * @lightpart submit-button - "Sign In".
 * @lightpart reset-link - "Reset Login or Password".
 * @lightpart back-button - "Back to sign in" on the code steps.
 *
 * @cssproperty [--cb-login-width=24rem] - Maximum width of the card.
 * @cssproperty [--cb-login-padding=2rem] - Padding of the card.
 * @cssproperty [--cb-login-shadow=none] - Shadow of the card.
 * @cssproperty [--cb-login-border-color=var(--cb-color-border)] - Border of the card.
 * @cssproperty [--cb-login-logo-height=3rem] - Height of the logo area.
 */
export class CbLogin extends CbFormElement {
  static override styles = styles;
  static override lightStyles = loginLightStyles;

  @consume({ context: cbBrandingContext, subscribe: true })
  @state()
  private branding?: CbBranding;

  /**
   * URL of the portal's "Reset Login or Password" page; the link shows when set to an http(s) or
   * relative URL (any other scheme, such as `javascript:`, shows no link).
   */
  @property({ attribute: 'reset-href' }) resetHref = '';

  /** Country preselected on the enrollment step. */
  @property({ attribute: 'default-country' }) defaultCountry = 'US';

  /** Countries offered on the enrollment step (`US,CA`); empty offers all. */
  @property() countries = '';

  /** Turns off WebOTP on the code steps. */
  @property({ type: Boolean, attribute: 'no-web-otp' }) noWebOtp = false;

  @state() private flow: FlowState = initialFlow;
  @state() private email = '';
  @state() private password = '';
  @state() private emailInvalid = false;
  @state() private passwordMissing = false;
  @state() private error: CbApiError | null = null;
  @state() private busy = false;

  private readonly apiProvider = new ContextProvider(this, { context: cbApiContext });
  private readonly stringsProvider = new ContextProvider(this, { context: cbStringsContext });

  /** The current step: `login`, `enroll`, `confirm`, `verify` or `authenticated`. */
  get step(): FlowStep {
    return this.flow.step;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The steps rendered inside share this element's client and strings.
    if (this.apiProvider.value !== this.api) this.apiProvider.setValue(this.api);
    if (changed.has('strings') || changed.has('contextStrings') || changed.has('lang')) {
      const outer = this.contextStrings ?? {};
      const own = this.strings ?? {};
      this.stringsProvider.setValue({ ...outer, ...own, errors: { ...outer.errors, ...own.errors } }, true);
    }
  }

  /** Focuses the first field of the current step. */
  override focus(options?: FocusOptions): void {
    const child = this.querySelector<CbElement>('cb-enroll-phone, cb-verify-code');
    if (child) child.focus(options);
    else this.byId<HTMLInputElement>('email')?.focus(options);
  }

  /** Back to an empty sign-in form (does not call the server). */
  reset(): void {
    this.go({ type: 'restart' });
    this.password = '';
    this.error = null;
  }

  private async go(event: FlowEvent, focus = false): Promise<void> {
    const before = this.flow.step;
    this.flow = transition(this.flow, event);
    if (!focus || this.flow.step === before) return;
    await this.updateComplete;
    const child = this.querySelector<CbElement>('cb-enroll-phone, cb-verify-code');
    if (child) await child.updateComplete;
    this.focus();
  }

  private async handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    this.emailInvalid = !EMAIL.test(this.email.trim());
    this.passwordMissing = this.password === '';
    this.error = null;
    if (this.emailInvalid || this.passwordMissing) {
      await this.updateComplete;
      this.byId<HTMLInputElement>(this.emailInvalid ? 'email' : 'password')?.focus();
      return;
    }
    this.busy = true;
    try {
      const res = await this.api.login(this.email.trim(), this.password);
      this.password = '';
      await this.go({ type: 'response', response: res }, true);
      if (res.step === 'authenticated') this.dispatchEvent(new CbAuthenticatedEvent({ user: res.user }));
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
      await this.updateComplete;
      this.byId<HTMLInputElement>(this.error.code === 'invalid_credentials' ? 'password' : 'email')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private handleCodeSent(e: CbCodeSentEvent): void {
    void this.go({ type: 'code-sent', ...e.detail });
  }

  private handleEnrolled(): void {
    this.password = '';
    void this.go({ type: 'enrolled' }, true);
  }

  private handleSkipped(e: CbSkippedEvent): void {
    void this.go({ type: 'response', response: { step: 'authenticated', user: e.detail.user } });
    // A skipped enrollment completes the login too; hosts listen to one event.
    this.dispatchEvent(new CbAuthenticatedEvent({ user: e.detail.user }));
  }

  private handleChildAuthenticated(e: CbAuthenticatedEvent): void {
    // The code step fired it (and it bubbles on to the host); only the state follows here.
    void this.go({ type: 'response', response: { step: 'authenticated', user: e.detail.user } });
  }

  private handleChildError(e: CbErrorEvent): void {
    // The half-open login is gone (expired, or ended elsewhere): start over with the password.
    if (e.detail.code === 'unauthorized' || e.detail.code === 'wrong_step') void this.go({ type: 'restart', expired: true }, true);
  }

  private async handleBack(): Promise<void> {
    // Ends the pending session on the server; the form comes back either way.
    await this.api.logout().catch(() => undefined);
    await this.go({ type: 'restart' }, true);
  }

  private errorText(): string {
    const e = this.error;
    if (!e) return '';
    return e.code === 'rate_limited' && e.retryAfter ? this.t.waitFor(e.retryAfter) : this.t.errors[e.code];
  }

  private renderLogin(notice: 'enrolled' | 'expired' | null): TemplateResult {
    const t = this.t;
    const id = this.uid;
    const err = this.errorText();
    const resetHref = safeLinkHref(this.resetHref);
    return html`<p class="cb-status" part="notice" role="status">
        ${notice === 'enrolled' ? t.enrolledNotice : notice === 'expired' ? t.errors.unauthorized : ''}
      </p>
      <form class="cb-form" part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
        <div class="cb-field" part="field">
          <label class="cb-label" part="label" for="${id}-email">${t.emailLabel}<span class="cb-required" aria-hidden="true"> *</span></label>
          <input
            class="cb-input"
            part="input email-input"
            id="${id}-email"
            name="email"
            type="email"
            autocomplete="username"
            inputmode="email"
            spellcheck="false"
            required
            aria-invalid=${this.emailInvalid ? 'true' : 'false'}
            aria-describedby="${id}-email-error"
            .value=${this.email}
            @input=${(e: Event) => {
              this.email = (e.target as HTMLInputElement).value;
              this.emailInvalid = false;
            }}
          />
          <p class="cb-error" part="field-error" id="${id}-email-error">${this.emailInvalid ? t.emailInvalid : ''}</p>
        </div>
        <div class="cb-field" part="field">
          <label class="cb-label" part="label" for="${id}-password">${t.passwordLabel}<span class="cb-required" aria-hidden="true"> *</span></label>
          <input
            class="cb-input"
            part="input password-input"
            id="${id}-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${this.passwordMissing ? 'true' : 'false'}
            aria-describedby="${id}-password-error"
            .value=${this.password}
            @input=${(e: Event) => {
              this.password = (e.target as HTMLInputElement).value;
              this.passwordMissing = false;
            }}
          />
          <p class="cb-error" part="field-error" id="${id}-password-error">${this.passwordMissing ? t.passwordMissing : ''}</p>
        </div>
        <p class="cb-error" part="error" role="alert">${err}</p>
        <button class="cb-button" part="submit-button" type="submit">${t.signIn}</button>
        ${resetHref
          ? html`<p class="cb-text cb-login__links"><a class="cb-link" part="reset-link" href=${resetHref}>${t.resetLink}</a></p>`
          : nothing}
      </form>`;
  }

  private renderBack(): TemplateResult {
    return html`<p class="cb-text cb-login__links">
      <button class="cb-link" part="back-button" type="button" @click=${this.handleBack}>${this.t.backToSignIn}</button>
    </p>`;
  }

  protected renderForm(): TemplateResult {
    const f = this.flow;
    switch (f.step) {
      case 'login':
        return this.renderLogin(f.notice);
      case 'enroll':
      case 'confirm':
        // One element for both phases, so its state (the number typed) survives enroll → confirm.
        return html`<cb-enroll-phone
            ?can-skip=${f.canSkip}
            skip-until=${f.skipUntil ?? ''}
            phase=${f.step === 'enroll' ? 'phone' : 'confirm'}
            masked-phone=${f.step === 'confirm' ? f.maskedPhone : ''}
            resend-at=${f.step === 'confirm' ? f.resendAt : ''}
            default-country=${this.defaultCountry}
            countries=${this.countries}
            @cb-code-sent=${this.handleCodeSent}
            @cb-enrolled=${this.handleEnrolled}
            @cb-skipped=${this.handleSkipped}
            @cb-error=${this.handleChildError}
          ></cb-enroll-phone
          >${this.renderBack()}`;
      case 'verify':
        return html`<cb-verify-code
            mode="verify"
            masked-phone=${f.maskedPhone}
            resend-at=${f.resendAt}
            ?no-web-otp=${this.noWebOtp}
            @cb-code-sent=${this.handleCodeSent}
            @cb-authenticated=${this.handleChildAuthenticated}
            @cb-error=${this.handleChildError}
          ></cb-verify-code
          >${this.renderBack()}`;
      case 'authenticated':
        return html`<p class="cb-status" part="notice" role="status">${this.t.signedIn}</p>`;
    }
  }

  private renderLogo(): TemplateResult | typeof nothing {
    const b = this.branding;
    const face = this.face;
    const src = b?.logoSrc ?? face?.logoUrl;
    const name = b?.logoAlt ?? face?.name;
    if (src) return html`<img src=${src} alt=${name ?? ''} />`;
    if (face === undefined) return nothing;
    return name
      ? html`<span part="portal-name" class="name">${name}</span>`
      : html`<span part="logo-placeholder" class="placeholder">${this.t.logoPlaceholder}</span>`;
  }

  protected override render(): TemplateResult {
    return html`<div part="base" class="base">
      <div part="logo" class="logo">
        <slot name="logo">${this.renderLogo()}</slot>
      </div>
      <slot></slot>
    </div>`;
  }
}
