/**
 * Sending and checking SMS codes for a pending login (NIST SP 800-63B §3.1.3, OWASP MFA cheat sheet).
 * @module
 */
import { CbError, rateLimited } from '../errors.js';
import { generateCode, randomToken } from '../crypto/random.js';
import { maskPhone } from '../phone.js';
import { codeText, SmsSendError } from '../providers/sms.js';
import type { CheckOutcome, CodeVerifier } from '../providers/verifier.js';
import type { AuditEvent, CodePurpose, CodeTryInput, CodeTryResult, Session } from '../store/store.js';
import type { Deps, RequestFacts } from './deps.js';
import { hashScope } from './hash-scope.js';
import type { NextSession } from './sessions.js';
import { consume, limitKey } from './limits.js';
import { isFailedDelivery, QUEUED_RANK, takeBudget } from './sending.js';
import { callLimit, placeCall, type SendChannel } from './voice-fallback.js';

const CODE_PATTERN = /^\d{6}$/;

/** The MAC input binds the code to the portal, the login and the purpose it was sent for. */
const macInput = (portalId: string, sessionIdHash: string, purpose: CodePurpose, code: string) => `code:${hashScope(portalId)}${sessionIdHash}:${purpose}:${code}`;

export interface CodeSent {
  maskedPhone: string;
  resendAt: string;
}

/** Marks a code row whose code only the provider knows (Verify mode); no HMAC (base64url) contains `:`. */
const VERIFIER_CODE = 'verifier:';

