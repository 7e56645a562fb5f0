import { CbRecoveryCodes } from '../recovery-codes/recovery-codes.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-recovery-codes')) customElements.define('cb-recovery-codes', CbRecoveryCodes);

declare global {
  interface HTMLElementTagNameMap {
    'cb-recovery-codes': CbRecoveryCodes;
  }
}
