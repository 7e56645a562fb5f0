/**
 * Which Twilio sender a message goes from. A message that names its own (a portal's number or
 * Messaging Service) replaces the configured one entirely, so a portal with a number is never
 * sent through the platform's Messaging Service or the other way round. Shared by the SDK and
 * the fetch sender so both choose alike.
 * @module
 */
import type { SmsMessage } from './sms.js';

export interface TwilioSenderChoice {
  from?: string;
  messagingServiceSid?: string;
}

/** Exactly one of the two; the Messaging Service wins when a message or the options give both. */
export function twilioSender(message: SmsMessage, configured: TwilioSenderChoice): { from: string } | { messagingServiceSid: string } {
  const own = message.messagingServiceSid || message.from ? message : configured;
  return own.messagingServiceSid ? { messagingServiceSid: own.messagingServiceSid } : { from: own.from! };
}
