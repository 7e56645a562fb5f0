/**
 * Twilio's answers mapped to ours, shared by the SDK sender (`twilio.ts`) and the fetch sender
 * (`twilio-rest.ts`) so both fail, and read a check, the same way. Runtime-agnostic: no SDK, no
 * `node:`. Codes: twilio.com/docs/api/errors.
 * @module
 */
import { maskPhone } from '../phone.js';
import { SmsSendError, type SmsFailure } from './sms.js';
import type { CheckOutcome } from './verifier.js';

/** The destination can never receive an SMS code: ask the user for another number. */
const INVALID_PHONE = new Set([
  21211, // Invalid 'To' phone number
  21614, // 'To' number is not a valid mobile number
  21635, // 'To' number cannot be a landline
  60205, // Verify: SMS is not supported by landline phone number
]);

/** Twilio will not deliver to this destination from this account: not the user's typing error. */
const REFUSED = new Set([
  21408, // Permission to send an SMS has not been enabled for the region (geo permissions)
  21608, // Trial account: the 'To' number is not a verified recipient
  21610, // The recipient replied STOP (unsubscribed)
  21612, // The 'To' number is not currently reachable via SMS
  21215, // Voice: geo permissions do not allow calls to this number
  13227, // Voice: geo permissions do not allow calls to this country
  60238, // Verify: the verification was blocked by Twilio
  60410, // Verify: the destination prefix is blocked (fraud guard)
  60605, // Verify: geo permissions do not allow this destination
]);

/** Twilio throttled us; waiting helps. */
const RATE_LIMITED = new Set([
  20429, // Too Many Requests
  21611, // The 'From' number's queue is full
  60203, // Verify: max send attempts reached for this verification
  60212, // Verify: too many concurrent requests for this number
]);

/**
 * Verify's validity window (its default; a Service can be given another by Twilio Support). A
 * verification that reached its 5 sends (60203) takes no new one until it ends.
 */
export const VERIFY_WINDOW_SECONDS = 600;

/** How long Twilio says to wait after these codes, when it is more than the usual minute. */
const RETRY_AFTER: Record<number, number> = { 60203: VERIFY_WINDOW_SECONDS };

/**
 * Our failure class for a Twilio HTTP status and error code. Anything not listed, including
 * configuration faults (20003 bad credentials, 21606 a From number we may not use), is
 * `unavailable`: the user can only retry, and the operator finds `providerCode` in the audit log.
 * A 504 is a gateway that gave up waiting for Twilio, which may have sent the message: `unknown`.
 */
export function twilioFailure(status: number | undefined, code: number | undefined): SmsFailure {
  if (code !== undefined) {
    if (INVALID_PHONE.has(code)) return 'invalid_phone';
    if (REFUSED.has(code)) return 'refused';
    if (RATE_LIMITED.has(code)) return 'rate_limited';
  }
  if (status === 429) return 'rate_limited';
  if (status === 504) return 'unknown';
  return 'unavailable';
}

/** Network errors raised before the request could leave: nothing reached Twilio. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  // Bun's names
  'ConnectionRefused',
  'FailedToOpenSocket',
]);

/** The code of a network error, wherever the HTTP client put it (fetch wraps it in `cause`). */
function networkCode(err: unknown): string | undefined {
  const e = (err ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e.code === 'string') return e.code;
  return typeof e.cause?.code === 'string' ? e.cause.code : undefined;
}

/**
 * A request that failed without an HTTP answer. Only an error that proves the request never left
 * (refused connection, unknown host, bad certificate) is `unavailable`; a timeout, a reset or
 * anything unrecognised may come after Twilio took the message, so it is `unknown`.
 */
export function networkFailure(err: unknown): SmsSendError {
  const code = networkCode(err);
  const name = err instanceof Error ? err.name : 'error';
  const failure: SmsFailure = code !== undefined && NOT_SENT.has(code) ? 'unavailable' : 'unknown';
  return new SmsSendError(failure, `Twilio did not answer (${code ?? name})`, code);
}

/** Twilio's texts can name the destination ("The 'To' number +1202… is not…"): masked, as the audit log shows phones. */
const masked = (text: string) => text.replace(/\+?\d{7,15}/g, (n) => maskPhone(n)).slice(0, 300);

/** The text the SDK or the API gave with an error (`RestException.message`, the JSON body's `message`), masked. */
function detailOf(err: unknown): string | undefined {
  const text = err instanceof TwilioHttpError ? err.detail : err instanceof Error ? err.message : undefined;
  return text ? masked(text) : undefined;
}

/**
 * Turns whatever a Twilio call threw (REST error, timeout, refused connection) into an
 * `SmsSendError`. An error without an HTTP status and without a network code is one of ours or
 * the SDK's (a bad parameter) and was thrown before any request: `unavailable`.
 */
