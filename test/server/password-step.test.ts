/**
 * The password step (spec §5): 5 failures for one account in 15 minutes, or 50 from one IP
 * (IPv6 by /64), give 429 with Retry-After; an unknown email and a wrong password cost the same
 * hashing work and give the same response, and a refused request hashes nothing. Failures are
 * audited with the account they were aimed at; refusals once per window. The client IP comes from
 * the socket unless the host trusts a proxy; limits key on the route, not the path.
 */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { pbkdf2Hasher, type PasswordHasher } from '../../server/index.js';
import { createHarness, PASSWORD, type Harness } from '../support/harness.js';

function countingHasher() {
  const inner = pbkdf2Hasher({ iterations: 1_000 });
  const counter = { hashes: 0 };
  const hasher: PasswordHasher = {
    hash: (p) => inner.hash(p),
    verify: (p, s) => (counter.hashes++, inner.verify(p, s)),
    burn: (p) => (counter.hashes++, inner.burn(p)),
  };
  return { hasher, counter };
}

let h: Harness;
let counter: { hashes: number };
beforeEach(async () => {
  const c = countingHasher();
  counter = c.counter;
  h = await createHarness({ hasher: c.hasher });
});

describe('responses', () => {
  it('an unknown email and a wrong password get the same status and body, and both hash once', async () => {
    const b = h.browser();
    counter.hashes = 0;
    const unknown = await b.login('nobody@example.com', 'whatever');
    expect(counter.hashes).toBe(1);
    counter.hashes = 0;
    const wrong = await b.login('demo@example.com', 'whatever');
    expect(counter.hashes).toBe(1);
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('a locked account hashes nothing, and answers like a locked unknown email', async () => {
    const b = h.browser();
    for (let i = 0; i < 5; i++) {
      await b.login('demo@example.com', 'nope');
      await b.login('ghost@example.com', 'nope');
    }
    counter.hashes = 0;
    const locked = await b.login('demo@example.com', PASSWORD);
    const ghost = await b.login('ghost@example.com', 'nope');
    expect(counter.hashes).toBe(0);
    expect(locked.status).toBe(429);
    expect(ghost.status).toBe(429);
    expect(locked.body).toEqual(ghost.body);
    expect(locked.headers.get('retry-after')).toBe(ghost.headers.get('retry-after'));
  });
});

describe('per account', () => {
  it('5 failures in 15 minutes lock the account, whatever the IP or the email spelling', async () => {
    const spellings = ['demo@example.com', 'DEMO@example.com', ' demo@Example.com ', 'demo@example.com', 'Demo@example.com'];
    for (const [i, email] of spellings.entries()) {
      expect((await h.browser(`203.0.113.${i + 10}`).login(email, 'nope')).status).toBe(401);
    }
    const res = await h.browser('198.51.100.77').login('demo@example.com', PASSWORD);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // The window slides: failures count until two windows after the first began, never less than one.
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1800);

    h.clock.advance(wait - 1);
    expect((await h.browser().login('demo@example.com')).status).toBe(429);
    h.clock.advance(1);
    expect((await h.browser().login('demo@example.com')).status).toBe(200);
  });

  it('4 failures then the right password sign in, and the success is not counted', async () => {
    const b = h.browser();
    for (let i = 0; i < 4; i++) await b.login('demo@example.com', 'nope');
    expect((await b.login('demo@example.com')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await h.browser().login('demo@example.com')).status).toBe(200);
  });
});

describe('audit', () => {
  const rows = async (type: string) => (await h.store.listAudit({ limit: 1000 })).filter((e) => e.type === type);

  it('a failure names the existing account it was aimed at, an unknown email none; the answers stay identical', async () => {
    const wrong = await h.browser('203.0.113.20').login('Demo@Example.com', 'nope');
    const unknown = await h.browser('203.0.113.21').login('ghost@example.com', 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const failed = await rows('login.failed');
    expect(failed.find((e) => e.ip === '203.0.113.20')).toMatchObject({ subjectId: 'usr-demo', actorId: null });
    expect(failed.find((e) => e.ip === '203.0.113.21')).toMatchObject({ subjectId: null, actorId: null });
  });

  it('hammering a locked account writes one refusal row, naming the limit, never the password', async () => {
    for (let i = 0; i < 5; i++) await h.browser(`203.0.113.${30 + i}`).login('demo@example.com', `wrong-${i}`);
    for (let i = 0; i < 40; i++) {
      expect((await h.browser(`198.51.100.${i + 1}`).login('demo@example.com', `guess-${i}`)).status).toBe(429);
    }
    const refused = await rows('login.rate_limited');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ ip: '198.51.100.1', detail: { limits: ['account'] } });
    expect(refused[0]!.detail!.retryAfter).toBeGreaterThan(0);
    expect(await rows('login.failed')).toHaveLength(5);
    const logged = JSON.stringify(await h.store.listAudit({ limit: 1000 }));
    for (const secret of ['wrong-', 'guess-', PASSWORD]) expect(logged).not.toContain(secret);

    // Once both windows are over, a new lockout is a new event.
    h.clock.advance(2 * 15 * 60 + 1);
    for (let i = 0; i < 5; i++) await h.browser(`203.0.113.${40 + i}`).login('demo@example.com', 'nope');
    for (let i = 0; i < 3; i++) expect((await h.browser('198.51.100.99').login('demo@example.com')).status).toBe(429);
    expect(await rows('login.rate_limited')).toHaveLength(2);
  });

  it('hammering a locked IP with ever new emails writes one refusal row and hashes nothing', async () => {
    for (let i = 0; i < 50; i++) await h.browser('203.0.113.90').login(`user${i}@example.com`, 'nope');
    counter.hashes = 0;
    for (let i = 0; i < 60; i++) {
      expect((await h.browser('203.0.113.90').login(`spray${i}@example.com`, 'nope')).status).toBe(429);
    }
    expect(counter.hashes).toBe(0);
    const refused = await rows('login.rate_limited');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ ip: '203.0.113.90', detail: { limits: ['ip'] } });
  });
});

