import type { SmsFailure } from '../../../server/index.js';
import type { Fault } from './fake-twilio.js';

/** Every Twilio refusal we map, and what it must become: nothing went out, so nothing stays counted. */
export const cases: Array<{ name: string; fault: Fault; failure: SmsFailure; http: number; code: string }> = [
  { name: '21211 invalid number', fault: { kind: 'error', status: 400, code: 21211 }, failure: 'invalid_phone', http: 400, code: 'invalid_phone' },
  { name: '21614 not a mobile number', fault: { kind: 'error', status: 400, code: 21614 }, failure: 'invalid_phone', http: 400, code: 'invalid_phone' },
  { name: '21635 landline', fault: { kind: 'error', status: 400, code: 21635 }, failure: 'invalid_phone', http: 400, code: 'invalid_phone' },
  { name: '21408 region not enabled', fault: { kind: 'error', status: 400, code: 21408 }, failure: 'refused', http: 422, code: 'sms_failed' },
  { name: '21608 unverified number (trial account)', fault: { kind: 'error', status: 400, code: 21608 }, failure: 'refused', http: 422, code: 'sms_failed' },
  { name: '21610 unsubscribed (STOP)', fault: { kind: 'error', status: 400, code: 21610 }, failure: 'refused', http: 422, code: 'sms_failed' },
  { name: '60410 prefix blocked', fault: { kind: 'error', status: 403, code: 60410 }, failure: 'refused', http: 422, code: 'sms_failed' },
  { name: '60605 geo permission', fault: { kind: 'error', status: 400, code: 60605 }, failure: 'refused', http: 422, code: 'sms_failed' },
  { name: '20429 too many requests', fault: { kind: 'error', status: 429, code: 20429 }, failure: 'rate_limited', http: 429, code: 'rate_limited' },
  { name: '21611 sender queue full', fault: { kind: 'error', status: 400, code: 21611 }, failure: 'rate_limited', http: 429, code: 'rate_limited' },
  { name: '60203 max send attempts', fault: { kind: 'error', status: 429, code: 60203 }, failure: 'rate_limited', http: 429, code: 'rate_limited' },
  { name: '500 from Twilio', fault: { kind: 'error', status: 500, code: 20500 }, failure: 'unavailable', http: 503, code: 'sms_failed' },
  { name: '502 HTML from a proxy', fault: { kind: 'html', status: 502 }, failure: 'unavailable', http: 503, code: 'sms_failed' },
  { name: '401 bad credentials', fault: { kind: 'error', status: 401, code: 20003 }, failure: 'unavailable', http: 503, code: 'sms_failed' },
];

/** Answers lost after the request left: the SMS may have gone out (`sent` says whether the fake sent it). */
export const unknownCases: Array<{ name: string; fault: Fault; sent: boolean }> = [
  { name: 'a timeout', fault: { kind: 'stall', ms: 1_500 }, sent: false },
  { name: 'a connection reset after Twilio took the message', fault: { kind: 'reset' }, sent: true },
  { name: 'a 504 from a gateway', fault: { kind: 'error', status: 504, code: 20504 }, sent: false },
];
