import { LitElement, html, isServer, render, type CSSResult, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { PortalFace } from '../../protocol/index.js';
import { CbApiClient, DEFAULT_API_BASE, type CbApiError } from './api-client.js';
import { cbApiContext, cbStringsContext } from './context.js';
import { CbErrorEvent } from './events.js';
import { en, ensureLocale, onStringsChange, resolveLang, resolveStrings, type CbStrings, type CbStringsOverride } from './strings.js';

/*
 * Language changes on <html> and page-wide `registerStrings` calls re-render every connected element.
 * One observer for the page, created when the first element connects (never at module top level).
 */
const connected = new Set<CbElement>();
let langObserver: MutationObserver | undefined;
let stopStrings: (() => void) | undefined;
const refreshAll = () => connected.forEach((el) => el.requestUpdate());

let nextUid = 0;

/**
 * Base of every element: strings and language, the API client, the portal's public face, and typed
 * event helpers.
 *
 * The attributes and the global tokens below are every element's (the manifest lists them on each).
 * The `@attr` tags repeat what the decorators say, because the shipped `.d.ts` keeps this comment
 * but not the decorators, and editors and lit-analyzer read the attributes from there.
 *
 * @attr {string} api-base - Where the host mounted the router; used when no ancestor provides an API client. Default `/api/2fa`.
 * @attr {string} lang - Language of the strings: the element's own, else the nearest `lang` up to `<html lang>`, else the portal's locale, else English.
 *
 * @cssproperty [--cb-color-accent=light-dark(#0a58ca, #79b0ff)] - Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default.
 * @cssproperty [--cb-color-on-accent=light-dark(#ffffff, #0d1117)] - Text on accent-coloured buttons.
 * @cssproperty [--cb-color-text=light-dark(#1f2328, #e6edf3)] - Text.
 * @cssproperty [--cb-color-muted=light-dark(#57606a, #a3adb8)] - Hints and secondary text.
 * @cssproperty [--cb-color-surface=light-dark(#ffffff, #161b22)] - Card and dialog background.
 * @cssproperty [--cb-color-field=light-dark(#ffffff, #0d1117)] - Input background.
 * @cssproperty [--cb-color-border=light-dark(#767f89, #8b949e)] - Borders of inputs and cards.
 * @cssproperty [--cb-border-width=1px] - Width of input borders.
 * @cssproperty [--cb-color-danger=light-dark(#b3261e, #ffb4ab)] - Errors and invalid fields.
 * @cssproperty [--cb-color-success=light-dark(#1a7f37, #7ee2a8)] - Confirmations.
 * @cssproperty [--cb-radius=6px] - Corner radius of inputs, buttons and cards.
 * @cssproperty [--cb-space=1rem] - Gap between the parts of a form.
 * @cssproperty [--cb-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font.
 * @cssproperty [--cb-font-size=1rem] - Base font size.
 * @cssproperty [--cb-focus-ring=2px solid var(--cb-color-accent)] - Outline of the focused control.
 * @cssproperty [--cb-heading-size=1.25em] - Size of the headings (enrollment, dialogs).
 */
export abstract class CbElement extends LitElement {
  @consume({ context: cbApiContext, subscribe: true })
  @state()
  private contextApi?: CbApiClient;

  @consume({ context: cbStringsContext, subscribe: true })
  @state()
  protected contextStrings?: CbStringsOverride;

  /** Where the host mounted the router; used when no ancestor provides an API client. */
  @property({ attribute: 'api-base' }) apiBase: string = DEFAULT_API_BASE;

  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  @property({ attribute: false }) strings?: CbStringsOverride;

  /**
   * Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   */
  @property({ reflect: true }) override lang!: string;

  /** The resolved strings for the current render. */
  protected t: CbStrings = en as CbStrings;

  /** Prefix for ids in the element's light DOM, unique on the page. */
  protected readonly uid = `cb${++nextUid}`;

  /**
   * The portal's public face (`GET /portal`): undefined until it has arrived, null when the router
   * could not say (the element then behaves as it did before portals).
   */
  @state() protected face?: PortalFace | null;

  private ownApi?: CbApiClient;
  private faceOf?: CbApiClient;

  /** The API client: the one provided by an ancestor (`<cb-login>` provides its own), or one for `api-base`. */
  protected get api(): CbApiClient {
    if (this.contextApi) return this.contextApi;
    const base = this.apiBase.replace(/\/+$/, '');
    if (!this.ownApi || this.ownApi.baseUrl !== base) this.ownApi = new CbApiClient({ baseUrl: base });
    return this.ownApi;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    if (!langObserver && typeof MutationObserver !== 'undefined') {
      langObserver = new MutationObserver(refreshAll);
      langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
      stopStrings = onStringsChange(refreshAll);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    if (connected.size === 0) {
      langObserver?.disconnect();
      stopStrings?.();
      langObserver = undefined;
    }
  }

  /**
   * The language the element speaks. What the page set wins (the element's own `lang` first: on a
   * change, its attribute is reflected only after willUpdate); the portal's locale applies only where
   * the page set none.
   */
  protected language(): string {
    return this.lang || resolveLang(this) || this.face?.locale || 'en';
  }

  /** Holds a render until a shipped locale the element needs has loaded (no flash of English). */
  protected override async scheduleUpdate(): Promise<void> {
    const pending = ensureLocale(this.language());
    if (pending) await pending;
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Asked of each new client (the first render, another api-base or provider), never awaited: the
    // element renders with what it knows and updates when the face arrives. Never on the server: a
    // server render is one synchronous pass without the face, which is what the browser's first
    // render (the one that hydrates it) has too.
    const api = this.api;
    if (!isServer && this.faceOf !== api) {
      this.faceOf = api;
      void api.portal().then((face) => {
        if (this.faceOf !== api) return;
        this.face = face;
        // A value CSS cannot read as a color would blank the buttons; the theme's accent stays then.
        const accent = face?.accent;
        if (accent && CSS.supports('color', accent)) this.style.setProperty('--cb-portal-accent', accent);
        else this.style.removeProperty('--cb-portal-accent');
      });
    }
    this.t = resolveStrings(this.language(), this.contextStrings, this.strings);
  }

  /** Tells the page a call failed (the element shows the localized message itself). */
  protected reportError(err: CbApiError): void {
    this.dispatchEvent(
      new CbErrorEvent({
        code: err.code,
        status: err.status,
        ...(err.attemptsLeft === undefined ? {} : { attemptsLeft: err.attemptsLeft }),
        ...(err.retryAfter === undefined ? {} : { retryAfter: err.retryAfter }),
      }),
    );
  }
}

const adopted = new WeakMap<Document | ShadowRoot, Set<CSSResult>>();

/** Adds a stylesheet to the document or shadow root that holds `el`, once. */
export const adoptLightStyles = (el: Element, sheet: CSSResult): void => {
  const root = el.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  let done = adopted.get(root);
  if (!done) adopted.set(root, (done = new Set()));
  if (done.has(sheet)) return;
  done.add(sheet);
  const constructed = sheet.styleSheet;
  if (constructed && 'adoptedStyleSheets' in root) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, constructed];
  } else {
    const style = document.createElement('style');
    style.textContent = sheet.cssText;
    (root instanceof Document ? root.head : root).append(style);
  }
};

