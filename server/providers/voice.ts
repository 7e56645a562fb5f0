/**
 * "Call me instead" (spec §10): the code read out in a phone call, as TwiML. The call reads it
 * slowly, digit by digit with a pause after each, and twice, so it can be written down; it names
 * the portal as the SMS does, in the portal's language. Everything that goes into the TwiML is
 * XML-escaped: the portal name is the operator's text, never markup.
 * @module
 */
import type { SmsLocale } from './sms-text.js';

/** A call that reads a code out. */
export interface VoiceCall {
  /** E.164 destination. */
  to: string;
  /** The TwiML document the call plays (`<Response><Say>…`). */
  twiml: string;
  /**
   * The portal's own number (E.164). A Messaging Service cannot place calls, so there is no
   * `messagingServiceSid` here: a sender falls back to its own voice number.
   */
  from?: string;
}

interface VoiceLocale {
  /** Twilio's `<Say language>`. */
  language: string;
  /** A Twilio voice for that language (Amazon Polly through Twilio). */
  voice: string;
  intro: (name: string) => string;
  again: string;
}

const VOICE: Record<SmsLocale, VoiceLocale> = {
  en: { language: 'en-US', voice: 'Polly.Joanna', intro: (n) => `Your ${n} code is`, again: 'Again, your code is' },
  es: { language: 'es-ES', voice: 'Polly.Lucia', intro: (n) => `Tu código de ${n} es`, again: 'Repito, tu código es' },
  fr: { language: 'fr-FR', voice: 'Polly.Lea', intro: (n) => `Votre code ${n} est`, again: 'Je répète, votre code est' },
  de: { language: 'de-DE', voice: 'Polly.Vicki', intro: (n) => `Ihr ${n} Code lautet`, again: 'Noch einmal, Ihr Code lautet' },
};

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The digits one by one, a comma and a pause between them, so a listener can write each down. */
const spelled = (code: string) => [...code].join(', ');

/**
 * The TwiML of a code call: the code twice, digit by digit (`1, 2, 3, …`), with pauses. An
 * unknown locale (a stored value from an older release) gets English.
 */
export function voiceTwiml({ portalName, locale, code }: { portalName: string; locale: SmsLocale; code: string }): string {
  const l = VOICE[locale] ?? VOICE.en;
  const name = portalName.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/ {2,}/g, ' ').trim();
  const say = (text: string) => `<Say language="${l.language}" voice="${l.voice}">${escapeXml(text)}</Say>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Response>' +
    `${say(`${l.intro(name)} ${spelled(code)}.`)}<Pause length="1"/>` +
    `${say(`${l.again} ${spelled(code)}.`)}` +
    '</Response>'
  );
}

/** The code a code call reads out (for the dev outbox, the demo and tests). */
export function codeFromTwiml(twiml: string): string | undefined {
  const said = /<Say[^>]*>[^<]*?((?:\d, ){5,8}\d)\.<\/Say>/.exec(twiml);
  return said ? said[1]!.replace(/, /g, '') : undefined;
}
