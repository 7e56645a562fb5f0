/**
 * "Call me instead" (spec §10, the portal's `voiceFallback` policy): on the confirm and verify
 * steps, once the first SMS is out, the code is read out in a phone call instead. A call is a
 * send like any other (the cooldown, every send limit and the daily budget count it), and since a
 * minute of a call costs many SMS and premium ranges pay whoever owns them (voice pumping), it
 * also meets a limit of its own per phone and a stricter check of the number.
 * @module
 */
import { CbError } from '../errors.js';
import type { Window } from '../policy.js';
import { SmsSendError } from '../providers/sms.js';
import { voiceTwiml } from '../providers/voice.js';
import type { Deps } from './deps.js';
import { limitKey, type LimitKey } from './limits.js';

export type SendChannel = 'sms' | 'voice';

/** At most 3 calls to one phone a day, across every portal (one phone is one bill). */
export const CALLS_PER_PHONE: Window = { limit: 3, windowSeconds: 86_400 };

/**
 * Number types a call never goes to. Beyond what enrollment refuses, personal numbers (UK 070)
 * are billed like premium ones; a number enrolled before a range was reclassified, or before the
 * allowlist shrank, is checked again here.
 */
const NOT_CALLED = new Set(['PREMIUM_RATE', 'SHARED_COST', 'PERSONAL_NUMBER', 'UAN', 'VOICEMAIL', 'PAGER', 'TOLL_FREE']);

let phoneLib: Promise<typeof import('libphonenumber-js/max')> | undefined;

/** 403 while the portal's policy is off: checked before anything is counted or sent. */
export function requireVoiceFallback(d: Deps): void {
  if (!d.portal.policies.voiceFallback) throw new CbError('forbidden', 'Calls are not offered on this portal.');
}

/** The phone may be called: in the country allowlist, and no premium-rate or other high-cost type. */
export async function checkCallable(d: Deps, phone: string): Promise<void> {
  const { parsePhoneNumberFromString } = await (phoneLib ??= import('libphonenumber-js/max'));
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed?.isValid() || !parsed.country || !d.policy.allowedCountries.includes(parsed.country)) {
    throw new CbError('invalid_phone', 'Calls cannot be made to this country.');
  }
  const type = parsed.getType();
  if (type && NOT_CALLED.has(type)) throw new CbError('invalid_phone', 'Calls cannot be made to this number.');
}

/** The call's own limit, counted with the send limits (and taken back with them). */
export const callLimit = (d: Deps, phone: string): Promise<LimitKey> => limitKey(d, 'send.calls', phone, CALLS_PER_PHONE);

/** Places the call that reads `code` out, from the portal's own number when it has one. */
export async function placeCall(d: Deps, phone: string, code: string): Promise<{ id?: string }> {
  if (!d.sms.call) throw new SmsSendError('refused', 'cb-2fa: the configured sender cannot place calls (it has no `call`)');
  return d.sms.call({ to: phone, twiml: voiceTwiml({ portalName: d.appName, locale: d.portal.sms.locale, code }), from: d.portal.sms.from ?? undefined });
}
