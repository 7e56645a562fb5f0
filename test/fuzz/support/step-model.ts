/**
 * A model of the sign-in state machine (spec §3 and the step rules of §5), to run against the real
 * router with `fc.commands`: the portal's settings and generation, each user's enrollment and
 * skip, and each browser's session (pending at a step with its code and tries, or complete).
 * Every command predicts the answer (status, error code, step) from the model alone and then
 * moves the model as the spec says the portal moves. Any difference is reported with the model.
 *
 * The send, password and lock limits are set out of reach by the property (they have their own
 * tests); the resend countdown, code lifetime, five tries per code and session lifetimes are
 * modelled.
 */
import type fc from 'fast-check';
import { PASSWORD, PHONE } from '../../support/harness.js';
import type { Tally } from './tally.js';
import { sendAndCheck } from './check.js';
import { MOUNT, ORIGIN, type Answer, type Call } from './exchange.js';
import { LEE_PHONE, type World } from './world.js';

const CODE_TTL = 300_000;
const PENDING_TTL = 600_000;
const COOLDOWN = 30_000;
const TOUCH_AFTER = 60_000;
const MAX_TRIES = 5;

export type UserKey = 'demo' | 'pat' | 'lee' | 'admin';
export const USERS: Record<UserKey, { id: string; email: string; contact: boolean }> = {
  demo: { id: 'usr-demo', email: 'demo@example.com', contact: true },
  pat: { id: 'usr-pat', email: 'pat@example.com', contact: true },
  lee: { id: 'usr-lee', email: 'lee@acme.example', contact: true },
  admin: { id: 'usr-admin', email: 'admin@example.com', contact: false },
};

interface Code {
  value: string;
  phone: string;
  sentAt: number;
  tries: number;
}
type Pending = { status: 'pending'; user: UserKey; step: 'enroll' | 'confirm' | 'verify'; generation: number; createdAt: number; code: Code | null; lastSendAt: number | null };
type Complete = { status: 'complete'; user: UserKey; amr: 'pwd' | 'pwd sms'; lastSeen: number };
type SessionModel = Pending | Complete;

export interface Model {
  settings: { enabled: boolean; allowOptOut: boolean; generation: number };
  users: Record<UserKey, { enrollment: { phone: string; generation: number } | null; skip: number | null }>;
  browsers: Array<SessionModel | null>;
  /** The browser that signed in last: most commands act on it, so runs get deep into the flow. */
  latest: number;
  idleMs: number;
}

/** A browser by number, or the one that signed in last. */
export type Target = number | 'latest';
const pick = (m: Model, t: Target) => (t === 'latest' ? m.latest : t);
const nameOf = (t: Target) => (t === 'latest' ? 'latest' : `b${t}`);

export interface Real {
  world: World;
  /** Each browser's `cb_session` cookie value. */
  cookies: Array<string | null>;
  /** The Master Admin's cookie, for the settings and the reset. */
  admin: string | null;
  tally: Tally;
}

export const BROWSERS = 3;

/** The model of the world's prepared portal (see `world.ts`), with no browser signed in yet. */
export function initialModel(world: World, generation: number): Model {
  return {
    settings: { enabled: true, allowOptOut: true, generation },
    users: {
      demo: { enrollment: { phone: PHONE, generation }, skip: null },
      pat: { enrollment: null, skip: generation },
      lee: { enrollment: null, skip: null },
      admin: { enrollment: null, skip: null },
    },
    browsers: Array.from({ length: BROWSERS }, () => null),
    latest: 0,
    idleMs: world.idleMs,
  };
}

const mask = (e164: string) => `xxx-xxx-${e164.slice(-4)}`;
const nowOf = (r: Real) => r.world.h.clock.now;

class Mismatch extends Error {
  override name = 'ModelMismatch';
}

