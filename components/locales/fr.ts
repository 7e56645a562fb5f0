import type { CbLocaleStrings } from '../internal/strings.js';

// A copy of formatDayMonth, for the same reason as formatWait's below.
const formatDayMonth = (date: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

// A copy of formatWait: importing it would make this lazy chunk share one with the initial load.
const formatWait = (s: number): string => (s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** French. Loaded on demand when an element resolves `lang` (or the portal's locale) to `fr`. */
export const fr: CbLocaleStrings = {
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
  callMe: 'M’appeler plutôt',
  calling: (p) => `Appel en cours vers ${p}…`,
  attemptsLeft: (n) => (n === 1 ? 'Il reste 1 essai.' : `Il reste ${n} essais.`),
  waitFor: (s) => `Trop de tentatives. Veuillez patienter ${formatWait(s)} puis réessayer.`,
  useRecoveryCode: 'Utiliser un code de récupération',
  useSmsCode: 'Utiliser le code SMS',
  recoveryLabel: 'Code de récupération',
  recoveryFormat: 'Veuillez saisir un code de récupération, par exemple abcde-12345-fghjk.',
  cancel: 'Annuler',
  optInTitle: 'Activer l’authentification à deux facteurs par SMS',
  optInIntro:
    'Pour renforcer la sécurité et la confidentialité de votre compte, vous pouvez activer l’authentification à deux facteurs par SMS (2FA SMS).',
  optInBody:
    'Votre numéro de téléphone servira à vous envoyer par SMS un code de sécurité à usage unique qui vérifiera votre identité à chaque connexion à votre compte. Si vous activez la 2FA SMS, vous serez déconnecté et l’inscription aura lieu à votre prochaine connexion.',
  noThanks: 'Non merci',
  optInConfirm: 'Activer la 2FA SMS',
  stepUpTitle: 'Confirmez votre identité',
  stepUpIntro: 'Pour continuer, saisissez le code que nous venons de vous envoyer par SMS.',
  recoveryTitle: 'Codes de récupération',
  recoveryIntro: 'Si vous perdez votre téléphone, connectez-vous avec un code de récupération au lieu du code SMS. Chaque code ne sert qu’une fois. En générer de nouveaux remplace les anciens.',
  recoveryGenerate: 'Générer des codes de récupération',
  recoveryOnce: 'Enregistrez ces codes maintenant : ils ne sont affichés qu’une fois. Gardez-les en lieu sûr, loin de votre téléphone.',
  recoveryCopy: 'Copier',
  recoveryCopied: 'Les codes ont été copiés.',
  recoveryDownload: 'Télécharger',
  recoveryPrint: 'Imprimer',
  recoveryFileTitle: (portal) => `Codes de récupération${portal ? ` pour ${portal}` : ''}. Chaque code ne sert qu’une fois.`,
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
  settingsTitle: 'Authentification à deux facteurs',
  settingsEnable: 'Activer l’authentification à deux facteurs',
  settingsEnableHelp:
    'Cette fonction renforce la connexion de vos clients par des codes à usage unique envoyés par SMS. Si elle est activée sur votre portail, TOUTES les connexions des organisations devront s’inscrire à leur prochaine tentative.',
  settingsOptOut: 'Permettre aux organisations de refuser',
  settingsOptOutHelp:
    'Laisse à vos organisations le choix de s’inscrire ou de refuser. L’écran d’inscription affiche alors un bouton « Plus tard ».',
  settingsWarning:
    'Si vous la désactivez puis la réactivez plus tard, toutes les organisations déjà configurées devront refaire l’inscription.',
  settingsReadOnly:
    'Votre profil ne peut pas modifier ces réglages. Seul un profil avec l’option « Master Admin » activée le peut.',
  settingsEnforceFrom: 'Obligatoire à partir du',
  settingsEnforceFromHelp:
    'Facultatif. Jusqu’à cette date, chaque contact peut choisir « Plus tard » et se connecter ; à partir de cette date, l’option de refus ci-dessus s’applique. Les organisations où l’authentification à deux facteurs est obligatoire n’ont pas ce délai.',
  previewWillEnroll: (c, o) =>
    `${c.toLocaleString('fr')} ${c === 1 ? 'contact' : 'contacts'} de ${o.toLocaleString('fr')} ${o === 1 ? 'organisation' : 'organisations'} ${c === 1 ? 'devra' : 'devront'} s’inscrire à ${c === 1 ? 'sa' : 'leur'} prochaine connexion.`,
  previewNone: 'Aucun contact ne devra s’inscrire à sa prochaine connexion.',
  previewIncludesYou:
    'Vous devrez vous aussi vous inscrire à votre prochaine connexion. Votre session actuelle continue.',
  previewByOrganization: 'Par organisation',
  policiesTitle: 'Quand le code n’arrive pas',
  policyVoice: 'Proposer « Appelez-moi »',
  policyVoiceHelp:
    'Si le SMS n’arrive pas, l’utilisateur peut se faire lire le code lors d’un appel. Un appel coûte plus cher qu’un SMS ; 3 appels au plus par téléphone et par jour.',
  policyTrust: 'Proposer « Faire confiance à cet appareil »',
  policyTrustDays: 'Jours pendant lesquels un appareil de confiance se passe du code',
  policyTrustHelp:
    'Qui coche la case se connecte sur ce navigateur avec son seul mot de passe pendant ce nombre de jours (1 à 90). Le raccourcir ou le désactiver met fin à cette confiance aussitôt.',
  policyRecovery: 'Proposer des codes de secours',
  policyRecoveryHelp:
    'Les utilisateurs peuvent créer dix codes à usage unique et se connecter avec l’un d’eux s’ils perdent leur téléphone ou ne l’ont pas sous la main.',
  policyPhoneChange: 'Permettre aux utilisateurs de changer leur numéro',
  policyPhoneChangeHelp:
    'Après un nouveau code, l’utilisateur peut transférer son authentification à deux facteurs sur un autre numéro ; l’ancien numéro est prévenu. Sinon, un administrateur la réinitialise.',
  save: 'Enregistrer',
  saved: 'Vos modifications ont été enregistrées.',
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
