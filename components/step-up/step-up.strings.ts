import type { CbStepUpStrings } from '../internal/strings.js';

/**
 * The strings of <cb-step-up> in every shipped language. They load with the element, never with the login
 * page, whose bundle carries only the strings of the sign-in steps.
 */
export const stepUpStrings: Record<'en' | 'es' | 'fr' | 'de', CbStepUpStrings> = {
  en: {
    stepUpTitle: 'Confirm it is you',
    stepUpIntro: 'To continue, enter the code we just texted you.',
  },
  es: {
    stepUpTitle: 'Confirme que es usted',
    stepUpIntro: 'Para continuar, introduzca el código que le acabamos de enviar.',
  },
  fr: {
    stepUpTitle: 'Confirmez votre identité',
    stepUpIntro: 'Pour continuer, saisissez le code que nous venons de vous envoyer par SMS.',
  },
  de: {
    stepUpTitle: 'Bestätigen Sie, dass Sie es sind',
    stepUpIntro: 'Geben Sie zum Fortfahren den Code ein, den wir Ihnen gerade gesendet haben.',
  },
};
