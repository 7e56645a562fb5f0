import { Cb2faSettings } from '../2fa-settings/2fa-settings.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-2fa-settings')) customElements.define('cb-2fa-settings', Cb2faSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cb-2fa-settings': Cb2faSettings;
  }
}
