import { CbAdminReset } from '../admin-reset/admin-reset.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-admin-reset')) customElements.define('cb-admin-reset', CbAdminReset);

declare global {
  interface HTMLElementTagNameMap {
    'cb-admin-reset': CbAdminReset;
  }
}
