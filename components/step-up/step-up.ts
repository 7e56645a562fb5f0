import { html, type TemplateResult } from 'lit';
import type { CodeSentResponse, StepUpVerifiedResponse } from '../../protocol/index.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import { clock } from '../internal/clock.js';
import { CbSteppedUpEvent } from '../internal/events.js';
import { CbVerifyCode } from '../verify-code/verify-code.js';
import { addElementStrings } from '../internal/strings.js';
import { styles } from './step-up.styles.js';
import { stepUpStrings } from './step-up.strings.js';

// Here, not in the strings module: a bundler keeps this call with the element that needs it.
addElementStrings(stepUpStrings);

/** Why `request()` rejected: the user closed the dialog. */
export class CbStepUpCancelledError extends Error {
  constructor() {
    super('The step-up was cancelled.');
    this.name = 'AbortError';
  }
}

/**
 * The dialog a page opens before a sensitive action (AutoPay, a payment method): it texts a code
 * to the user's enrolled phone and resolves when the code is right, so the page can retry the
 * action its server answered with 403 `step_up_required`.
 *
 * ```js
 * const res = await fetch('/api/autopay', { method: 'POST', ... });
 * if (res.status === 403 && (await res.json()).error.code === 'step_up_required') {
 *   await document.querySelector('cb-step-up').request(); // rejects if the user cancels
 *   // ...send the request again
 * }
 * ```
 *
 * The code form is the same as `<cb-verify-code>`'s (light DOM, `autocomplete="one-time-code"`,
 * WebOTP, the resend countdown, every error), shown inside a native modal `<dialog>`.
 *
 * @summary Confirm a sensitive action with a fresh SMS code.
 * @tag cb-step-up
 *
 * @fires {CbSteppedUpEvent} cb-stepped-up - The code was right; `detail.verifiedAt` is the time the server recorded.
 * @fires {CbCodeSentEvent} cb-code-sent - A code was sent; `detail.maskedPhone`, `detail.resendAt`.
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code (`step_up_unavailable` when the user has no enrolled phone).
 *
 * @slot - The light-DOM code form (rendered by the element itself).
 * @csspart dialog - The native `<dialog>`.
 * @csspart title - The heading.
 * @csspart intro - The line above the form.
 * @csspart cancel-button - "Cancel".
 *
 * @cssproperty [--cb-dialog-width=32rem] - Maximum width of the dialog.
 * @cssproperty [--cb-dialog-padding=1.5rem] - Padding of the dialog.
 * @cssproperty [--cb-dialog-backdrop=rgb(0 0 0 / 0.5)] - The backdrop behind the dialog.
 */
export class CbStepUp extends CbVerifyCode {
  static override styles = styles;

  private settle?: { resolve: (r: StepUpVerifiedResponse) => void; reject: (e: unknown) => void };
  private verified?: StepUpVerifiedResponse;
  private ownClose = false;

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  /**
   * Opens the dialog and sends a code. Resolves with `{ verifiedAt }` once the code is right;
   * rejects with a `CbStepUpCancelledError` (name `AbortError`) when the user closes the dialog, or
   * with the `CbApiError` of a step-up that cannot happen (`step_up_unavailable`, `unauthorized`).
   * A second call while open returns the same promise.
   */
  request(): Promise<StepUpVerifiedResponse> {
    if (this.settle) return this.pending!;
    this.pending = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    void this.begin();
    return this.pending;
  }
  private pending?: Promise<StepUpVerifiedResponse>;

  private async begin(): Promise<void> {
    this.reset();
    this.verified = undefined;
    await this.updateComplete;
    this.dialog.showModal();
    try {
      this.sent(await this.api.stepUp());
    } catch (err) {
      const e = toApiError(err);
      // A code sent moments ago (an earlier, cancelled dialog) is still good: type it, or wait.
      if (e.code === 'rate_limited') {
        this.resendAt = new Date(clock().now() + (e.retryAfter ?? 30) * 1000).toISOString();
        return;
      }
      this.reportError(e);
      this.finish(e);
    }
    this.focus();
  }

  private sent(sent: CodeSentResponse): void {
    this.maskedPhone = sent.maskedPhone;
    this.resendAt = sent.resendAt;
  }

  protected override async check(code: string): Promise<void> {
    const res = await this.api.stepUpVerify(code);
    this.verified = res;
    this.dispatchEvent(new CbSteppedUpEvent(res));
    this.finish();
  }

  /** A step-up takes the SMS code only: `POST /step-up/verify` knows no recovery codes. */
  protected override get offersRecovery(): boolean {
    return false;
  }

  /** A step-up's session is complete: "I lost my phone" belongs to a pending login. */
  protected override get offersResetRequest(): boolean {
    return false;
  }

  /** `POST /step-up` sends SMS only. */
  protected override get offersCall(): boolean {
    return false;
  }

  protected override sendAgain(): Promise<CodeSentResponse> {
    return this.api.stepUp();
  }

  /** Closes the dialog; without an error, after a right code, resolves, else rejects. */
  private finish(error?: CbApiError): void {
    const settle = this.settle;
    if (!settle) return;
    this.settle = undefined;
    this.pending = undefined;
    if (this.dialog.open) {
      // Its close event comes a task later, maybe after the next request() began: not a cancel.
      this.ownClose = true;
      this.dialog.close();
    }
    if (error) settle.reject(error);
    else if (this.verified) settle.resolve(this.verified);
    else settle.reject(new CbStepUpCancelledError());
  }

  /** The dialog closed: by the user (Escape) unless it was `finish`. */
  private closed(): void {
    if (this.ownClose) this.ownClose = false;
    else this.finish();
  }

  /** Closes the dialog; a pending `request()` rejects as cancelled. */
  cancel(): void {
    this.finish();
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="intro" @close=${this.closed}>
      <h2 part="title" id="title">${t.stepUpTitle}</h2>
      <p part="intro" id="intro">${t.stepUpIntro}</p>
      <slot></slot>
      <div class="actions"><button part="cancel-button" class="secondary" type="button" @click=${this.cancel}>${t.cancel}</button></div>
    </dialog>`;
  }
}
