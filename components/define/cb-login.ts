// The steps <cb-login> renders in place are registered with it.
import './cb-enroll-phone.js';
import './cb-verify-code.js';
import { CbLogin } from '../login/login.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-login')) customElements.define('cb-login', CbLogin);

declare global {
  interface HTMLElementTagNameMap {
    'cb-login': CbLogin;
  }
}
