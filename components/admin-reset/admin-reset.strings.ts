import type { CbAdminResetStrings } from '../internal/strings.js';

/**
 * The English strings of <cb-admin-reset>. They load with the element, never with the login page,
 * whose bundle carries only the strings of the sign-in steps. The other languages are in
 * `components/locales/`, loaded when a page needs one.
 */
export const adminResetStrings: CbAdminResetStrings = {
  resetButton: 'Reset Two Factor',
  resetQuestion: (name) =>
    `Reset two factor authentication for ${name}? They will enroll a phone again at their next login. No other account is affected.`,
  resetConfirm: 'Reset',
  stateLabel: 'Two Factor',
  stateEnrolled: (phone) => `Enrolled (${phone})`,
  stateSkipped: 'Skipped ("Skip for Now")',
  stateNone: 'Not enrolled',
  stateLocked: 'Code entry locked after too many wrong codes',
  policyRequired: 'Organization: 2FA required, no skipping',
  policyExempt: 'Organization: exempt from 2FA',
  resetDone: 'Two factor authentication was reset.',
  loading: 'Loading…',
  stateResetRequested: (when) => `Reset requested (${when})`,
  stateDevices: (n) => (n === 1 ? '1 trusted device' : `${n} trusted devices`),
  forgetDevices: 'Forget devices',
  devicesForgottenAdmin: 'Their trusted devices were forgotten: the next login asks for the SMS code.',
};
