import type { CodeTextLocale } from '../sms-text.js';

/** French, formal (vous). `é` is in GSM-7; the wording avoids `ç`, `ê` and `û`, which are not. */
export const fr: CodeTextLocale = {
  code: (name, code, minutes) =>
    `Votre code de vérification ${name} est ${code}. Il expire dans ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. Ne le partagez pas.`,
  codeIn: /code de vérification .* est (\d{6,9})\. Il expire dans /,
  phoneChanged: (name) => `Le numéro de téléphone de votre compte ${name} a été modifié. Si ce n'était pas vous, contactez votre administrateur.`,
};
