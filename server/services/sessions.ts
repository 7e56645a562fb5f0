/**
 * Session lifecycle (NIST SP 800-63B §5.1, OWASP ASVS V7): 256-bit random ids, stored only as a
 * keyed hash; a new id at every step up; pending logins live 10 minutes; complete sessions end
 * after an absolute lifetime or an idle period.
 * @module
 */
import { randomToken } from '../crypto/random.js';
import type { Amr, AuditEvent, FactorState, PendingStep, Session, Settings } from '../store/store.js';
import type { Deps, RequestFacts } from './deps.js';
import type { CbUser } from '../identity/identity.js';
import { isBuiltinIdentity, toUser } from '../identity/builtin.js';
import { hashScope } from './hash-scope.js';

/**
 * Sessions are stored by a keyed hash of their id. A plain SHA-256 would do for 256-bit random
 * ids; the HMAC is as strong and, through Web Crypto, about three times cheaper per call.
 */
const sessionIdHash = (d: Pick<Deps, 'hmac' | 'store'>, token: string) => d.hmac.sign(`session:${hashScope(d.store.portalId)}${token}`);

/** What the router must do with the cookie after a service ran. */
export type CookieChange = { set: string; maxAgeSeconds: number } | { clear: true } | null;

export interface Issued {
  session: Session;
  cookie: CookieChange;
}

/** A new session under a fresh random id; pending ones live minutes, complete ones hours. */
async function createSession(
  d: Deps,
  req: RequestFacts,
  userId: string,
  kind: { status: 'pending'; step: PendingStep; generation: number } | { status: 'complete'; amr: Amr },
): Promise<Issued> {
  const token = randomToken(d.random);
  const now = d.clock();
  const ttl = kind.status === 'pending' ? d.policy.pendingSessionSeconds : d.policy.sessionSeconds;
  const session: Session = {
    idHash: await sessionIdHash(d, token),
    userId,
    status: kind.status,
    step: kind.status === 'pending' ? kind.step : null,
    amr: kind.status === 'pending' ? 'pwd' : kind.amr,
    createdAt: now,
    expiresAt: now + ttl * 1000,
    lastSeenAt: now,
    ip: req.ip,
    generation: kind.status === 'pending' ? kind.generation : 0,
  };
  await d.store.createSession(session);
  return { session, cookie: { set: token, maxAgeSeconds: ttl } };
}

/** `generation`: the settings generation the login begins in; its steps are refused once it is old. */
export const createPendingSession = (d: Deps, req: RequestFacts, userId: string, step: PendingStep, generation: number) =>
  createSession(d, req, userId, { status: 'pending', step, generation });

export const createCompleteSession = (d: Deps, req: RequestFacts, userId: string, amr: Amr) =>
  createSession(d, req, userId, { status: 'complete', amr });

/** A complete session's new id and lifetime, for the promotion of a pending login. */
export interface NextSession {
  token: string;
  next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>;
  cookie: CookieChange;
}

export async function nextSession(d: Deps, amr: Amr): Promise<NextSession> {
  const token = randomToken(d.random);
  const now = d.clock();
  return {
    token,
    next: {
      idHash: await sessionIdHash(d, token),
      amr,
      expiresAt: now + d.policy.sessionSeconds * 1000,
      lastSeenAt: now,
      // The login's code (or recovery code) is the session's first second factor: a step-up within its age needs none.
      secondFactorAt: amr === 'pwd' ? null : now,
    },
    cookie: { set: token, maxAgeSeconds: d.policy.sessionSeconds },
  };
}

/**
 * Steps a pending login up to a complete session under a fresh id; the pending id dies. Returns
 * null when another request promoted it first, and then `events` are not written.
 */
export async function promote(d: Deps, pending: Session, amr: Amr, events: AuditEvent[] = []): Promise<CookieChange> {
  const { next, cookie } = await nextSession(d, amr);
  let ok: boolean;
  // With events, written with the promotion in one round trip where the store can, and only if it won.
  if (events.length && d.store.promoteSessionAudited) ok = await d.store.promoteSessionAudited(pending.idHash, next, events);
  else {
    ok = await d.store.promoteSession(pending.idHash, next);
    if (ok && events.length) await d.store.audit(events);
  }
  return ok ? cookie : null;
}

