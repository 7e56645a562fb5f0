import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { PolicyUpdate, SettingsDto, SettingsPreviewDto } from '../../protocol/index.js';
import { CbElement } from '../internal/cb-element.js';
import { toApiError, type CbApiError } from '../internal/api-client.js';
import { CbSettingsChangedEvent } from '../internal/events.js';
import { addElementStrings } from '../internal/strings.js';
import { styles } from './2fa-settings.styles.js';
import { settingsStrings } from './2fa-settings.strings.js';

// Here, not in the strings module: a bundler keeps this call with the element that needs it.
addElementStrings(settingsStrings);

const checked = (e: Event) => (e.target as HTMLInputElement).checked;

/**
 * The "Two Factor Authentication" section of *Configurations + Client Users*: the checkbox that
 * turns SMS two-factor on for every organization login, the opt-out checkbox ("Skip for Now"),
 * the seed's explanation, and the warning that turning it off and on again makes everyone enroll
 * again. Read-only, with the reason shown, for admins without the Master Admin privilege.
 *
 * A safe switch: an optional deadline ("Enforce from") until which every contact may still
 * "Skip for Now", and, before "Save", how many contacts in how many organizations the change would
 * ask to enroll at their next login (`GET /admin/settings/preview`), per organization.
 *
 * The ways back in (product spec §10), each off until the Master Admin turns it on: "Call me
 * instead", "Trust this device" for a number of days, recovery codes, and users changing their own
 * phone number.
 *
 * @summary Portal-wide two-factor settings (admin).
 * @tag cb-2fa-settings
 *
 * @fires {CbSettingsChangedEvent} cb-settings-changed - The settings were saved; `detail.settings` is what the server stored.
 * @fires {CbErrorEvent} cb-error - A call failed; `detail.code` is the error code.
 *
 * @csspart base - The `<fieldset>`.
 * @csspart title - The "Two Factor Authentication" legend.
 * @csspart enable - The enable checkbox.
 * @csspart opt-out - The opt-out checkbox.
 * @csspart enforce-from - The deadline's date input.
 * @csspart preview - Who the unsaved change would ask to enroll (a `role="status"` region).
 * @csspart preview-organizations - The list of organizations in the preview.
 * @csspart policies - The `<fieldset>` of the ways back in.
 * @csspart policy-voice - The "Call me instead" checkbox.
 * @csspart policy-trust - The "Trust this device" checkbox.
 * @csspart policy-trust-days - Its number of days.
 * @csspart policy-recovery - The recovery codes checkbox.
 * @csspart policy-phone-change - The checkbox that lets users change their own phone.
 * @csspart warning - The re-enrollment warning.
 * @csspart readonly - Why the settings cannot be changed.
 * @csspart save-button - "Save".
 * @csspart error - The error message.
 * @csspart status - The success message.
 *
 * @cssproperty [--cb-settings-padding=1rem] - Padding of the section.
 * @cssproperty [--cb-settings-title-transform=uppercase] - Case of the section title.
 * @cssproperty [--cb-settings-warning-color=light-dark(#9a6700, #e3b341)] - Accent of the warning.
 */
export class Cb2faSettings extends CbElement {
  static override styles = styles;

  @state() private settings: SettingsDto | null = null;
  @state() private enabled = false;
  @state() private allowOptOut = false;
  /** The deadline being edited, `2027-01-15`; '' for none. */
  @state() private enforceFrom = '';
  /** The §10 policies being edited; `trustDeviceDays` 0 is off. */
  @state() private policies: Required<PolicyUpdate> = { voiceFallback: false, trustDeviceDays: 0, recoveryCodes: false, selfServicePhoneChange: false };
  @state() private preview: SettingsPreviewDto | null = null;
  @state() private busy = false;
  @state() private error: CbApiError | null = null;
  @state() private saved = false;
  /** Counts the preview requests, so that only the answer to the latest one shows. */
  private previewSeq = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Loads the settings again from the server. */
  async load(): Promise<void> {
    this.error = null;
    try {
      this.apply(await this.api.settings());
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
    }
  }

