import type { CbSettingsStrings } from '../internal/strings.js';

/**
 * The English strings of <cb-2fa-settings>. They load with the element, never with the login page,
 * whose bundle carries only the strings of the sign-in steps. The other languages are in
 * `components/locales/`, loaded when a page needs one.
 */
export const settingsStrings: CbSettingsStrings = {
  settingsTitle: 'Two Factor Authentication',
  settingsEnable: 'Enable Two Factor Authentication',
  settingsEnableHelp:
    "This function allows you to further secure your client's account login via one-time use, SMS text messages. If enabled on your portal, ALL Organization logins will immediately be forced to enroll on their next login attempt.",
  settingsOptOut: 'Allow organizations to opt out',
  settingsOptOutHelp:
    'Give your organizations the option to enroll, or "Opt-Out", if they choose. The enrollment screen then shows a "Skip for Now" button.',
  settingsWarning:
    'If you turn this off and re-enable it in the future, all previously configured organizations will need to follow the enrollment steps again.',
  settingsReadOnly:
    'Your profile cannot change these settings. Only a profile with the "Master Admin" option enabled can.',
  settingsEnforceFrom: 'Enforce from',
  settingsEnforceFromHelp:
    'Optional. Until this date every contact may choose "Skip for Now" and sign in; from this date the opt-out setting above decides. Organizations where 2FA is required get no such grace.',
  previewWillEnroll: (c, o) =>
    `${c.toLocaleString('en')} ${c === 1 ? 'contact' : 'contacts'} in ${o.toLocaleString('en')} ${o === 1 ? 'organization' : 'organizations'} will be asked to enroll at their next login.`,
  previewNone: 'No contact will be asked to enroll at their next login.',
  previewIncludesYou:
    'You will be asked to enroll at your next login too. You stay signed in now.',
  previewByOrganization: 'By organization',
  policiesTitle: 'When the code does not come',
  policyVoice: 'Offer "Call me instead"',
  policyVoiceHelp:
    'When the text message does not arrive, users can have the code read out in a phone call. A call costs more than a text message; at most 3 calls go to one phone a day.',
  policyTrust: 'Offer "Trust this device"',
  policyTrustDays: 'Days a trusted device skips the code',
  policyTrustHelp:
    'Users who tick the box sign in on that browser with their password alone for this many days (1 to 90). Shortening it or turning it off ends that trust at once.',
  policyRecovery: 'Offer recovery codes',
  policyRecoveryHelp:
    'Users can make ten single-use codes and sign in with one when their phone is lost or out of reach.',
  policyPhoneChange: 'Let users change their own phone number',
  policyPhoneChangeHelp:
    'After a new code, users can move their two-factor authentication to a new number; the old number is told. When off, an admin resets it.',
  save: 'Save',
  saved: 'Your changes have been saved.',
};
