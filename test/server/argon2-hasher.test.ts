/**
 * argon2id on Node (spec §5): the PHC string at OWASP's first parameters, PBKDF2 and weaker argon2id
 * hashes upgraded at the next successful sign-in only, and unknown emails checked against an
 * argon2id hash of the same parameters. The binding is wrapped to count its calls, never timed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pbkdf2Hasher } from '../../server/index.js';
import { argon2Hasher } from '../../server/node/index.js';
import { createHarness, PASSWORD, type Harness } from '../support/harness.js';

const calls = vi.hoisted(() => ({ hash: [] as string[], verify: [] as string[] }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    hash: async (...a: Parameters<typeof real.hash>) => {
      const out = await real.hash(...a);
      calls.hash.push(out);
      return out;
    },
    verify: async (...a: Parameters<typeof real.verify>) => {
      calls.verify.push(String(a[0]));
      return real.verify(...a);
    },
  };
});

const CURRENT = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
const hasher = argon2Hasher();

let h: Harness;
const storedHash = async (id: string) => (await h.store.accounts.getAccount(id))!.passwordHash;
const addAccount = async (id: string, passwordHash: string) =>
  h.store.accounts.ensureAccount({ id, email: `${id}@example.com`, name: id, organizationId: 'org-demo', role: 'contact', masterAdmin: false, passwordHash });
let deriveBits = 0;

beforeEach(async () => {
  h = await createHarness({ hasher });
  await addAccount('usr-pbkdf2', await pbkdf2Hasher({ iterations: 1_000 }).hash(PASSWORD));
  await addAccount('usr-weak', await argon2Hasher({ memoryCost: 8_192, timeCost: 1 }).hash(PASSWORD));
  const real = crypto.subtle.deriveBits.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation(async (...a) => {
    deriveBits++;
    return real(...a);
  });
  // The timing dummy is made once per hasher, at its first need: made here, so that only the
  // requests' own hashing is counted below.
  await hasher.burn('warm');
  calls.hash.length = 0;
  calls.verify.length = 0;
  deriveBits = 0;
});
afterEach(() => vi.restoreAllMocks());

describe('argon2Hasher', () => {
  it('hashes to a PHC argon2id string at m = 19 MiB, t = 2, p = 1, with a salt of its own each time', async () => {
    const a = await hasher.hash(PASSWORD);
    const b = await hasher.hash(PASSWORD);
    expect(a).toMatch(CURRENT);
    expect(a).not.toBe(b);
    expect(await hasher.verify(PASSWORD, a)).toBe(true);
    expect(await hasher.verify('nope', a)).toBe(false);
    expect(hasher.needsRehash!(a)).toBe(false);
  });

  it('reads a PBKDF2 hash, refuses a malformed one, and asks to rehash both older formats', async () => {
    const old = await pbkdf2Hasher({ iterations: 1_000 }).hash(PASSWORD);
    expect(await hasher.verify(PASSWORD, old)).toBe(true);
    expect(await hasher.verify('nope', old)).toBe(false);
    expect(await hasher.verify(PASSWORD, '$argon2id$v=19$m=19456,t=2,p=1$garbage')).toBe(false);
    expect(await hasher.verify(PASSWORD, 'plain-text')).toBe(false);
    expect(hasher.needsRehash!(old)).toBe(true);
    expect(hasher.needsRehash!(await argon2Hasher({ timeCost: 1 }).hash(PASSWORD))).toBe(true);
  });
});

describe('rehash at sign-in', () => {
  it('a PBKDF2 account signs in and its stored hash becomes argon2id, which then verifies and stays', async () => {
    expect(await storedHash('usr-pbkdf2')).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect((await h.browser().login('usr-pbkdf2@example.com')).status).toBe(200);
    const upgraded = await storedHash('usr-pbkdf2');
    expect(upgraded).toMatch(CURRENT);
    expect(await hasher.verify(PASSWORD, upgraded)).toBe(true);
    expect((await h.browser().login('usr-pbkdf2@example.com')).status).toBe(200);
    expect(await storedHash('usr-pbkdf2')).toBe(upgraded);
  });

  it('an argon2id hash of weaker parameters moves to the current ones', async () => {
    expect(await storedHash('usr-weak')).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
    expect((await h.browser().login('usr-weak@example.com')).status).toBe(200);
    expect(await storedHash('usr-weak')).toMatch(CURRENT);
  });

  it('a wrong password never rehashes', async () => {
    const pbkdf2 = await storedHash('usr-pbkdf2');
    const weak = await storedHash('usr-weak');
    expect((await h.browser('203.0.113.1').login('usr-pbkdf2@example.com', 'nope')).status).toBe(401);
    expect((await h.browser('203.0.113.2').login('usr-weak@example.com', 'nope')).status).toBe(401);
    expect(await storedHash('usr-pbkdf2')).toBe(pbkdf2);
    expect(await storedHash('usr-weak')).toBe(weak);
    expect(calls.hash).toEqual([]);
  });
});

describe('work per request', () => {
  it('an unknown email is checked against an argon2id hash of the current parameters, with no PBKDF2', async () => {
    expect((await h.browser('203.0.113.3').login('ghost@example.com', 'nope')).status).toBe(401);
    expect(calls.verify).toHaveLength(1);
    expect(calls.verify[0]).toMatch(CURRENT);
    expect(deriveBits).toBe(0);
  });

  it('an older hash costs at least a current argon2id check: the stored one, then a full one', async () => {
    expect((await h.browser('203.0.113.4').login('usr-weak@example.com', 'nope')).status).toBe(401);
    expect(calls.verify).toHaveLength(2);
    expect(calls.verify[1]).toMatch(CURRENT);
    calls.verify.length = 0;
    expect((await h.browser('203.0.113.5').login('usr-pbkdf2@example.com', 'nope')).status).toBe(401);
    expect(deriveBits).toBe(1);
    expect(calls.verify).toHaveLength(1);
    expect(calls.verify[0]).toMatch(CURRENT);
  });
});
