import { CbStepUp } from '../step-up/step-up.js';

if (!customElements.get('cb-step-up')) customElements.define('cb-step-up', CbStepUp);

declare global {
  interface HTMLElementTagNameMap {
    'cb-step-up': CbStepUp;
  }
}
