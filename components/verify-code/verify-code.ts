import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CbFormElement } from '../internal/cb-element.js';
import { CountdownController } from '../internal/countdown.js';
import { WebOtpController } from '../internal/web-otp.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import type { CodeSentResponse } from '../../protocol/index.js';
import { CbAuthenticatedEvent, CbCodeSentEvent, CbEnrolledEvent } from '../internal/events.js';
import { formatWait } from '../internal/strings.js';
import { styles, verifyCodeLightStyles } from './verify-code.styles.js';

/**
 * Collects the one-time SMS code, to confirm an enrollment (`mode="confirm"`) or to finish a
 * login (`mode="verify"`), with a resend countdown and WebOTP where the browser has it.
 *
 * The form is rendered in the element's light DOM so that `autocomplete="one-time-code"` autofill
 * works; its nodes carry `part` names too, so they can be styled with `cb-verify-code [part~=input]`.
 *
 * @summary One-time SMS code entry.
 * @tag cb-verify-code
 *
 * @attr {'verify' | 'confirm'} mode - `verify` finishes a login; `confirm` confirms an enrollment. Default `verify`.
 * @attr {string} masked-phone - The masked phone the code went to (`xxx-xxx-9443`).
 * @attr {string} resend-at - ISO time from which "Resend" is enabled; the button counts down until then.
 * @attr {number} length - Digits in a code. Default `6`.
 * @attr {boolean} no-web-otp - Turns off WebOTP (the browser's offer to fill the code from the SMS).
 *
 * @fires {CbAuthenticatedEvent} cb-authenticated - `mode="verify"`: the code was right; `detail.user` is the signed-in user.
 * @fires {CbEnrolledEvent} cb-enrolled - `mode="confirm"`: the phone is enrolled; the user must sign in again.
 * @fires {CbCodeSentEvent} cb-code-sent - A new code was sent (Resend); `detail.maskedPhone`, `detail.resendAt`.
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code (the element shows the message).
 *
 * @slot - The light-DOM form (rendered by the element itself).
 * @csspart base - The shadow wrapper around the form.
 *
 * @lightpart form - The code `<form>`.
 * @lightpart sent-to - "Message sent to:".
 * @lightpart phone - The masked phone.
 * @lightpart hint - The instructions (confirm mode).
 * @lightpart field - The label with the code input.
 * @lightpart label - The code input's label.
 * @lightpart input - The code input (`autocomplete="one-time-code"`).
 * @lightpart error - The error message (`role="alert"`).
 * @lightpart submit-button - "Verify" / "Confirm".
 * @lightpart wait - The wait after too many attempts.
 * @lightpart resend-button - "Resend", with its countdown.
 * @lightpart call-button - "Call me instead": the code read out in a call (when the portal offers calls; same countdown as Resend).
 * @lightpart recovery-toggle - "Use a recovery code" / "Use the SMS code instead" (verify mode, when the portal offers recovery codes).
 * @lightpart trust - "Trust this device for N days" and its checkbox (verify mode, when the portal's trustDeviceDays is 1–90): sent as `trustDevice`.
 * @lightpart help-toggle - "Is the phone number incorrect?" (verify mode).
 * @lightpart help - The help it shows.
 * @lightpart lost-phone-button - "I lost my phone": asks the portal's admins for a reset (`POST /reset-request`; a login's verify step only).
 * @lightpart reset-requested - The request is in: when it was made, and what follows.
 * @lightpart reset-error - Why the request was refused (`role="alert"`); the code entry stays as it was.
 * @lightpart status - "A new code was sent." 
 *
 * @cssproperty [--cb-verify-code-letter-spacing=0.3em] - Space between the digits of the code.
 * @cssproperty [--cb-verify-code-help-background=transparent] - Background of the "phone number is incorrect" help.
 */
export class CbVerifyCode extends CbFormElement {
  static override styles = styles;
  static override lightStyles = verifyCodeLightStyles;

  /** `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm). */
  @property({ reflect: true }) mode: 'verify' | 'confirm' = 'verify';

  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  @property({ attribute: 'masked-phone' }) maskedPhone = '';

  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  @property({ attribute: 'resend-at' }) resendAt = '';

  /** Digits in a code. */
  @property({ type: Number }) length = 6;

  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  @property({ type: Boolean, attribute: 'no-web-otp' }) noWebOtp = false;

