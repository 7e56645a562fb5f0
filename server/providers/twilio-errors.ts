/**
 * Twilio's error codes mapped to ours, shared by the SDK sender (`twilio.ts`) and the fetch
 * sender (`twilio-rest.ts`) so both fail the same way. Runtime-agnostic: no SDK, no `node:`.
 * Codes: twilio.com/docs/api/errors.
 * @module
 */
import { SmsSendError, type SmsFailure } from './sms.js';
import type { CheckOutcome } from './verifier.js';

/** The destination can never receive an SMS code: ask the user for another number. */
const INVALID_PHONE = new Set([
  21211, // Invalid 'To' phone number
  21614, // 'To' number is not a valid mobile number
  60205, // Verify: SMS is not supported by landline phone number
]);

/** Twilio will not deliver to this destination from this account: not the user's typing error. */
const REFUSED = new Set([
  21408, // Permission to send an SMS has not been enabled for the region (geo permissions)
  21610, // The recipient replied STOP (unsubscribed)
  21612, // The 'To' number is not currently reachable via SMS
  60410, // Verify: the destination prefix is blocked (fraud guard)
  60605, // Verify: geo permissions do not allow this destination
]);

/** Twilio throttled us; waiting helps. */
const RATE_LIMITED = new Set([
  20429, // Too Many Requests
  60203, // Verify: max send attempts reached for this number
]);

/**
 * Our failure class for a Twilio HTTP status and error code. Anything not listed, including
 * configuration faults (20003 bad credentials, 21606 a From number we may not use), is
 * `unavailable`: the user can only retry, and the operator finds `providerCode` in the audit log.
 */
export function twilioFailure(status: number | undefined, code: number | undefined): SmsFailure {
  if (code !== undefined) {
    if (INVALID_PHONE.has(code)) return 'invalid_phone';
    if (REFUSED.has(code)) return 'refused';
    if (RATE_LIMITED.has(code)) return 'rate_limited';
  }
  if (status === 429) return 'rate_limited';
  return 'unavailable';
}

/** Turns whatever a Twilio call threw (REST error, timeout, refused connection) into an `SmsSendError`. */
export function toSmsSendError(err: unknown): SmsSendError {
  if (err instanceof SmsSendError) return err;
  const e = (err ?? {}) as { status?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : undefined;
  // REST errors carry a numeric Twilio code; network errors carry a string one (ECONNREFUSED).
  const code = typeof e.code === 'number' ? e.code : undefined;
  const failure = twilioFailure(status, code);
  const what = status !== undefined ? `Twilio answered ${status}${code !== undefined ? ` (error ${code})` : ''}` : `Twilio unreachable${typeof e.code === 'string' ? ` (${e.code})` : ''}`;
  return new SmsSendError(failure, what, code ?? (typeof e.code === 'string' ? e.code : undefined));
}

/** A non-2xx answer of Twilio's REST API, as the fetch sender sees it (the SDK throws its own `RestException`). */
export class TwilioHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
  ) {
    super(`Twilio answered ${status}${code !== undefined ? ` (error ${code})` : ''}`);
    this.name = 'TwilioHttpError';
  }
}

/** Reads Twilio's JSON error body (`{ code, message, more_info, status }`, or RFC 9457 with `code` too). */
export async function errorFromResponse(res: Response): Promise<TwilioHttpError> {
  let code: number | undefined;
  try {
    const body = (await res.json()) as { code?: unknown };
    if (typeof body?.code === 'number') code = body.code;
  } catch {
    // A proxy's HTML 502 page: the status alone decides.
  }
  return new TwilioHttpError(res.status, code);
}

/**
 * A Verify check on a verification that no longer exists is Twilio's 404 (error 20404): expired,
 * already approved, or closed after too many checks (60202). Anything else is a fault to retry.
 */
export function verifyCheckError(err: unknown): CheckOutcome {
  const e = (err ?? {}) as { status?: unknown; code?: unknown };
  if (e.status === 404 || e.code === 20404 || e.code === 60202) return 'expired';
  throw toSmsSendError(err);
}
