import type { CbCoreStrings } from '../internal/strings.js';

// A copy of formatDayMonth, for the same reason as formatWait's below.
const formatDayMonth = (date: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

// A copy of formatWait: importing it would make this lazy chunk share one with the initial load.
const formatWait = (s: number): string => (s < 60 ? `${s}s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** Spanish. Loaded on demand when an element resolves `lang` to `es`. */
export const es: CbCoreStrings = {
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
  attemptsLeft: (n) => (n === 1 ? 'Le queda 1 intento.' : `Le quedan ${n} intentos.`),
  waitFor: (s) => `Demasiados intentos. Espere ${formatWait(s)} e inténtelo de nuevo.`,
  useRecoveryCode: 'Usar un código de recuperación',
  useSmsCode: 'Usar el código SMS',
  recoveryLabel: 'Código de recuperación',
  recoveryFormat: 'Introduzca un código de recuperación, como abcde-12345.',
  cancel: 'Cancelar',
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
