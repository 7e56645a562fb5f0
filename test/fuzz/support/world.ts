/**
 * A prepared portal for the fuzz properties: 2FA on with opt-out allowed, and one session at
 * every point of the flow, each held by a named actor (its raw cookie value is known). Between
 * cases the database and the clock go back to this state, so each case starts from the same
 * world without building a new portal.
 */
import type { Policy } from '../../../server/index.js';
import { createHarness, enroll, PHONE, setSettings, type Harness } from '../../support/harness.js';
import { readState, restoreState, type DbState } from './db-state.js';
import { send, type Answer, type Call } from './exchange.js';

/** Lee's phone, enrolled by nobody: Lee's login is at the confirm step with a code sent to it. */
export const LEE_PHONE = '+12025550187';

export const ACTORS = [
  /** Master Admin, complete session. */
  'admin',
  /** Admin without the Master Admin privilege, complete session. */
  'staff',
  /** Demo Owner, enrolled, pending login at `verify` with a code sent (`codes.demoVerify`). */
  'demoVerify',
  /** Demo Owner, complete session after the SMS code (`pwd sms`). */
  'demoComplete',
  /** Pat, pending login at `enroll`. */
  'patEnroll',
  /** Pat, complete session after "Skip for Now" (`pwd`). */
  'patComplete',
  /** Lee, pending login at `confirm` with a code sent to `LEE_PHONE` (`codes.leeConfirm`). */
  'leeConfirm',
  /** Lee, a pending login that has expired. */
  'leeExpired',
] as const;
export type Actor = (typeof ACTORS)[number];

export interface World {
  h: Harness;
  /** Each actor's raw `cb_session` cookie value. */
  tokens: Record<Actor, string>;
  /** The codes sent to the two logins that wait for one. */
  codes: { demoVerify: string; leeConfirm: string };
  /** Every full phone number the portal holds. */
  phones: string[];
  /** Inactivity timeout of complete sessions, in ms. */
  idleMs: number;
  /** Puts the database and the clock back to the prepared state and returns that state. */
  reset(): Promise<DbState>;
  /** Reads the database now (and remembers it, so the next reset rewrites only what changed). */
  read(): Promise<DbState>;
  /** The database as last read, or read now if a request ran since. */
  current(): Promise<DbState>;
  /** Sends one request; the database is then unknown until the next `read`. */
  send(call: Call): Promise<Answer>;
}

function tokenOf(cookies: Map<string, string>, who: string): string {
  const token = cookies.get('cb_session');
  if (!token) throw new Error(`fuzz world: ${who} has no session cookie`);
  return token;
}

export async function createWorld(options: { policy?: Partial<Policy> } = {}): Promise<World> {
  const h = await createHarness({ policy: options.policy });
  const step = (what: string, res: { status: number; body: any }, want: string) => {
    if (res.body?.step !== want) throw new Error(`fuzz world: ${what} gave ${res.status} ${JSON.stringify(res.body)}`);
  };

  const admin = await setSettings(h, true, true);
  const leeExpired = h.browser('203.0.113.30');
  step('Lee, first login', await leeExpired.login('lee@acme.example'), 'enroll');
  h.clock.advance(h.tf.policy.pendingSessionSeconds + 1);

  const staff = h.browser('198.51.100.2');
  step('staff login', await staff.login('staff@example.com'), 'authenticated');

  await enroll(h, 'demo@example.com');
  const demoComplete = h.browser('203.0.113.10');
  step('Demo, login', await demoComplete.login('demo@example.com'), 'verify');
  step('Demo, verify', await demoComplete.post('/verify', { code: demoComplete.code(PHONE) }), 'authenticated');
  h.clock.advance(h.tf.policy.resendCooldownSeconds + 1);
  const demoVerify = h.browser('203.0.113.11');
  step('Demo, second login', await demoVerify.login('demo@example.com'), 'verify');
  const demoCode = demoVerify.code(PHONE);

  const patEnroll = h.browser('203.0.113.20');
  step('Pat, login', await patEnroll.login('pat@example.com'), 'enroll');
  const patComplete = h.browser('203.0.113.21');
  step('Pat, second login', await patComplete.login('pat@example.com'), 'enroll');
  step('Pat, skip', await patComplete.post('/enroll/skip', {}), 'authenticated');

  const leeConfirm = h.browser('203.0.113.31');
  step('Lee, login', await leeConfirm.login('lee@acme.example'), 'enroll');
  step('Lee, phone', await leeConfirm.post('/enroll/phone', { phone: LEE_PHONE }), 'confirm');
  const leeCode = leeConfirm.code(LEE_PHONE);

  const tokens: Record<Actor, string> = {
    admin: tokenOf(admin.cookies, 'admin'),
    staff: tokenOf(staff.cookies, 'staff'),
    demoVerify: tokenOf(demoVerify.cookies, 'demoVerify'),
    demoComplete: tokenOf(demoComplete.cookies, 'demoComplete'),
    patEnroll: tokenOf(patEnroll.cookies, 'patEnroll'),
    patComplete: tokenOf(patComplete.cookies, 'patComplete'),
    leeConfirm: tokenOf(leeConfirm.cookies, 'leeConfirm'),
    leeExpired: tokenOf(leeExpired.cookies, 'leeExpired'),
  };

  const start = await readState(h.client);
  const startClock = h.clock.now;
  let known: DbState | null = start;
  const read = async () => {
    known = await readState(h.client);
    return known;
  };
  return {
    h,
    tokens,
    codes: { demoVerify: demoCode, leeConfirm: leeCode },
    phones: [PHONE, LEE_PHONE],
    idleMs: h.tf.policy.idleSeconds * 1000,
    async reset() {
      const current = known ?? (await readState(h.client));
      await restoreState(h.client, start, current);
      known = start;
      h.clock.now = startClock;
      return start;
    },
    read,
    async current() {
      return known ?? read();
    },
    async send(call) {
      known = null;
      return send(h, call);
    },
  };
}