/**
 * Sends a new code for this pending login, voiding the previous one. Every limit is counted
 * before the SMS goes out and taken back only when the provider definitely refused it; a send
 * whose outcome is unknown may have gone out, so it stays counted.
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
  // A pending login's codes belong to the generation it began in; a step-up's to the present one.
  generation = session.generation,
  // "Call me instead": the same fresh code, read out in a call; the caller checked the policy.
  channel: SendChannel = 'sms',
): Promise<CodeSent> {
  const { policy } = d;
  const refund = await consume(d, [
    ...(channel === 'voice' ? [await callLimit(d, phone)] : []),
    // The countdown is time since the last send, not a rate: a plain window, never sliding.
    await limitKey(d, 'send.cooldown', session.idHash, { limit: 1, windowSeconds: policy.resendCooldownSeconds }, false),
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
      ? await verifier!.start({ to: phone, channel: channel === 'voice' ? 'call' : 'sms', locale: d.portal.sms.locale })
      : channel === 'voice'
        ? await placeCall(d, phone, code)
        : await d.sms.send({
          to: phone,
          body: codeText({ portalName: d.appName, locale: d.portal.sms.locale, code, minutes: Math.ceil(policy.codeTtlSeconds / 60), domain: req.domain }),
          ttlSeconds: policy.codeTtlSeconds,
          // The portal's own sender, when it has one; otherwise the sender's configured one.
          from: d.portal.sms.from ?? undefined,
          messagingServiceSid: d.portal.sms.messagingServiceSid ?? undefined,
        });
  } catch (err) {
    const failure = err instanceof SmsSendError ? err.failure : 'unavailable';
    const providerCode = err instanceof SmsSendError ? err.providerCode : undefined;
    // The provider's own words (Twilio's "Authenticate", the SDK's "username is required"), any phone in them masked.
    const providerMessage = err instanceof SmsSendError ? err.message.replace(/\+?\d{7,15}/g, (n) => maskPhone(n)).slice(0, 300) : undefined;
    await d.store.audit({ ...audit, type: 'code.send_failed', detail: { purpose, phone: maskPhone(phone), ...(channel === 'voice' ? { channel } : {}), failure, ...(providerCode !== undefined ? { providerCode } : {}), ...(providerMessage ? { providerMessage } : {}) } });
    if (failure === 'unknown') {
      // The request left and no answer came: the SMS may be on its way. It stays counted against
      // every limit and the budget (a refund would let a stalling provider send without limit),
      // and it goes on as a sent code, so the user can type the code if it arrives or resend.
      sent = {};
    } else {
      // Only a definite refusal gives its units back: nothing went out.
      await refund();
      await refundBudget();
      if (failure === 'invalid_phone') throw new CbError('invalid_phone', 'This number cannot receive text messages.');
      if (failure === 'refused') throw new CbError('sms_failed', channel === 'voice' ? 'Calls to this number cannot be made.' : 'Text messages to this number are blocked.', {}, 422);
      if (failure === 'rate_limited') {
        const wait = err instanceof SmsSendError ? err.retryAfterSeconds : undefined;
        throw wait === undefined
          ? rateLimited(60, 'The SMS provider is busy. Try again in a minute.')
          : rateLimited(wait, `Too many codes were sent to this number. Try again in ${Math.ceil(wait / 60)} minutes.`);
      }
      throw new CbError('sms_failed', 'The text message could not be sent. Try again shortly.', { retryAfter: 30 }, 503);
    }
  }
  if (!sameCode) {
    await d.store.putCode({
      sessionIdHash: session.idHash,
      userId: session.userId,
      purpose,
      phone,
      codeHash: code === null ? `${VERIFIER_CODE}${sent.id ?? ''}` : await d.hmac.sign(macInput(d.store.portalId, session.idHash, purpose, code)),
      sentAt: now,
      expiresAt: now + policy.codeTtlSeconds * 1000,
      generation,
    });
  }
  // Status callbacks track text messages; a call's SID is not one.
  if (d.sending?.delivery && sent.id && !verifier && channel === 'sms') {
    await d.store.recordSmsDelivery({ messageId: sent.id, userId: session.userId, sessionIdHash: session.idHash, status: 'queued', rank: QUEUED_RANK, sentAt: now });
  }
  await d.store.audit({ ...audit, type: 'code.sent', detail: { purpose, phone: maskPhone(phone), ...(channel === 'voice' ? { channel } : {}), ...(verifier ? { via: 'verifier', sameCode } : {}) } });
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
  promotion?: Promotion,
): Promise<Checked> {
  try {
    return await checkSubmitted(d, req, session, purpose, submitted, promotion);
  } catch (err) {
    if (!d.sending?.delivery || !(err instanceof CbError) || (err.code !== 'invalid_code' && err.code !== 'code_expired')) throw err;
    const delivery = await d.store.sessionSmsDelivery(session.idHash);
    if (!delivery || !isFailedDelivery(delivery.status)) throw err;
    throw new CbError(err.code, err.message, { ...err.extra, delivery: delivery.status }, err.status);
  }
}

/**
 * A right code's promotion, written in the same atomic step as the try where the store can
 * (`tryCodeAndPromote`): the login's next session, and its events after `code.verified`.
 */
export interface Promotion {
  next: NextSession['next'];
  events: (verified: AuditEvent) => AuditEvent[];
}

export interface Checked {
  phone: string;
  verified: AuditEvent;
  /** With a `promotion`: whether it was written with the try; undefined when the caller must still promote. */
  promoted?: boolean;
}

export const lockedError = (d: Deps, r: { lockedUntil: number | null; hard: boolean }, now: number) =>
  r.hard
    ? rateLimited(d.policy.codeLockSeconds, 'Too many wrong codes. Ask an administrator to reset two-factor authentication.')
    : rateLimited(Math.max(1, ((r.lockedUntil ?? now) - now) / 1000), 'Too many wrong codes. Try again later.');

/**
 * Verify mode: the try is counted in the same atomic step as a wrong local guess would be (the
 * account lock included), so parallel guesses each cost one and the provider is asked only for
 * tries the lock let through. When the provider approves, the failure is taken back and the code
 * consumed in one step, unless another try locked the account meanwhile.
 */
