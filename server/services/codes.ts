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
import type { CheckOutcome, CodeVerifier } from '../providers/verifier.js';
import type { AttemptResult, AuditEvent, CodePurpose, Session } from '../store/store.js';
import type { Deps, RequestFacts } from './deps.js';
import { consume, limitKey } from './limits.js';
import { isFailedDelivery, QUEUED_RANK, takeBudget } from './sending.js';

const CODE_PATTERN = /^\d{6}$/;

/** The MAC input binds the code to the login and purpose it was sent for. */
const macInput = (sessionIdHash: string, purpose: CodePurpose, code: string) => `code:${sessionIdHash}:${purpose}:${code}`;

export interface CodeSent {
  maskedPhone: string;
  resendAt: string;
}

/** Marks a code row whose code only the provider knows (Verify mode); no HMAC (base64url) contains `:`. */
const VERIFIER_CODE = 'verifier:';

/**
 * Sends a new code for this pending login, voiding the previous one. Every limit is counted
 * before the SMS goes out and taken back if it fails, so a failed send counts as nothing.
 *
 * With a `verifier` (Twilio Verify) the provider makes the code. A resend within its window sends
 * the same code again, so the live row is kept as it is: the tries already made on that code keep
 * counting, and its expiry does not move.
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
  const verifier = d.sending?.verifier;
  const code = verifier ? null : generateCode(d.random);
  const now = d.clock();
  const audit = { at: now, actorId: session.userId, subjectId: session.userId, ip: req.ip };
  let refundBudget: () => Promise<void>;
  try {
    refundBudget = await takeBudget(d, audit);
  } catch (err) {
    await refund();
    throw err;
  }
  const sameCode = verifier?.resendsSameCode ? await hasLiveVerifierCode(d, session, purpose, phone, now) : false;
  let sent: { id?: string };
  try {
    sent = code === null
      ? await verifier!.start({ to: phone, channel: 'sms' })
      : await d.sms.send({ to: phone, body: codeMessage(d.appName, req.domain, code, Math.ceil(policy.codeTtlSeconds / 60)) });
  } catch (err) {
    await refund();
    await refundBudget();
    const failure = err instanceof SmsSendError ? err.failure : 'unavailable';
    const providerCode = err instanceof SmsSendError ? err.providerCode : undefined;
    await d.store.audit({ ...audit, type: 'code.send_failed', detail: { purpose, phone: maskPhone(phone), failure, ...(providerCode !== undefined ? { providerCode } : {}) } });
    if (failure === 'invalid_phone') throw new CbError('invalid_phone', 'This number cannot receive text messages.');
    if (failure === 'rate_limited') throw rateLimited(60, 'The SMS provider is busy. Try again in a minute.');
    if (failure === 'refused') throw new CbError('sms_failed', 'Text messages to this number are blocked.', {}, 422);
    throw new CbError('sms_failed', 'The text message could not be sent. Try again shortly.', { retryAfter: 30 }, 503);
  }
  if (!sameCode) {
    await d.store.putCode({
      sessionIdHash: session.idHash,
      userId: session.userId,
      purpose,
      phone,
      codeHash: code === null ? `${VERIFIER_CODE}${sent.id ?? ''}` : await d.hmac.sign(macInput(session.idHash, purpose, code)),
      sentAt: now,
      expiresAt: now + policy.codeTtlSeconds * 1000,
    });
  }
  if (d.sending?.delivery && sent.id && !verifier) {
    await d.store.recordSmsDelivery({ messageId: sent.id, userId: session.userId, sessionIdHash: session.idHash, status: 'queued', rank: QUEUED_RANK, sentAt: now });
  }
  await d.store.audit({ ...audit, type: 'code.sent', detail: { purpose, phone: maskPhone(phone), ...(verifier ? { via: 'verifier', sameCode } : {}) } });
  return { maskedPhone: maskPhone(phone), resendAt: new Date(now + policy.resendCooldownSeconds * 1000).toISOString() };
}

async function hasLiveVerifierCode(d: Deps, session: Session, purpose: CodePurpose, phone: string, now: number): Promise<boolean> {
  const row = await d.store.getCode(session.idHash);
  return !!row && row.codeHash.startsWith(VERIFIER_CODE) && row.purpose === purpose && row.phone === phone && row.consumedAt === null && row.expiresAt > now;
}

/**
 * Checks a submitted code. Returns the phone it was sent to when right; throws `invalid_code`,
 * `code_expired` or `rate_limited` otherwise. Anything but six ASCII digits counts as a wrong try.
 * When delivery status is tracked and the provider reported this login's SMS as failed, the error
 * carries `delivery` so the verify step can say the message never arrived.
 */
