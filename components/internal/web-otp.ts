import type { ReactiveController, ReactiveControllerHost } from 'lit';

interface OtpCredentialLike { code?: string }

/** Feature detection, never user-agent sniffing: Chromium has WebOTP, others may follow. */
export const webOtpSupported = (): boolean =>
  typeof window !== 'undefined' && 'OTPCredential' in window && typeof navigator.credentials?.get === 'function';

/**
 * Asks the browser for the incoming SMS code (WebOTP). The request is aborted when the host leaves
 * the page, when the user submits by hand, and before a new request starts (after a resend).
 * The SMS must end with `@<portal host> #<code>` for the browser to offer it.
 */
export class WebOtpController implements ReactiveController {
  private abort: AbortController | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onCode: (code: string) => void,
  ) {
    host.addController(this);
  }

  get active(): boolean {
    return this.abort !== undefined;
  }

  start(): void {
    this.stop();
    if (!webOtpSupported()) return;
    const abort = new AbortController();
    this.abort = abort;
    const options = { otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions;
    navigator.credentials.get(options).then(
      (cred) => {
        if (this.abort !== abort) return;
        this.abort = undefined;
        const code = (cred as OtpCredentialLike | null)?.code;
        if (code) this.onCode(code);
      },
      () => {
        // Aborted, dismissed or unsupported: the user types the code instead.
        if (this.abort === abort) this.abort = undefined;
      },
    );
  }

  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }
}
