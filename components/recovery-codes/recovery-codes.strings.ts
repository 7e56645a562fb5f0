import type { CbRecoveryCodesStrings } from '../internal/strings.js';

/**
 * The strings of <cb-recovery-codes> in every shipped language. They load with the element, never with the login
 * page, whose bundle carries only the strings of the sign-in steps.
 */
export const recoveryCodesStrings: Record<'en' | 'es' | 'fr' | 'de', CbRecoveryCodesStrings> = {
  en: {
    recoveryTitle: 'Recovery codes',
    recoveryIntro: 'If you lose your phone, sign in with a recovery code instead of the SMS code. Each code works once. Making new codes replaces the old ones.',
    recoveryGenerate: 'Generate recovery codes',
    recoveryOnce: 'Save these codes now: they are shown only once. Keep them somewhere safe, away from your phone.',
    recoveryCopy: 'Copy',
    recoveryCopied: 'The codes were copied.',
    recoveryDownload: 'Download',
    recoveryPrint: 'Print',
    recoveryFileTitle: (portal) => `Recovery codes${portal ? ` for ${portal}` : ''}. Each code works once.`,
  },
  es: {
    recoveryTitle: 'Códigos de recuperación',
    recoveryIntro: 'Si pierde el teléfono, inicie sesión con un código de recuperación en lugar del código SMS. Cada código sirve una vez. Generar códigos nuevos sustituye a los anteriores.',
    recoveryGenerate: 'Generar códigos de recuperación',
    recoveryOnce: 'Guarde estos códigos ahora: solo se muestran una vez. Consérvelos en un lugar seguro, lejos del teléfono.',
    recoveryCopy: 'Copiar',
    recoveryCopied: 'Se copiaron los códigos.',
    recoveryDownload: 'Descargar',
    recoveryPrint: 'Imprimir',
    recoveryFileTitle: (portal) => `Códigos de recuperación${portal ? ` de ${portal}` : ''}. Cada código sirve una vez.`,
  },
  fr: {
    recoveryTitle: 'Codes de récupération',
    recoveryIntro: 'Si vous perdez votre téléphone, connectez-vous avec un code de récupération au lieu du code SMS. Chaque code ne sert qu’une fois. En générer de nouveaux remplace les anciens.',
    recoveryGenerate: 'Générer des codes de récupération',
    recoveryOnce: 'Enregistrez ces codes maintenant : ils ne sont affichés qu’une fois. Gardez-les en lieu sûr, loin de votre téléphone.',
    recoveryCopy: 'Copier',
    recoveryCopied: 'Les codes ont été copiés.',
    recoveryDownload: 'Télécharger',
    recoveryPrint: 'Imprimer',
    recoveryFileTitle: (portal) => `Codes de récupération${portal ? ` pour ${portal}` : ''}. Chaque code ne sert qu’une fois.`,
  },
  de: {
    recoveryTitle: 'Wiederherstellungscodes',
    recoveryIntro: 'Wenn Sie Ihr Telefon verlieren, melden Sie sich mit einem Wiederherstellungscode statt des SMS-Codes an. Jeder Code gilt einmal. Neue Codes ersetzen die alten.',
    recoveryGenerate: 'Wiederherstellungscodes erstellen',
    recoveryOnce: 'Speichern Sie diese Codes jetzt: Sie werden nur einmal angezeigt. Bewahren Sie sie sicher und getrennt vom Telefon auf.',
    recoveryCopy: 'Kopieren',
    recoveryCopied: 'Die Codes wurden kopiert.',
    recoveryDownload: 'Herunterladen',
    recoveryPrint: 'Drucken',
    recoveryFileTitle: (portal) => `Wiederherstellungscodes${portal ? ` für ${portal}` : ''}. Jeder Code gilt einmal.`,
  },
};
