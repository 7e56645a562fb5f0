import type { CbTrustedDevicesStrings } from '../internal/strings.js';

/**
 * The English strings of <cb-trusted-devices>. They load with the element, never with the login
 * page, whose bundle carries only the strings of the sign-in steps. The other languages are in
 * `components/locales/`, loaded when a page needs one.
 */
export const trustedDevicesStrings: CbTrustedDevicesStrings = {
  devicesTitle: 'Trusted devices',
  devicesIntro: 'On these browsers, signing in with your password does not ask for the SMS code.',
  devicesNone: 'No trusted devices.',
  devicesUsed: (first, last) => `First used ${first} · last used ${last}`,
  devicesThis: 'This device',
  devicesForget: 'Forget trusted devices',
  devicesForgetQuestion: 'Forget all trusted devices? Each of them will ask for the SMS code at the next sign-in.',
  devicesForgotten: (n) => (n === 1 ? '1 device was forgotten.' : `${n} devices were forgotten.`),
};