/** The model's own reading of a browser's session at a request, as `loadSession` does it. */
function load(m: Model, b: number, now: number): SessionModel | null {
  const s = m.browsers[b];
  if (!s) return null;
  const dead = s.status === 'pending' ? s.createdAt + PENDING_TTL <= now : now - s.lastSeen > m.idleMs;
  if (dead) {
    m.browsers[b] = null;
    return null;
  }
  if (s.status === 'complete' && now - s.lastSeen > TOUCH_AFTER) s.lastSeen = now;
  return s;
}

function endSessionsOf(m: Model, user: UserKey): void {
  m.browsers.forEach((s, i) => {
    if (s?.user === user) m.browsers[i] = null;
  });
}

const enrolledNow = (m: Model, user: UserKey) => m.users[user].enrollment !== null && m.users[user].enrollment!.generation >= m.settings.generation;

/** Whether a pending login still belongs to the present (spec §5: every step re-checks it). */
function current(m: Model, s: Pending, need: 'enrolled' | 'unenrolled'): boolean {
  if (!m.settings.enabled || s.generation !== m.settings.generation) return false;
  if (need === 'unenrolled') return !enrolledNow(m, s.user);
  const e = m.users[s.user].enrollment;
  return e !== null && e.generation === s.generation && (s.code === null || e.phone === s.code.phone);
}

interface Expected {
  status: number;
  code?: string;
  body?: (json: any) => string | null;
}

const describeModel = (m: Model) => JSON.stringify(m);

async function exchange(r: Real, call: Call): Promise<Answer> {
  return sendAndCheck(r.world, call, await r.world.current(), r.tally);
}

function expectAnswer(what: string, m: Model, answer: Answer, want: Expected): void {
  const code = (answer.json as any)?.error?.code;
  const problem =
    answer.status !== want.status
      ? `status ${answer.status}, the model expects ${want.status}`
      : want.code !== undefined && code !== want.code
        ? `error ${code}, the model expects ${want.code}`
        : (want.body?.(answer.json) ?? null);
  if (problem) throw new Mismatch(`${what}: ${problem}\nanswer: ${answer.status} ${answer.text}\nmodel before: ${describeModel(m)}`);
}

function keepCookie(r: Real, b: number, answer: Answer): void {
  for (const line of answer.headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';');
    const at = pair.indexOf('=');
    if (pair.slice(0, at).trim() !== 'cb_session') continue;
    const value = pair.slice(at + 1).trim();
    r.cookies[b] = value === '' || attrs.some((a) => /max-age=0/i.test(a.trim())) ? null : value;
  }
}

function request(r: Real, cookie: string | null, method: string, path: string, body?: unknown): Call {
  const headers: Array<[string, string]> = [['origin', ORIGIN]];
  if (method !== 'GET') headers.push(['content-type', 'application/json']);
  if (cookie) headers.push(['cookie', `cb_session=${cookie}`]);
  return { method, path: `${MOUNT}${path}`, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}), ip: '203.0.113.50' };
}

/** The Master Admin's request; signs in again when the session has idled out. */
async function asAdmin(r: Real, method: string, path: string, body?: unknown): Promise<Answer> {
  let answer = await exchange(r, request(r, r.admin, method, path, body));
  if (answer.status === 401) {
    const login = await exchange(r, request(r, null, 'POST', '/login', { email: USERS.admin.email, password: PASSWORD }));
    r.admin = login.headers.getSetCookie().map((l) => /^cb_session=([^;]+)/.exec(l)?.[1]).find(Boolean) ?? null;
    answer = await exchange(r, request(r, r.admin, method, path, body));
  }
  return answer;
}

/** A code to submit: the right one, another six digits, or a malformed one (which still counts). */
export type CodeKind = 'right' | 'wrong' | 'padded' | 'number' | 'short';
const submitted = (kind: CodeKind, right: string | undefined): unknown => {
  const base = right ?? '000000';
  switch (kind) {
    case 'right':
      return base;
    case 'wrong':
      return String((Number(base) + 1) % 1_000_000).padStart(6, '0');
    case 'padded':
      return ` ${base}`;
    case 'number':
      return Number(base);
    case 'short':
      return base.slice(1);
  }
};

