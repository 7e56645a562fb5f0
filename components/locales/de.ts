import type { CbLocaleStrings } from '../internal/strings.js';

// A copy of formatDayMonth, for the same reason as formatWait's below.
const formatDayMonth = (date: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

// A copy of formatWait: importing it would make this lazy chunk share one with the initial load.
const formatWait = (s: number): string => (s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** German. Loaded on demand when an element resolves `lang` (or the portal's locale) to `de`. */
export const de: CbLocaleStrings = {
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
  callMe: 'Stattdessen anrufen',
  calling: (p) => `${p} wird angerufen…`,
  attemptsLeft: (n) => (n === 1 ? 'Noch 1 Versuch.' : `Noch ${n} Versuche.`),
  waitFor: (s) => `Zu viele Versuche. Bitte warten Sie ${formatWait(s)} und versuchen Sie es erneut.`,
  useRecoveryCode: 'Wiederherstellungscode verwenden',
  useSmsCode: 'Stattdessen den SMS-Code verwenden',
  recoveryLabel: 'Wiederherstellungscode',
  recoveryFormat: 'Bitte geben Sie einen Wiederherstellungscode wie abcde-12345-fghjk ein.',
  cancel: 'Abbrechen',
  optInTitle: 'Zwei-Faktor-Authentifizierung per SMS aktivieren',
  optInIntro:
    'Um die Sicherheit und den Schutz Ihres Kontos weiter zu verbessern, können Sie die Zwei-Faktor-Authentifizierung per SMS (2FA SMS) aktivieren.',
  optInBody:
    'An Ihre Telefonnummer wird bei jedem Zugriff auf Ihr Konto per SMS ein einmaliger Sicherheitscode gesendet, der Ihre Identität bei der Anmeldung bestätigt. Wenn Sie 2FA SMS aktivieren, werden Sie abgemeldet, und die Einrichtung erfolgt bei Ihrer nächsten Anmeldung.',
  noThanks: 'Nein, danke',
  optInConfirm: '2FA SMS aktivieren',
  stepUpTitle: 'Bestätigen Sie, dass Sie es sind',
  stepUpIntro: 'Geben Sie zum Fortfahren den Code ein, den wir Ihnen gerade gesendet haben.',
  recoveryTitle: 'Wiederherstellungscodes',
  recoveryIntro: 'Wenn Sie Ihr Telefon verlieren, melden Sie sich mit einem Wiederherstellungscode statt des SMS-Codes an. Jeder Code gilt einmal. Neue Codes ersetzen die alten.',
  recoveryGenerate: 'Wiederherstellungscodes erstellen',
  recoveryOnce: 'Speichern Sie diese Codes jetzt: Sie werden nur einmal angezeigt. Bewahren Sie sie sicher und getrennt vom Telefon auf.',
  recoveryCopy: 'Kopieren',
  recoveryCopied: 'Die Codes wurden kopiert.',
  recoveryDownload: 'Herunterladen',
  recoveryPrint: 'Drucken',
  recoveryFileTitle: (portal) => `Wiederherstellungscodes${portal ? ` für ${portal}` : ''}. Jeder Code gilt einmal.`,
  resetButton: 'Zwei-Faktor zurücksetzen',
  resetQuestion: (name) =>
    `Zwei-Faktor-Authentifizierung für ${name} zurücksetzen? Bei der nächsten Anmeldung wird erneut ein Telefon eingerichtet. Andere Konten sind nicht betroffen.`,
  resetConfirm: 'Zurücksetzen',
  stateLabel: 'Zwei-Faktor',
  stateEnrolled: (phone) => `Eingerichtet (${phone})`,
  stateSkipped: 'Übersprungen („Später“)',
  stateNone: 'Nicht eingerichtet',
  stateLocked: 'Codeeingabe nach zu vielen falschen Codes gesperrt',
  policyRequired: 'Organisation: 2FA Pflicht, kein Überspringen',
  policyExempt: 'Organisation: von 2FA ausgenommen',
  resetDone: 'Die Zwei-Faktor-Authentifizierung wurde zurückgesetzt.',
  loading: 'Wird geladen…',
  settingsTitle: 'Zwei-Faktor-Authentifizierung',
  settingsEnable: 'Zwei-Faktor-Authentifizierung aktivieren',
  settingsEnableHelp:
    'Diese Funktion sichert die Anmeldung Ihrer Kunden zusätzlich mit einmaligen SMS-Codes ab. Ist sie in Ihrem Portal aktiviert, müssen sich ALLE Anmeldungen von Organisationen beim nächsten Anmeldeversuch einrichten.',
  settingsOptOut: 'Organisationen das Abmelden erlauben',
  settingsOptOutHelp:
    'Ihre Organisationen können wählen, ob sie teilnehmen oder nicht. Der Einrichtungsbildschirm zeigt dann die Schaltfläche „Später“.',
  settingsWarning:
    'Wenn Sie die Funktion ausschalten und später wieder aktivieren, müssen alle bereits eingerichteten Organisationen die Einrichtung erneut durchlaufen.',
  settingsReadOnly:
    'Ihr Profil kann diese Einstellungen nicht ändern. Das kann nur ein Profil mit aktivierter Option „Master Admin“.',
  settingsEnforceFrom: 'Verpflichtend ab',
  settingsEnforceFromHelp:
    'Optional. Bis zu diesem Datum kann jeder Kontakt „Später“ wählen und sich anmelden; ab diesem Datum gilt die Abmelde-Einstellung oben. Organisationen, für die die Zwei-Faktor-Authentifizierung verpflichtend ist, erhalten keine solche Frist.',
  previewWillEnroll: (c, o) =>
    `${c.toLocaleString('de')} ${c === 1 ? 'Kontakt' : 'Kontakte'} in ${o.toLocaleString('de')} ${o === 1 ? 'Organisation' : 'Organisationen'} ${c === 1 ? 'wird' : 'werden'} bei der nächsten Anmeldung zur Registrierung aufgefordert.`,
  previewNone: 'Kein Kontakt wird bei der nächsten Anmeldung zur Registrierung aufgefordert.',
  previewIncludesYou:
    'Auch Sie werden bei Ihrer nächsten Anmeldung zur Registrierung aufgefordert. Ihre aktuelle Sitzung bleibt bestehen.',
  previewByOrganization: 'Nach Organisation',
  policiesTitle: 'Wenn der Code nicht ankommt',
  policyVoice: '„Rufen Sie mich an“ anbieten',
  policyVoiceHelp:
    'Kommt die SMS nicht an, können sich Benutzer den Code in einem Anruf vorlesen lassen. Ein Anruf kostet mehr als eine SMS; höchstens 3 Anrufe pro Telefon und Tag.',
  policyTrust: '„Diesem Gerät vertrauen“ anbieten',
  policyTrustDays: 'Tage, an denen ein vertrauenswürdiges Gerät keinen Code braucht',
  policyTrustHelp:
    'Wer das Kästchen ankreuzt, meldet sich in diesem Browser so viele Tage (1 bis 90) nur mit dem Passwort an. Kürzen oder Abschalten beendet dieses Vertrauen sofort.',
  policyRecovery: 'Wiederherstellungscodes anbieten',
  policyRecoveryHelp:
    'Benutzer können zehn Einmalcodes erstellen und sich mit einem anmelden, wenn das Telefon verloren oder nicht greifbar ist.',
  policyPhoneChange: 'Benutzer ihre Telefonnummer selbst ändern lassen',
  policyPhoneChangeHelp:
    'Nach einem neuen Code können Benutzer die Zwei-Faktor-Authentifizierung auf eine neue Nummer umziehen; die alte Nummer wird benachrichtigt. Ausgeschaltet setzt ein Administrator sie zurück.',
  save: 'Speichern',
  saved: 'Ihre Änderungen wurden gespeichert.',
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