  @state() private value = '';
  @state() private error: CbApiError | null = null;
  @state() private formatError = false;
  @state() private busy = false;
  @state() private notice = '';
  @state() private helpOpen = false;
  /** The input takes a recovery code instead of the SMS code (verify mode, when the portal offers them). */
  @state() private recovery = false;
  /** When this account's "I lost my phone" request was made (the server's time), once it is in. */
  @state() private resetRequestedAt = '';
  /** Why "I lost my phone" was refused: said in the help, without locking the code entry. */
  @state() private resetError = '';

  private readonly resendTimer = new CountdownController(this);
  private readonly lockTimer = new CountdownController(this);
  private readonly webOtp = new WebOtpController(this, (code) => {
    // WebOTP filled the whole code: submitting for the user is the expected behaviour here
    // (never on the last typed digit: a user who mistyped needs a chance to fix it).
    this.value = this.digitsOf(code);
    void this.submit();
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.noWebOtp) this.webOtp.start();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('resendAt')) this.resendTimer.start(this.resendAt || null);
    if (changed.has('noWebOtp') && this.noWebOtp) this.webOtp.stop();
    // The lockout is over: the wait message goes away and the code can be sent again.
    if (this.error?.code === 'rate_limited' && !this.lockTimer.running) this.error = null;
  }

  /** Focuses the code input. */
  override focus(options?: FocusOptions): void {
    this.byId<HTMLInputElement>('code')?.focus(options);
  }

  /** Clears the typed code and the messages. */
  reset(): void {
    this.value = '';
    this.error = null;
    this.formatError = false;
    this.notice = '';
  }

  /** What the input keeps: the digits of a code, or a recovery code as typed (dash, spaces, any case). */
  private digitsOf(raw: string): string {
    return this.recovery ? raw.trim().slice(0, 24) : raw.replace(/\D/g, '').slice(0, this.length);
  }

  /** Switches the input between the SMS code and a recovery code; the typed value and messages go. */
  private async toggleRecovery(): Promise<void> {
    this.recovery = !this.recovery;
    this.reset();
    // WebOTP fills SMS codes only; it would overwrite a recovery code being typed.
    if (this.recovery) this.webOtp.stop();
    else if (!this.noWebOtp) this.webOtp.start();
    await this.updateComplete;
    this.focus();
  }

  private handleInput(e: InputEvent): void {
    const input = e.target as HTMLInputElement;
    const clean = this.digitsOf(input.value);
    if (clean !== input.value) input.value = clean;
    this.value = clean;
    this.formatError = false;
  }

  /** A pasted "123 456" is longer than maxlength, which would cut it; keep the digits instead. */
  private handlePaste(e: ClipboardEvent): void {
    const text = e.clipboardData?.getData('text') ?? '';
    if (!text) return;
    e.preventDefault();
    this.value = this.digitsOf(text);
    this.formatError = false;
    const input = e.target as HTMLInputElement;
    input.value = this.value;
  }

  private handleSubmit(e: SubmitEvent): void {
    e.preventDefault();
    void this.submit();
  }

  private async submit(): Promise<void> {
    if (this.busy || this.lockTimer.running) return;
    this.webOtp.stop();
    this.notice = '';
    // A recovery code is 15 letters and digits, grouped `xxxxx-xxxxx-xxxxx` or not (10 in a set made
    // before codes grew); the server reads the rest.
    const wellFormed = this.recovery ? /^(?:[0-9a-z]{10}|[0-9a-z]{15})$/i.test(this.value.replace(/[\s-]/g, '')) : this.value.length === this.length;
    if (!wellFormed) {
      this.formatError = true;
      this.error = null;
      await this.updateComplete;
      this.focus();
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await (this.recovery ? this.checkRecovery(this.value) : this.check(this.value));
    } catch (err) {
      const e = toApiError(err);
      this.fail(e);
      // An expired code is useless; a wrong one stays so the user can fix a typo.
      if (e.code === 'code_expired') this.value = '';
      await this.updateComplete;
      this.byId<HTMLInputElement>('code')?.select();
      this.focus();
    } finally {
      this.busy = false;
    }
  }

  /** Sends the code to the server and tells the page what followed; throws what the call threw. */
  protected async check(code: string): Promise<void> {
    const res = this.mode === 'confirm' ? await this.api.confirmEnrollment(code) : await this.api.verify(code, this.byId<HTMLInputElement>('trust')?.checked);
    if (res.step === 'authenticated') this.dispatchEvent(new CbAuthenticatedEvent({ user: res.user }));
    else if (this.mode === 'confirm') this.dispatchEvent(new CbEnrolledEvent({ maskedPhone: this.maskedPhone }));
  }

  /** Whether the verify step may take a recovery code (a login's does; a step-up's does not). */
  protected get offersRecovery(): boolean {
    return true;
  }

  /** Whether the help may offer "I lost my phone" (a pending login's does; a step-up's session is complete). */
  protected get offersResetRequest(): boolean {
    return true;
  }

  /**
   * "I lost my phone": the portal's admins are asked for a reset. It changes nothing else, so the
   * code entry stays: a code that does come still signs in.
   */
  private async requestReset(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.resetError = '';
    try {
      const { requestedAt } = await this.api.requestReset();
      this.resetRequestedAt = requestedAt;
    } catch (err) {
      // Not `fail()`: a refused request (5 an hour from one network) must not lock the code entry.
      const e = toApiError(err);
      this.resetError = e.code === 'rate_limited' ? this.t.waitFor(e.retryAfter ?? 3600) : this.t.errors[e.code];
      this.reportError(e);
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    // The button is gone once the request is in; the help text with its time is where the user is.
    (this.resetRequestedAt ? this.byId<HTMLElement>('reset-requested') : this.byId<HTMLElement>('lost-phone'))?.focus();
  }

  private requestedText(): string {
    const at = new Date(this.resetRequestedAt);
    return this.t.resetRequested(at.toLocaleString(this.language(), { dateStyle: 'medium', timeStyle: 'short' }));
  }

  /** A recovery code instead of the SMS code (verify mode). */
  private async checkRecovery(code: string): Promise<void> {
    const res = await this.api.verifyRecoveryCode(code);
    if (res.step === 'authenticated') this.dispatchEvent(new CbAuthenticatedEvent({ user: res.user }));
  }

  /** Asks for a new code (Resend), or for a call that reads it out ("Call me instead"). */
  protected sendAgain(channel?: 'voice'): Promise<CodeSentResponse> {
    return this.api.resend(channel);
  }

  /** Whether this step may offer "Call me instead" (a step-up's `POST /step-up` sends SMS only). */
  protected get offersCall(): boolean {
    return true;
  }

  private fail(err: CbApiError): void {
    this.error = err;
    if (err.code === 'rate_limited') this.lockTimer.startIn(err.retryAfter ?? 60);
    this.reportError(err);
  }

  private async handleResend(_e?: Event, channel?: 'voice'): Promise<void> {
    if (this.busy || this.resendTimer.running) return;
    this.busy = true;
    this.error = null;
    this.notice = '';
    try {
      const sent = await this.sendAgain(channel);
      this.maskedPhone = sent.maskedPhone;
      this.resendAt = sent.resendAt;
      this.notice = channel ? this.t.calling(sent.maskedPhone) : this.t.codeResent;
      this.dispatchEvent(new CbCodeSentEvent(sent));
      if (!this.noWebOtp) this.webOtp.start();
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'rate_limited') {
        // A send that is too early only delays the button; it does not lock the code entry.
        this.resendTimer.startIn(e.retryAfter ?? 30);
        this.error = e;
        this.reportError(e);
      } else this.fail(e);
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.focus();
  }

  private errorText(): string {
    if (this.formatError) return this.recovery ? this.t.recoveryFormat : this.t.codeFormat(this.length);
    const e = this.error;
    if (!e) return '';
    if (e.code === 'rate_limited') return this.t.waitFor(e.retryAfter ?? 60);
    const msg = this.t.errors[e.code];
    const text = e.code === 'invalid_code' && e.attemptsLeft !== undefined ? `${msg} ${this.t.attemptsLeft(e.attemptsLeft)}` : msg;
    // The server sends `delivery` only when the provider reported the SMS failed or undelivered.
    return e.delivery ? `${text} ${this.t.errors.sms_failed}` : text;
  }

  protected renderForm(): TemplateResult {
    const t = this.t;
    const id = this.uid;
    const confirm = this.mode === 'confirm';
    // Offered only where the portal says so (GET /portal), and never on the confirm step.
    const canRecover = !confirm && this.offersRecovery && !!this.face?.recoveryCodes;
    const recovery = canRecover && this.recovery;
    // "Trust this device": a login's verify step only (the step-up's offers no recovery either), with the SMS code.
    const days = this.face?.trustDeviceDays ?? 0;
    const canTrust = !confirm && this.offersRecovery && days > 0 && !recovery;
    const err = this.errorText();
    const waiting = this.resendTimer.seconds;
    const locked = this.lockTimer.seconds;
    return html`<form class="cb-form" part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
      ${confirm
        ? html`<div class="cb-verify-code__sent">
              <p class="cb-text" part="sent-to">${t.confirmSentTo}</p>
              <p class="cb-text cb-phone" part="phone">${this.maskedPhone}</p>
            </div>
            <p class="cb-hint" id="${id}-hint" part="hint">${t.confirmInstructions}</p>`
        : nothing}
      <div class="cb-field" part="field">
        <label class="cb-label" part="label" for="${id}-code">${recovery ? t.recoveryLabel : confirm ? t.confirmLabel : t.verifyLabel}</label>
        <input
          class="cb-input cb-code"
          part="input"
          id="${id}-code"
          name=${recovery ? 'recovery-code' : 'code'}
          type="text"
          inputmode=${recovery ? 'text' : 'numeric'}
          autocomplete=${recovery ? 'off' : 'one-time-code'}
          autocapitalize=${recovery ? 'off' : nothing}
          pattern=${recovery ? nothing : `\\d{${this.length}}`}
          maxlength=${recovery ? 24 : this.length}
          required
          spellcheck="false"
          aria-invalid=${err && this.error?.code !== 'rate_limited' ? 'true' : 'false'}
          aria-describedby=${confirm ? `${id}-hint ${id}-error` : `${id}-error`}
          .value=${this.value}
          @input=${this.handleInput}
          @paste=${this.handlePaste}
        />
      </div>
      ${canTrust
        ? html`<label class="cb-row cb-text" part="trust"><input type="checkbox" id="${id}-trust" />${t.trustDevice(days)}</label>`
        : nothing}
      <p class="cb-error" part="error" id="${id}-error" role="alert">${err}</p>
      <button class="cb-button" part="submit-button" type="submit" ?disabled=${locked > 0}>
        ${confirm ? t.confirmSubmit : t.verifySubmit}
      </button>
      ${canRecover
        ? html`<div class="cb-row">
            <button class="cb-link" part="recovery-toggle" type="button" @click=${this.toggleRecovery}>${recovery ? t.useSmsCode : t.useRecoveryCode}</button>
          </div>`
        : nothing}
      ${locked > 0 ? html`<p class="cb-hint" part="wait">${formatWait(locked)}</p>` : nothing}
      <div class="cb-row">
        <button class="cb-link" part="resend-button" type="button" ?disabled=${waiting > 0} @click=${this.handleResend}>
          ${waiting > 0 ? t.resendIn(waiting) : t.resend}
        </button>
        ${!recovery && this.offersCall && this.face?.voiceFallback
          ? html`<button class="cb-link" part="call-button" type="button" ?disabled=${waiting > 0} @click=${() => this.handleResend(undefined, 'voice')}>${t.callMe}</button>`
          : nothing}
      </div>
      ${confirm
        ? nothing
        : html`<div class="cb-verify-code__sent">
              <p class="cb-text" part="sent-to">${t.sentTo}</p>
              <p class="cb-text cb-phone" part="phone">${this.maskedPhone}</p>
            </div>
            <button
              class="cb-link"
              part="help-toggle"
              type="button"
              aria-expanded=${this.helpOpen ? 'true' : 'false'}
              aria-controls="${id}-help"
              @click=${() => (this.helpOpen = !this.helpOpen)}
            >
              ${t.wrongPhone}
            </button>
            <div class="cb-verify-code__help" part="help" id="${id}-help" ?hidden=${!this.helpOpen}>
              <p class="cb-text">${t.wrongPhoneHelp}</p>
              ${!this.offersResetRequest
                ? nothing
                : this.resetRequestedAt
                  ? html`<p class="cb-text" part="reset-requested" id="${id}-reset-requested" tabindex="-1">${this.requestedText()}</p>`
                  : html`<button class="cb-link" part="lost-phone-button" id="${id}-lost-phone" type="button" @click=${this.requestReset}>${t.lostPhone}</button>
                      <p class="cb-error" part="reset-error" role="alert">${this.resetError}</p>`}
            </div>`}
      <p class="cb-status" part="status" role="status">${this.notice}</p>
    </form>`;
  }
}