/** No session becomes complete without the right code while 2FA is on and the user is enrolled. */
function noBypass(what: string, m: Model, user: UserKey, answer: Answer, byRightCode: boolean): void {
  const authenticated = (answer.json as any)?.step === 'authenticated';
  const guarded = USERS[user].contact && m.settings.enabled && m.users[user].enrollment?.generation === m.settings.generation;
  if (authenticated && guarded && !byRightCode) {
    throw new Mismatch(`${what}: a complete session for enrolled ${user} without the right code\nanswer: ${answer.text}\nmodel: ${describeModel(m)}`);
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;

abstract class Base implements Cmd {
  check = () => true;
  abstract run(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
}

export class Login extends Base {
  constructor(readonly target: Target, readonly user: UserKey, readonly rightPassword: boolean) {
    super();
  }
  toString() {
    return `login(${nameOf(this.target)}, ${this.user}${this.rightPassword ? '' : ', wrong password'})`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const answer = await exchange(r, request(r, r.cookies[b]!, 'POST', '/login', { email: USERS[this.user].email, password: this.rightPassword ? PASSWORD : 'not the password' }));
    const now = nowOf(r);
    if (!this.rightPassword) {
      expectAnswer(String(this), m, answer, { status: 401, code: 'invalid_credentials' });
      return;
    }
    const u = m.users[this.user];
    const g = m.settings.generation;
    m.latest = b;
    noBypass(String(this), m, this.user, answer, false);
    keepCookie(r, b, answer);
    if (!USERS[this.user].contact || !m.settings.enabled) {
      expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'authenticated' && j.user.id === USERS[this.user].id ? null : 'not authenticated') });
      m.browsers[b] = { status: 'complete', user: this.user, amr: 'pwd', lastSeen: now };
    } else if (u.enrollment?.generation === g) {
      const phone = u.enrollment.phone;
      expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'verify' && j.maskedPhone === mask(phone) ? null : 'not verify to the enrolled phone') });
      const value = r.world.h.outbox.lastCode(phone)!;
      m.browsers[b] = { status: 'pending', user: this.user, step: 'verify', generation: g, createdAt: now, code: { value, phone, sentAt: now, tries: 0 }, lastSendAt: now };
    } else if (u.skip === g && m.settings.allowOptOut) {
      expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'authenticated' ? null : 'not authenticated after a skip') });
      m.browsers[b] = { status: 'complete', user: this.user, amr: 'pwd', lastSeen: now };
    } else {
      expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'enroll' && j.canSkip === m.settings.allowOptOut ? null : 'not enroll with canSkip = allowOptOut') });
      m.browsers[b] = { status: 'pending', user: this.user, step: 'enroll', generation: g, createdAt: now, code: null, lastSendAt: null };
    }
  }
}

/** Phone inputs: what is typed, the country chosen, and the E.164 the portal should make of it (null: refused). */
export const PHONE_INPUTS: ReadonlyArray<[string, string | undefined, string | null]> = [
  [PHONE, undefined, PHONE],
  [LEE_PHONE, undefined, LEE_PHONE],
  ['(202) 555-0199', 'US', '+12025550199'],
  ['+447700900123', undefined, null],
  ['12', 'US', null],
];

