/**
 * "Change my phone" (product spec §10, `selfServicePhoneChange`): a signed-in, enrolled user with a
 * fresh second factor (the step-up age) names a new number; a code goes to that number (purpose
 * `phone_change`, bound to this session, every code rule of §5); the right code replaces the
 * enrolled phone, ends the user's other sessions and trusted devices, and tells the old number.
 * Proving the old factor (fresh) and the new number (its code) both is what keeps a stolen
 * session from moving the account to an attacker's phone unnoticed.
 * @module
 */
import type { PhoneChangedResponse } from '../../protocol/dto.js';
import { CbError } from '../errors.js';
import type { CbUser } from '../identity/identity.js';
import { checkPhone, maskPhone } from '../phone.js';
import { SmsSendError } from '../providers/sms.js';
import { phoneChangedText } from '../providers/sms-text.js';
import type { Session } from '../store/store.js';
import { checkCode, sendCode } from './codes.js';
import type { Deps, RequestFacts } from './deps.js';
import { takeBudget } from './sending.js';
import { stepUpRotate, type CookieChange } from './sessions.js';
import { isFresh, STEP_UP_MAX_AGE_SECONDS, stepUpPhone } from './step-up.js';
import { phoneErrors } from './two-factor.js';

/** Off, the seed's way stands: the admin resets two-factor authentication and the user enrolls again. */
function requirePolicy(d: Deps): void {
  if (!d.portal.policies.selfServicePhoneChange) {
    throw new CbError('forbidden', 'This portal does not let users change their phone; ask your administrator to reset two-factor authentication.');
  }
}

async function enrolledPhone(d: Deps, session: Session, user: CbUser) {
  if (session.status !== 'complete') throw new CbError('unauthorized', 'Sign in first.');
  const enrolled = await stepUpPhone(d, user.id);
  if (!enrolled) throw new CbError('step_up_unavailable', 'Only a phone enrolled for two-factor authentication can be changed.');
  return enrolled;
}

/**
 * `POST /phone`: a code to the new number. Posting again (the same number or another) is a
 * resend, with its countdown, as `POST /step-up` is: the new code voids the one before.
 */
export async function requestPhoneChange(d: Deps, req: RequestFacts, session: Session, user: CbUser, phone: string, country?: string) {
  requirePolicy(d);
  const enrolled = await enrolledPhone(d, session, user);
  if (!isFresh(d, session, STEP_UP_MAX_AGE_SECONDS)) {
    throw new CbError('step_up_required', 'Confirm with a code first.', { maxAgeSeconds: STEP_UP_MAX_AGE_SECONDS });
  }
  const checked = await checkPhone(phone, country, d.policy.allowedCountries);
  if (!checked.ok) throw new CbError('invalid_phone', phoneErrors[checked.reason]);
  if (checked.e164 === enrolled.phone) throw new CbError('invalid_phone', 'This is already your phone number.');
  const sent = await sendCode(d, req, session, 'phone_change', checked.e164, enrolled.generation);
  await d.store.audit({ at: d.clock(), type: 'phone.change_requested', actorId: user.id, subjectId: user.id, ip: req.ip, detail: { phone: maskPhone(checked.e164) } });
  return { step: 'confirm' as const, ...sent };
}

/**
 * `POST /phone/confirm`: the new number's code. Only one parallel confirm gets the code (the
 * atomic try); the swap is conditional on the phone still being the one it replaces, so a reset or
 * another change meanwhile changes nothing. This session stays, under a new id.
 */
export async function confirmPhoneChange(d: Deps, req: RequestFacts, session: Session, user: CbUser, code: unknown): Promise<{ body: PhoneChangedResponse; cookie: CookieChange }> {
  requirePolicy(d);
  const enrolled = await enrolledPhone(d, session, user);
  const { phone, verified } = await checkCode(d, req, session, 'phone_change', code);
  const at = verified.at;
  if (!(await d.store.replaceEnrolledPhone(user.id, enrolled.phone, phone, enrolled.generation, at))) {
    throw new CbError('code_expired', 'The phone changed meanwhile. Start again.');
  }
  // Every other session ends (a thief's among them); then this one, whose new-number code is a
  // second factor given now, moves to a new id with that fresh factor.
  const ended = await d.store.deleteOtherSessions(user.id, session.idHash);
  const cookie = await stepUpRotate(d, session, at);
  // Trusted devices were trusted under the old phone: they end with it (§10).
  const devicesForgotten = await d.store.forgetTrustedDevices(user.id);
  const notice = await noticeToOldNumber(d, req, user.id, enrolled.phone);
  await d.store.audit([verified, { at, type: 'phone.changed', actorId: user.id, subjectId: user.id, ip: req.ip, detail: { from: maskPhone(enrolled.phone), to: maskPhone(phone), sessionsEnded: ended, devicesForgotten, notice } }]);
  return { body: { maskedPhone: maskPhone(phone) }, cookie };
}

/**
 * The notice to the old number, so that a change the owner did not make does not go unnoticed.
 * It counts against the daily budget; the change is made by then, so a send that fails is audited
 * and the change stands.
 */
async function noticeToOldNumber(d: Deps, req: RequestFacts, userId: string, oldPhone: string): Promise<'sent' | 'failed'> {
  const audit = { at: d.clock(), actorId: userId, subjectId: userId, ip: req.ip };
  try {
    const refund = await takeBudget(d, audit);
    try {
      await d.sms.send({
        to: oldPhone,
        body: phoneChangedText({ portalName: d.appName, locale: d.portal.sms.locale }),
        from: d.portal.sms.from ?? undefined,
        messagingServiceSid: d.portal.sms.messagingServiceSid ?? undefined,
      });
    } catch (err) {
      if (!(err instanceof SmsSendError) || err.failure !== 'unknown') await refund();
      throw err;
    }
    return 'sent';
  } catch (err) {
    const failure = err instanceof SmsSendError ? err.failure : err instanceof CbError ? err.code : 'unavailable';
    await d.store.audit({ ...audit, type: 'code.send_failed', detail: { purpose: 'phone_changed_notice', phone: maskPhone(oldPhone), failure } });
    return 'failed';
  }
}