/**
 * Records a step-up on a complete session under a fresh id (a new privilege, a new id: OWASP
 * session management); the old id dies. The session keeps its absolute end. Null when another
 * request stepped it up first.
 */
export async function stepUpRotate(d: Deps, session: Session, at: number): Promise<CookieChange> {
  const token = randomToken(d.random);
  const ok = await d.store.stepUpSession(session.idHash, { idHash: await sessionIdHash(d, token), secondFactorAt: at, lastSeenAt: at });
  return ok ? { set: token, maxAgeSeconds: Math.max(1, Math.floor((session.expiresAt - at) / 1000)) } : null;
}

/** The user read together with a loaded session (the built-in identity's join): null if gone. */
const usersReadWith = new WeakMap<Session, CbUser | null>();

/** The settings and the user's enrollment and skip read with a loaded session, until the request's first use of them. */
const standingsReadWith = new WeakMap<Session, { settings: Settings; state: FactorState }>();

/**
 * The standing read with the session, once: the first read of a request's standing is the one made
 * with its session, a few microseconds earlier; any later read (after a write of the request's
 * own) goes to the store.
 */
export function takeStandingReadWith(session: Session): { settings: Settings; state: FactorState } | undefined {
  const standing = standingsReadWith.get(session);
  standingsReadWith.delete(session);
  return standing;
}

/** The user read with the session (the built-in identity's join); undefined when it was not read with it, null when gone. */
export const userReadWith = (session: Session): CbUser | null | undefined => usersReadWith.get(session);

/** The session's user: the one read with it (the built-in identity's join), else the identity's; null if gone. */
export async function sessionUser(d: Deps, session: Session): Promise<CbUser | null> {
  const known = usersReadWith.get(session);
  return known !== undefined ? known : d.identity.getUser(session.userId);
}

/**
 * Loads a live session for a cookie value; expired and idle sessions are deleted and read as
 * none. With the built-in identity the account comes in the same indexed read (`sessionUser`), so
 * a step that answers with the user, or a signed-in request, reads nothing more; a role change
 * or a removed account counts at the very next request. Another identity's `getUser` is the
 * host's own read.
 */
export async function loadSession(d: Deps, token: string | undefined): Promise<Session | null> {
  if (!token || token.length > 128) return null;
  const idHash = await sessionIdHash(d, token);
  if (d.store.findSessionWithAccount && isBuiltinIdentity(d.identity)) {
    const found = await d.store.findSessionWithAccount(idHash);
    const session = found && (await live(d, found.session));
    if (session) {
      usersReadWith.set(session, found!.account ? toUser(found!.account) : null);
      if (found!.standing) standingsReadWith.set(session, found!.standing);
    }
    return session;
  }
  const session = await d.store.findSession(idHash);
  return session ? live(d, session) : null;
}

/** A complete session and its user, or null: pending logins and removed users are not signed in. */
export async function loadSignedIn(d: Deps, token: string | undefined): Promise<{ session: Session; user: CbUser } | null> {
  const session = await loadSession(d, token);
  if (session?.status !== 'complete') return null;
  const user = await sessionUser(d, session);
  return user ? { session, user } : null;
}

/** The session if it is still live: expired and idle ones are deleted and read as none. */
async function live(d: Deps, session: Session): Promise<Session | null> {
  const now = d.clock();
  const idle = session.status === 'complete' && now - session.lastSeenAt > d.policy.idleSeconds * 1000;
  if (session.expiresAt <= now || idle) {
    await d.store.deleteSession(session.idHash);
    return null;
  }
  // Refreshing the idle clock at most once a minute keeps a write off most requests.
  if (session.status === 'complete' && now - session.lastSeenAt > 60_000) {
    await d.store.touchSession(session.idHash, now);
    session.lastSeenAt = now;
  }
  return session;
}
