/**
 * Steps of a user's or an attacker's session, as data (so a failing sequence prints readably):
 * the flow's own calls with right or wrong values, arbitrary hostile calls, and the clock moving.
 * Each actor keeps its cookie jar across the sequence, like a browser.
 */
import fc from 'fast-check';
import { adminContactResetPath, routes } from '../../../protocol/routes.js';
import { PASSWORD, PHONE } from '../../support/harness.js';
import { anyJson, oddString, wildCall, type Targets } from './arbitraries.js';
import { MOUNT, ORIGIN, type Answer, type Call } from './exchange.js';
import { ACTORS, LEE_PHONE, type World } from './world.js';

/** The world's actors, and two browsers that start with no cookie. */
export const SEQUENCE_ACTORS = [...ACTORS, 'newcomer', 'attacker'] as const;
export type SequenceActor = (typeof SEQUENCE_ACTORS)[number];

const EMAILS = ['demo@example.com', 'pat@example.com', 'lee@acme.example', 'admin@example.com', 'staff@example.com', 'nobody@example.com'] as const;
export const PHONES = [PHONE, LEE_PHONE, '+12025550199'] as const;

/** A code to submit: the newest one the outbox holds for a phone (often right), or any value. */
export type CodeChoice = { newestTo: string } | { value: unknown };

export type Action =
  | { do: 'login'; email: string; password: string }
  | { do: 'phone'; phone: unknown; country?: unknown }
  | { do: 'confirm' | 'verify'; code: CodeChoice }
  | { do: 'resend' | 'skip' | 'logout' | 'optIn' | 'session' | 'delivery' | 'getSettings' | 'audit' }
  | { do: 'settings'; enabled: unknown; allowOptOut: unknown }
  | { do: 'contacts'; organizationId?: string }
  | { do: 'reset'; contactId: string }
  /** Anything at all, with whatever cookie the generator chose. */
  | { do: 'raw'; call: Call };

export type Step = { by: SequenceActor; action: Action; sameOrigin: boolean } | { wait: number };

const code: fc.Arbitrary<CodeChoice> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PHONES).map((to) => ({ newestTo: to })) },
  { weight: 2, arbitrary: fc.stringMatching(/^\d{6}$/).map((value) => ({ value })) },
  { weight: 1, arbitrary: anyJson.map((value) => ({ value })) },
);

export function actionArbitrary(t: Targets): fc.Arbitrary<Action> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ do: fc.constant('login' as const), email: fc.constantFrom(...EMAILS), password: fc.oneof({ weight: 5, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: fc.constantFrom('wrong', '', PASSWORD.toUpperCase()) }) }) },
    { weight: 4, arbitrary: fc.record({ do: fc.constant('phone' as const), phone: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PHONES) }, { weight: 1, arbitrary: anyJson }), country: fc.option(fc.constantFrom('US', 'CA', 'GB', 'zz'), { nil: undefined }) }, { requiredKeys: ['do', 'phone'] }) },
    { weight: 4, arbitrary: fc.record({ do: fc.constant('confirm' as const), code }) },
    { weight: 5, arbitrary: fc.record({ do: fc.constant('verify' as const), code }) },
    { weight: 5, arbitrary: fc.constantFrom('resend', 'skip', 'logout', 'optIn', 'session', 'delivery', 'getSettings', 'audit').map((d) => ({ do: d }) as Action) },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('settings' as const), enabled: fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anyJson }), allowOptOut: fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anyJson }) }) },
    { weight: 1, arbitrary: fc.record({ do: fc.constant('contacts' as const), organizationId: fc.option(fc.oneof(fc.constantFrom('org-demo', 'org-acme'), oddString), { nil: undefined }) }, { requiredKeys: ['do'] }) },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('reset' as const), contactId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('usr-demo', 'usr-pat', 'usr-lee', 'usr-admin') }, { weight: 1, arbitrary: oddString }) }) },
    { weight: 3, arbitrary: wildCall(t).map((call) => ({ do: 'raw' as const, call })) },
  );
}

/** Who usually makes each kind of call: the flow's own actors, so that calls reach the step behind the session check. */
const USUAL: Record<Action['do'], readonly SequenceActor[]> = {
  login: ['newcomer', 'attacker', 'demoVerify', 'patEnroll', 'leeConfirm'],
  phone: ['patEnroll', 'leeConfirm', 'newcomer', 'attacker'],
  confirm: ['leeConfirm', 'patEnroll', 'newcomer', 'attacker'],
  verify: ['demoVerify', 'newcomer', 'attacker'],
  resend: ['demoVerify', 'leeConfirm', 'newcomer'],
  skip: ['patEnroll', 'leeConfirm', 'newcomer', 'attacker'],
  logout: SEQUENCE_ACTORS,
  optIn: ['patComplete', 'demoComplete', 'newcomer'],
  session: SEQUENCE_ACTORS,
  delivery: ['demoVerify', 'leeConfirm'],
  getSettings: ['admin', 'staff'],
  audit: ['admin', 'staff'],
  settings: ['admin', 'admin', 'staff'],
  contacts: ['admin', 'staff'],
  reset: ['admin', 'staff'],
  raw: SEQUENCE_ACTORS,
};

