import type { CbClientErrorCode } from './api-client.js';

/**
 * The strings of the sign-in steps (`<cb-login>`, `<cb-enroll-phone>`, `<cb-verify-code>`) and the
 * error texts: the ones a login page loads. Every other element brings its own
 * (`addElementStrings`), so the login page's bundle never carries them.
 */
export interface CbCoreStrings {
  // <cb-login> (seed: the sign-in screen)
  logoPlaceholder: string;
  emailLabel: string;
  passwordLabel: string;
  emailInvalid: string;
  passwordMissing: string;
  signIn: string;
  resetLink: string;
  enrolledNotice: string;
  signedIn: string;
  backToSignIn: string;
  // <cb-enroll-phone>
  enrollTitle: string;
  enrollIntro: string;
  countryLabel: string;
  phoneLabel: string;
  phoneInvalid: string;
  sendCode: string;
  skip: string;
  /** "Skip for Now" offered only until the portal's deadline; `date` is `2027-01-15`. */
  skipUntil: (date: string) => string;
  changeNumber: string;
  // <cb-verify-code mode="confirm"> (seed: the confirmation screen)
  confirmSentTo: string;
  confirmInstructions: string;
  confirmLabel: string;
  confirmSubmit: string;
  // <cb-verify-code mode="verify"> (seed: the SMS code screen)
  verifyLabel: string;
  verifySubmit: string;
  resend: string;
  resendIn: (seconds: number) => string;
  sentTo: string;
  wrongPhone: string;
  wrongPhoneHelp: string;
  /** "I lost my phone" under that help, and what shows once the request is in (`when` is a formatted time). */
  lostPhone: string;
  resetRequested: (when: string) => string;
  codeFormat: (length: number) => string;
  codeResent: string;
  // "Call me instead" (when the portal offers calls): the button, and the status after it
  callMe: string;
  calling: (maskedPhone: string) => string;
  attemptsLeft: (n: number) => string;
  waitFor: (seconds: number) => string;
  // "Use a recovery code" on the verify step (when the portal offers them)
  useRecoveryCode: string;
  useSmsCode: string;
  recoveryLabel: string;
  recoveryFormat: string;
  // "Trust this device" on the verify step (when the portal's trustDeviceDays is 1–90)
  trustDevice: (days: number) => string;
  /** Closes a dialog or a confirmation without acting. */
  cancel: string;
  errors: Record<CbClientErrorCode, string>;
}

/** The strings of <cb-2fa-optin-dialog>, shipped with it (`2fa-optin-dialog.strings.js`). */
export interface CbOptInDialogStrings {
  optInTitle: string;
  optInIntro: string;
  optInBody: string;
  noThanks: string;
  optInConfirm: string;
}

/** The strings of <cb-step-up>, shipped with it (`step-up.strings.js`). */
export interface CbStepUpStrings {
  stepUpTitle: string;
  stepUpIntro: string;
}

/** The strings of <cb-change-phone>, shipped with it in every language (`change-phone.strings.js`). */
export interface CbChangePhoneStrings {
  changePhoneTitle: string;
  changePhoneIntro: string;
  /** The code step: `masked` is `xxx-xxx-1234`. */
  changePhoneCodeIntro: (masked: string) => string;
  changePhoneCodeLabel: string;
  changePhoneConfirm: string;
  changePhoneResend: string;
  changePhoneBack: string;
  changePhoneDone: (masked: string) => string;
  changePhoneSignedOut: string;
}

/** The strings of <cb-recovery-codes>, shipped with it (`recovery-codes.strings.js`). */
export interface CbRecoveryCodesStrings {
  recoveryTitle: string;
  recoveryIntro: string;
  recoveryGenerate: string;
  /** Shown with the new codes: they are shown only this once. */
  recoveryOnce: string;
  recoveryCopy: string;
  recoveryCopied: string;
  recoveryDownload: string;
  recoveryPrint: string;
  /** The first line of the downloaded and printed file; `portal` is the portal's name. */
  recoveryFileTitle: (portal: string) => string;
}

