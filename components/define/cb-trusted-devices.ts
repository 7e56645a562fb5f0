import { CbTrustedDevices } from '../trusted-devices/trusted-devices.js';
// Brings the typed events (GlobalEventHandlersEventMap) into the declarations of this entry point.
import '../internal/events.js';

if (!customElements.get('cb-trusted-devices')) customElements.define('cb-trusted-devices', CbTrustedDevices);

declare global {
  interface HTMLElementTagNameMap {
    'cb-trusted-devices': CbTrustedDevices;
  }
}
