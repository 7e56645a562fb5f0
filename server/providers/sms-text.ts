/**
 * The text of a code SMS in the portal's language. Each text names the portal, says how long
 * the code lives, and ends with the origin-bound line that WebOTP and iOS/Android autofill read
 * (`@portal.example.com #123456`), the same in every language. Every wording fits one GSM-7
 * segment for a portal name and a WebOTP domain of up to 30 characters each (docs/twilio.md,
 * "Which texts cost two").
 * @module
 */
import { de } from './sms-locales/de.js';
import { en } from './sms-locales/en.js';
import { es } from './sms-locales/es.js';
import { fr } from './sms-locales/fr.js';

export type SmsLocale = 'en' | 'es' | 'fr' | 'de';

export const SMS_LOCALES: readonly SmsLocale[] = ['en', 'es', 'fr', 'de'];

export function isSmsLocale(value: unknown): value is SmsLocale {
  return typeof value === 'string' && (SMS_LOCALES as readonly string[]).includes(value);
}

/** One language's wording. */
export interface CodeTextLocale {
  code(name: string, code: string, minutes: number): string;
  /** Finds the code in that wording when the text has no WebOTP line. */
  codeIn: RegExp;
  /** The notice to the old number after a phone change (no code, no WebOTP line). */
  phoneChanged(name: string): string;
}

const locales: Record<SmsLocale, CodeTextLocale> = { en, es, fr, de };

export interface CodeTextInput {
  /** The name the text gives the portal ("Northwind IT Portal"). */
  portalName: string;
  locale: SmsLocale;
  code: string;
  /** How long the code stays valid, in whole minutes. */
  minutes: number;
  /**
   * The WebOTP domain, a bare host name. Without one the line is left out: a wrong one would
   * offer the code on whatever site the line names.
   */
  domain?: string | null;
}

/** The code SMS. An unknown locale (a stored value from an older release) gets English. */
export function codeText({ portalName, locale, code, minutes, domain }: CodeTextInput): string {
  // A line break in the name would start a line of its own, and the origin-bound line must be
  // the only one that names a domain and a code.
  const name = portalName.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/ {2,}/g, ' ').trim();
  const text = (locales[locale] ?? en).code(name, code, minutes);
  return domain ? `${text}\n\n@${domain} #${code}` : text;
}

/** The notice an old number gets when the user changed the phone. An unknown locale gets English. */
export function phoneChangedText({ portalName, locale }: Pick<CodeTextInput, 'portalName' | 'locale'>): string {
  const name = portalName.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/ {2,}/g, ' ').trim();
  return (locales[locale] ?? en).phoneChanged(name);
}

/** The code in a code SMS of any locale: from its WebOTP line, or from the wording without one. */
export function codeFromText(text: string): string | undefined {
  const line = /\n@[^\s#]+ #(\d{6,9})\s*$/.exec(text);
  if (line) return line[1];
  for (const locale of SMS_LOCALES) {
    const found = locales[locale].codeIn.exec(text);
    if (found) return found[1];
  }
  return undefined;
}
