import type { CbOptInDialogStrings } from '../internal/strings.js';

/**
 * The strings of <cb-2fa-optin-dialog> in every shipped language. They load with the element, never with the login
 * page, whose bundle carries only the strings of the sign-in steps.
 */
export const optInDialogStrings: Record<'en' | 'es' | 'fr' | 'de', CbOptInDialogStrings> = {
  en: {
    optInTitle: 'Enable Two Factor Authentication with SMS',
    optInIntro:
      'To further improve the security and privacy of your account, you can enroll in Two Factor Authentication SMS (2FA SMS).',
    optInBody:
      'Your phone number will be used to send you a one-time-use security code via SMS text message to verify your identity at login each time you access your account. If you choose to enable 2FA SMS, you will be logged out and the enrollment process will take place the next time you login.',
    noThanks: 'No Thanks',
    optInConfirm: 'Enable 2FA SMS',
  },
  es: {
    optInTitle: 'Activar la autenticación de dos factores por SMS',
    optInIntro:
      'Para mejorar aún más la seguridad y la privacidad de su cuenta, puede inscribirse en la autenticación de dos factores por SMS (2FA SMS).',
    optInBody:
      'Su número de teléfono se usará para enviarle por SMS un código de seguridad de un solo uso que verificará su identidad cada vez que acceda a su cuenta. Si decide activar 2FA SMS, se cerrará su sesión y la inscripción se realizará la próxima vez que inicie sesión.',
    noThanks: 'No, gracias',
    optInConfirm: 'Activar 2FA SMS',
  },
  fr: {
    optInTitle: 'Activer l’authentification à deux facteurs par SMS',
    optInIntro:
      'Pour renforcer la sécurité et la confidentialité de votre compte, vous pouvez activer l’authentification à deux facteurs par SMS (2FA SMS).',
    optInBody:
      'Votre numéro de téléphone servira à vous envoyer par SMS un code de sécurité à usage unique qui vérifiera votre identité à chaque connexion à votre compte. Si vous activez la 2FA SMS, vous serez déconnecté et l’inscription aura lieu à votre prochaine connexion.',
    noThanks: 'Non merci',
    optInConfirm: 'Activer la 2FA SMS',
  },
  de: {
    optInTitle: 'Zwei-Faktor-Authentifizierung per SMS aktivieren',
    optInIntro:
      'Um die Sicherheit und den Schutz Ihres Kontos weiter zu verbessern, können Sie die Zwei-Faktor-Authentifizierung per SMS (2FA SMS) aktivieren.',
    optInBody:
      'An Ihre Telefonnummer wird bei jedem Zugriff auf Ihr Konto per SMS ein einmaliger Sicherheitscode gesendet, der Ihre Identität bei der Anmeldung bestätigt. Wenn Sie 2FA SMS aktivieren, werden Sie abgemeldet, und die Einrichtung erfolgt bei Ihrer nächsten Anmeldung.',
    noThanks: 'Nein, danke',
    optInConfirm: '2FA SMS aktivieren',
  },
};
