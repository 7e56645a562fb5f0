/**
 * Security defaults, in one place, each with its reason. Hosts override any of them through
 * `createTwoFactor({ policy })`; `resolvePolicy` refuses values outside the standards' bounds.
 * @module
 */

export interface Window {
  /** How many events are allowed in the window. */
  limit: number;
  /** Length of the window in seconds. */
  windowSeconds: number;
}

/** A proxy in front of every instance, whose headers are believed; clients must not reach the instances around it. */
export interface TrustedProxy {
  /** Header set by the proxy: `x-forwarded-for` (a list) or a single-value one such as `cf-connecting-ip`. */
  header: string;
  /**
   * How many proxies append to `x-forwarded-for`; the client is that many entries from the right.
   * Lists of forwarded schemes and hosts are read the same way. @default 1
   */
  hops?: number;
  /**
   * Where the proxy states the scheme and host the browser used. They decide the cookie's
   * `Secure` flag and `__Host-` prefix and the same-origin check, so a TLS-terminating proxy must
   * set them (overwriting what a client sent):
   * - `'x-forwarded'`: `X-Forwarded-Proto` and `X-Forwarded-Host` (nginx as in docs/deploy.md, AWS ALB, Vite's `xfwd`);
   * - `'forwarded'`: RFC 7239 `Forwarded` (its `proto=` and `host=`);
   * - `false`: neither; the request URL decides, as without a proxy.
   * A header that is absent or malformed leaves that part to the request URL.
   * @default 'x-forwarded'
   */
  forwarded?: 'x-forwarded' | 'forwarded' | false;
}

export interface Policy {
  /** Lifetime of an SMS code. NIST SP 800-63B §3.1.3.2 caps it at 10 minutes. @default 300 */
  codeTtlSeconds: number;
  /** Wrong tries that burn one code (Twilio Verify, Better Auth and Kratos all use 5). @default 5 */
  codeMaxAttempts: number;
  /** Wrong codes within `codeLockWindowSeconds` that lock the account's code step. @default 10 */
  codeLockAfter: number;
  /** @default 900 */
  codeLockWindowSeconds: number;
  /** How long the code step stays locked. @default 900 */
  codeLockSeconds: number;
  /** Consecutive wrong codes that lock the code step until an admin reset (NIST §3.2.2 ceiling). @default 100 */
  codeHardLockAfter: number;
  /** Time between two sends for one login: the "Resend (30s)" countdown. @default 30 */
  resendCooldownSeconds: number;
  /** SMS to one phone number, against SMS pumping. @default { limit: 5, windowSeconds: 600 } */
  sendsPerPhone: Window;
  /** SMS for one account. @default { limit: 10, windowSeconds: 86400 } */
  sendsPerAccount: Window;
  /** SMS triggered from one IP (IPv6 grouped by /64). @default { limit: 30, windowSeconds: 3600 } */
  sendsPerIp: Window;
  /** ISO countries a code may be sent to; SMS pumping targets premium destinations elsewhere. @default ['US', 'CA'] */
  allowedCountries: string[];
  /** Password failures for one normalised email. @default { limit: 5, windowSeconds: 900 } */
  passwordFailuresPerAccount: Window;
  /** Password failures from one IP (IPv6 grouped by /64). @default { limit: 50, windowSeconds: 900 } */
  passwordFailuresPerIp: Window;
  /** A login that has passed the password but not the code step. NIST §3.1.3.2. @default 600 */
  pendingSessionSeconds: number;
  /** Absolute lifetime of a complete session (NIST §2.2.3 allows up to 24 h at AAL2). @default 43200 */
  sessionSeconds: number;
  /** Inactivity timeout of a complete session (NIST §2.2.3 allows up to 1 h). @default 1800 */
  idleSeconds: number;
  /** Largest accepted request body. @default 16384 */
  maxBodyBytes: number;
  /**
   * The proxy in front of every instance, if any: its headers then give the client IP and the
   * public scheme and host. Never believed without it. @default false
   */
  trustProxy: false | TrustedProxy;
}

export const defaultPolicy: Policy = {
  codeTtlSeconds: 300,
  codeMaxAttempts: 5,
  codeLockAfter: 10,
  codeLockWindowSeconds: 900,
  codeLockSeconds: 900,
  codeHardLockAfter: 100,
  resendCooldownSeconds: 30,
  sendsPerPhone: { limit: 5, windowSeconds: 600 },
  sendsPerAccount: { limit: 10, windowSeconds: 86_400 },
  sendsPerIp: { limit: 30, windowSeconds: 3_600 },
  allowedCountries: ['US', 'CA'],
  passwordFailuresPerAccount: { limit: 5, windowSeconds: 900 },
  passwordFailuresPerIp: { limit: 50, windowSeconds: 900 },
  pendingSessionSeconds: 600,
  sessionSeconds: 43_200,
  idleSeconds: 1_800,
  maxBodyBytes: 16_384,
  trustProxy: false,
};

/** Merges overrides over the defaults and refuses what a standard forbids. */
export function resolvePolicy(overrides: Partial<Policy> = {}): Policy {
  const policy = { ...defaultPolicy, ...overrides };
  const fail = (why: string): never => {
    throw new Error(`cb-2fa policy: ${why}`);
  };
  if (policy.codeTtlSeconds <= 0 || policy.codeTtlSeconds > 600) fail('codeTtlSeconds must be within 1..600 (NIST SP 800-63B §3.1.3.2)');
  if (policy.pendingSessionSeconds <= 0 || policy.pendingSessionSeconds > 600) fail('pendingSessionSeconds must be within 1..600');
  if (policy.codeHardLockAfter > 100) fail('codeHardLockAfter must be at most 100 (NIST SP 800-63B §3.2.2)');
  if (policy.codeMaxAttempts < 1 || policy.codeLockAfter < 1) fail('attempt limits must be positive');
  // The lock empties the window it closes, so it must outlast that window: else failures on both
  // sides of a short lock would fit in one window.
  if (policy.codeLockSeconds < policy.codeLockWindowSeconds) fail('codeLockSeconds must be at least codeLockWindowSeconds');
  if (policy.sessionSeconds > 86_400) fail('sessionSeconds must be at most 86400 (NIST SP 800-63B §2.2.3)');
  if (policy.idleSeconds > 3_600) fail('idleSeconds must be at most 3600 (NIST SP 800-63B §2.2.3)');
  if (policy.trustProxy && ![undefined, 'x-forwarded', 'forwarded', false].includes(policy.trustProxy.forwarded)) {
    fail("trustProxy.forwarded must be 'x-forwarded', 'forwarded' or false");
  }
  return policy;
}
