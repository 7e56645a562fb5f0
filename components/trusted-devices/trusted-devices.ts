import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { TrustedDeviceDto } from '../../protocol/dto.js';
import { CbElement } from '../internal/cb-element.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import { addElementStrings } from '../internal/strings.js';
import { styles } from './trusted-devices.styles.js';
import { trustedDevicesStrings } from './trusted-devices.strings.js';

// Here, not in the strings module: a bundler keeps this call with the element that needs it.
addElementStrings(trustedDevicesStrings);

/**
 * The signed-in user's trusted devices ("Trust this device"): each browser that skips the SMS at
 * a password sign-in, with its first and last use, this browser marked; and "Forget trusted
 * devices", after a confirmation, so that every one of them asks for the SMS code again.
 *
 * Loaded on its own (`cb-2fa/components/cb-trusted-devices`), not by the login page.
 *
 * @summary List and forget the browsers that skip the SMS code.
 * @tag cb-trusted-devices
 *
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code (the element shows the message).
 *
 * @csspart base - The wrapper.
 * @csspart title - The heading.
 * @csspart intro - What a trusted device is.
 * @csspart list - The list of devices.
 * @csspart device - One device.
 * @csspart this-device - "This device", on this browser's entry.
 * @csspart none - "No trusted devices."
 * @csspart forget-button - "Forget trusted devices".
 * @csspart confirm - The confirmation: its question and buttons.
 * @csspart confirm-button - Forgets them.
 * @csspart cancel-button - Keeps them.
 * @csspart error - The error message (`role="alert"`).
 * @csspart status - What was forgotten (`role="status"`).
 */
export class CbTrustedDevices extends CbElement {
  static override styles = styles;

  @state() private devices: TrustedDeviceDto[] | null = null;
  @state() private confirming = false;
  @state() private busy = false;
  @state() private error: CbApiError | null = null;
  @state() private notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  /** Reads the list again (after a sign-in elsewhere, say). */
  async reload(): Promise<void> {
    await this.run(async () => {
      this.devices = (await this.api.devices()).devices;
    });
  }

  /** Forgets every trusted device of the user, as the confirmed button does. */
  async forget(): Promise<void> {
    await this.run(async () => {
      const { forgotten } = await this.api.forgetDevices();
      this.confirming = false;
      this.devices = [];
      this.notice = this.t.devicesForgotten(forgotten);
    });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~=forget-button]')?.focus();
  }

  private async run(f: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await f();
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
    } finally {
      this.busy = false;
    }
  }

  private async ask(): Promise<void> {
    this.notice = '';
    this.confirming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~=cancel-button]')?.focus();
  }

  private async cancel(): Promise<void> {
    this.confirming = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~=forget-button]')?.focus();
  }

  private date(iso: string): string {
    return new Date(iso).toLocaleDateString(this.lang || document.documentElement.lang || undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const list = this.devices;
    const err = this.error ? t.errors[this.error.code] : '';
    return html`<section part="base" class="base" aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
      <h2 part="title" id="title">${t.devicesTitle}</h2>
      <p part="intro" class="intro">${t.devicesIntro}</p>
      ${list === null
        ? nothing
        : list.length === 0
          ? html`<p part="none">${t.devicesNone}</p>`
          : html`<ul part="list" aria-labelledby="title">
              ${list.map(
                (d) => html`<li part="device">
                  <span class="label">${d.label}</span>${d.current ? html`<span part="this-device" class="this">${t.devicesThis}</span>` : nothing}
                  <p class="used">${t.devicesUsed(this.date(d.firstUsedAt), this.date(d.lastUsedAt))}</p>
                </li>`,
              )}
            </ul>`}
      ${this.confirming
        ? html`<div part="confirm" class="actions" role="group" aria-labelledby="question">
            <p id="question">${t.devicesForgetQuestion}</p>
            <button part="confirm-button" type="button" ?disabled=${this.busy} @click=${this.forget}>${t.devicesForget}</button>
            <button part="cancel-button" type="button" class="secondary" @click=${this.cancel}>${t.cancel}</button>
          </div>`
        : html`<div class="actions">
            <button part="forget-button" type="button" ?disabled=${this.busy || !list?.length} @click=${this.ask}>${t.devicesForget}</button>
          </div>`}
      <p part="error" class="error" role="alert">${err}</p>
      <p part="status" role="status">${this.notice}</p>
    </section>`;
  }
}