/** The strings of <cb-trusted-devices>, shipped with it (`trusted-devices.strings.js`). */
export interface CbTrustedDevicesStrings {
  devicesTitle: string;
  devicesIntro: string;
  devicesNone: string;
  /** `first` and `last` are formatted dates. */
  devicesUsed: (first: string, last: string) => string;
  devicesThis: string;
  devicesForget: string;
  devicesForgetQuestion: string;
  devicesForgotten: (n: number) => string;
}

/** The strings of <cb-admin-reset>, shipped with it (`admin-reset.strings.js`). */
export interface CbAdminResetStrings {
  resetButton: string;
  resetQuestion: (name: string) => string;
  resetConfirm: string;
  stateLabel: string;
  stateEnrolled: (maskedPhone: string) => string;
  stateSkipped: string;
  stateNone: string;
  stateLocked: string;
  /** The contact's organization's policy, when not the portal's own. */
  policyRequired: string;
  policyExempt: string;
  resetDone: string;
  loading: string;
  /** The contact's open "I lost my phone" request; `when` is a formatted time. */
  stateResetRequested: (when: string) => string;
  /** The contact's trusted devices ("Trust this device"), and forgetting them. */
  stateDevices: (n: number) => string;
  forgetDevices: string;
  devicesForgottenAdmin: string;
}

/** The strings of <cb-2fa-settings>, shipped with it (`2fa-settings.strings.js`). */
export interface CbSettingsStrings {
  settingsTitle: string;
  settingsEnable: string;
  settingsEnableHelp: string;
  settingsOptOut: string;
  settingsOptOutHelp: string;
  settingsWarning: string;
  settingsReadOnly: string;
  /** The deadline (`enforceFrom`) field and its explanation. */
  settingsEnforceFrom: string;
  settingsEnforceFromHelp: string;
  /** Before "Save": who the change would ask to enroll at their next login. */
  previewWillEnroll: (contacts: number, organizations: number) => string;
  previewNone: string;
  /** The admin saving would be asked too (a host's `requiresTwoFactor` that includes admins). */
  previewIncludesYou: string;
  previewByOrganization: string;
  /** The §10 policies: the ways back in when the SMS does not come or the phone is gone. */
  policiesTitle: string;
  policyVoice: string;
  policyVoiceHelp: string;
  policyTrust: string;
  policyTrustDays: string;
  policyTrustHelp: string;
  policyRecovery: string;
  policyRecoveryHelp: string;
  policyPhoneChange: string;
  policyPhoneChangeHelp: string;
  save: string;
  saved: string;
}

/**
 * Every user-visible string of the kit, keyed. Counters are functions so that each locale can
 * inflect them. Error texts are keyed by wire code; the server's English `message` is never shown.
 */
export interface CbStrings extends CbCoreStrings, CbOptInDialogStrings, CbStepUpStrings, CbRecoveryCodesStrings, CbTrustedDevicesStrings, CbAdminResetStrings, CbSettingsStrings, CbChangePhoneStrings {}

/** What a shipped locale (`components/locales/`) holds: all but the strings that elements ship in every language themselves. */
export type CbLocaleStrings = Omit<CbStrings, keyof CbChangePhoneStrings>;

/** A partial set of strings; `errors` may be partial too. */
export type CbStringsOverride = Partial<Omit<CbStrings, 'errors'>> & { errors?: Partial<CbStrings['errors']> };

