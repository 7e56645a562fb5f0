/**
 * The wire error codes, defined once. The server sends them as `{ error: { code, message } }`;
 * the elements map each code to a localized string and never show the server's English message.
 * @module
 */
import type { DeliveryStatus } from './dto.js';

export const CB_ERROR_CODES = [
  /** 401: email unknown, password wrong; deliberately indistinguishable. */
  'invalid_credentials',
  /** 400: the code was wrong or malformed; the body carries `attemptsLeft`. */
  'invalid_code',
  /** 400: the code is past its lifetime, was already used, or was burned by too many tries. */
  'code_expired',
  /** 429: too many tries or sends; the response carries `Retry-After` and `retryAfter`. */
  'rate_limited',
  /** 400: the phone number cannot be parsed, is not a mobile number, or is outside the allowed countries. */
  'invalid_phone',
  /** 502: the SMS provider refused or failed; nothing was recorded as sent. */
  'sms_failed',
  /** 401: no session, or a pending one where a complete one is needed. */
  'unauthorized',
  /** 403: the session may not do this (a skip without opt-out, a settings change without Master Admin, ...). */
  'forbidden',
  /** 404: no such route or record. */
  'not_found',
  /** 409: the step requested does not follow from where the login is. */
  'wrong_step',
  /** 403: the route needs a second factor fresher than this session's; `POST /step-up` gives one. */
  'step_up_required',
  /** 403: a step-up is needed, but the user has no enrolled phone to receive its code. */
  'step_up_unavailable',
  /** 400 / 413 / 415: malformed JSON, wrong types, missing or oversized fields, not JSON. */
  'bad_request',
  /** 500: a fault of ours; never caused by input. */
  'internal',
] as const;

export type CbErrorCode = (typeof CB_ERROR_CODES)[number];

/** The JSON body of every error response. */
export interface CbErrorBody {
  error: {
    code: CbErrorCode;
    message: string;
    /** With `invalid_code`: wrong tries left on this code before it is burned. */
    attemptsLeft?: number;
    /** With `rate_limited`: seconds until a retry can succeed (also sent as `Retry-After`). */
    retryAfter?: number;
    /** With `bad_request`: which fields were wrong. */
    fields?: string[];
    /**
     * With `invalid_code` / `code_expired`: the provider reported this login's SMS as `failed`
     * or `undelivered`, so the user never got a code (only when delivery status is tracked).
     */
    delivery?: DeliveryStatus;
    /** With `step_up_required`: how old the second factor may be, in seconds, for this route. */
    maxAgeSeconds?: number;
  };
}

export const isCbErrorCode = (value: unknown): value is CbErrorCode =>
  typeof value === 'string' && (CB_ERROR_CODES as readonly string[]).includes(value);
