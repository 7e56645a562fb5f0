import type { CbCoreStrings } from '../internal/strings.js';

// A copy of formatDayMonth, for the same reason as formatWait's below.
const formatDayMonth = (date: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

// A copy of formatWait: importing it would make this lazy chunk share one with the initial load.
const formatWait = (s: number): string => (s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** French. Loaded on demand when an element resolves `lang` (or the portal's locale) to `fr`. */
export const fr: CbCoreStrings = {
  logoPlaceholder: 'VOTRE LOGO ICI',
  emailLabel: 'Adresse e-mail',
  passwordLabel: 'Mot de passe',
  emailInvalid: 'Veuillez saisir une adresse e-mail valide.',
  passwordMissing: 'Veuillez saisir le mot de passe',
  signIn: 'Se connecter',
  resetLink: 'Réinitialiser l’identifiant ou le mot de passe',
  enrolledNotice: 'Votre numéro de téléphone est confirmé. Veuillez vous reconnecter pour terminer.',
  signedIn: 'Vous êtes connecté.',
  backToSignIn: 'Retour à la connexion',
  enrollTitle: 'Authentification à deux facteurs',
  enrollIntro:
    'Saisissez le numéro de téléphone mobile auquel nous pourrons vous envoyer par SMS un code de sécurité à usage unique à chaque connexion.',
  countryLabel: 'Pays',
  phoneLabel: 'Numéro de téléphone mobile',
  phoneInvalid: 'Veuillez saisir un numéro de téléphone mobile valide.',
  sendCode: 'Envoyer le code',
  skip: 'Plus tard',
  skipUntil: (date) => `Plus tard (jusqu’au ${formatDayMonth(date, 'fr')})`,
  changeNumber: 'Utiliser un autre numéro',
  confirmSentTo: 'Un code d’authentification a été envoyé au :',
  confirmInstructions: 'Veuillez saisir dans le champ ci-dessous le code envoyé sur votre téléphone.',
  confirmLabel: 'Code de vérification',
  confirmSubmit: 'Vérifier le code',
  verifyLabel: 'Code reçu par SMS',
  verifySubmit: 'Valider',
  resend: 'Renvoyer',
  resendIn: (s) => `Renvoyer (${s} s)`,
  sentTo: 'Message envoyé au :',
  wrongPhone: 'Si le numéro de téléphone est incorrect ou doit être mis à jour',
  wrongPhoneHelp:
    'Demandez à un administrateur de votre organisation ou du portail de réinitialiser l’authentification à deux facteurs de votre compte. Vous saisirez le nouveau numéro à votre prochaine connexion.',
  codeFormat: (n) => `Veuillez saisir le code à ${n} chiffres.`,
  codeResent: 'Un nouveau code a été envoyé.',
  attemptsLeft: (n) => (n === 1 ? 'Il reste 1 essai.' : `Il reste ${n} essais.`),
  waitFor: (s) => `Trop de tentatives. Veuillez patienter ${formatWait(s)} puis réessayer.`,
  useRecoveryCode: 'Utiliser un code de récupération',
  useSmsCode: 'Utiliser le code SMS',
  recoveryLabel: 'Code de récupération',
  recoveryFormat: 'Veuillez saisir un code de récupération, par exemple abcde-12345.',
  cancel: 'Annuler',
  errors: {
    invalid_credentials: 'L’adresse e-mail ou le mot de passe est incorrect.',
    invalid_code: 'Ce code n’est pas correct.',
    code_expired: 'Ce code a expiré. Utilisez Renvoyer pour en recevoir un nouveau.',
    rate_limited: 'Trop de tentatives. Veuillez patienter puis réessayer.',
    invalid_phone: 'Veuillez saisir un numéro de téléphone mobile valide.',
    sms_failed: 'Le SMS n’a pas pu être envoyé. Veuillez réessayer.',
    unauthorized: 'Votre session a pris fin. Veuillez vous reconnecter.',
    forbidden: 'Vous n’avez pas l’autorisation de faire cela.',
    not_found: 'Introuvable.',
    wrong_step: 'Cette étape a expiré. Veuillez vous reconnecter.',
    step_up_required: 'Confirmez d’abord votre identité avec un code.',
    step_up_unavailable: 'Cette action nécessite un téléphone configuré pour l’authentification à deux facteurs. Contactez votre administrateur.',
    bad_request: 'Veuillez vérifier votre saisie et réessayer.',
    internal: 'Une erreur s’est produite. Veuillez réessayer.',
    network: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  },
};
