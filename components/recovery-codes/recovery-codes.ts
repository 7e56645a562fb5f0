import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { CbElement } from '../internal/cb-element.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import { CbStepUp } from '../step-up/step-up.js';
import { addElementStrings } from '../internal/strings.js';
import { styles } from './recovery-codes.styles.js';
import { recoveryCodesStrings } from './recovery-codes.strings.js';

// Here, not in the strings module: a bundler keeps this call with the element that needs it.
addElementStrings(recoveryCodesStrings);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Makes a signed-in user's recovery codes: a button asks the server for ten new ones (replacing
 * any earlier set), and they are shown this once, with Copy, Download (a `.txt` file) and Print.
 * The server asks for a fresh second factor first: on `step_up_required` the element opens the
 * page's `<cb-step-up>` (or one of its own) and asks again when the code is right.
 *
 * Loaded on its own (`cb-2fa/components/cb-recovery-codes`), not by the login page.
 *
 * @summary Generate, show once, copy, download and print recovery codes.
 * @tag cb-recovery-codes
 *
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code (the element shows the message).
 *
 * @csspart base - The wrapper.
 * @csspart title - The heading.
 * @csspart intro - What recovery codes are for.
 * @csspart generate-button - "Generate recovery codes".
 * @csspart once - The warning that the codes are shown once.
 * @csspart codes - The list of codes.
 * @csspart code - One code.
 * @csspart copy-button - "Copy".
 * @csspart download-button - "Download".
 * @csspart print-button - "Print".
 * @csspart error - The error message (`role="alert"`).
 * @csspart status - "The codes were copied." (`role="status"`).
 *
 * @cssproperty [--cb-recovery-codes-font=ui-monospace] - The font of the codes.
 */
export class CbRecoveryCodes extends CbElement {
  static override styles = styles;

  @state() private codes: string[] = [];
  @state() private busy = false;
  @state() private error: CbApiError | null = null;
  @state() private notice = '';

  /** Asks for a new set (as the button does); the earlier set stops working. */
  async generate(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.notice = '';
    try {
      this.codes = await this.fetchCodes();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~=codes]')?.focus();
    } catch (err) {
      const e = toApiError(err);
      // The user closed the step-up dialog: nothing happened, nothing to say.
      if ((err as Error)?.name !== 'AbortError') {
        this.error = e;
        this.reportError(e);
      }
    } finally {
      this.busy = false;
    }
  }

  private async fetchCodes(): Promise<string[]> {
    try {
      return (await this.api.recoveryCodes()).codes;
    } catch (err) {
      if (toApiError(err).code !== 'step_up_required') throw err;
      await this.stepUp().request();
      return (await this.api.recoveryCodes()).codes;
    }
  }

  /** The page's `<cb-step-up>`, or one of the element's own. */
  private stepUp(): CbStepUp {
    if (!customElements.get('cb-step-up')) customElements.define('cb-step-up', CbStepUp);
    const onPage = document.querySelector('cb-step-up');
    if (onPage) return onPage as CbStepUp;
    let own = this.renderRoot.querySelector('cb-step-up');
    if (!own) {
      own = document.createElement('cb-step-up');
      this.renderRoot.appendChild(own);
    }
    return own as CbStepUp;
  }

  /** The codes as a text file: a title line, then one code a line. */
  private text(): string {
    return [this.t.recoveryFileTitle(this.face?.name ?? ''), '', ...this.codes, ''].join('\n');
  }

  private async copy(): Promise<void> {
    await navigator.clipboard.writeText(this.text());
    this.notice = this.t.recoveryCopied;
  }

  private download(): void {
    const url = URL.createObjectURL(new Blob([this.text()], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'recovery-codes.txt';
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    // After the click has handed the file to the browser.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** Prints the codes alone, from a hidden frame, rather than the whole page. */
  private print(): void {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0';
    frame.srcdoc = `<!doctype html><meta charset="utf-8"><title>recovery-codes</title><pre style="font:14pt ui-monospace,monospace">${escapeHtml(this.text())}</pre>`;
    frame.addEventListener('load', () => {
      frame.contentWindow?.print();
      setTimeout(() => frame.remove(), 1000);
    });
    document.body.appendChild(frame);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const shown = this.codes.length > 0;
    const err = this.error ? this.t.errors[this.error.code] : '';
    return html`<section part="base" class="base" aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
      <h2 part="title" id="title">${t.recoveryTitle}</h2>
      <p part="intro" class="intro">${t.recoveryIntro}</p>
      ${shown
        ? html`<p part="once" class="once">${t.recoveryOnce}</p>
            <ol part="codes" tabindex="-1" aria-label=${t.recoveryTitle}>
              ${this.codes.map((c) => html`<li part="code">${c}</li>`)}
            </ol>
            <div class="actions">
              <button part="copy-button" type="button" class="secondary" @click=${this.copy}>${t.recoveryCopy}</button>
              <button part="download-button" type="button" class="secondary" @click=${this.download}>${t.recoveryDownload}</button>
              <button part="print-button" type="button" class="secondary" @click=${this.print}>${t.recoveryPrint}</button>
            </div>`
        : nothing}
      <div class="actions">
        <button part="generate-button" type="button" ?disabled=${this.busy} @click=${this.generate}>${t.recoveryGenerate}</button>
      </div>
      <p part="error" class="error" role="alert">${err}</p>
      <p part="status" role="status">${this.notice}</p>
    </section>`;
  }
}
