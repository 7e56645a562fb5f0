import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ContactDto } from '../../protocol/index.js';
import { CbElement } from '../internal/cb-element.js';
import { CbApiError, toApiError } from '../internal/api-client.js';
import { CbTwoFactorResetEvent } from '../internal/events.js';
import { addElementStrings } from '../internal/strings.js';
import { styles } from './admin-reset.styles.js';
import { adminResetStrings } from './admin-reset.strings.js';

// Here, not in the strings module: a bundler keeps this call with the element that needs it.
addElementStrings(adminResetStrings);

/**
 * "Reset Two Factor" for one contact, for the contact details of an organization: shows the
 * contact's two-factor state (enrolled with a masked phone, skipped, or none) and resets it after a
 * confirmation. A reset clears that contact's enrollment and "Skip for Now", and nobody else's.
 *
 * Give it a `contact` object (from `GET /admin/contacts`), or `contact-id` and `organization-id`
 * and it loads the contact itself.
 *
 * @summary Admin reset of one contact's two-factor enrollment.
 * @tag cb-admin-reset
 *
 * @attr {string} contact-id - Id of the contact.
 * @attr {string} organization-id - Organization of the contact (the list route is per organization).
 *
 * @fires {CbTwoFactorResetEvent} cb-two-factor-reset - The reset was done; `detail.contact` is the contact's new state.
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code.
 *
 * @csspart base - The wrapper.
 * @csspart name - The contact's name.
 * @csspart email - The contact's email.
 * @csspart state - The two-factor state.
 * @csspart locked - "Locked" after too many failed attempts.
 * @csspart reset-requested - "Reset requested" with the time: the contact asked for a reset ("I lost my phone"); the reset closes the request.
 * @csspart loading - The line shown while the contact loads.
 * @csspart policy - The organization's 2FA policy, when it is `required` or `exempt` rather than the portal's.
 * @csspart devices - How many trusted devices skip the contact's SMS ("Trust this device"), when any.
 * @csspart forget-devices-button - "Forget devices": their next logins ask for the SMS code again (the reset removes them too).
 * @csspart reset-button - "Reset Two Factor".
 * @csspart question - The confirmation question.
 * @csspart confirm-button - The confirming "Reset".
 * @csspart cancel-button - "Cancel".
 * @csspart error - The error message.
 * @csspart status - The success message.
 *
 * @cssproperty [--cb-color-danger=light-dark(#b3261e, #ffb4ab)] - Colour of the confirming button.
 * @cssproperty [--cb-color-on-danger=light-dark(#ffffff, #0d1117)] - Text on the confirming button.
 */
export class CbAdminReset extends CbElement {
  static override styles = styles;

  /** Id of the contact. */
  @property({ attribute: 'contact-id' }) contactId = '';

  /** Organization of the contact (the list route is per organization). */
  @property({ attribute: 'organization-id' }) organizationId = '';

  /** The contact, if the host already has it; otherwise it is loaded. */
  @property({ attribute: false }) contact: ContactDto | null = null;