/**
 * Base of the elements whose inputs must autofill (`<cb-login>`, `<cb-enroll-phone>`, `<cb-verify-code>`).
 *
 * Why light DOM: password managers and many autofill extensions do not look into shadow roots, and a
 * `<form>` only owns the inputs of its own tree. So the whole form (labels, inputs, messages, submit
 * button; Enter submits natively) is rendered into the element's light DOM with `render(…, this)`,
 * while the shadow root keeps only the frame: layout, the logo slot, and a default `<slot>` that shows
 * the form. Styles for the light nodes come from `static lightStyles`, adopted once on the surrounding
 * document or shadow root, with selectors scoped to our tags and `cb-` classes (see light.styles.ts).
 */
export abstract class CbFormElement extends CbElement {
  /** Sheets adopted on the root that holds the element, for its light-DOM form. */
  static lightStyles: CSSResult[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    for (const sheet of (this.constructor as typeof CbFormElement).lightStyles) adoptLightStyles(this, sheet);
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    render(this.renderForm(), this, { host: this });
  }

  /** The light-DOM content (the form). */
  protected abstract renderForm(): TemplateResult;

  /** The shadow frame; subclasses add slots around the default one. */
  protected override render(): TemplateResult {
    return html`<div part="base" class="base"><slot></slot></div>`;
  }

  /** Light-DOM element by id suffix. */
  protected byId<T extends HTMLElement>(suffix: string): T | null {
    return this.querySelector<T>(`#${this.uid}-${suffix}`);
  }
}
