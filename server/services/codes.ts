/**
 * Sending and checking SMS codes for a pending login (NIST SP 800-63B §3.1.3, OWASP MFA cheat sheet).
 * @module
 */
import { CbError, rateLimited } from '../errors.js';
import { utf8 } from '../crypto/encoding.js';
import { timingSafeEqual } from '../crypto/hash.js';
import { generateCode } from '../crypto/random.js';
import { maskPhone } from '../phone.js';
import { codeMessage, SmsSendError } from '../providers/sms.js';
import type { CodePurpose, Session } from '../store/store.js';
import type { Deps, RequestFacts } from './deps.js';
import { consume, limitKey } from './limits.js';

const CODE_PATTERN = /^\d{6}$/;

/** The MAC input binds the code to the login and purpose it was sent for. */
const macInput = (sessionIdHash: string, purpose: CodePurpose, code: string) => `code:${sessionIdHash}:${purpose}:${code}`;

export interface CodeSent {
  maskedPhone: string;
  resendAt: string;
}

/**
 * Sends a new code for this pending login, voiding the previous one. Every limit is counted
 * before the SMS goes out and taken back if it fails, so a failed send counts as nothing.
 */
export async function sendCode(
  d: Deps,
  req: RequestFacts,
  session: Session,
  purpose: CodePurpose,
  phone: string,
): Promise<CodeSent> {
  const { policy } = d;
  const refund = await consume(d, [
    await limitKey(d, 'send.cooldown', session.idHash, { limit: 1, windowSeconds: policy.resendCooldownSeconds }),
    await limitKey(d, 'send.phone', phone, policy.sendsPerPhone),
    await limitKey(d, 'send.account', session.userId, policy.sendsPerAccount),
    await limitKey(d, 'send.ip', req.ipGroup, policy.sendsPerIp),
  ]);
  const code = generateCode(d.random);
  const now = d.clock();
  const audit = { at: now, actorId: session.userId, subjectId: session.userId, ip: req.ip };
  try {
    await d.sms.send({ to: phone, body: codeMessage(d.appName, req.domain, code, Math.ceil(policy.codeTtlSeconds / 60)) });
  } catch (err) {
    await refund();
    const failure = err instanceof SmsSendError ? err.failure : 'unavailable';
    await d.store.audit({ ...audit, type: 'code.send_failed', detail: { purpose, phone: maskPhone(phone), failure } });
    if (failure === 'invalid_phone') throw new CbError('invalid_phone', 'This number cannot receive text messages.');
    if (failure === 'rate_limited') throw rateLimited(60, 'The SMS provider is busy. Try again in a minute.');
    if (failure === 'refused') throw new CbError('sms_failed', 'Text messages to this number are blocked.', {}, 422);
    throw new CbError('sms_failed', 'The text message could not be sent. Try again shortly.', { retryAfter: 30 }, 503);
  }
  await d.store.putCode({
    sessionIdHash: session.idHash,
    userId: session.userId,
    purpose,
    phone,
    codeHash: await d.hmac.sign(macInput(session.idHash, purpose, code)),
    sentAt: now,
    expiresAt: now + policy.codeTtlSeconds * 1000,
  });
  await d.store.audit({ ...audit, type: 'code.sent', detail: { purpose, phone: maskPhone(phone) } });
  return { maskedPhone: maskPhone(phone), resendAt: new Date(now + policy.resendCooldownSeconds * 1000).toISOString() };
}

/**
 * Checks a submitted code. Returns the phone it was sent to when right; throws `invalid_code`,
 * `code_expired` or `rate_limited` otherwise. Anything but six ASCII digits counts as a wrong try.
 */
export async function checkCode(d: Deps, req: RequestFacts, session: Session, purpose: CodePurpose, submitted: unknown): Promise<string> {
  const { policy, store } = d;
  const now = d.clock();
  const lock = await store.getCodeLock(session.userId);
  if (lock?.hardLocked) throw rateLimited(policy.codeLockSeconds, 'Too many wrong codes. Ask an administrator to reset two-factor authentication.');
  if (lock?.lockedUntil && lock.lockedUntil > now) throw rateLimited((lock.lockedUntil - now) / 1000, 'Too many wrong codes. Try again later.');

  const wellFormed = typeof submitted === 'string' && CODE_PATTERN.test(submitted);
  const codeHash = wellFormed ? await d.hmac.sign(macInput(session.idHash, purpose, submitted)) : null;
  const result = await store.attemptCode({ sessionIdHash: session.idHash, purpose, codeHash, now, maxAttempts: policy.codeMaxAttempts });
  const audit = { at: now, actorId: session.userId, subjectId: session.userId, ip: req.ip };

  if (result.kind === 'accepted') {
    if (lock && lock.consecutiveFailures > 0) await store.clearConsecutiveFailures(session.userId);
    await store.audit({ ...audit, type: 'code.verified', detail: { purpose } });
    return result.phone;
  }

  let attemptsLeft = 0;
  if (result.kind === 'unusable') {
    // A guess at a code burned by wrong tries is still a guess; an expired or used code is not.
    const code = await store.getCode(session.idHash);
    const burned = code !== null && code.purpose === purpose && code.consumedAt === null && code.expiresAt > now && code.attempts >= policy.codeMaxAttempts;
    const right = burned && codeHash !== null && timingSafeEqual(utf8(code.codeHash), utf8(codeHash));
    if (!burned || right) throw new CbError('code_expired', burned ? 'Too many wrong tries on this code. Request a new one.' : 'This code has expired. Request a new one.');
  } else {
    attemptsLeft = result.attemptsLeft;
  }

  const after = await store.recordCodeFailure({
    userId: session.userId,
    now,
    windowMs: policy.codeLockWindowSeconds * 1000,
    lockAfter: policy.codeLockAfter,
    lockMs: policy.codeLockSeconds * 1000,
    hardLockAfter: policy.codeHardLockAfter,
  });
  await store.audit({ ...audit, type: 'code.rejected', detail: { purpose, malformed: !wellFormed, attemptsLeft } });
  const lockedNow = after.hardLocked || (after.lockedUntil !== null && after.lockedUntil > now);
  const wasLocked = lock?.hardLocked || (lock?.lockedUntil != null && lock.lockedUntil > now);
  if (lockedNow && !wasLocked) {
    await store.audit({ ...audit, type: 'code.locked', detail: { hard: after.hardLocked, failures: after.windowFailures } });
    throw rateLimited(policy.codeLockSeconds, 'Too many wrong codes. Try again later.');
  }
  if (result.kind === 'unusable') throw new CbError('code_expired', 'Too many wrong tries on this code. Request a new one.');
  throw new CbError('invalid_code', 'That code is not right.', { attemptsLeft });
}