  /** Focuses the first checkbox. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus(options);
  }

  // `checked` is set here rather than bound with `.checked`: @lit-labs/ssr writes that binding out as
  // the attribute, and `checked="false"` shows a checked box until the element hydrates.
  protected override updated(): void {
    const box = (id: string, checked: boolean) => {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
      if (input) input.checked = checked;
    };
    box('enable', this.enabled);
    box('opt-out', this.allowOptOut);
    box('policy-voice', this.policies.voiceFallback);
    box('policy-trust', this.policies.trustDeviceDays > 0);
    box('policy-recovery', this.policies.recoveryCodes);
    box('policy-phone-change', this.policies.selfServicePhoneChange);
  }

  private apply(s: SettingsDto): void {
    this.settings = s;
    this.enabled = s.enabled;
    this.allowOptOut = s.allowOptOut;
    this.enforceFrom = s.enforceFrom ?? '';
    this.policies = { voiceFallback: s.voiceFallback, trustDeviceDays: s.trustDeviceDays, recoveryCodes: s.recoveryCodes, selfServicePhoneChange: s.selfServicePhoneChange };
    this.preview = null;
    this.previewSeq++;
  }

  private get dirty(): boolean {
    const s = this.settings;
    return !!s && (s.enabled !== this.enabled || s.allowOptOut !== this.allowOptOut || (s.enforceFrom ?? '') !== this.enforceFrom || this.policiesChanged().length > 0);
  }

  /** The policies edited since the last load or save: the only ones a save names. */
  private policiesChanged(): Array<keyof PolicyUpdate> {
    const s = this.settings;
    return s ? (Object.keys(this.policies) as Array<keyof PolicyUpdate>).filter((k) => s[k] !== this.policies[k]) : [];
  }

  /** After each edit: the change is not saved, and who it would ask is asked of the server. */
  private edited(): void {
    this.saved = false;
    void this.refreshPreview();
  }

