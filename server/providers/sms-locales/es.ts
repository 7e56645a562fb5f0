import type { CodeTextLocale } from '../sms-text.js';

/**
 * Spanish, formal (usted). "Clave de seguridad" rather than "código de verificación": the `ó` is
 * outside GSM-7 and would make every text UCS-2, two segments instead of one.
 */
export const es: CodeTextLocale = {
  code: (name, code, minutes) =>
    `Su clave de seguridad para ${name} es ${code}. Caduca en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}. No la comparta.`,
  codeIn: /clave de seguridad para .* es (\d{6,9})\. Caduca en /,
  // "número" has a `ú`, outside GSM-7: "el teléfono de su cuenta" keeps the notice in one segment.
  phoneChanged: (name) => `Se ha cambiado el teléfono de su cuenta de ${name}. Si no fue usted, avise a su administrador.`,
};