export class EnrollPhone extends Base {
  constructor(readonly target: Target, readonly input: number) {
    super();
  }
  toString() {
    return `enrollPhone(${nameOf(this.target)}, ${JSON.stringify(PHONE_INPUTS[this.input])})`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const [phone, country, e164] = PHONE_INPUTS[this.input]!;
    const answer = await exchange(r, request(r, r.cookies[b]!, 'POST', '/enroll/phone', country ? { phone, country } : { phone }));
    const now = nowOf(r);
    const s = load(m, b, now);
    if (!s || s.status !== 'pending') return expectAnswer(String(this), m, answer, { status: 401, code: 'unauthorized' });
    if (s.step === 'verify') return expectAnswer(String(this), m, answer, { status: 409, code: 'wrong_step' });
    if (!current(m, s, 'unenrolled')) {
      expectAnswer(String(this), m, answer, { status: 409, code: 'wrong_step' });
      m.browsers[b] = null;
      return;
    }
    if (e164 === null) return expectAnswer(String(this), m, answer, { status: 400, code: 'invalid_phone' });
    if (s.lastSendAt !== null && now - s.lastSendAt < COOLDOWN) return expectAnswer(String(this), m, answer, { status: 429, code: 'rate_limited' });
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'confirm' && j.maskedPhone === mask(e164) ? null : 'not confirm to that phone') });
    s.step = 'confirm';
    s.code = { value: r.world.h.outbox.lastCode(e164)!, phone: e164, sentAt: now, tries: 0 };
    s.lastSendAt = now;
  }
}

/** The code check both code steps share: the spec's order of expiry, staleness, tries and value. */
function checkCodeStep(what: string, m: Model, s: Pending, kind: CodeKind, answer: Answer, need: 'enrolled' | 'unenrolled', now: number): 'accepted' | 'refused' | 'ended' {
  const code = s.code!;
  if (code.sentAt + CODE_TTL <= now) {
    expectAnswer(what, m, answer, { status: 400, code: 'code_expired' });
    return 'refused';
  }
  if (!current(m, s, need)) {
    expectAnswer(what, m, answer, { status: 409, code: 'wrong_step' });
    return 'ended';
  }
  if (code.tries >= MAX_TRIES) {
    expectAnswer(what, m, answer, { status: 400, code: 'code_expired' });
    return 'refused';
  }
  if (kind === 'right') return 'accepted';
  code.tries++;
  const left = MAX_TRIES - code.tries;
  expectAnswer(what, m, answer, { status: 400, code: 'invalid_code', body: (j) => (j.error.attemptsLeft === left ? null : `attemptsLeft ${j.error.attemptsLeft}, the model expects ${left}`) });
  return 'refused';
}

export class Confirm extends Base {
  constructor(readonly target: Target, readonly kind: CodeKind) {
    super();
  }
  toString() {
    return `confirm(${nameOf(this.target)}, ${this.kind} code)`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const before = m.browsers[b];
    const value = before?.status === 'pending' ? before.code?.value : undefined;
    const answer = await exchange(r, request(r, r.cookies[b]!, 'POST', '/enroll/confirm', { code: submitted(this.kind, value) }));
    keepCookie(r, b, answer);
    const now = nowOf(r);
    const s = load(m, b, now);
    if (!s || s.status !== 'pending') return expectAnswer(String(this), m, answer, { status: 401, code: 'unauthorized' });
    if (s.step !== 'confirm') return expectAnswer(String(this), m, answer, { status: 409, code: 'wrong_step' });
    const outcome = checkCodeStep(String(this), m, s, this.kind, answer, 'unenrolled', now);
    if (outcome === 'ended') m.browsers[b] = null;
    if (outcome !== 'accepted') return;
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'login' ? null : 'not back to login') });
    m.users[s.user] = { enrollment: { phone: s.code!.phone, generation: s.generation }, skip: null };
    m.browsers[b] = null;
  }
}