async function checkWithVerifier(d: Deps, verifier: CodeVerifier, input: CodeTryInput, code: string): Promise<CodeTryResult> {
  const counted = await d.store.tryCode(input);
  if (counted.kind !== 'rejected') return counted;
  const row = await d.store.getCode(input.sessionIdHash);
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
    const phone = await d.store.settleApprovedTry({
      userId: input.userId,
      sessionIdHash: input.sessionIdHash,
      purpose: input.purpose,
      tryId: input.tryId,
      windowStartedAt: counted.windowStartedAt,
      windowMs: input.lock.windowMs,
      now: input.now,
    });
    if (phone !== null) return { kind: 'accepted', phone };
    const lock = await d.store.getCodeLock(input.userId);
    const locked = lock && (lock.hardLocked || (lock.lockedUntil !== null && lock.lockedUntil > input.now));
    return locked ? { kind: 'locked', lockedUntil: lock.lockedUntil, hard: lock.hardLocked } : { kind: 'unusable' };
  }
  return outcome === 'expired' ? { kind: 'unusable' } : counted;
}

async function checkSubmitted(d: Deps, req: RequestFacts, session: Session, purpose: CodePurpose, submitted: unknown, promotion?: Promotion): Promise<Checked> {
  const { policy, store } = d;
  const now = d.clock();
  const wellFormed = typeof submitted === 'string' && CODE_PATTERN.test(submitted);
  const input: CodeTryInput = {
    userId: session.userId,
    sessionIdHash: session.idHash,
    purpose,
    codeHash: wellFormed ? await d.hmac.sign(macInput(d.store.portalId, session.idHash, purpose, submitted)) : null,
    tryId: randomToken(d.random),
    now,
    maxAttempts: policy.codeMaxAttempts,
    lock: {
      windowMs: policy.codeLockWindowSeconds * 1000,
      lockAfter: policy.codeLockAfter,
      lockMs: policy.codeLockSeconds * 1000,
      hardLockAfter: policy.codeHardLockAfter,
    },
  };
  const verifier = d.sending?.verifier;
  const audit = { at: now, actorId: session.userId, subjectId: session.userId, ip: req.ip };
  const verified: AuditEvent = { ...audit, type: 'code.verified', detail: { purpose } };
  let result: CodeTryResult;
  let promoted: boolean | undefined;
  if (verifier && wellFormed) result = await checkWithVerifier(d, verifier, { ...input, codeHash: null }, submitted);
  else if (promotion && store.tryCodeAndPromote) ({ result, promoted } = await store.tryCodeAndPromote(input, promotion.next, promotion.events(verified)));
  else result = await store.tryCode(input);

  switch (result.kind) {
    case 'accepted':
      // Written by the caller together with its own event (or already, with the promotion).
      return { phone: result.phone, verified, promoted };
    case 'locked':
      throw lockedError(d, result, now);
    case 'stale':
      // A step-up's session is a signed-in one: its code is merely out of date.
      if (purpose === 'step_up' || purpose === 'phone_change') throw new CbError('code_expired', 'The phone or the settings changed since this code was sent. Request a new one.');
      await store.deleteSession(session.idHash);
      throw new CbError('wrong_step', 'This sign-in began before the two-factor settings or the phone changed. Sign in again.');
    case 'unusable':
      throw new CbError('code_expired', 'This code has expired. Request a new one.');
    default:
  }
  if (result.kind === 'burned' && !result.counted) throw new CbError('code_expired', 'Too many wrong tries on this code. Request a new one.');
  const attemptsLeft = result.kind === 'rejected' ? result.attemptsLeft : 0;
  const events: AuditEvent[] = [{ ...audit, type: 'code.rejected', detail: { purpose, malformed: !wellFormed, attemptsLeft } }];
  if (result.lockedNow) events.push({ ...audit, type: 'code.locked', detail: { hard: result.hard } });
  await store.audit(events);
  if (result.lockedNow) throw lockedError(d, { lockedUntil: now + policy.codeLockSeconds * 1000, hard: result.hard }, now);
  if (result.kind === 'burned') throw new CbError('code_expired', 'Too many wrong tries on this code. Request a new one.');
  throw new CbError('invalid_code', 'That code is not right.', { attemptsLeft });
}
