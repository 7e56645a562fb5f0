import { CbChangePhone } from '../change-phone/change-phone.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-change-phone')) customElements.define('cb-change-phone', CbChangePhone);

declare global {
  interface HTMLElementTagNameMap {
    'cb-change-phone': CbChangePhone;
  }
}
