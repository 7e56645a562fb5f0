/**
 * The password step and what follows it (product spec §3).
 * @module
 */
import type { StepResponse } from '../../protocol/dto.js';
import { CbError, rateLimited } from '../errors.js';
import { normalizeEmail, type CbUser, type Identity, type PasswordCheck } from '../identity/identity.js';
import type { Window } from '../policy.js';
import type { Deps, RequestFacts } from './deps.js';
import { sendCode } from './codes.js';
import { organizationPolicyOf } from './organization-policy.js';
import { skipRule } from './deadline.js';
import { consume, limitKey } from './limits.js';
import { createCompleteSession, createPendingSession, type CookieChange } from './sessions.js';
import { usableDevice } from './trusted-devices.js';
import { settingsAndState } from './settings-and-state.js';

export interface Outcome {
  body: StepResponse;
  cookie: CookieChange;
}

/**
 * Email and password, then the next step. An unknown email and a wrong password cost the same
 * hashing time and give the same response; a locked account or IP costs no hashing at all, for
 * an existing email as for an unknown one.
 */
export async function login(d: Deps, req: RequestFacts, email: string, password: string, deviceToken?: string): Promise<Outcome> {
  const now = d.clock();
  const refund = await countAttempt(d, req, [
    { name: 'account', subject: normalizeEmail(email), window: d.policy.passwordFailuresPerAccount },
    { name: 'ip', subject: req.ipGroup, window: d.policy.passwordFailuresPerIp },
  ]);
  const check = await checkPassword(d.identity, email, password);
  if (!check.user) {
    // The subject tells the audit log whom the attempt was aimed at; the client's answer is the same.
    await d.store.audit({ at: now, type: 'login.failed', actorId: null, subjectId: check.subjectId, ip: req.ip });
    throw new CbError('invalid_credentials', 'The email or password is not right.');
  }
  // Only failures count against the password limits.
  await refund();
  return afterPassword(d, req, check.user, deviceToken);
}

interface PasswordLimit {
  name: 'account' | 'ip';
  subject: string;
  window: Window;
}

/**
 * Counts one attempt against each password limit and returns the refund. A refused attempt
 * hashes nothing: the refusal must cost an unauthenticated client no more than it costs us. It
 * is audited only when it is the first refusal of its window for a limit that refused it, so
 * that hammering a locked account or IP cannot grow the audit log.
 */
async function countAttempt(d: Deps, req: RequestFacts, limits: PasswordLimit[]): Promise<() => Promise<void>> {
  const now = d.clock();
  const refunds: Array<() => Promise<void>> = [];
  const refundAll = async () => {
    for (const refund of refunds) await refund();
  };
  const refused: PasswordLimit[] = [];
  let retryAfter = 0;
  // One limit at a time, so that the audit row can say which one refused.
  for (const limit of limits) {
    try {
      refunds.push(await consume(d, [await limitKey(d, `login.${limit.name}`, limit.subject, limit.window)]));
    } catch (err) {
      if (!(err instanceof CbError && err.code === 'rate_limited')) {
        await refundAll();
        throw err;
      }
      refused.push(limit);
      retryAfter = Math.max(retryAfter, err.extra.retryAfter ?? 1);
    }
  }
  if (refused.length === 0) return refundAll;
  await refundAll();
  let first = false;
  for (const { name, subject, window } of refused) {
    const { key } = await limitKey(d, `login.${name}.refused`, subject, window);
    if ((await d.store.hit(key, window.windowSeconds * 1000, now)).count === 1) first = true;
  }
  if (first) {
    await d.store.audit({
      at: now,
      type: 'login.rate_limited',
      actorId: null,
      subjectId: null,
      ip: req.ip,
      detail: { limits: refused.map((l) => l.name), retryAfter },
    });
  }
  throw rateLimited(retryAfter);
}

/** A host identity without `checkPassword` cannot name the account of a failure. */
const checkPassword = async (identity: Identity, email: string, password: string): Promise<PasswordCheck> => {
  if (identity.checkPassword) return identity.checkPassword(email, password);
  const user = await identity.verifyPassword(email, password);
  return user ? { user } : { user: null, subjectId: null };
};

/** `deviceToken`: this browser's trusted-device cookie, if any ("Trust this device"). */
async function afterPassword(d: Deps, req: RequestFacts, user: CbUser, deviceToken?: string): Promise<Outcome> {
  const { store } = d;
  const now = d.clock();
  // The enrollment comes with the settings (one statement); a sign-in with 2FA off reads it for nothing, at no extra statement.
  const { settings, state } = await settingsAndState(d, user.id);
  const authenticated = async (detail: Record<string, unknown>, amr: 'pwd' | 'pwd device' = 'pwd'): Promise<Outcome> => {
    const { cookie } = await createCompleteSession(d, req, user.id, amr);
    await store.audit({ at: now, type: 'login.succeeded', actorId: user.id, subjectId: user.id, ip: req.ip, detail: { amr, ...detail } });
    return { body: { step: 'authenticated', user }, cookie };
  };

  if (!settings.enabled || !d.requiresTwoFactor(user)) return authenticated({ twoFactor: 'off' });
  const organization = await organizationPolicyOf(d, user);
  if (organization === 'exempt') return authenticated({ twoFactor: 'exempt' });
  // A required organization's contacts may not skip, whatever the portal allows; before the
  // portal's deadline everyone else may.
  const { canSkip, skipUntil } = skipRule(settings, organization, now);

  if (state.enrollment && state.enrollment.generation === settings.generation) {
    // No SMS for an account whose code step is locked: it could not be used, and would cost.
    const lock = await store.getCodeLock(user.id);
    if (lock?.hardLocked) throw rateLimited(d.policy.codeLockSeconds, 'Too many wrong codes. Ask an administrator to reset two-factor authentication.');
    if (lock?.lockedUntil && lock.lockedUntil > now) throw rateLimited((lock.lockedUntil - now) / 1000, 'Too many wrong codes. Try again later.');
    // A trusted device stands in for the SMS (no code, no send counted); the lock above still holds.
    if (await usableDevice(d, user.id, deviceToken)) return authenticated({ device: 'used' }, 'pwd device');
    const { session, cookie } = await createPendingSession(d, req, user.id, 'verify', settings.generation);
    try {
      const sent = await sendCode(d, req, session, 'login', state.enrollment.phone);
      return { body: { step: 'verify', ...sent }, cookie };
    } catch (err) {
      await store.deleteSession(session.idHash);
      throw err;
    }
  }
  if (state.skip && state.skip.generation === settings.generation && canSkip) {
    return authenticated({ twoFactor: 'skipped' });
  }
  const { cookie } = await createPendingSession(d, req, user.id, 'enroll', settings.generation);
  return { body: { step: 'enroll', canSkip, ...(skipUntil ? { skipUntil } : {}) }, cookie };
}
