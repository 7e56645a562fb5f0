/**
 * Twilio's `ValidityPeriod` for a code message: how long Twilio may keep it queued before it
 * drops it instead of sending. A code that arrives after it expired only confuses, so the period
 * is the code's lifetime. Shared by the SDK and the fetch sender so both send the same value.
 * @module
 */
import { defaultPolicy } from '../policy.js';
import type { SmsMessage } from './sms.js';

/** Twilio accepts 1 to 36000 seconds. */
const MAX_VALIDITY_SECONDS = 36_000;

/** Seconds; a message that does not say how long its code lives gets the default code lifetime. */
export function validityPeriod(message: SmsMessage): number {
  const ttl = message.ttlSeconds ?? defaultPolicy.codeTtlSeconds;
  return Math.min(MAX_VALIDITY_SECONDS, Math.max(1, Math.ceil(ttl)));
}
