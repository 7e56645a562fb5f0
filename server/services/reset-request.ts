/**
 * "I lost my phone" (product spec §10): on the verify step, a user whose phone is gone asks the
 * portal's admins for a reset instead of filing a ticket. The request changes nothing by itself:
 * the pending login stays as it is and the enrollment stands until an admin resets it (which
 * closes the request). Only a login that has proven the password may ask, so nobody can flag
 * another person's account with an email address alone.
 * @module
 */
import type { ResetRequestResponse } from '../../protocol/dto.js';
import type { Window } from '../policy.js';
import type { Session } from '../store/store.js';
import type { Deps, RequestFacts } from './deps.js';
import { consume, limitKey } from './limits.js';
import { presentFor, requireStep } from './two-factor.js';

/**
 * Requests from one IP (IPv6 grouped by /64): each one writes a row and an audit event and is
 * shown to the admins, so a script holding many passwords must not flood their list.
 */
export const RESET_REQUESTS_PER_IP: Window = { limit: 5, windowSeconds: 3600 };

/** `POST /reset-request {reason?}`: the reason, if any, is kept only in the audit event. */
export async function requestReset(d: Deps, req: RequestFacts, session: Session, reason?: string): Promise<ResetRequestResponse> {
  requireStep(session, 'verify');
  await presentFor(d, session, 'enrolled');
  await consume(d, [await limitKey(d, 'reset_request.ip', req.ipGroup, RESET_REQUESTS_PER_IP)]);
  const now = d.clock();
  const { requestedAt, opened } = await d.store.requestReset(session.userId, now, req.ip);
  // An open request keeps its first time: a second press is not news to the admins.
  if (opened) {
    await d.store.audit({ at: now, type: 'reset.requested', actorId: session.userId, subjectId: session.userId, ip: req.ip, detail: reason ? { reason } : {} });
  }
  return { requestedAt: new Date(requestedAt).toISOString() };
}
