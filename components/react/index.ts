/**
 * React wrappers (`@lit/react`) for the elements, with friendly event props
 * (`onAuthenticated` for `cb-authenticated`, and so on). React 19 can use the tags directly
 * (`<cb-login oncb-authenticated={fn}>`); these wrappers serve React 18 and typed props.
 *
 * The wrappers take your React module instead of importing `react`, so this package has no React
 * dependency and cannot end up with a second copy of it:
 *
 * @example
 * import * as React from 'react';
 * import { createCbComponents } from 'cb-2fa/react';
 * export const { CbLogin, CbVerifyCode } = createCbComponents(React);
 * // <CbLogin resetHref="/reset" onAuthenticated={(e) => go(e.detail.user)} />
 * @module
 */
import { createComponent, type EventName } from '@lit/react';
import '../index.js';
import { CbLogin } from '../login/login.js';
import { CbEnrollPhone } from '../enroll-phone/enroll-phone.js';
import { CbVerifyCode } from '../verify-code/verify-code.js';
import { Cb2faOptinDialog } from '../2fa-optin-dialog/2fa-optin-dialog.js';
import { CbAdminReset } from '../admin-reset/admin-reset.js';
import { Cb2faSettings } from '../2fa-settings/2fa-settings.js';
import { CbStepUp } from '../step-up/step-up.js';
import { CbRecoveryCodes } from '../recovery-codes/recovery-codes.js';
import { CbTrustedDevices } from '../trusted-devices/trusted-devices.js';
import { CbChangePhone } from '../change-phone/change-phone.js';
import type {
  CbAuthenticatedEvent,
  CbCodeSentEvent,
  CbEnrolledEvent,
  CbErrorEvent,
  CbLoggedOutEvent,
  CbPhoneChangedEvent,
  CbSettingsChangedEvent,
  CbSkippedEvent,
  CbSteppedUpEvent,
  CbTwoFactorResetEvent,
} from '../internal/events.js';

/** The React module (`import * as React from 'react'`). */
export type ReactModule = Parameters<typeof createComponent>[0]['react'];

const onError = 'cb-error' as EventName<CbErrorEvent>;
const onAuthenticated = 'cb-authenticated' as EventName<CbAuthenticatedEvent>;
const onEnrolled = 'cb-enrolled' as EventName<CbEnrolledEvent>;
const onSkipped = 'cb-skipped' as EventName<CbSkippedEvent>;
const onCodeSent = 'cb-code-sent' as EventName<CbCodeSentEvent>;

/** Makes the wrappers with the caller's React. */
export function createCbComponents(react: ReactModule) {
  return {
    CbLogin: createComponent({
      react,
      tagName: 'cb-login',
      elementClass: CbLogin,
      displayName: 'CbLogin',
      events: { onAuthenticated, onEnrolled, onSkipped, onCodeSent, onError },
    }),
    CbEnrollPhone: createComponent({
      react,
      tagName: 'cb-enroll-phone',
      elementClass: CbEnrollPhone,
      displayName: 'CbEnrollPhone',
      events: { onCodeSent, onEnrolled, onSkipped, onError },
    }),
    CbVerifyCode: createComponent({
      react,
      tagName: 'cb-verify-code',
      elementClass: CbVerifyCode,
      displayName: 'CbVerifyCode',
      events: { onAuthenticated, onEnrolled, onCodeSent, onError },
    }),
    Cb2faOptinDialog: createComponent({
      react,
      tagName: 'cb-2fa-optin-dialog',
      elementClass: Cb2faOptinDialog,
      displayName: 'Cb2faOptinDialog',
      events: { onLoggedOut: 'cb-logged-out' as EventName<CbLoggedOutEvent>, onError },
    }),
    CbAdminReset: createComponent({
      react,
      tagName: 'cb-admin-reset',
      elementClass: CbAdminReset,
      displayName: 'CbAdminReset',
      events: { onTwoFactorReset: 'cb-two-factor-reset' as EventName<CbTwoFactorResetEvent>, onError },
    }),
    Cb2faSettings: createComponent({
      react,
      tagName: 'cb-2fa-settings',
      elementClass: Cb2faSettings,
      displayName: 'Cb2faSettings',
      events: { onSettingsChanged: 'cb-settings-changed' as EventName<CbSettingsChangedEvent>, onError },
    }),
    CbStepUp: createComponent({
      react,
      tagName: 'cb-step-up',
      elementClass: CbStepUp,
      displayName: 'CbStepUp',
      events: { onSteppedUp: 'cb-stepped-up' as EventName<CbSteppedUpEvent>, onCodeSent, onError },
    }),
    CbRecoveryCodes: createComponent({
      react,
      tagName: 'cb-recovery-codes',
      elementClass: CbRecoveryCodes,
      displayName: 'CbRecoveryCodes',
      events: { onError },
    }),
    CbTrustedDevices: createComponent({
      react,
      tagName: 'cb-trusted-devices',
      elementClass: CbTrustedDevices,
      displayName: 'CbTrustedDevices',
      events: { onError },
    }),
    CbChangePhone: createComponent({
      react,
      tagName: 'cb-change-phone',
      elementClass: CbChangePhone,
      displayName: 'CbChangePhone',
      events: { onPhoneChanged: 'cb-phone-changed' as EventName<CbPhoneChangedEvent>, onError },
    }),
  };
}