export function toSmsSendError(err: unknown): SmsSendError {
  if (err instanceof SmsSendError) return err;
  const e = (err ?? {}) as { status?: unknown; code?: unknown };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const detail = detailOf(err);
  if (status === undefined) {
    if (networkCode(err) !== undefined) return networkFailure(err);
    // Thrown by the SDK before any request: a missing credential ("username is required"), a bad parameter.
    return new SmsSendError('unavailable', `Twilio was not called (${err instanceof Error ? err.name : 'error'}${detail ? `: ${detail}` : ''})`);
  }
  // REST errors carry a numeric Twilio code, and Twilio's text for it.
  const code = typeof e.code === 'number' ? e.code : undefined;
  const what = `Twilio answered ${status}${code !== undefined ? ` (error ${code}${detail ? `: ${detail}` : ''})` : ''}`;
  return new SmsSendError(twilioFailure(status, code), what, code, code !== undefined ? RETRY_AFTER[code] : undefined);
}

/** A non-2xx answer of Twilio's REST API, as the fetch sender sees it (the SDK throws its own `RestException`). */
export class TwilioHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    /** Twilio's `message` for the code ("Authenticate", "Invalid 'To' Phone Number"). */
    readonly detail?: string,
  ) {
    super(`Twilio answered ${status}${code !== undefined ? ` (error ${code})` : ''}`);
    this.name = 'TwilioHttpError';
  }
}

/** Reads Twilio's JSON error body (`{ code, message, more_info, status }`, or RFC 9457 with `code` too). */
export async function errorFromResponse(res: Response): Promise<TwilioHttpError> {
  let code: number | undefined;
  let detail: string | undefined;
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown; detail?: unknown };
    if (typeof body?.code === 'number') code = body.code;
    const text = body?.message ?? body?.detail;
    if (typeof text === 'string') detail = text;
  } catch {
    // A proxy's HTML 502 page: the status alone decides.
  }
  return new TwilioHttpError(res.status, code, detail);
}

/**
 * A Verify check on a verification that no longer exists is Twilio's 404 (error 20404): expired,
 * already approved or canceled. After 5 checks Twilio answers 429 (error 60202) until the
 * verification expires. Both mean this code cannot be approved any more. Anything else is a fault.
 */
export function verifyCheckError(err: unknown): CheckOutcome {
  const e = (err ?? {}) as { status?: unknown; code?: unknown };
  if (e.status === 404 || e.code === 20404 || e.code === 60202) return 'expired';
  throw toSmsSendError(err);
}

/** Check statuses that mean "no open verification any more". */
const CLOSED = new Set(['canceled', 'max_attempts_reached', 'expired', 'failed', 'deleted']);

/**
 * The outcome of a check Twilio answered. Only `approved` approves. A closed verification is
 * `expired`. `pending`, no status at all (the schema allows null) or one this code does not know
 * is a wrong code: the try was counted before Twilio was asked, and nothing is refunded.
 */
export function verifyCheckOutcome(status: unknown): CheckOutcome {
  if (status === 'approved') return 'approved';
  return typeof status === 'string' && CLOSED.has(status) ? 'expired' : 'rejected';
}

/** What to do about a Twilio error that is the configuration's, not the user's (twilio.com/docs/api/errors). */
const FIXES: Record<number, string> = {
  20003: 'Twilio refused the credentials: check the API key SID and secret (with `accountSid`), or the Account SID and Auth Token, given to twilio() or twilioRest*().',
  20404: 'Twilio knows no such resource: check the account SID, and for Verify the `serviceSid` (VA…).',
  21212: 'The `from` is not a valid sender: give a number of this account in E.164, or a Messaging Service (`messagingServiceSid`).',
  21606: 'The `from` number is not one of this account\'s SMS-capable numbers: use one, or a Messaging Service (`messagingServiceSid`).',
  21659: 'The `from` number is not one of this account\'s: use one, or a Messaging Service (`messagingServiceSid`).',
  21408: 'SMS to this country is not enabled: turn it on in the Twilio console under Messaging, Geo permissions.',
  21608: 'A trial account sends only to verified numbers: verify the number in the console, or upgrade the account.',
};

/** The fix for errors raised before any request, by their text. */
const fixOfText = (message: string) =>
  /username is required|password is required|accountSid/i.test(message)
    ? 'The Twilio client has no credentials: pass them to twilio() (an API key SID and secret with `{ accountSid }`, or the Account SID and Auth Token), or set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.'
    : undefined;

/**
 * Logs a sender's failures, once for each kind (the Twilio code, or the text when there is none),
 * not once per send: an outage or a wrong credential would otherwise fill the log, and each failed
 * send is in the audit log anyway (`code.send_failed`, with `providerCode` and `providerMessage`).
 * Failures that are the configuration's, or Twilio's, are errors; those of one destination, warnings.
 */
export function failureLog(who: string, log: Pick<Console, 'error' | 'warn'> = console): (error: SmsSendError) => SmsSendError {
  const seen = new Set<string>();
  return (error) => {
    const key = `${error.failure} ${error.providerCode ?? error.message.replace(/\d+/g, '#')}`;
    // Bounded, so a stream of novel texts cannot grow it without end.
    if (seen.has(key) || seen.size >= 100) return error;
    seen.add(key);
    const fix = (typeof error.providerCode === 'number' ? FIXES[error.providerCode] : undefined) ?? fixOfText(error.message);
    const line = `cb-2fa ${who}: ${error.message} (failure: ${error.failure}).${fix ? ` ${fix}` : ''} Logged once; later sends that fail this way are in the audit log.`;
    if (error.failure === 'unavailable' || error.failure === 'unknown') log.error(line);
    else log.warn(line);
    return error;
  };
}
