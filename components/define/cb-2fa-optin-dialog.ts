import { Cb2faOptinDialog } from '../2fa-optin-dialog/2fa-optin-dialog.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-2fa-optin-dialog')) customElements.define('cb-2fa-optin-dialog', Cb2faOptinDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cb-2fa-optin-dialog': Cb2faOptinDialog;
  }
}