  private async refreshPreview(): Promise<void> {
    const seq = ++this.previewSeq;
    // Nobody is asked to enroll by a change that turns 2FA off, or by no change at all.
    if (!this.settings?.canEdit || !this.dirty || !this.enabled) {
      this.preview = null;
      return;
    }
    try {
      const preview = await this.api.settingsPreview(this.enabled, this.allowOptOut, this.enforceFrom || null);
      if (seq === this.previewSeq) this.preview = preview;
    } catch {
      // The preview is a help for the decision, not a condition of it: "Save" still works.
      if (seq === this.previewSeq) this.preview = null;
    }
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy || !this.settings?.canEdit) return;
    this.busy = true;
    this.error = null;
    this.saved = false;
    try {
      const policies = Object.fromEntries(this.policiesChanged().map((k) => [k, this.policies[k]])) as PolicyUpdate;
      const s = await this.api.updateSettings(this.enabled, this.allowOptOut, this.enforceFrom || null, policies);
      this.apply(s);
      this.saved = true;
      this.dispatchEvent(new CbSettingsChangedEvent({ settings: s }));
    } catch (err) {
      this.error = toApiError(err);
      this.reportError(this.error);
    } finally {
      this.busy = false;
    }
  }

  private renderPreview(): TemplateResult | typeof nothing {
    const p = this.preview;
    if (!p) return nothing;
    const t = this.t;
    // Contacts of no organization count among the contacts, not as an organization.
    const organizations = p.byOrganization.filter((o) => o.id !== '' && o.willEnroll > 0);
    return html`<p>${p.willEnroll ? t.previewWillEnroll(p.willEnroll, organizations.length) : t.previewNone}</p>
      ${organizations.length
        ? html`<ul part="preview-organizations" aria-label=${t.previewByOrganization}>
            ${organizations.map((o) => html`<li><span class="name">${o.name}</span> <span class="count">${o.willEnroll.toLocaleString(this.language())}</span></li>`)}
          </ul>`
        : nothing}
      ${p.includesYou ? html`<p class="you">${t.previewIncludesYou}</p>` : nothing}`;
  }

  private setPolicy(next: PolicyUpdate): void {
    this.policies = { ...this.policies, ...next };
    this.saved = false;
  }

  /** One policy's checkbox, label and help; the input is written where its part name is static. */
  private renderPolicy(id: string, input: TemplateResult, label: string, help: string, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
    return html`<div class="option">
      ${input}
      <label for=${id}>${label}</label>
      <p class="help" id=${`${id}-help`}>${help}</p>
      ${extra}
    </div>`;
  }

  /** The ways back in (§10): none changes who must enroll, so none asks for the preview. */
  private renderPolicies(readOnly: boolean): TemplateResult {
    const t = this.t;
    const p = this.policies;
    const days = html`<div class="field days">
      <label for="policy-trust-days">${t.policyTrustDays}</label>
      <input
        part="policy-trust-days"
        id="policy-trust-days"
        type="number"
        inputmode="numeric"
        min="1"
        max="90"
        required
        .value=${String(p.trustDeviceDays || 30)}
        ?disabled=${readOnly || p.trustDeviceDays === 0}
        @input=${this.daysEdited}
        @change=${this.daysEdited}
      />
    </div>`;
    return html`<fieldset part="policies" class="policies">
      <legend>${t.policiesTitle}</legend>
      ${this.renderPolicy(
        'policy-voice',
        html`<input part="policy-voice" id="policy-voice" type="checkbox" ?disabled=${readOnly} aria-describedby="policy-voice-help" @change=${(e: Event) => this.setPolicy({ voiceFallback: checked(e) })} />`,
        t.policyVoice,
        t.policyVoiceHelp,
      )}
      ${this.renderPolicy(
        'policy-trust',
        html`<input part="policy-trust" id="policy-trust" type="checkbox" ?disabled=${readOnly} aria-describedby="policy-trust-help" @change=${(e: Event) => this.setPolicy({ trustDeviceDays: checked(e) ? this.trustDaysInput() : 0 })} />`,
        t.policyTrust,
        t.policyTrustHelp,
        days,
      )}
      ${this.renderPolicy(
        'policy-recovery',
        html`<input part="policy-recovery" id="policy-recovery" type="checkbox" ?disabled=${readOnly} aria-describedby="policy-recovery-help" @change=${(e: Event) => this.setPolicy({ recoveryCodes: checked(e) })} />`,
        t.policyRecovery,
        t.policyRecoveryHelp,
      )}
      ${this.renderPolicy(
        'policy-phone-change',
        html`<input part="policy-phone-change" id="policy-phone-change" type="checkbox" ?disabled=${readOnly} aria-describedby="policy-phone-change-help" @change=${(e: Event) => this.setPolicy({ selfServicePhoneChange: checked(e) })} />`,
        t.policyPhoneChange,
        t.policyPhoneChangeHelp,
      )}
    </fieldset>`;
  }

  private daysEdited(e: Event): void {
    const n = Math.round(Number((e.target as HTMLInputElement).value));
    // Out of 1–90 the box reports itself invalid and Save does not submit; nothing is sent.
    if (n >= 1 && n <= 90) this.setPolicy({ trustDeviceDays: n });
  }

  /** The days in the box, or 30 (a month) when it holds none in range. */
  private trustDaysInput(): number {
    const n = Math.round(Number(this.renderRoot.querySelector<HTMLInputElement>('#policy-trust-days')?.value));
    return n >= 1 && n <= 90 ? n : 30;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const s = this.settings;
    const readOnly = !s?.canEdit;
    const dirty = this.dirty;
    return html`<form @submit=${this.save} aria-busy=${this.busy || !s ? 'true' : 'false'}>
      <fieldset part="base" class="base">
        <legend part="title">${t.settingsTitle}</legend>
        ${s && readOnly ? html`<p part="readonly" class="readonly" id="readonly">${t.settingsReadOnly}</p>` : nothing}
        <div class="option">
          <input
            part="enable"
            id="enable"
            type="checkbox"
            ?disabled=${readOnly}
            aria-describedby="enable-help"
            @change=${(e: Event) => {
              this.enabled = (e.target as HTMLInputElement).checked;
              this.edited();
            }}
          />
          <label for="enable">${t.settingsEnable}</label>
          <p class="help" id="enable-help">${t.settingsEnableHelp}</p>
        </div>
        <div class="option">
          <input
            part="opt-out"
            id="opt-out"
            type="checkbox"
            ?disabled=${readOnly || !this.enabled}
            aria-describedby="opt-out-help"
            @change=${(e: Event) => {
              this.allowOptOut = (e.target as HTMLInputElement).checked;
              this.edited();
            }}
          />
          <label for="opt-out">${t.settingsOptOut}</label>
          <p class="help" id="opt-out-help">${t.settingsOptOutHelp}</p>
        </div>
        <div class="field">
          <label for="enforce-from">${t.settingsEnforceFrom}</label>
          <input
            part="enforce-from"
            id="enforce-from"
            type="date"
            .value=${this.enforceFrom}
            ?disabled=${readOnly || !this.enabled}
            aria-describedby="enforce-from-help"
            @change=${(e: Event) => {
              this.enforceFrom = (e.target as HTMLInputElement).value;
              this.edited();
            }}
          />
          <p class="help" id="enforce-from-help">${t.settingsEnforceFromHelp}</p>
        </div>
        <p part="warning" class="warning">${t.settingsWarning}</p>
        ${this.renderPolicies(readOnly)}
        <div part="preview" class="preview" role="status">${this.renderPreview()}</div>
        ${readOnly
          ? nothing
          : html`<div class="actions">
              <button part="save-button" type="submit" ?disabled=${!dirty}>${t.save}</button>
            </div>`}
        <p part="error" class="error" role="alert">${this.error ? t.errors[this.error.code] : ''}</p>
        <p part="status" class="status" role="status">${this.saved ? t.saved : ''}</p>
      </fieldset>
    </form>`;
  }
}
