import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CbElement } from '../internal/cb-element.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import { CbLoggedOutEvent } from '../internal/events.js';
import { addElementStrings } from '../internal/strings.js';
import { styles } from './2fa-optin-dialog.styles.js';
import { optInDialogStrings } from './2fa-optin-dialog.strings.js';

// Here, not in the strings module: a bundler keeps this call with the element that needs it.
addElementStrings(optInDialogStrings);

/**
 * The "Enable 2FA SMS" dialog of the portal's menu: a native modal `<dialog>` with the seed's
 * explanation. Confirming calls `/opt-in`, which forgets "Skip for Now" and logs the user out; the
 * next login enrolls. It has no credential inputs, so it lives wholly in its shadow root.
 *
 * @summary Opt in to SMS two-factor later (logs the user out).
 * @tag cb-2fa-optin-dialog
 *
 * @attr {boolean} open - Whether the dialog is open (modal).
 *
 * @fires {CbLoggedOutEvent} cb-logged-out - The user opted in and the session ended; `detail.reason` is `opt-in`.
 * @fires {CbErrorEvent} cb-error - The call failed; `detail.code` is the error code.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart title - The heading.
 * @csspart intro - The first paragraph (the dialog's description).
 * @csspart body - The explanation.
 * @csspart error - The error message.
 * @csspart cancel-button - "No Thanks".
 * @csspart confirm-button - "Enable 2FA SMS".
 *
 * @cssproperty [--cb-dialog-width=32rem] - Maximum width of the dialog.
 * @cssproperty [--cb-dialog-padding=1.5rem] - Padding of the dialog.
 * @cssproperty [--cb-dialog-backdrop=rgb(0 0 0 / 0.5)] - The backdrop behind the dialog.
 */
export class Cb2faOptinDialog extends CbElement {
  static override styles = styles;

  /** Whether the dialog is open (modal). */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private busy = false;
  @state() private error: CbApiError | null = null;

  // A getter rather than @query: the decorator's code is not worth one lookup (size budget).
  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) this.dialog.showModal();
    else if (!this.open && this.dialog.open) this.dialog.close();
  }

  /** Opens the dialog. */
  show(): void {
    this.error = null;
    this.open = true;
  }

  /** Closes the dialog without opting in. */
  close(): void {
    this.open = false;
  }

  private async confirm(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await this.api.optIn();
      this.open = false;
      this.dispatchEvent(new CbLoggedOutEvent({ reason: 'opt-in' }));
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
    } finally {
      this.busy = false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      aria-describedby="intro"
      @close=${() => (this.open = false)}
    >
      <div class="base">
        <h2 part="title" id="title">${t.optInTitle}</h2>
        <p part="intro" id="intro">${t.optInIntro}</p>
        <p part="body">${t.optInBody}</p>
        <p part="error" class="error" role="alert">${this.error ? t.errors[this.error.code] : ''}</p>
        <div class="actions">
          <button part="cancel-button" class="secondary" type="button" @click=${this.close}>${t.noThanks}</button>
          <button part="confirm-button" type="button" aria-busy=${this.busy ? 'true' : 'false'} @click=${this.confirm}>
            ${t.optInConfirm}
          </button>
        </div>
      </div>
    </dialog>`;
  }
}
