/**
 * What the SDK sender and the fetch sender share for calls ("Call me instead"): which number a
 * call comes from, and how long it rings.
 * @module
 */
import { SmsSendError } from './sms.js';
import type { VoiceCall } from './voice.js';

/** Who a call comes from: the portal's number, else the voice number, else the SMS number. */
export function voiceCaller(who: string, options: { from?: string; voiceFrom?: string }): (call: VoiceCall) => string {
  if (options.voiceFrom !== undefined && !/^\+[1-9]\d{6,14}$/.test(options.voiceFrom)) {
    throw new Error(`cb-2fa ${who}: \`voiceFrom\` must be a voice-capable Twilio number in E.164 (+15005550006), not ${JSON.stringify(options.voiceFrom)}; a Messaging Service (MG…) cannot place calls.`);
  }
  return (call) => {
    const from = call.from ?? options.voiceFrom ?? options.from;
    if (!from) throw new SmsSendError('refused', `cb-2fa ${who}: a Messaging Service cannot place calls; set \`voiceFrom\` to a voice-capable Twilio number to offer "Call me instead"`);
    return from;
  };
}

/** A call may ring this long (seconds) before Twilio gives up: long enough to find the phone. */
export const CALL_RING_SECONDS = 30;

