// The confirm phase renders <cb-verify-code>, so it is registered with this element.
import './cb-verify-code.js';
import { CbEnrollPhone } from '../enroll-phone/enroll-phone.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-enroll-phone')) customElements.define('cb-enroll-phone', CbEnrollPhone);

declare global {
  interface HTMLElementTagNameMap {
    'cb-enroll-phone': CbEnrollPhone;
  }
}
