/**
 * One fuzz step: send a call, hold the answer to the contract's rules and, when it was refused,
 * the database to the refusal rule. Throws with the call, the answer and every broken rule.
 */
import { createHmac } from '../../../server/crypto/hash.js';
import { hashScope } from '../../../server/services/hash-scope.js';
import { SECRET } from '../../support/harness.js';
import type { DbState } from './db-state.js';
import { answerProblems, describeAnswer, describeCall, routeOf, type Answer, type Call } from './exchange.js';
import { refusalViolations } from './refusal-rule.js';
import type { Tally } from './tally.js';
import type { World } from './world.js';

const hmac = createHmac(SECRET);

/**
 * The stored ids of every session a request's cookies could name (as `services/sessions.ts`
 * stores them: an HMAC of the raw value), whichever cookie name and decoding the router applies.
 */
async function carriedSessions(call: Call, portalId: string): Promise<Set<string>> {
  const values = new Set<string>();
  for (const [name, header] of call.headers) {
    if (name.toLowerCase() !== 'cookie') continue;
    for (const pair of header.split(/[;,]/)) {
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      values.add(value);
      try {
        values.add(decodeURIComponent(value));
      } catch {
        /* not percent-encoded */
      }
    }
  }
  // As the router hashes a cookie: bound to its portal (the harness's browsers ask for the demo's).
  return new Set(await Promise.all([...values].map((v) => hmac.sign(`session:${hashScope(portalId)}${v}`))));
}

/** The built-in prototypes' own keys before any case: a `__proto__` or `constructor` key in a body must never add one. */
const PROTOTYPES: Array<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
];
const pristine = new Map(PROTOTYPES.map(([name, proto]) => [name, Reflect.ownKeys(proto).length]));

function pollution(): string[] {
  return PROTOTYPES.filter(([name, proto]) => Reflect.ownKeys(proto).length !== pristine.get(name)).map(
    ([name, proto]) => `${name} was polluted: ${Reflect.ownKeys(proto).map(String).join(', ')}`,
  );
}

export class RuleBroken extends Error {
  override name = 'RuleBroken';
}

/** `before` is the database as it was just before the call (from `world.reset()` or `world.read()`). */
export async function sendAndCheck(world: World, call: Call, before: DbState, tally?: Tally): Promise<Answer> {
  const now = world.h.clock.now;
  const answer = await world.send(call);
  tally?.add(answer);
  const problems = [...answerProblems(call, answer, { phones: world.phones }), ...pollution()];
  if (answer.status >= 400 && answer.status < 500) {
    const after = await world.read();
    const error = (answer.json as { error?: { code?: unknown } } | undefined)?.error;
    problems.push(
      ...refusalViolations(before, after, {
        method: call.method.toUpperCase(),
        route: routeOf(call.path),
        status: answer.status,
        code: typeof error?.code === 'string' ? error.code : 'none',
        now,
        idleMs: world.idleMs,
        carried: await carriedSessions(call, world.h.store.portalId),
      }),
    );
  }
  if (problems.length > 0) throw new RuleBroken(`${describeCall(call)}\n→ ${describeAnswer(answer)}\n- ${problems.join('\n- ')}`);
  return answer;
}
