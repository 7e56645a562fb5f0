import type { CodeTextLocale } from '../sms-text.js';

/** English: the wording the portal has always sent. */
export const en: CodeTextLocale = {
  code: (name, code, minutes) =>
    `Your ${name} verification code is ${code}. It expires in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. Do not share it.`,
  codeIn: /verification code is (\d{6,9})\. It expires in /,
  phoneChanged: (name) => `Your phone number for ${name} was changed. If this was not you, contact your administrator.`,
};