export class Verify extends Base {
  constructor(readonly target: Target, readonly kind: CodeKind) {
    super();
  }
  toString() {
    return `verify(${nameOf(this.target)}, ${this.kind} code)`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const before = m.browsers[b];
    const value = before?.status === 'pending' ? before.code?.value : undefined;
    const answer = await exchange(r, request(r, r.cookies[b]!, 'POST', '/verify', { code: submitted(this.kind, value) }));
    keepCookie(r, b, answer);
    const now = nowOf(r);
    const s = load(m, b, now);
    if (s) noBypass(String(this), m, s.user, answer, this.kind === 'right' && s.status === 'pending' && s.step === 'verify');
    if (!s || s.status !== 'pending') return expectAnswer(String(this), m, answer, { status: 401, code: 'unauthorized' });
    if (s.step !== 'verify') return expectAnswer(String(this), m, answer, { status: 409, code: 'wrong_step' });
    const outcome = checkCodeStep(String(this), m, s, this.kind, answer, 'enrolled', now);
    if (outcome === 'ended') m.browsers[b] = null;
    if (outcome !== 'accepted') return;
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'authenticated' && j.user.id === USERS[s.user].id ? null : 'not authenticated') });
    m.browsers[b] = { status: 'complete', user: s.user, amr: 'pwd sms', lastSeen: now };
  }
}

export class Resend extends Base {
  constructor(readonly target: Target) {
    super();
  }
  toString() {
    return `resend(${nameOf(this.target)})`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const answer = await exchange(r, request(r, r.cookies[b]!, 'POST', '/resend'));
    const now = nowOf(r);
    const s = load(m, b, now);
    if (!s || s.status !== 'pending') return expectAnswer(String(this), m, answer, { status: 401, code: 'unauthorized' });
    if (s.step === 'enroll' || !s.code) return expectAnswer(String(this), m, answer, { status: 409, code: 'wrong_step' });
    const need = s.step === 'verify' ? 'enrolled' : 'unenrolled';
    // The resend re-checks the login, not the old code's phone: a new code goes to the same phone.
    const present = m.settings.enabled && s.generation === m.settings.generation && (need === 'enrolled' ? enrolledNow(m, s.user) : !enrolledNow(m, s.user));
    if (!present) {
      expectAnswer(String(this), m, answer, { status: 409, code: 'wrong_step' });
      m.browsers[b] = null;
      return;
    }
    if (s.lastSendAt !== null && now - s.lastSendAt < COOLDOWN) return expectAnswer(String(this), m, answer, { status: 429, code: 'rate_limited' });
    const phone = s.code.phone;
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.maskedPhone === mask(phone) ? null : 'not to the same phone') });
    s.code = { value: r.world.h.outbox.lastCode(phone)!, phone, sentAt: now, tries: 0 };
    s.lastSendAt = now;
  }
}

export class Skip extends Base {
  constructor(readonly target: Target) {
    super();
  }
  toString() {
    return `skip(${nameOf(this.target)})`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const answer = await exchange(r, request(r, r.cookies[b]!, 'POST', '/enroll/skip'));
    keepCookie(r, b, answer);
    const now = nowOf(r);
    const s = load(m, b, now);
    if (s) noBypass(String(this), m, s.user, answer, false);
    if (!s || s.status !== 'pending') return expectAnswer(String(this), m, answer, { status: 401, code: 'unauthorized' });
    if (s.step === 'verify') return expectAnswer(String(this), m, answer, { status: 409, code: 'wrong_step' });
    if (!current(m, s, 'unenrolled')) {
      expectAnswer(String(this), m, answer, { status: 409, code: 'wrong_step' });
      m.browsers[b] = null;
      return;
    }
    if (!m.settings.allowOptOut) return expectAnswer(String(this), m, answer, { status: 403, code: 'forbidden' });
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'authenticated' ? null : 'not authenticated') });
    m.users[s.user].skip = m.settings.generation;
    m.browsers[b] = { status: 'complete', user: s.user, amr: 'pwd', lastSeen: now };
  }
}

export class Logout extends Base {
  constructor(readonly target: Target) {
    super();
  }
  toString() {
    return `logout(${nameOf(this.target)})`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const answer = await exchange(r, request(r, r.cookies[b]!, 'POST', '/logout'));
    keepCookie(r, b, answer);
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'login' ? null : 'not login') });
    m.browsers[b] = null;
  }
}