  @state() private confirming = false;
  @state() private busy = false;
  @state() private loading = false;
  @state() private error: CbApiError | null = null;
  @state() private done = false;
  @state() private devicesForgotten = false;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.contact && !this.contactId) this.contactId = this.contact.id;
    if ((changed.has('contactId') || changed.has('organizationId')) && this.contactId && this.organizationId && this.contact?.id !== this.contactId) {
      void this.load();
    }
  }

  /** Focuses the reset button (or the confirming one during the confirmation). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLButtonElement>(this.confirming ? '[part="confirm-button"]' : '[part="reset-button"]')?.focus(options);
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    // A server render shows "loading" as the browser's first render does, and calls nothing.
    if (isServer) return;
    try {
      const { contacts } = await this.api.contacts(this.organizationId);
      const found = contacts.find((c) => c.id === this.contactId);
      if (found) this.contact = found;
      else this.error = new CbApiError('not_found', 404);
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
    } finally {
      this.loading = false;
    }
  }

  private async ask(): Promise<void> {
    this.confirming = true;
    this.done = false;
    this.devicesForgotten = false;
    this.error = null;
    await this.updateComplete;
    this.focus();
  }

  private async cancel(): Promise<void> {
    this.confirming = false;
    await this.updateComplete;
    this.focus();
  }

  private async reset(): Promise<void> {
    if (this.busy || !this.contactId) return;
    this.busy = true;
    this.error = null;
    try {
      const contact = await this.api.resetContact(this.contactId);
      this.contact = contact;
      this.done = true;
      this.dispatchEvent(new CbTwoFactorResetEvent({ contact }));
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
    } finally {
      this.busy = false;
      this.confirming = false;
    }
    await this.updateComplete;
    this.focus();
  }

  /** "Forget devices": the contact's trusted devices ask for the SMS again; nothing else changes. */
  private async forgetDevices(): Promise<void> {
    const c = this.contact;
    if (this.busy || !c) return;
    this.busy = true;
    this.error = null;
    this.done = false;
    try {
      await this.api.forgetDevices(c.id);
      this.contact = { ...c, trustedDevices: 0 };
      this.devicesForgotten = true;
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.focus();
  }

  private stateText(c: ContactDto): string {
    const f = c.twoFactor;
    if (f.state === 'enrolled') return this.t.stateEnrolled(f.maskedPhone ?? '');
    if (f.state === 'skipped') return this.t.stateSkipped;
    return this.t.stateNone;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const c = this.contact;
    const name = c?.name || c?.email || '';
    return html`<div part="base" class="base" aria-busy=${this.loading || this.busy ? 'true' : 'false'}>
      ${c
        ? html`<div>
              <p part="name" class="name">${c.name}</p>
              <p part="email" class="email">${c.email}</p>
            </div>
            <dl part="state">
              <dt>${t.stateLabel}</dt>
              <dd>${this.stateText(c)}</dd>
            </dl>
            ${c.twoFactor.locked ? html`<p part="locked" class="locked">${t.stateLocked}</p>` : nothing}
            ${c.resetRequestedAt
              ? html`<p part="reset-requested" class="reset-requested">${t.stateResetRequested(new Date(c.resetRequestedAt).toLocaleString(this.language(), { dateStyle: 'medium', timeStyle: 'short' }))}</p>`
              : nothing}
            ${c.trustedDevices
              ? html`<div class="actions">
                  <p part="devices">${t.stateDevices(c.trustedDevices)}</p>
                  <button part="forget-devices-button" class="secondary" type="button" @click=${this.forgetDevices}>${t.forgetDevices}</button>
                </div>`
              : nothing}
            ${c.organizationPolicy === 'required' || c.organizationPolicy === 'exempt'
              ? html`<p part="policy" class="policy">${c.organizationPolicy === 'required' ? t.policyRequired : t.policyExempt}</p>`
              : nothing}`
        : html`<p part="loading">${this.loading ? t.loading : ''}</p>`}
      ${this.confirming
        ? html`<p part="question" class="question" id="question">${t.resetQuestion(name)}</p>
            <div class="actions" role="group" aria-labelledby="question">
              <button part="confirm-button" class="danger" type="button" aria-busy=${this.busy ? 'true' : 'false'} @click=${this.reset}>
                ${t.resetConfirm}
              </button>
              <button part="cancel-button" class="secondary" type="button" @click=${this.cancel}>${t.cancel}</button>
            </div>`
        : html`<div class="actions">
            <button part="reset-button" class="secondary" type="button" ?disabled=${!c} @click=${this.ask}>${t.resetButton}</button>
          </div>`}
      <p part="error" class="error" role="alert">${this.error ? t.errors[this.error.code] : ''}</p>
      <p part="status" class="status" role="status">${this.done ? t.resetDone : this.devicesForgotten ? t.devicesForgottenAdmin : ''}</p>
    </div>`;
  }
}
