/**
 * Stored hashes of older parameters (spec §5): upgraded at the next successful login, and never
 * cheaper to check than an unknown email. Work is measured in PBKDF2 iterations, counted at Web
 * Crypto's `deriveBits`, never by a clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pbkdf2Hasher } from '../../server/index.js';
import { createHarness, PASSWORD, type Harness } from '../support/harness.js';

const CURRENT = 2_000;
const OLD = 1_000;
const current = pbkdf2Hasher({ iterations: CURRENT });

let h: Harness;
let iterations = 0;
beforeEach(async () => {
  h = await createHarness({ hasher: current });
  await h.store.accounts.ensureAccount({
    id: 'usr-old',
    email: 'old@example.com',
    name: 'Old Hash',
    organizationId: 'org-demo',
    role: 'contact',
    masterAdmin: false,
    passwordHash: await pbkdf2Hasher({ iterations: OLD }).hash(PASSWORD),
  });
  const deriveBits = crypto.subtle.deriveBits.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation(async (algorithm, key, length) => {
    iterations += (algorithm as Pbkdf2Params).iterations;
    return deriveBits(algorithm, key, length);
  });
});
afterEach(() => vi.restoreAllMocks());

/** The PBKDF2 iterations one request cost. */
async function work(run: () => Promise<unknown>): Promise<number> {
  iterations = 0;
  await run();
  return iterations;
}

const storedHash = async (id: string) => (await h.store.accounts.getAccount(id))!.passwordHash;

describe('rehash on sign-in', () => {
  it('a successful login stores a hash of the current parameters, which then verifies', async () => {
    expect(await storedHash('usr-old')).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect((await h.browser().login('old@example.com')).status).toBe(200);
    const upgraded = await storedHash('usr-old');
    expect(upgraded).toMatch(/^pbkdf2-sha256\$2000\$/);
    expect(await current.verify(PASSWORD, upgraded)).toBe(true);
    expect((await h.browser().login('old@example.com')).status).toBe(200);
    expect(await storedHash('usr-old')).toBe(upgraded);
  });

  it('a wrong password changes nothing, and a current hash is not rewritten', async () => {
    const old = await storedHash('usr-old');
    expect((await h.browser().login('old@example.com', 'nope')).status).toBe(401);
    expect(await storedHash('usr-old')).toBe(old);
    const demo = await storedHash('usr-demo');
    expect((await h.browser().login('demo@example.com')).status).toBe(200);
    expect(await storedHash('usr-demo')).toBe(demo);
  });
});

describe('work per request', () => {
  it('an unknown email costs what a weaker stored hash costs: the current parameters', async () => {
    const unknown = await work(() => h.browser('203.0.113.1').login('ghost@example.com', 'nope'));
    const weak = await work(() => h.browser('203.0.113.2').login('old@example.com', 'nope'));
    const same = await work(() => h.browser('203.0.113.3').login('demo@example.com', 'nope'));
    expect(unknown).toBe(CURRENT);
    expect(weak).toBe(unknown);
    expect(same).toBe(unknown);
  });

  it('a request refused by a limit derives nothing', async () => {
    for (let i = 0; i < 5; i++) await h.browser().login('old@example.com', 'nope');
    expect(await work(() => h.browser().login('old@example.com'))).toBe(0);
    expect(await work(() => h.browser().login('old@example.com', 'nope'))).toBe(0);
  });
});
