/**
 * The steps of a pending login (enroll, confirm, skip, verify, resend) and the complete session's
 * own 2FA actions (session info, opt-in, logout).
 * @module
 */
import type { SessionResponse } from '../../protocol/dto.js';
import { CbError } from '../errors.js';
import type { CbUser } from '../identity/identity.js';
import { checkPhone, maskPhone } from '../phone.js';
import type { AuditEvent, FactorState, PendingStep, Session, Settings } from '../store/store.js';
import { checkCode, sendCode, type CodeSent } from './codes.js';
import type { Deps, RequestFacts } from './deps.js';
import { organizationPolicyOf } from './organization-policy.js';
import { skipRule } from './deadline.js';
import type { Outcome } from './login.js';
import { nextSession, promote, sessionUser, userReadWith } from './sessions.js';
import { recoveryCodesLeft, verifyWithRecoveryCode } from './recovery-codes.js';
import { checkCallable, requireVoiceFallback, type SendChannel } from './voice-fallback.js';
import { settingsAndState } from './settings-and-state.js';

export function requireStep(session: Session, ...steps: PendingStep[]): void {
  if (session.status !== 'pending' || !session.step || !steps.includes(session.step)) {
    throw new CbError('wrong_step', 'This step does not follow from where the sign-in is.');
  }
}

/**
 * The present, as a pending login's step needs it: refuses the step (and ends the login) when
 * the settings or the user's enrollment changed since the login began. A login begun before the
 * user enrolled must not enroll another phone or skip past the enrolled one; a login begun before
 * 2FA was turned off and on again belongs to a generation that no longer counts.
 */
export async function presentFor(d: Deps, session: Session, need: 'unenrolled' | 'enrolled'): Promise<{ settings: Settings; state: FactorState }> {
  const { settings, state } = await settingsAndState(d, session.userId, session);
  const enrolled = state.enrollment !== null && state.enrollment.generation >= settings.generation;
  const current = settings.enabled && settings.generation === session.generation && enrolled === (need === 'enrolled');
  if (!current) {
    await d.store.deleteSession(session.idHash);
    throw new CbError('wrong_step', 'This sign-in began before the two-factor settings or the phone changed. Sign in again.');
  }
  return { settings, state };
}

async function userOf(d: Deps, session: Session): Promise<CbUser> {
  // Read with the session where it could be (the built-in identity: one joined read).
  const user = await sessionUser(d, session);
  if (!user) throw new CbError('unauthorized', 'Sign in again.');
  return user;
}

export const phoneErrors = {
  unparsable: 'Enter a phone number.',
  invalid: 'This is not a valid phone number.',
  country_not_allowed: 'Text messages cannot be sent to this country.',
  not_mobile: 'This number cannot receive text messages; use a mobile number.',
} as const;

/** Enrollment: a phone for an unenrolled user → a code to it → step `confirm`. */
export async function enrollPhone(d: Deps, req: RequestFacts, session: Session, phone: string, country?: string) {
  requireStep(session, 'enroll', 'confirm');
  await presentFor(d, session, 'unenrolled');
  const checked = await checkPhone(phone, country, d.policy.allowedCountries);
  if (!checked.ok) throw new CbError('invalid_phone', phoneErrors[checked.reason]);
  const sent = await sendCode(d, req, session, 'enroll', checked.e164);
  if (session.step !== 'confirm') await d.store.setSessionStep(session.idHash, 'confirm');
  return { step: 'confirm' as const, ...sent };
}

/**
 * The first code is right: the phone is enrolled, the half-open login ends, and the user signs
 * in again with the password (seed: "the client will need to reenter username/password").
 */
