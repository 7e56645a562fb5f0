/**
 * The element classes and their helpers, without registering any tag (for subclassing or
 * registering under other names). `cb-2fa/components` registers them.
 * @module
 */
export { CbLogin } from './login/login.js';
export { CbEnrollPhone } from './enroll-phone/enroll-phone.js';
export { CbVerifyCode } from './verify-code/verify-code.js';
export { Cb2faOptinDialog } from './2fa-optin-dialog/2fa-optin-dialog.js';
export { CbAdminReset } from './admin-reset/admin-reset.js';
export { Cb2faSettings } from './2fa-settings/2fa-settings.js';
export { CbStepUp, CbStepUpCancelledError } from './step-up/step-up.js';
export { CbRecoveryCodes } from './recovery-codes/recovery-codes.js';
export { CbTrustedDevices } from './trusted-devices/trusted-devices.js';
export { CbChangePhone } from './change-phone/change-phone.js';

export { CbApiClient, CbApiError, DEFAULT_API_BASE } from './internal/api-client.js';
export type { CbApiClientOptions, CbClientErrorCode } from './internal/api-client.js';
export { cbApiContext, cbStringsContext, cbBrandingContext } from './internal/context.js';
export type { CbBranding } from './internal/context.js';
export {
  CbAuthenticatedEvent,
  CbEnrolledEvent,
  CbSkippedEvent,
  CbCodeSentEvent,
  CbLoggedOutEvent,
  CbTwoFactorResetEvent,
  CbSettingsChangedEvent,
  CbSteppedUpEvent,
  CbPhoneChangedEvent,
  CbErrorEvent,
} from './internal/events.js';
export { registerStrings, en } from './internal/strings.js';
export type { CbStrings, CbStringsOverride } from './internal/strings.js';
