import type { CbCoreStrings } from '../internal/strings.js';

// A copy of formatDayMonth, for the same reason as formatWait's below.
const formatDayMonth = (date: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

// A copy of formatWait: importing it would make this lazy chunk share one with the initial load.
const formatWait = (s: number): string => (s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** German. Loaded on demand when an element resolves `lang` (or the portal's locale) to `de`. */
export const de: CbCoreStrings = {
  logoPlaceholder: 'IHR LOGO HIER',
  emailLabel: 'E-Mail-Adresse',
  passwordLabel: 'Passwort',
  emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  passwordMissing: 'Bitte geben Sie das Passwort ein',
  signIn: 'Anmelden',
  resetLink: 'Benutzername oder Passwort zurücksetzen',
  enrolledNotice: 'Ihre Telefonnummer ist bestätigt. Bitte melden Sie sich zum Abschluss erneut an.',
  signedIn: 'Sie sind angemeldet.',
  backToSignIn: 'Zurück zur Anmeldung',
  enrollTitle: 'Zwei-Faktor-Authentifizierung',
  enrollIntro:
    'Geben Sie die Mobilnummer ein, an die wir Ihnen bei jeder Anmeldung per SMS einen einmaligen Sicherheitscode senden können.',
  countryLabel: 'Land',
  phoneLabel: 'Mobilnummer',
  phoneInvalid: 'Bitte geben Sie eine gültige Mobilnummer ein.',
  sendCode: 'Code senden',
  skip: 'Später',
  skipUntil: (date) => `Später (bis ${formatDayMonth(date, 'de')})`,
  changeNumber: 'Andere Telefonnummer verwenden',
  confirmSentTo: 'Ein Authentifizierungscode wurde gesendet an:',
  confirmInstructions: 'Bitte geben Sie den Code, der an Ihr Telefon gesendet wurde, unten in das Bestätigungsfeld ein.',
  confirmLabel: 'Bestätigungscode',
  confirmSubmit: 'Code bestätigen',
  verifyLabel: 'SMS-Code eingeben',
  verifySubmit: 'Weiter',
  resend: 'Erneut senden',
  resendIn: (s) => `Erneut senden (${s} s)`,
  sentTo: 'Nachricht gesendet an:',
  wrongPhone: 'Wenn die Telefonnummer falsch ist oder geändert werden muss',
  wrongPhoneHelp:
    'Bitten Sie einen Administrator Ihrer Organisation oder des Portals, die Zwei-Faktor-Authentifizierung Ihres Kontos zurückzusetzen. Bei der nächsten Anmeldung geben Sie dann die neue Nummer ein.',
  codeFormat: (n) => `Bitte geben Sie den ${n}-stelligen Code ein.`,
  codeResent: 'Ein neuer Code wurde gesendet.',
  attemptsLeft: (n) => (n === 1 ? 'Noch 1 Versuch.' : `Noch ${n} Versuche.`),
  waitFor: (s) => `Zu viele Versuche. Bitte warten Sie ${formatWait(s)} und versuchen Sie es erneut.`,
  useRecoveryCode: 'Wiederherstellungscode verwenden',
  useSmsCode: 'Stattdessen den SMS-Code verwenden',
  recoveryLabel: 'Wiederherstellungscode',
  recoveryFormat: 'Bitte geben Sie einen Wiederherstellungscode wie abcde-12345 ein.',
  cancel: 'Abbrechen',
  errors: {
    invalid_credentials: 'E-Mail-Adresse oder Passwort ist falsch.',
    invalid_code: 'Dieser Code ist nicht korrekt.',
    code_expired: 'Dieser Code ist abgelaufen. Fordern Sie mit „Erneut senden“ einen neuen an.',
    rate_limited: 'Zu viele Versuche. Bitte warten Sie und versuchen Sie es erneut.',
    invalid_phone: 'Bitte geben Sie eine gültige Mobilnummer ein.',
    sms_failed: 'Die SMS konnte nicht gesendet werden. Bitte versuchen Sie es erneut.',
    unauthorized: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    forbidden: 'Dazu sind Sie nicht berechtigt.',
    not_found: 'Nicht gefunden.',
    wrong_step: 'Dieser Schritt ist abgelaufen. Bitte melden Sie sich erneut an.',
    step_up_required: 'Bitte bestätigen Sie zuerst mit einem Code, dass Sie es sind.',
    step_up_unavailable: 'Für diese Aktion ist ein für die Zwei-Faktor-Authentifizierung eingerichtetes Telefon nötig. Wenden Sie sich an Ihren Administrator.',
    bad_request: 'Bitte prüfen Sie Ihre Eingabe und versuchen Sie es erneut.',
    internal: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    network: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  },
};
