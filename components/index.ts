/**
 * Registers every element (`<cb-login>`, `<cb-enroll-phone>`, `<cb-verify-code>`,
 * `<cb-2fa-optin-dialog>`, `<cb-admin-reset>`, `<cb-2fa-settings>`, `<cb-step-up>`, `<cb-recovery-codes>`, `<cb-change-phone>`, `<cb-trusted-devices>`) and re-exports the public API.
 * Import one tag only with `cb-2fa/components/cb-login` and so on.
 * @module
 */
import './define/cb-login.js';
import './define/cb-enroll-phone.js';
import './define/cb-verify-code.js';
import './define/cb-2fa-optin-dialog.js';
import './define/cb-admin-reset.js';
import './define/cb-2fa-settings.js';
import './define/cb-step-up.js';
import './define/cb-recovery-codes.js';
import './define/cb-trusted-devices.js';
import './define/cb-change-phone.js';

export * from './classes.js';
