import type { CbRecoveryCodesStrings } from '../internal/strings.js';

/**
 * The English strings of <cb-recovery-codes>. They load with the element, never with the login page,
 * whose bundle carries only the strings of the sign-in steps. The other languages are in
 * `components/locales/`, loaded when a page needs one.
 */
export const recoveryCodesStrings: CbRecoveryCodesStrings = {
  recoveryTitle: 'Recovery codes',
  recoveryIntro: 'If you lose your phone, sign in with a recovery code instead of the SMS code. Each code works once. Making new codes replaces the old ones.',
  recoveryGenerate: 'Generate recovery codes',
  recoveryOnce: 'Save these codes now: they are shown only once. Keep them somewhere safe, away from your phone.',
  recoveryCopy: 'Copy',
  recoveryCopied: 'The codes were copied.',
  recoveryDownload: 'Download',
  recoveryPrint: 'Print',
  recoveryFileTitle: (portal) => `Recovery codes${portal ? ` for ${portal}` : ''}. Each code works once.`,
};
