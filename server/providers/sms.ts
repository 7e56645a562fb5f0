/**
 * How codes leave the server. The core generates, stores and checks codes; a sender only
 * delivers text. Senders throw `SmsSendError` so the flows can map provider failures to the
 * contract's error codes and undo what they counted.
 * @module
 */
import { codeText } from './sms-text.js';
import type { VoiceCall } from './voice.js';

export { codeFromText, codeText, isSmsLocale, SMS_LOCALES, type CodeTextInput, type SmsLocale } from './sms-text.js';
export { codeFromTwiml, voiceTwiml, type VoiceCall } from './voice.js';
export { smsEncoding, smsSegments, type SmsEncoding, type SmsSegments } from './gsm7.js';

export interface SmsMessage {
  /** E.164 destination. */
  to: string;
  body: string;
  /**
   * How long the code in it stays valid. A sender that can tells its provider to drop the message
   * when it could not go out within that time (Twilio's `ValidityPeriod`): a late code is useless.
   */
  ttlSeconds?: number;
  /**
   * The portal's own sender, instead of the one the sender was configured with: a number in
   * E.164 or a Messaging Service (`MG…`). Give one of the two; when both are given the Messaging
   * Service wins, as it does in the senders' options.
   */
  from?: string;
  messagingServiceSid?: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<{ id?: string }>;
  /**
   * Places a call that reads a code out ("Call me instead"). Optional: a sender without it
   * cannot offer calls, and a `channel: "voice"` resend through it fails as `refused`.
   */
  call?(call: VoiceCall): Promise<{ id?: string }>;
}

export type SmsFailure =
  /** The number cannot receive SMS (invalid, landline). */
  | 'invalid_phone'
  /** The provider throttled us. */
  | 'rate_limited'
  /** The provider refused this destination (blocked, unsubscribed, geo permissions). */
  | 'refused'
  /** 5xx, no connection: nothing went out, worth retrying later. */
  | 'unavailable'
  /**
   * The request left but no answer came back (a timeout, a reset connection): the message may
   * be on its way. It counts as sent, so retries cannot be used to send more than the limits allow.
   */
  | 'unknown';

export class SmsSendError extends Error {
  constructor(
    readonly failure: SmsFailure,
    message: string,
    readonly providerCode?: string | number,
    /** How long the provider asks us to wait before sending to this number again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/** The English code text; `codeText` gives it in the portal's locale. */
export function codeMessage(appName: string, domain: string | undefined, code: string, ttlMinutes = 5): string {
  return codeText({ portalName: appName, locale: 'en', code, minutes: ttlMinutes, domain });
}

/**
 * Checks a configured WebOTP domain: a bare host name, as the origin-bound one-time code format
 * wants it (no scheme, port or path; browsers ignore the line for an IP address).
 */
export function webOtpDomain(value: string): string {
  const domain = value.trim().toLowerCase();
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  const labels = domain.split('.');
  if (domain.length > 253 || !labels.every((l) => label.test(l)) || /^\d+$/.test(labels.at(-1)!)) {
    throw new Error(`cb-2fa: smsDomain must be a host name such as 'portal.example.com' (no scheme, port or path), not ${JSON.stringify(value)}`);
  }
  return domain;
}
