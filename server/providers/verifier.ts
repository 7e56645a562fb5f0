/**
 * The seam for a provider that generates, sends and checks the codes itself (Twilio Verify).
 * With a `verifier`, our server never sees the code; it still owns the attempt limits, cooldowns,
 * send budgets, the binding of a code to one pending login and the audit log.
 * @module
 */

export interface VerificationStart {
  /** E.164 destination. */
  to: string;
  /** `call` reads the code out in a phone call ("Call me instead"; Verify's `channel=call`). */
  channel: 'sms' | 'call';
  /** BCP 47 language of the message, when the provider localizes it. */
  locale?: string;
}

export interface VerificationCheck {
  /** E.164 number the code was sent to. */
  to: string;
  /** Six ASCII digits: malformed input never reaches the provider. */
  code: string;
}

/**
 * - `approved`: the code is right (the provider has consumed it);
 * - `rejected`: wrong code, the verification stays open;
 * - `expired`: no open verification for this number (expired, already approved, too many checks).
 */
export type CheckOutcome = 'approved' | 'rejected' | 'expired';

export interface CodeVerifier {
  /**
   * Starts (or, within the provider's window, repeats) a verification. Throws `SmsSendError`
   * like a sender, so the flows map failures and refund what they counted.
   */
  start(input: VerificationStart): Promise<{ id?: string }>;
  /** Throws `SmsSendError('unavailable')` when the provider cannot answer. */
  check(input: VerificationCheck): Promise<CheckOutcome>;
  /**
   * Whether a repeated `start` to the same number re-sends the same code (Twilio Verify does,
   * within its validity window). Then a resend keeps our attempt count on that code.
   */
  readonly resendsSameCode: boolean;
}