export async function checkCode(
  d: Deps,
  req: RequestFacts,
  session: Session,
  purpose: CodePurpose,
  submitted: unknown,
): Promise<{ phone: string; verified: AuditEvent }> {
  try {
    return await checkSubmitted(d, req, session, purpose, submitted);
  } catch (err) {
    if (!d.sending?.delivery || !(err instanceof CbError) || (err.code !== 'invalid_code' && err.code !== 'code_expired')) throw err;
    const delivery = await d.store.sessionSmsDelivery(session.idHash);
    if (!delivery || !isFailedDelivery(delivery.status)) throw err;
    throw new CbError(err.code, err.message, { ...err.extra, delivery: delivery.status }, err.status);
  }
}

/**
 * Verify mode: the try is counted in our database first, atomically, exactly as a local wrong
 * guess would be, so parallel guesses each cost one and the provider is asked only while the code
 * has tries left. Our row is consumed only when the provider approves, in one conditional
 * statement: of N parallel right answers one wins.
 */
async function checkWithVerifier(d: Deps, verifier: CodeVerifier, session: Session, purpose: CodePurpose, code: string, now: number): Promise<AttemptResult> {
  const counted = await d.store.attemptCode({ sessionIdHash: session.idHash, purpose, codeHash: null, now, maxAttempts: d.policy.codeMaxAttempts });
  if (counted.kind !== 'rejected') return counted;
  const row = await d.store.getCode(session.idHash);
  if (!row) return { kind: 'unusable' };
  let outcome: CheckOutcome;
  try {
    outcome = await verifier.check({ to: row.phone, code });
  } catch (err) {
    // The try stays counted: an outage of the provider must not become free guesses.
    if (err instanceof SmsSendError && err.failure === 'rate_limited') throw rateLimited(60, 'The SMS provider is busy. Try again in a minute.');
    throw new CbError('sms_failed', 'The code could not be checked. Try again shortly.', { retryAfter: 30 }, 503);
  }
  if (outcome === 'approved') {
    const phone = await d.store.consumeCode(session.idHash, purpose, now);
    return phone === null ? { kind: 'unusable' } : { kind: 'accepted', phone };
  }
  return outcome === 'expired' ? { kind: 'unusable' } : counted;
}

async function checkSubmitted(d: Deps, req: RequestFacts, session: Session, purpose: CodePurpose, submitted: unknown): Promise<{ phone: string; verified: AuditEvent }> {
  const { policy, store } = d;
  const now = d.clock();
  const lock = await store.getCodeLock(session.userId);
  if (lock?.hardLocked) throw rateLimited(policy.codeLockSeconds, 'Too many wrong codes. Ask an administrator to reset two-factor authentication.');
  if (lock?.lockedUntil && lock.lockedUntil > now) throw rateLimited((lock.lockedUntil - now) / 1000, 'Too many wrong codes. Try again later.');

  const wellFormed = typeof submitted === 'string' && CODE_PATTERN.test(submitted);
  const codeHash = wellFormed ? await d.hmac.sign(macInput(session.idHash, purpose, submitted)) : null;
  const verifier = d.sending?.verifier;
  const result =
    verifier && wellFormed
      ? await checkWithVerifier(d, verifier, session, purpose, submitted, now)
      : await store.attemptCode({ sessionIdHash: session.idHash, purpose, codeHash, now, maxAttempts: policy.codeMaxAttempts });
  const audit = { at: now, actorId: session.userId, subjectId: session.userId, ip: req.ip };

  if (result.kind === 'accepted') {
    if (lock && lock.consecutiveFailures > 0) await store.clearConsecutiveFailures(session.userId);
    // Written by the caller together with its own event: one statement instead of two.
    return { phone: result.phone, verified: { ...audit, type: 'code.verified', detail: { purpose } } };
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
