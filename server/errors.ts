import type { CbErrorBody, CbErrorCode } from '../protocol/errors.js';

const defaultStatus: Record<CbErrorCode, number> = {
  invalid_credentials: 401,
  invalid_code: 400,
  code_expired: 400,
  rate_limited: 429,
  invalid_phone: 400,
  sms_failed: 502,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  wrong_step: 409,
  step_up_required: 403,
  step_up_unavailable: 403,
  bad_request: 400,
  internal: 500,
};

type Extra = Omit<CbErrorBody['error'], 'code' | 'message'>;

/** The one error type services throw; the router turns it into `{ error: { code, message } }`. */
export class CbError extends Error {
  readonly status: number;
  constructor(
    readonly code: CbErrorCode,
    message: string,
    readonly extra: Extra = {},
    status?: number,
  ) {
    super(message);
    this.name = 'CbError';
    this.status = status ?? defaultStatus[code];
  }

  toBody(): CbErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const rateLimited = (retryAfterSeconds: number, message = 'Too many attempts. Try again later.') =>
  new CbError('rate_limited', message, { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
