import type { CbAdminResetStrings } from '../internal/strings.js';

/**
 * The strings of <cb-admin-reset> in every shipped language. They load with the element, never with the login
 * page, whose bundle carries only the strings of the sign-in steps.
 */
export const adminResetStrings: Record<'en' | 'es' | 'fr' | 'de', CbAdminResetStrings> = {
  en: {
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
  },
  es: {
    resetButton: 'Restablecer dos factores',
    resetQuestion: (name) =>
      `¿Restablecer la autenticación de dos factores de ${name}? Deberá inscribir un teléfono de nuevo en su próximo inicio de sesión. Ninguna otra cuenta se ve afectada.`,
    resetConfirm: 'Restablecer',
    stateLabel: 'Dos factores',
    stateEnrolled: (phone) => `Inscrito (${phone})`,
    stateSkipped: 'Omitido («Omitir por ahora»)',
    stateNone: 'No inscrito',
    stateLocked: 'Ingreso de códigos bloqueado por demasiados códigos incorrectos',
    policyRequired: 'Organización: 2FA obligatoria, sin omitir',
    policyExempt: 'Organización: exenta de 2FA',
    resetDone: 'Se restableció la autenticación de dos factores.',
    loading: 'Cargando…',
  },
  fr: {
    resetButton: 'Réinitialiser la 2FA',
    resetQuestion: (name) =>
      `Réinitialiser l’authentification à deux facteurs de ${name} ? Cette personne inscrira de nouveau un téléphone à sa prochaine connexion. Aucun autre compte n’est concerné.`,
    resetConfirm: 'Réinitialiser',
    stateLabel: 'Deux facteurs',
    stateEnrolled: (phone) => `Inscrit (${phone})`,
    stateSkipped: 'Reporté (« Plus tard »)',
    stateNone: 'Non inscrit',
    stateLocked: 'Saisie du code bloquée après trop de codes erronés',
    policyRequired: 'Organisation : 2FA obligatoire, sans report',
    policyExempt: 'Organisation : exemptée de 2FA',
    resetDone: 'L’authentification à deux facteurs a été réinitialisée.',
    loading: 'Chargement…',
  },
  de: {
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
  },
};
