/**
 * Step-up (product spec §11): a signed-in user proves the second factor again before a sensitive
 * action (Clerk's "reverification"). The code is an ordinary one with purpose `step_up`: every
 * rule of a login code holds (6 digits, HMAC, 5 minutes, single use, tries and account lock in one
 * atomic step, send limits and budget), and it is bound to this session. A right code records the
 * time on the session and moves it to a new id.
 * @module
 */
import { CbError } from '../errors.js';
import type { CbUser } from '../identity/identity.js';
import type { Session } from '../store/store.js';
import { checkCode, sendCode, type CodeSent } from './codes.js';
import type { Deps, RequestFacts } from './deps.js';
import type { StepUpVerifiedResponse } from '../../protocol/dto.js';
import { stepUpRotate, type CookieChange } from './sessions.js';
import { settingsAndState } from './settings-and-state.js';

/** Ten minutes: how old a second factor may be for `requireSecondFactor()` by default. */
export const STEP_UP_MAX_AGE_SECONDS = 600;

/** The phone a step-up code goes to (the enrollment of the present generation) and that generation, or null. */
export async function stepUpPhone(d: Deps, userId: string): Promise<{ phone: string; generation: number } | null> {
  const { settings, state } = await settingsAndState(d, userId);
  const { enrollment } = state;
  return enrollment && enrollment.generation === settings.generation ? { phone: enrollment.phone, generation: enrollment.generation } : null;
}

/** True when the session's last second factor is at most `maxAgeSeconds` old. */
export const isFresh = (d: Deps, session: Session, maxAgeSeconds: number): boolean =>
  session.secondFactorAt != null && d.clock() - session.secondFactorAt <= maxAgeSeconds * 1000;

const requireComplete = (session: Session) => {
  if (session.status !== 'complete') throw new CbError('unauthorized', 'Sign in first.');
};

const unavailable = () =>
  new CbError('step_up_unavailable', 'This account has no phone enrolled for two-factor authentication, so the action cannot be confirmed.');

/** `POST /step-up`: a code to the enrolled phone. Sending again is a resend, with its countdown. */
export async function startStepUp(d: Deps, req: RequestFacts, session: Session, user: CbUser): Promise<CodeSent> {
  requireComplete(session);
  const enrolled = await stepUpPhone(d, user.id);
  if (!enrolled) throw unavailable();
  return sendCode(d, req, session, 'step_up', enrolled.phone, enrolled.generation);
}

/** `POST /step-up/verify`: checks the code, records the factor and rotates the session id. */
export async function verifyStepUp(d: Deps, req: RequestFacts, session: Session, code: unknown): Promise<{ body: StepUpVerifiedResponse; cookie: CookieChange }> {
  requireComplete(session);
  const { verified } = await checkCode(d, req, session, 'step_up', code);
  const at = verified.at;
  const cookie = await stepUpRotate(d, session, at);
  // The code was consumed atomically, so only one request gets here; belt and braces.
  if (!cookie) throw new CbError('code_expired', 'This code has already been used.');
  await d.store.audit([verified, { at, type: 'step_up.verified', actorId: session.userId, subjectId: session.userId, ip: req.ip }]);
  return { body: { verifiedAt: new Date(at).toISOString() }, cookie };
}
