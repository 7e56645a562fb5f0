/**
 * How codes leave the server. The core generates, stores and checks codes; a sender only
 * delivers text. Senders throw `SmsSendError` so the flows can map provider failures to the
 * contract's error codes and undo what they counted.
 * @module
 */

export interface SmsMessage {
  /** E.164 destination. */
  to: string;
  body: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<{ id?: string }>;
}

export type SmsFailure =
  /** The number cannot receive SMS (invalid, landline). */
  | 'invalid_phone'
  /** The provider throttled us. */
  | 'rate_limited'
  /** The provider refused this destination (blocked, unsubscribed, geo permissions). */
  | 'refused'
  /** Timeout, 5xx, network: worth retrying later. */
  | 'unavailable';

export class SmsSendError extends Error {
  constructor(
    readonly failure: SmsFailure,
    message: string,
    readonly providerCode?: string | number,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/**
 * The message text: it names the portal and ends with the origin-bound line that WebOTP and
 * iOS/Android autofill read (`@portal.example.com #123456`).
 */
export function codeMessage(appName: string, domain: string, code: string, ttlMinutes = 5): string {
  return `Your ${appName} verification code is ${code}. It expires in ${ttlMinutes} minutes. Do not share it.\n\n@${domain} #${code}`;
}
