import { CbVerifyCode } from '../verify-code/verify-code.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-verify-code')) customElements.define('cb-verify-code', CbVerifyCode);

declare global {
  interface HTMLElementTagNameMap {
    'cb-verify-code': CbVerifyCode;
  }
}
