import type { CodeTextLocale } from '../sms-text.js';

/**
 * German, without a pronoun of address in the last sentence: "Geben Sie ihn nicht weiter." would
 * push a 30-character portal name with its WebOTP line past one segment.
 */
export const de: CodeTextLocale = {
  code: (name, code, minutes) =>
    `Ihr Bestätigungscode für ${name} lautet ${code}. Er ist ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} gültig. Nicht weitergeben.`,
  codeIn: /Bestätigungscode für .* lautet (\d{6,9})\. Er ist /,
  phoneChanged: (name) => `Die Telefonnummer für ${name} wurde geändert. Wenn Sie das nicht waren, wenden Sie sich an Ihren Administrator.`,
};
