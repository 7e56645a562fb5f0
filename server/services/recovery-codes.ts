/**
 * Recovery codes (product spec §10): ten single-use codes a user keeps for the day the phone is
 * gone. Made only after a fresh second factor (the step-up age), shown once, stored only as HMACs
 * bound to the portal and the account. On the verify step one of them stands in for the SMS code:
 * its try is counted in the same atomic step, and against the same account lock, as a code's, so
 * mixing the two kinds of guess buys an attacker nothing (NIST SP 800-63B §3.1.2 look-up secrets,
 * §3.2.2 rate limiting).
 * @module
 */
import type { RecoveryCodesResponse } from '../../protocol/dto.js';
import { CbError } from '../errors.js';
import type { CbUser } from '../identity/identity.js';
import { randomToken, type RandomSource } from '../crypto/random.js';
import type { AuditEvent, RecoveryTryInput, Session } from '../store/store.js';
import { lockedError } from './codes.js';
import type { Deps, RequestFacts } from './deps.js';
import { hashScope } from './hash-scope.js';
import type { Outcome } from './login.js';
import { promote } from './sessions.js';
import { isFresh, STEP_UP_MAX_AGE_SECONDS, stepUpPhone } from './step-up.js';

/** How many codes a set holds. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * Crockford's base32: digits and lowercase letters without i, l, o and u, so that nothing reads as
 * another character. Fifteen of them are 75 bits: above the 40 the spec asks for and the 64 that
 * NIST SP 800-63B-4 asks of saved recovery codes (§4.2.1.1), so a code stays out of reach even
 * where the lock would not hold.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LENGTH = 15;
// Sets made before codes grew to 15 letters hold codes of 10: they keep working until replaced.
const WELL_FORMED = /^(?:[0-9a-hjkmnp-tv-z]{10}|[0-9a-hjkmnp-tv-z]{15})$/;

/** One code, `xxxxx-xxxxx-xxxxx`: each byte's low five bits pick a letter (256 is a multiple of 32: no bias). */
function newCode(random: RandomSource): string {
  const bytes = random.fill(new Uint8Array(LENGTH));
  const letters = Array.from(bytes, (b) => ALPHABET[b & 31]!).join('');
  return `${letters.slice(0, 5)}-${letters.slice(5, 10)}-${letters.slice(10)}`;
}

/**
 * What the user typed, as stored: case, dashes and spaces dropped, and the look-alikes read the
 * way Crockford's alphabet reads them (o as 0, i and l as 1). Null when it is no code at all.
 */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 60) return null;
  const plain = input.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
  return WELL_FORMED.test(plain) ? plain : null;
}

/** The MAC input names the portal and the account: a code means nothing for anyone else. */
const macInput = (portalId: string, userId: string, normalized: string) => `recovery:${hashScope(portalId)}${userId}:${normalized}`;

/** The portal's policy; off, every recovery route answers 403 `forbidden`. */
function requirePolicy(d: Deps): void {
  if (!d.portal.policies.recoveryCodes) throw new CbError('forbidden', 'This portal does not offer recovery codes.');
}

/** Unspent codes of each user, or null for everyone when the portal does not offer them. */
export async function recoveryCodesLeft(d: Deps, userIds: string[]): Promise<(id: string) => number | null> {
  if (!d.portal.policies.recoveryCodes) return () => null;
  const counts = await d.store.countRecoveryCodes(userIds);
  return (id) => counts.get(id) ?? 0;
}

/**
 * `POST /recovery-codes`: a new set for a signed-in user whose second factor is fresh (as for a
 * step-up); asking again replaces the set, so the old codes stop working.
 */
export async function generateRecoveryCodes(d: Deps, req: RequestFacts, session: Session, user: CbUser): Promise<RecoveryCodesResponse> {
  requirePolicy(d);
  if (session.status !== 'complete') throw new CbError('unauthorized', 'Sign in first.');
  if (!(await stepUpPhone(d, user.id))) {
    throw new CbError('step_up_unavailable', 'Recovery codes need a phone enrolled for two-factor authentication.');
  }
  if (!isFresh(d, session, STEP_UP_MAX_AGE_SECONDS)) {
    throw new CbError('step_up_required', 'Confirm with a code first.', { maxAgeSeconds: STEP_UP_MAX_AGE_SECONDS });
  }
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newCode(d.random));
  const list = [...codes];
  const hashes = await Promise.all(list.map((c) => d.hmac.sign(macInput(d.store.portalId, user.id, normalizeRecoveryCode(c)!))));
  const now = d.clock();
  await d.store.replaceRecoveryCodes(user.id, hashes, now);
  await d.store.audit({ at: now, type: 'recovery_codes.generated', actorId: user.id, subjectId: user.id, ip: req.ip, detail: { count: list.length } });
  return { codes: list };
}

/**
 * `POST /verify {recoveryCode}`: the verify step of a pending login, with a recovery code instead
 * of the SMS code. `present` re-checks the login against the settings and the enrollment (the
 * verify step's own rule). Anything that is not a code counts as a wrong try.
 */
export async function verifyWithRecoveryCode(
  d: Deps,
  req: RequestFacts,
  session: Session,
  submitted: unknown,
  present: () => Promise<unknown>,
  userOf: () => Promise<CbUser>,
): Promise<Outcome> {
  requirePolicy(d);
  await present();
  const { policy } = d;
  const now = d.clock();
  const normalized = normalizeRecoveryCode(submitted);
  const input: RecoveryTryInput = {
    userId: session.userId,
    codeHash: normalized ? await d.hmac.sign(macInput(d.store.portalId, session.userId, normalized)) : null,
    tryId: randomToken(d.random),
    now,
    lock: { windowMs: policy.codeLockWindowSeconds * 1000, lockAfter: policy.codeLockAfter, lockMs: policy.codeLockSeconds * 1000, hardLockAfter: policy.codeHardLockAfter },
  };
  const result = await d.store.tryRecoveryCode(input);
  const audit = { at: now, actorId: session.userId, subjectId: session.userId, ip: req.ip };
  if (result.kind === 'locked') throw lockedError(d, result, now);
  if (result.kind === 'rejected') {
    const events: AuditEvent[] = [{ ...audit, type: 'code.rejected', detail: { purpose: 'login', recovery: true, malformed: normalized === null } }];
    if (result.lockedNow) events.push({ ...audit, type: 'code.locked', detail: { hard: result.hard } });
    await d.store.audit(events);
    if (result.lockedNow) throw lockedError(d, { lockedUntil: now + policy.codeLockSeconds * 1000, hard: result.hard }, now);
    throw new CbError('invalid_code', 'That recovery code is not right.');
  }
  const user = await userOf();
  const cookie = await promote(d, session, 'pwd recovery');
  // The login was promoted by a parallel request (its SMS code, another recovery code): this
  // code is spent all the same, as a code that reached the server must be.
  if (!cookie) throw new CbError('code_expired', 'This sign-in has already been completed.');
  await d.store.audit([
    { ...audit, type: 'recovery_code.used', detail: { left: result.left } },
    { ...audit, type: 'login.succeeded', actorId: user.id, subjectId: user.id, detail: { amr: 'pwd recovery' } },
  ]);
  return { body: { step: 'authenticated', user }, cookie };
}
