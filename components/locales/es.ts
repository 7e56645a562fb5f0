import type { CbLocaleStrings } from '../internal/strings.js';

// A copy of formatDayMonth, for the same reason as formatWait's below.
const formatDayMonth = (date: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

// A copy of formatWait: importing it would make this lazy chunk share one with the initial load.
const formatWait = (s: number): string => (s < 60 ? `${s}s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** Spanish. Loaded on demand when an element resolves `lang` to `es`. */
export const es: CbLocaleStrings = {
  logoPlaceholder: 'SU LOGOTIPO AQUÍ',
  emailLabel: 'Ingrese su correo electrónico',
  passwordLabel: 'Ingrese su contraseña',
  emailInvalid: 'Ingrese un correo electrónico válido.',
  passwordMissing: 'Ingrese la contraseña',
  signIn: 'Iniciar sesión',
  resetLink: 'Restablecer usuario o contraseña',
  enrolledNotice: 'Su número de teléfono está confirmado. Inicie sesión de nuevo para terminar.',
  signedIn: 'Ha iniciado sesión.',
  backToSignIn: 'Volver al inicio de sesión',
  enrollTitle: 'Autenticación de dos factores',
  enrollIntro: 'Ingrese el número de teléfono móvil al que le enviaremos un código de seguridad de un solo uso cada vez que inicie sesión.',
  countryLabel: 'País',
  phoneLabel: 'Número de teléfono móvil',
  phoneInvalid: 'Ingrese un número de teléfono móvil válido.',
  sendCode: 'Enviar código',
  skip: 'Omitir por ahora',
  skipUntil: (date) => `Omitir hasta el ${formatDayMonth(date, 'es')}`,
  changeNumber: 'Usar otro número de teléfono',
  confirmSentTo: 'Se ha enviado un código de autenticación a:',
  confirmInstructions: 'Ingrese en el cuadro de confirmación el código que se envió a su teléfono.',
  confirmLabel: 'Código de verificación',
  confirmSubmit: 'Verificar código',
  verifyLabel: 'Ingrese el código SMS',
  verifySubmit: 'Entrar',
  resend: 'Reenviar',
  resendIn: (s) => `Reenviar (${s} s)`,
  sentTo: 'Mensaje enviado a:',
  wrongPhone: 'Si el número de teléfono es incorrecto o debe actualizarse',
  wrongPhoneHelp:
    'Pida a un administrador de su organización o del portal que restablezca la autenticación de dos factores de su cuenta. Podrá ingresar el nuevo número la próxima vez que inicie sesión.',
  codeFormat: (n) => `Ingrese el código de ${n} dígitos.`,
  codeResent: 'Se ha enviado un nuevo código.',
  callMe: 'Llamarme en su lugar',
  calling: (p) => `Llamando a ${p}…`,
  attemptsLeft: (n) => (n === 1 ? 'Le queda 1 intento.' : `Le quedan ${n} intentos.`),
  waitFor: (s) => `Demasiados intentos. Espere ${formatWait(s)} e inténtelo de nuevo.`,
  useRecoveryCode: 'Usar un código de recuperación',
  useSmsCode: 'Usar el código SMS',
  recoveryLabel: 'Código de recuperación',
  recoveryFormat: 'Introduzca un código de recuperación, como abcde-12345-fghjk.',
  cancel: 'Cancelar',
  optInTitle: 'Activar la autenticación de dos factores por SMS',
  optInIntro:
    'Para mejorar aún más la seguridad y la privacidad de su cuenta, puede inscribirse en la autenticación de dos factores por SMS (2FA SMS).',
  optInBody:
    'Su número de teléfono se usará para enviarle por SMS un código de seguridad de un solo uso que verificará su identidad cada vez que acceda a su cuenta. Si decide activar 2FA SMS, se cerrará su sesión y la inscripción se realizará la próxima vez que inicie sesión.',
  noThanks: 'No, gracias',
  optInConfirm: 'Activar 2FA SMS',
  stepUpTitle: 'Confirme que es usted',
  stepUpIntro: 'Para continuar, introduzca el código que le acabamos de enviar.',
  recoveryTitle: 'Códigos de recuperación',
  recoveryIntro: 'Si pierde el teléfono, inicie sesión con un código de recuperación en lugar del código SMS. Cada código sirve una vez. Generar códigos nuevos sustituye a los anteriores.',
  recoveryGenerate: 'Generar códigos de recuperación',
  recoveryOnce: 'Guarde estos códigos ahora: solo se muestran una vez. Consérvelos en un lugar seguro, lejos del teléfono.',
  recoveryCopy: 'Copiar',
  recoveryCopied: 'Se copiaron los códigos.',
  recoveryDownload: 'Descargar',
  recoveryPrint: 'Imprimir',
  recoveryFileTitle: (portal) => `Códigos de recuperación${portal ? ` de ${portal}` : ''}. Cada código sirve una vez.`,
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
  settingsTitle: 'Autenticación de dos factores',
  settingsEnable: 'Activar la autenticación de dos factores',
  settingsEnableHelp:
    'Esta función protege aún más el inicio de sesión de sus clientes mediante mensajes SMS de un solo uso. Si se activa en su portal, TODOS los inicios de sesión de organizaciones deberán inscribirse en su próximo intento.',
  settingsOptOut: 'Permitir que las organizaciones no participen',
  settingsOptOutHelp:
    'Ofrece a sus organizaciones la opción de inscribirse o no participar. La pantalla de inscripción muestra entonces el botón «Omitir por ahora».',
  settingsWarning:
    'Si la desactiva y la vuelve a activar en el futuro, todas las organizaciones ya configuradas deberán inscribirse de nuevo.',
  settingsReadOnly:
    'Su perfil no puede cambiar esta configuración. Solo un perfil con la opción «Master Admin» activada puede hacerlo.',
  settingsEnforceFrom: 'Exigir a partir del',
  settingsEnforceFromHelp:
    'Opcional. Hasta esta fecha todos los contactos pueden elegir "Omitir por ahora" e iniciar sesión; a partir de esta fecha decide la opción de no participar de arriba. Las organizaciones en las que la autenticación de dos factores es obligatoria no tienen este plazo.',
  previewWillEnroll: (c, o) =>
    `Se pedirá a ${c.toLocaleString('es')} ${c === 1 ? 'contacto' : 'contactos'} de ${o.toLocaleString('es')} ${o === 1 ? 'organización' : 'organizaciones'} que se inscriban en su próximo inicio de sesión.`,
  previewNone: 'No se pedirá a ningún contacto que se inscriba en su próximo inicio de sesión.',
  previewIncludesYou:
    'También se le pedirá a usted que se inscriba en su próximo inicio de sesión. Su sesión actual continúa.',
  previewByOrganization: 'Por organización',
  policiesTitle: 'Cuando el código no llega',
  policyVoice: 'Ofrecer «Llamarme»',
  policyVoiceHelp:
    'Si el mensaje de texto no llega, los usuarios pueden recibir el código en una llamada. Una llamada cuesta más que un mensaje; se hacen como máximo 3 llamadas a un teléfono al día.',
  policyTrust: 'Ofrecer «Confiar en este dispositivo»',
  policyTrustDays: 'Días en que un dispositivo de confianza no pide el código',
  policyTrustHelp:
    'Quien marque la casilla inicia sesión en ese navegador solo con su contraseña durante estos días (de 1 a 90). Acortarlo o desactivarlo retira esa confianza al instante.',
  policyRecovery: 'Ofrecer códigos de recuperación',
  policyRecoveryHelp:
    'Los usuarios pueden crear diez códigos de un solo uso e iniciar sesión con uno si pierden el teléfono o no lo tienen a mano.',
  policyPhoneChange: 'Permitir que los usuarios cambien su número de teléfono',
  policyPhoneChangeHelp:
    'Con un código nuevo, los usuarios pueden pasar la autenticación de dos factores a otro número; se avisa al número anterior. Si está desactivado, lo restablece un administrador.',
  save: 'Guardar',
  saved: 'Se guardaron los cambios.',
  errors: {
    invalid_credentials: 'El correo electrónico o la contraseña no son correctos.',
    invalid_code: 'El código no es correcto.',
    code_expired: 'El código ha caducado. Use Reenviar para recibir uno nuevo.',
    rate_limited: 'Demasiados intentos. Espere e inténtelo de nuevo.',
    invalid_phone: 'Ingrese un número de teléfono móvil válido.',
    sms_failed: 'No se pudo enviar el mensaje de texto. Inténtelo de nuevo.',
    unauthorized: 'Su sesión ha terminado. Inicie sesión de nuevo.',
    forbidden: 'No tiene permiso para hacer esto.',
    not_found: 'No encontrado.',
    wrong_step: 'Este paso ha caducado. Inicie sesión de nuevo.',
    step_up_required: 'Primero confirme que es usted con un código.',
    step_up_unavailable: 'Esta acción requiere un teléfono configurado para la autenticación en dos pasos. Consulte a su administrador.',
    bad_request: 'Revise lo que ingresó e inténtelo de nuevo.',
    internal: 'Algo salió mal. Inténtelo de nuevo.',
    network: 'No se pudo conectar con el servidor. Revise su conexión e inténtelo de nuevo.',
  },
};
