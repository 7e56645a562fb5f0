import type { CbOptInDialogStrings } from '../internal/strings.js';

/**
 * The English strings of <cb-2fa-optin-dialog>. They load with the element, never with the login page,
 * whose bundle carries only the strings of the sign-in steps. The other languages are in
 * `components/locales/`, loaded when a page needs one.
 */
export const optInDialogStrings: CbOptInDialogStrings = {
  optInTitle: 'Enable Two Factor Authentication with SMS',
  optInIntro:
    'To further improve the security and privacy of your account, you can enroll in Two Factor Authentication SMS (2FA SMS).',
  optInBody:
    'Your phone number will be used to send you a one-time-use security code via SMS text message to verify your identity at login each time you access your account. If you choose to enable 2FA SMS, you will be logged out and the enrollment process will take place the next time you login.',
  noThanks: 'No Thanks',
  optInConfirm: 'Enable 2FA SMS',
};