export class OptIn extends Base {
  constructor(readonly target: Target) {
    super();
  }
  toString() {
    return `optIn(${nameOf(this.target)})`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const answer = await exchange(r, request(r, r.cookies[b]!, 'POST', '/opt-in'));
    keepCookie(r, b, answer);
    const s = load(m, b, nowOf(r));
    if (!s || s.status !== 'complete') return expectAnswer(String(this), m, answer, { status: 401, code: 'unauthorized' });
    const canOptIn = USERS[s.user].contact && m.settings.enabled && m.users[s.user].enrollment?.generation !== m.settings.generation;
    if (!canOptIn) return expectAnswer(String(this), m, answer, { status: 403, code: 'forbidden' });
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.step === 'login' ? null : 'not login') });
    m.users[s.user].skip = null;
    endSessionsOf(m, s.user);
  }
}

export class SessionInfo extends Base {
  constructor(readonly target: Target) {
    super();
  }
  toString() {
    return `session(${nameOf(this.target)})`;
  }
  async run(m: Model, r: Real) {
    const b = pick(m, this.target);
    const answer = await exchange(r, request(r, r.cookies[b]!, 'GET', '/session'));
    const s = load(m, b, nowOf(r));
    if (!s || s.status !== 'complete') return expectAnswer(String(this), m, answer, { status: 401, code: 'unauthorized' });
    const u = m.users[s.user];
    const applies = USERS[s.user].contact && m.settings.enabled;
    const enrolled = applies && u.enrollment?.generation === m.settings.generation;
    const want = { enrolled, skipped: applies && !enrolled && u.skip === m.settings.generation, canOptIn: applies && !enrolled };
    const amr = s.amr === 'pwd sms' ? ['pwd', 'sms'] : ['pwd'];
    expectAnswer(String(this), m, answer, {
      status: 200,
      body: (j) =>
        j.user?.id !== USERS[s.user].id
          ? `user ${j.user?.id}`
          : JSON.stringify(j.twoFactor) !== JSON.stringify(want)
            ? `twoFactor ${JSON.stringify(j.twoFactor)}, the model expects ${JSON.stringify(want)}`
            : JSON.stringify(j.amr) !== JSON.stringify(amr)
              ? `amr ${JSON.stringify(j.amr)}, the model expects ${JSON.stringify(amr)}`
              : null,
    });
  }
}

export class Settings extends Base {
  constructor(readonly enabled: boolean, readonly allowOptOut: boolean) {
    super();
  }
  toString() {
    return `settings(enabled ${this.enabled}, allowOptOut ${this.allowOptOut})`;
  }
  async run(m: Model, r: Real) {
    const answer = await asAdmin(r, 'PUT', '/admin/settings', { enabled: this.enabled, allowOptOut: this.allowOptOut });
    const generation = m.settings.generation + (!m.settings.enabled && this.enabled ? 1 : 0);
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.generation === generation && j.enabled === this.enabled && j.allowOptOut === this.allowOptOut ? null : `settings ${JSON.stringify(j)}, generation ${generation} expected`) });
    m.settings = { enabled: this.enabled, allowOptOut: this.allowOptOut, generation };
  }
}

export class AdminReset extends Base {
  constructor(readonly user: UserKey) {
    super();
  }
  toString() {
    return `adminReset(${this.user})`;
  }
  async run(m: Model, r: Real) {
    const answer = await asAdmin(r, 'POST', `/admin/contacts/${USERS[this.user].id}/two-factor/reset`);
    if (!USERS[this.user].contact) return expectAnswer(String(this), m, answer, { status: 404, code: 'not_found' });
    expectAnswer(String(this), m, answer, { status: 200, body: (j) => (j.twoFactor?.state === 'none' ? null : `state ${j.twoFactor?.state}`) });
    m.users[this.user] = { enrollment: null, skip: null };
    endSessionsOf(m, this.user);
  }
}

export class Wait extends Base {
  constructor(readonly seconds: number) {
    super();
  }
  toString() {
    return `wait(${this.seconds}s)`;
  }
  async run(_m: Model, r: Real) {
    r.world.h.clock.advance(this.seconds);
  }
}
