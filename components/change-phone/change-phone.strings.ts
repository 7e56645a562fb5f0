import type { CbChangePhoneStrings } from '../internal/strings.js';

/**
 * The strings of <cb-change-phone> in every language, shipped with the element and never with the
 * login page. English goes in beneath the page's own strings (`addElementStrings`); the others are
 * registered for their language.
 */
export const changePhoneStrings: Record<'en' | 'es' | 'fr' | 'de', CbChangePhoneStrings> = {
  en: {
    changePhoneTitle: 'Change my phone',
    changePhoneIntro: 'Enter your new mobile number. A code goes to it to confirm it; your current number gets a notice once the change is made.',
    changePhoneCodeIntro: (masked) => `An authentication code has been sent to ${masked}. Enter it to confirm your new number.`,
    changePhoneCodeLabel: 'Verification Code',
    changePhoneConfirm: 'Change number',
    changePhoneResend: 'Resend code',
    changePhoneBack: 'Use another number',
    changePhoneDone: (masked) => `Your phone number was changed to ${masked}`,
    changePhoneSignedOut: 'Your other sessions were signed out.',
  },
  es: {
    changePhoneTitle: 'Cambiar mi teléfono',
    changePhoneIntro: 'Ingrese su nuevo número de móvil. Le enviaremos un código para confirmarlo; su número actual recibirá un aviso cuando se haga el cambio.',
    changePhoneCodeIntro: (masked) => `Se ha enviado un código de autenticación a ${masked}. Ingréselo para confirmar su nuevo número.`,
    changePhoneCodeLabel: 'Código de verificación',
    changePhoneConfirm: 'Cambiar número',
    changePhoneResend: 'Reenviar código',
    changePhoneBack: 'Usar otro número',
    changePhoneDone: (masked) => `Su número de teléfono se cambió a ${masked}`,
    changePhoneSignedOut: 'Se cerraron sus otras sesiones.',
  },
  fr: {
    changePhoneTitle: 'Changer mon téléphone',
    changePhoneIntro: 'Saisissez votre nouveau numéro de mobile. Un code y est envoyé pour le confirmer ; votre numéro actuel reçoit un avis une fois le changement fait.',
    changePhoneCodeIntro: (masked) => `Un code d’authentification a été envoyé au ${masked}. Saisissez-le pour confirmer votre nouveau numéro.`,
    changePhoneCodeLabel: 'Code de vérification',
    changePhoneConfirm: 'Changer de numéro',
    changePhoneResend: 'Renvoyer le code',
    changePhoneBack: 'Utiliser un autre numéro',
    changePhoneDone: (masked) => `Votre numéro de téléphone a été changé pour le ${masked}`,
    changePhoneSignedOut: 'Vos autres sessions ont été déconnectées.',
  },
  de: {
    changePhoneTitle: 'Meine Telefonnummer ändern',
    changePhoneIntro: 'Geben Sie Ihre neue Mobilnummer ein. Sie erhält einen Code zur Bestätigung; Ihre bisherige Nummer erhält nach der Änderung einen Hinweis.',
    changePhoneCodeIntro: (masked) => `Ein Bestätigungscode wurde an ${masked} gesendet. Geben Sie ihn ein, um Ihre neue Nummer zu bestätigen.`,
    changePhoneCodeLabel: 'Bestätigungscode',
    changePhoneConfirm: 'Nummer ändern',
    changePhoneResend: 'Code erneut senden',
    changePhoneBack: 'Andere Nummer verwenden',
    changePhoneDone: (masked) => `Ihre Telefonnummer wurde in ${masked} geändert`,
    changePhoneSignedOut: 'Ihre anderen Sitzungen wurden abgemeldet.',
  },
};
