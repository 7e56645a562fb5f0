import { CbAdminReset } from '../admin-reset/admin-reset.js';

if (!customElements.get('cb-admin-reset')) customElements.define('cb-admin-reset', CbAdminReset);

declare global {
  interface HTMLElementTagNameMap {
    'cb-admin-reset': CbAdminReset;
  }
}
