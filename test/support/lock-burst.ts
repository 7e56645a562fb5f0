/**
 * The account-lock burst of the CVE-2024-4629 class: one enrolled account opens four pending
 * logins, then sends 15 wrong codes and the right one in one burst, spread over the logins and
 * over the instances given. Used on libSQL and on two instances sharing PostgreSQL.
 */
import { expect } from 'vitest';
import { PHONE, type Browser, type Harness } from './harness.js';

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

/** Send limits out of the way: the burst's own logins would otherwise meet them first. */
export const burstPolicy = {
  sendsPerAccount: { limit: 1_000, windowSeconds: 86_400 },
  sendsPerPhone: { limit: 1_000, windowSeconds: 600 },
  sendsPerIp: { limit: 1_000, windowSeconds: 3_600 },
};

export interface BurstOutcome {
  wrongEvaluated: number;
  accepted: boolean;
  locked: boolean;
}

/**
 * One round: `instances` share one database (a single harness, or two). `round` moves the right
 * code through the burst, so over the rounds it races from every position. Asserts the rule: at
 * most 10 wrong codes evaluated, and no code accepted after the lock was written.
 */
export async function lockBurst(instances: Harness[], round: number, email = 'demo@example.com', userId = 'usr-demo'): Promise<BurstOutcome> {
  const on = (i: number) => instances[i % instances.length]!;
  const since = Math.min(...instances.map((h) => h.clock.now));
  const logins: { b: Browser; code: string }[] = [];
  for (let i = 0; i < 4; i++) {
    const h = on(i);
    const b = h.browser(`203.0.113.${20 + i}`);
    const res = await b.login(email);
    expect(res.body.step).toBe('verify');
    logins.push({ b, code: h.outbox.lastCode(PHONE)! });
  }
  // The browsers keep their cookies; any instance serves any of them, as behind one hostname.
  const rightAt = round % 16;
  const burst = Array.from({ length: 16 }, (_, i) => {
    const login = logins[i % 4]!;
    const code = i === rightAt ? login.code : wrongFor(login.code);
    return routed(login.b, on(i + round)).post('/verify', { code });
  });
  const replies = await Promise.all(burst);
  expect(replies.every((r) => r.status < 500)).toBe(true);

  const events = (await on(0).store.listAudit({ subjectId: userId, limit: 1_000 })).filter((e) => e.at >= since).reverse();
  const wrongEvaluated = events.filter((e) => e.type === 'code.rejected').length;
  const lockedAt = events.findIndex((e) => e.type === 'code.locked');
  const verified = events.filter((e) => e.type === 'code.verified').length;
  expect(wrongEvaluated).toBeLessThanOrEqual(10);
  const accepted = replies[rightAt]!.status === 200;
  expect(verified).toBe(accepted ? 1 : 0);
  // Refused, the right code was refused by the lock, not judged wrong.
  if (!accepted) expect(replies[rightAt]!.status).toBe(429);
  // Once locked, the right code of another login is refused too.
  if (lockedAt >= 0) {
    const other = logins[(rightAt + 1) % 4]!;
    const res = await routed(other.b, on(round + 1)).post('/verify', { code: other.code });
    expect(res.status).toBe(429);
  }
  return { wrongEvaluated, accepted, locked: lockedAt >= 0 };
}

/** The same browser (its cookies) talking to another instance. */
function routed(b: Browser, to: Harness): Browser {
  return new Proxy(b, {
    get(target, prop, receiver) {
      if (prop === 'h') return to;
      return Reflect.get(target, prop, receiver);
    },
  });
}