export async function confirmEnrollment(d: Deps, req: RequestFacts, session: Session, code: unknown): Promise<Outcome> {
  requireStep(session, 'confirm');
  // The code statement itself refuses a code of an older generation, or one sent while someone
  // else's confirm enrolled this user; the conditional enroll closes the last race between two
  // logins confirming at once.
  const { phone, verified } = await checkCode(d, req, session, 'enroll', code);
  const now = d.clock();
  const generation = session.generation;
  const enrolled = await d.store.enroll(session.userId, phone, generation, now);
  await d.store.deleteSession(session.idHash);
  if (!enrolled) throw new CbError('wrong_step', 'This account was enrolled by another sign-in. Sign in again.');
  await d.store.audit([verified, { at: now, type: 'enrolled', actorId: session.userId, subjectId: session.userId, ip: req.ip, detail: { phone: maskPhone(phone), generation } }]);
  return { body: { step: 'login' }, cookie: { clear: true } };
}

/** "Skip for Now": only when the portal allows opting out; remembered for this generation. */
export async function skipEnrollment(d: Deps, req: RequestFacts, session: Session): Promise<Outcome> {
  requireStep(session, 'enroll', 'confirm');
  const { settings } = await presentFor(d, session, 'unenrolled');
  const user = await userOf(d, session);
  const now = d.clock();
  // The rule the enroll step was offered under (a required organization, the deadline), at this moment.
  const rule = skipRule(settings, await organizationPolicyOf(d, user), now);
  if (!rule.canSkip) {
    throw new CbError('forbidden', 'Two-factor authentication is required on this portal.');
  }
  // Conditional on the user still not being enrolled, in the same statement as the write.
  if (!(await d.store.skip(session.userId, settings.generation, now))) {
    await d.store.deleteSession(session.idHash);
    throw new CbError('wrong_step', 'This account was enrolled by another sign-in. Sign in again.');
  }
  const cookie = await promote(d, session, 'pwd');
  if (!cookie) throw new CbError('unauthorized', 'This sign-in has already been completed.');
  await d.store.audit([
    { at: now, type: 'skipped', actorId: user.id, subjectId: user.id, ip: req.ip, detail: { generation: settings.generation, ...(rule.skipUntil ? { until: rule.skipUntil } : {}) } },
    // A skipped login is password-only, and is recorded as such.
    { at: now, type: 'login.succeeded', actorId: user.id, subjectId: user.id, ip: req.ip, detail: { amr: 'pwd', twoFactor: 'skipped' } },
  ]);
  return { body: { step: 'authenticated', user }, cookie };
}

/** The SMS code of an enrolled user's login. */
export async function verifyLogin(d: Deps, req: RequestFacts, session: Session, code: unknown): Promise<Outcome> {
  requireStep(session, 'verify');
  const known = userReadWith(session);
  if (known && d.store.tryCodeAndPromote) {
    // The user came with the session read: the try, the promotion and its events are one step.
    const next = await nextSession(d, 'pwd sms');
    const succeeded = (verified: AuditEvent): AuditEvent[] => [verified, { at: verified.at, type: 'login.succeeded', actorId: known.id, subjectId: known.id, ip: req.ip, detail: { amr: 'pwd sms' } }];
    const checked = await checkCode(d, req, session, 'login', code, { next: next.next, events: succeeded });
    if (checked.promoted === undefined) {
      const cookie = await promote(d, session, 'pwd sms', succeeded(checked.verified));
      if (!cookie) throw new CbError('code_expired', 'This code has already been used.');
      return { body: { step: 'authenticated', user: known }, cookie };
    }
    if (!checked.promoted) throw new CbError('code_expired', 'This code has already been used.');
    return { body: { step: 'authenticated', user: known }, cookie: next.cookie };
  }
  const { verified } = await checkCode(d, req, session, 'login', code);
  const user = await userOf(d, session);
  const cookie = await promote(d, session, 'pwd sms', [verified, { at: verified.at, type: 'login.succeeded', actorId: user.id, subjectId: user.id, ip: req.ip, detail: { amr: 'pwd sms' } }]);
  // The code was consumed atomically, so only one request can get here; this is belt and braces.
  if (!cookie) throw new CbError('code_expired', 'This code has already been used.');
  return { body: { step: 'authenticated', user }, cookie };
}