describe('per IP', () => {
  it('50 failures from one IP lock it out for every account; IPv6 counts by /64', async () => {
    for (let i = 0; i < 50; i++) {
      const ip = `2001:db8:abcd:12::${(i + 1).toString(16)}`;
      expect((await h.browser(ip).login(`user${i}@example.com`, 'nope')).status).toBe(401);
    }
    const res = await h.browser('2001:db8:abcd:12:1:2:3:4').login('demo@example.com');
    expect(res.status).toBe(429);
    expect((await h.browser('2001:db8:abcd:13::1').login('demo@example.com')).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless a trusted proxy is configured', async () => {
    for (let i = 0; i < 50; i++) {
      await h.browser('203.0.113.200').post('/login', { email: `u${i}@example.com`, password: 'nope' }, { 'x-forwarded-for': `10.0.${i}.1` });
    }
    // Spoofed headers did not spread the failures over 50 IPs: the socket IP is locked.
    expect((await h.browser('203.0.113.200').login('demo@example.com')).status).toBe(429);
  });

  it('uses the proxy header when the host trusts the proxy', async () => {
    h = await createHarness({ policy: { trustProxy: { header: 'x-forwarded-for', hops: 1 } } });
    for (let i = 0; i < 50; i++) {
      await h.browser('10.0.0.1').post('/login', { email: `u${i}@example.com`, password: 'nope' }, { 'x-forwarded-for': `198.51.100.9, 203.0.113.9` });
    }
    const blocked = await h.browser('10.0.0.1').post('/login', { email: 'demo@example.com', password: PASSWORD }, { 'x-forwarded-for': '203.0.113.9' });
    expect(blocked.status).toBe(429);
    const other = await h.browser('10.0.0.1').post('/login', { email: 'demo@example.com', password: PASSWORD }, { 'x-forwarded-for': '203.0.113.10' });
    expect(other.status).toBe(200);
  });
});

describe('keys', () => {
  it('the same router mounted at two paths shares one budget: limits key on the route', async () => {
    const host = new Hono();
    host.route('/a', h.tf.app);
    host.route('/b', h.tf.app);
    const env = { incoming: { socket: { remoteAddress: '203.0.113.5' } } };
    const post = (prefix: string, password: string) =>
      host.request(`http://portal.test${prefix}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'pat@example.com', password }) }, env);
    for (let i = 0; i < 5; i++) await post(i % 2 ? '/a' : '/b', 'nope');
    expect((await post('/a', PASSWORD)).status).toBe(429);
    expect((await post('/b', PASSWORD)).status).toBe(429);
  });

  it('counters hold no email or IP in clear', async () => {
    await h.browser('203.0.113.66').login('demo@example.com', 'nope');
    const rows = JSON.stringify((await h.client.execute('SELECT * FROM cb_rate_limits')).rows);
    expect(rows).not.toContain('demo@example.com');
    expect(rows).not.toContain('203.0.113.66');
  });
});

describe('hashing strength', () => {
  it('defaults to PBKDF2-SHA-256 with 600,000 iterations (OWASP)', async () => {
    const stored = await pbkdf2Hasher().hash('x');
    expect(stored).toMatch(/^pbkdf2-sha256\$600000\$/);
    expect(await pbkdf2Hasher().verify('x', stored)).toBe(true);
    expect(await pbkdf2Hasher().verify('y', stored)).toBe(false);
  });
});
