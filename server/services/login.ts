/**
 * The password step and what follows it (product spec §3).
 * @module
 */
import type { StepResponse } from '../../protocol/dto.js';
import { CbError, rateLimited } from '../errors.js';
import { normalizeEmail, type CbUser } from '../identity/identity.js';
import type { Deps, RequestFacts } from './deps.js';
import { sendCode } from './codes.js';
import { consume, limitKey } from './limits.js';
import { createCompleteSession, createPendingSession, type CookieChange } from './sessions.js';

export interface Outcome {
  body: StepResponse;
  cookie: CookieChange;
}

/**
 * Email and password, then the next step. An unknown email, a wrong password and a locked
 * account cost the same hashing time; the first two give the same response.
 */
export async function login(d: Deps, req: RequestFacts, email: string, password: string): Promise<Outcome> {
  const now = d.clock();
  const subject = normalizeEmail(email);
  let refund: () => Promise<void>;
  try {
    refund = await consume(d, [
      await limitKey(d, 'login.account', subject, d.policy.passwordFailuresPerAccount),
      await limitKey(d, 'login.ip', req.ipGroup, d.policy.passwordFailuresPerIp),
    ]);
  } catch (err) {
    await d.hasher.burn(password);
    await d.store.audit({ at: now, type: 'login.rate_limited', actorId: null, subjectId: null, ip: req.ip });
    throw err;
  }
  const user = await d.identity.verifyPassword(email, password);
  if (!user) {
    await d.store.audit({ at: now, type: 'login.failed', actorId: null, subjectId: null, ip: req.ip });
    throw new CbError('invalid_credentials', 'The email or password is not right.');
  }
  // Only failures count against the password limits.
  await refund();
  return afterPassword(d, req, user);
}

async function afterPassword(d: Deps, req: RequestFacts, user: CbUser): Promise<Outcome> {
  const { store } = d;
  const now = d.clock();
  const settings = await store.getSettings();
  const authenticated = async (detail: Record<string, unknown>): Promise<Outcome> => {
    const { cookie } = await createCompleteSession(d, req, user.id, 'pwd');
    await store.audit({ at: now, type: 'login.succeeded', actorId: user.id, subjectId: user.id, ip: req.ip, detail: { amr: 'pwd', ...detail } });
    return { body: { step: 'authenticated', user }, cookie };
  };

  if (!settings.enabled || !d.requiresTwoFactor(user)) return authenticated({ twoFactor: 'off' });

  const state = await store.getFactorState(user.id);
  if (state.enrollment && state.enrollment.generation === settings.generation) {
    // No SMS for an account whose code step is locked: it could not be used, and would cost.
    const lock = await store.getCodeLock(user.id);
    if (lock?.hardLocked) throw rateLimited(d.policy.codeLockSeconds, 'Too many wrong codes. Ask an administrator to reset two-factor authentication.');
    if (lock?.lockedUntil && lock.lockedUntil > now) throw rateLimited((lock.lockedUntil - now) / 1000, 'Too many wrong codes. Try again later.');
    const { session, cookie } = await createPendingSession(d, req, user.id, 'verify');
    try {
      const sent = await sendCode(d, req, session, 'login', state.enrollment.phone);
      return { body: { step: 'verify', ...sent }, cookie };
    } catch (err) {
      await store.deleteSession(session.idHash);
      throw err;
    }
  }
  if (state.skip && state.skip.generation === settings.generation && settings.allowOptOut) {
    return authenticated({ twoFactor: 'skipped' });
  }
  const { cookie } = await createPendingSession(d, req, user.id, 'enroll');
  return { body: { step: 'enroll', canSkip: settings.allowOptOut }, cookie };
}
