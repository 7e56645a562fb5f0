import type { CbStepUpStrings } from '../internal/strings.js';

/**
 * The English strings of <cb-step-up>. They load with the element, never with the login page,
 * whose bundle carries only the strings of the sign-in steps. The other languages are in
 * `components/locales/`, loaded when a page needs one.
 */
export const stepUpStrings: CbStepUpStrings = {
  stepUpTitle: 'Confirm it is you',
  stepUpIntro: 'To continue, enter the code we just texted you.',
};