/** The verify step with a recovery code instead of the SMS code (when the portal offers them). */
export async function verifyLoginWithRecoveryCode(d: Deps, req: RequestFacts, session: Session, recoveryCode: unknown): Promise<Outcome> {
  requireStep(session, 'verify');
  return verifyWithRecoveryCode(d, req, session, recoveryCode, () => presentFor(d, session, 'enrolled'), () => userOf(d, session));
}

/**
 * A new code to the same phone; the old one stops working. Failure counts carry on. With
 * `channel: 'voice'` ("Call me instead") the new code is read out in a call: only where the
 * portal offers it, and only after the login's first SMS (the code row it replaces).
 */
export async function resend(d: Deps, req: RequestFacts, session: Session, channel: SendChannel = 'sms'): Promise<CodeSent & { channel: SendChannel }> {
  requireStep(session, 'confirm', 'verify');
  if (channel === 'voice') requireVoiceFallback(d);
  const code = await d.store.getCode(session.idHash);
  if (!code) throw new CbError('wrong_step', 'No code has been sent for this sign-in.');
  await presentFor(d, session, code.purpose === 'login' ? 'enrolled' : 'unenrolled');
  if (channel === 'voice') await checkCallable(d, code.phone);
  return { ...(await sendCode(d, req, session, code.purpose, code.phone, session.generation, channel)), channel };
}

/** `user` is the session's user, already loaded by the caller that checked the session; `trustedDevice`: this browser is one of the user's. */
export async function sessionInfo(d: Deps, session: Session, user: CbUser, trustedDevice = false): Promise<SessionResponse> {
  const [{ settings, state }, left] = await Promise.all([settingsAndState(d, user.id, session), recoveryCodesLeft(d, [user.id])]);
  const applies = settings.enabled && d.requiresTwoFactor(user) && (await organizationPolicyOf(d, user)) !== 'exempt';
  const enrolled = applies && state.enrollment?.generation === settings.generation;
  const skipped = applies && !enrolled && state.skip?.generation === settings.generation;
  return {
    user,
    twoFactor: { enrolled, skipped, canOptIn: applies && !enrolled },
    amr: session.amr === 'pwd sms' ? ['pwd', 'sms'] : session.amr === 'pwd recovery' ? ['pwd', 'recovery'] : session.amr === 'pwd device' ? ['pwd', 'device'] : ['pwd'],
    secondFactorAt: session.secondFactorAt == null ? null : new Date(session.secondFactorAt).toISOString(),
    recoveryCodesLeft: left(user.id),
    trustedDevice,
  };
}

/**
 * "Enable 2FA SMS" from the menu: forgets the skip and logs the user out everywhere; the next
 * login enrolls (seed).
 */
export async function optIn(d: Deps, req: RequestFacts, session: Session, user: CbUser): Promise<Outcome> {
  const info = await sessionInfo(d, session, user);
  if (!info.twoFactor.canOptIn) throw new CbError('forbidden', 'Two-factor authentication is already set up or not available.');
  await d.store.clearSkip(session.userId);
  // An opt-in starts the 2FA over: no device trusted before it skips the new enrollment's SMS.
  await d.store.forgetTrustedDevices(session.userId);
  await d.store.deleteUserSessions(session.userId);
  await d.store.audit({ at: d.clock(), type: 'opted_in', actorId: session.userId, subjectId: session.userId, ip: req.ip });
  return { body: { step: 'login' }, cookie: { clear: true } };
}

export async function logout(d: Deps, req: RequestFacts, session: Session | null): Promise<Outcome> {
  if (session) {
    await d.store.deleteSession(session.idHash);
    await d.store.audit({ at: d.clock(), type: 'logout', actorId: session.userId, subjectId: session.userId, ip: req.ip });
  }
  return { body: { step: 'login' }, cookie: { clear: true } };
}