export function stepArbitrary(t: Targets): fc.Arbitrary<Step> {
  const call = actionArbitrary(t).chain((action) =>
    fc.record({
      by: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...USUAL[action.do]) }, { weight: 1, arbitrary: fc.constantFrom(...SEQUENCE_ACTORS) }),
      action: fc.constant(action),
      sameOrigin: fc.boolean(),
    }),
  );
  return fc.oneof(
    { weight: 12, arbitrary: call },
    // The resend countdown, a code's life, a pending login's, the lock window, the idle timeout.
    { weight: 1, arbitrary: fc.record({ wait: fc.constantFrom(1, 31, 301, 601, 901, 1_801) }) },
  );
}

/** Cookie jars of a sequence's actors: the world's sessions at the start, then what answers set. */
export class Jars {
  private readonly jars = new Map<SequenceActor, Map<string, string>>();
  constructor(world: World) {
    for (const a of ACTORS) this.jars.set(a, new Map([['cb_session', world.tokens[a]]]));
  }
  header(by: SequenceActor): string | undefined {
    const jar = this.jars.get(by);
    if (!jar || jar.size === 0) return undefined;
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  update(by: SequenceActor, answer: Answer): void {
    let jar = this.jars.get(by);
    if (!jar) this.jars.set(by, (jar = new Map()));
    for (const line of answer.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || attrs.some((a) => /max-age=0/i.test(a.trim()))) jar.delete(name);
      else jar.set(name, value);
    }
  }
}

const IP_OF: Record<SequenceActor, string> = {
  admin: '198.51.100.1',
  staff: '198.51.100.2',
  demoVerify: '203.0.113.11',
  demoComplete: '203.0.113.10',
  patEnroll: '203.0.113.20',
  patComplete: '203.0.113.21',
  leeConfirm: '203.0.113.31',
  leeExpired: '203.0.113.30',
  newcomer: '192.0.2.10',
  attacker: '2001:db8::666',
};

/** The wire call of a step, with the actor's cookie and, for the flow's own calls, the headers the elements send. */
export function callOf(step: Extract<Step, { by: SequenceActor }>, jars: Jars, world: World): Call {
  const { action, by } = step;
  if (action.do === 'raw') return { ...action.call, ip: IP_OF[by] };
  const cookie = jars.header(by);
  const headers = (json: boolean): Array<[string, string]> => [
    ...(json ? ([['content-type', 'application/json']] as Array<[string, string]>) : []),
    ...(step.sameOrigin ? ([['origin', ORIGIN]] as Array<[string, string]>) : []),
    ...(cookie ? ([['cookie', cookie]] as Array<[string, string]>) : []),
  ];
  const post = (path: string, body: unknown = {}, method = 'POST'): Call => ({ method, path: `${MOUNT}${path}`, headers: headers(true), body: JSON.stringify(body) ?? 'null', ip: IP_OF[by] });
  const get = (path: string): Call => ({ method: 'GET', path: `${MOUNT}${path}`, headers: headers(false), ip: IP_OF[by] });
  const codeValue = (c: CodeChoice) => ('newestTo' in c ? (world.h.outbox.lastCode(c.newestTo) ?? '000000') : c.value);
  switch (action.do) {
    case 'login':
      return post(routes.login, { email: action.email, password: action.password });
    case 'phone':
      return post(routes.enrollPhone, action.country === undefined ? { phone: action.phone } : { phone: action.phone, country: action.country });
    case 'confirm':
      return post(routes.enrollConfirm, { code: codeValue(action.code) });
    case 'verify':
      return post(routes.verify, { code: codeValue(action.code) });
    case 'resend':
      return post(routes.resend);
    case 'skip':
      return post(routes.enrollSkip);
    case 'logout':
      return post(routes.logout);
    case 'optIn':
      return post(routes.optIn);
    case 'session':
      return get(routes.session);
    case 'delivery':
      return get('/delivery');
    case 'getSettings':
      return get(routes.adminSettings);
    case 'audit':
      return get(`${routes.adminAudit}?limit=5`);
    case 'settings':
      return post(routes.adminSettings, { enabled: action.enabled, allowOptOut: action.allowOptOut }, 'PUT');
    case 'contacts':
      return get(`${routes.adminContacts}${action.organizationId === undefined ? '' : `?organizationId=${encodeURIComponent(action.organizationId.replace(/[\ud800-\udfff]/g, ''))}`}`);
    case 'reset':
      return post(adminContactResetPath(action.contactId.replace(/[\ud800-\udfff]/g, '')));
  }
}
