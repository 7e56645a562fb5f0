import { CbVerifyCode } from '../verify-code/verify-code.js';

if (!customElements.get('cb-verify-code')) customElements.define('cb-verify-code', CbVerifyCode);

declare global {
  interface HTMLElementTagNameMap {
    'cb-verify-code': CbVerifyCode;
  }
}
