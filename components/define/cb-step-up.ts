import { CbStepUp } from '../step-up/step-up.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-step-up')) customElements.define('cb-step-up', CbStepUp);

declare global {
  interface HTMLElementTagNameMap {
    'cb-step-up': CbStepUp;
  }
}