/** "15 Jan" style: a date of the API (`2027-01-15`, a UTC day) as day and month in `locale`. */
export const formatDayMonth = (date: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** "0:45" style for waits of a minute or more, "45s" below. */
export const formatWait = (seconds: number): string =>
  seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** English, in the seed's wording. */
export const en: CbCoreStrings = {
  logoPlaceholder: 'YOUR LOGO HERE',
  emailLabel: 'Enter Email',
  passwordLabel: 'Enter Password',
  emailInvalid: 'Please enter valid email.',
  passwordMissing: 'Please enter password',
  signIn: 'Sign In',
  resetLink: 'Reset Login or Password',
  enrolledNotice: 'Your phone number is confirmed. Please sign in again to finish.',
  signedIn: 'You are signed in.',
  backToSignIn: 'Back to sign in',
  enrollTitle: 'Two Factor Authentication',
  enrollIntro: 'Enter the mobile phone number where we can text you a one-time security code each time you sign in.',
  countryLabel: 'Country',
  phoneLabel: 'Mobile Phone Number',
  phoneInvalid: 'Please enter a valid mobile phone number.',
  sendCode: 'Send Code',
  skip: 'Skip for Now',
  skipUntil: (date) => `Skip until ${formatDayMonth(date, 'en-GB')}`,
  changeNumber: 'Use a different phone number',
  confirmSentTo: 'An authentication code has been sent to:',
  confirmInstructions: 'Please enter the code that was sent to your phone in the confirmation box below.',
  confirmLabel: 'Verification Code',
  confirmSubmit: 'Verify Code',
  verifyLabel: 'Enter SMS Code',
  verifySubmit: 'Enter',
  resend: 'Resend',
  resendIn: (s) => `Resend (${s}s)`,
  sentTo: 'Message sent to:',
  wrongPhone: 'If the phone number is incorrect or needs to be updated',
  wrongPhoneHelp:
    'Ask an administrator of your organization or portal to reset two factor authentication for your account. You will then enter the new number the next time you sign in.',
  lostPhone: 'I lost my phone: ask for a reset',
  resetRequested: (when) => `Your request was sent to the administrators (${when}). Once they reset two factor authentication, you will enter your new number at your next sign in.`,
  codeFormat: (n) => `Please enter the ${n}-digit code.`,
  codeResent: 'A new code has been sent.',
  callMe: 'Call me instead',
  calling: (p) => `Calling ${p}…`,
  attemptsLeft: (n) => (n === 1 ? '1 attempt left.' : `${n} attempts left.`),
  waitFor: (s) => `Too many attempts. Please wait ${formatWait(s)} and try again.`,
  useRecoveryCode: 'Use a recovery code',
  useSmsCode: 'Use the SMS code instead',
  trustDevice: (n) => `Trust this device for ${n} ${n === 1 ? 'day' : 'days'}`,
  recoveryLabel: 'Recovery Code',
  recoveryFormat: 'Please enter a recovery code such as abcde-12345-fghjk.',
  cancel: 'Cancel',
  errors: {
    invalid_credentials: 'The email or password is incorrect.',
    invalid_code: 'That code is not correct.',
    code_expired: 'That code has expired. Use Resend to get a new one.',
    rate_limited: 'Too many attempts. Please wait and try again.',
    invalid_phone: 'Please enter a valid mobile phone number.',
    sms_failed: 'The text message could not be sent. Please try again.',
    unauthorized: 'Your session has ended. Please sign in again.',
    forbidden: 'You do not have permission to do this.',
    not_found: 'Not found.',
    wrong_step: 'This step has expired. Please sign in again.',
    step_up_required: 'Please confirm it is you with a code first.',
    step_up_unavailable: 'This action needs a phone set up for two-factor authentication. Ask your administrator.',
    bad_request: 'Please check what you entered and try again.',
    internal: 'Something went wrong. Please try again.',
    network: 'The server could not be reached. Check your connection and try again.',
  },
};

const registry = new Map<string, CbStringsOverride>([['en', {}]]);

/*
 * Shipped locales other than English load on first use, so pages in English do not carry them
 * (the initial bundle stays small). Elements wait for the load before rendering: no flash of English.
 */
const loaders: Record<string, () => Promise<CbStringsOverride>> = {
  // No prototype: a `lang` of "constructor" or "__proto__" must find no loader, not Object's members.
  __proto__: null as never,
  es: () => import('../locales/es.js').then((m) => m.es),
  fr: () => import('../locales/fr.js').then((m) => m.fr),
  de: () => import('../locales/de.js').then((m) => m.de),
};
const loaded = new Set<string>(['en']);
const loading = new Map<string, Promise<void>>();

/** Starts loading the shipped locale for `lang` if it is not there yet; resolves when it is. */
export const ensureLocale = (lang: string): Promise<void> | undefined => {
  const primary = lang.toLowerCase().split('-')[0] ?? 'en';
  const load = loaders[primary];
  if (!load || loaded.has(primary)) return undefined;
  let p = loading.get(primary);
  if (!p) {
    p = load()
      .then((strings) => {
        // Page-wide overrides registered before the load stay on top of the shipped strings.
        const page = registry.get(primary);
        registry.delete(primary);
        loaded.add(primary);
        registerStrings(primary, page ? { ...strings, ...page, errors: { ...strings.errors, ...page.errors } } : strings);
      })
      .catch(() => {
        loaded.add(primary); // English it is; do not retry on every render.
      });
    loading.set(primary, p);
  }
  return p;
};

const merge = (base: CbStrings, over: CbStringsOverride | undefined): CbStrings =>
  over ? { ...base, ...over, errors: { ...base.errors, ...over.errors } } as CbStrings : base;

/**
 * Adds a locale, or replaces strings of one for the whole page (white-label wording).
 * Merges over what was registered before; missing keys fall back to English.
 * @example registerStrings('en', { signIn: 'Log in' }); registerStrings('fr', frStrings);
 */
export const registerStrings = (lang: string, strings: CbStringsOverride): void => {
  const key = lang.toLowerCase();
  const prev = registry.get(key);
  registry.set(key, prev ? { ...prev, ...strings, errors: { ...prev.errors, ...strings.errors } } : strings);
  for (const listener of listeners) listener();
};

const listeners = new Set<() => void>();
/** Called after every `registerStrings`; returns an unsubscribe. */
export const onStringsChange = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The English strings of the elements outside the login page that this page loaded (`addElementStrings`). */
let elementStrings: CbStringsOverride = {};

/**
 * Adds an element's own English strings beneath what a page registers (`registerStrings` still
 * overrides them). Each element module calls it for itself, so a page carries the strings of the
 * elements it uses and no others. Their other languages are in the lazily loaded locales.
 */
export const addElementStrings = (strings: CbStringsOverride): void => {
  elementStrings = { ...elementStrings, ...strings };
  for (const listener of listeners) listener();
};

/**
 * The strings for a BCP 47 tag: English, then the language (`es`), then the region (`es-MX`),
 * then the subtree's overrides, then the element's own. The elements' own English strings
 * (`addElementStrings`) lie beneath the page's English overrides.
 */
export const resolveStrings = (lang: string, ...overrides: Array<CbStringsOverride | undefined>): CbStrings => {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0] ?? 'en';
  let out = merge(merge(en as CbStrings, elementStrings), registry.get('en'));
  if (primary !== 'en') out = merge(out, registry.get(primary));
  if (tag !== primary) out = merge(out, registry.get(tag));
  for (const o of overrides) out = merge(out, o);
  return out;
};

/** The language the page set for an element: its own or nearest `lang`, across shadow roots, up to `<html lang>`; '' when none. */
export const resolveLang = (el: Element): string => {
  let node: Element | null = el;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    const parent: Element | null = node.parentElement;
    if (parent) node = parent;
    else {
      // Neither getRootNode nor a ShadowRoot global exists under @lit-labs/ssr's DOM shim, where an
      // element has no tree above it; a shadow root is the one fragment (node type 11) with a host.
      const root = node.getRootNode?.() as ShadowRoot | undefined;
      node = root?.nodeType === 11 ? root.host : null;
    }
  }
  return '';
};
