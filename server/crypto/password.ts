/**
 * Password hashing for the built-in accounts: PBKDF2-HMAC-SHA-256 through Web Crypto, the one
 * OWASP-listed function that every target runtime has natively (Node, Bun, Deno, workerd). On Node
 * and Bun prefer argon2id, OWASP's first choice: `argon2Hasher()` from `cb-2fa/server/node`.
 * OWASP's Password Storage cheat sheet asks for 600,000 iterations; that is the default.
 * Cloudflare Workers refuse more than 100,000 iterations: on Workers pass `iterations: 100_000`
 * (docs/deploy.md) or plug in a host identity with its own hashing.
 * @module
 */
import { fromBase64Url, toBase64Url, utf8 } from './encoding.js';
import { timingSafeEqual } from './hash.js';
import { webCryptoRandom, type RandomSource } from './random.js';

export const OWASP_PBKDF2_ITERATIONS = 600_000;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * True when `password` matches `stored`. Costs at least what hashing at the current parameters
   * costs, even for a malformed `stored` or one made with weaker parameters: an old account must
   * not answer faster than an unknown email.
   */
  verify(password: string, stored: string): Promise<boolean>;
  /** Burns the same time as `verify`, for unknown emails. */
  burn(password: string): Promise<void>;
  /** True when `stored` was made with other parameters than the current ones: rehash at the next sign-in. */
  needsRehash?(stored: string): boolean;
}

export interface Pbkdf2Options {
  /** @default 600000 */
  iterations?: number;
  random?: RandomSource;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

const capMessage = (stored: number, err: unknown) =>
  `cb-2fa: this runtime refuses PBKDF2 at the ${stored} iterations of a stored password hash ` +
  `(${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}); Cloudflare Workers allow at most 100,000. ` +
  'The sign-in was refused as a wrong password. The user can sign in once on a runtime without the cap (Node, Bun, Deno) ' +
  'whose hasher is pbkdf2Hasher({ iterations: 100_000 }), which rehashes the password, or reset it: docs/deploy.md, "One database, Node and Workers".';

/**
 * Checks a `pbkdf2-sha256$…` hash at its own iteration count, with no padding; null when `stored`
 * is not one. For a hasher that reads old PBKDF2 hashes beside its own (argon2Hasher), which pads
 * the time itself.
 */
export async function verifyPbkdf2Hash(password: string, stored: string): Promise<boolean | null> {
  const [scheme, iter, salt, hash] = stored.split('$');
  const n = Number(iter);
  if (scheme !== 'pbkdf2-sha256' || !Number.isInteger(n) || n < 1 || n > 10_000_000 || !salt || !hash) return null;
  return timingSafeEqual(await derive(password, fromBase64Url(salt), n), fromBase64Url(hash));
}

export function pbkdf2Hasher(options: Pbkdf2Options = {}): PasswordHasher {
  const iterations = options.iterations ?? OWASP_PBKDF2_ITERATIONS;
  const random = options.random ?? webCryptoRandom;
  const dummySalt = new Uint8Array(16);
  return {
    async hash(password) {
      const salt = random.fill(new Uint8Array(16));
      const hash = await derive(password, salt, iterations);
      return `pbkdf2-sha256$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
    },
    async verify(password, stored) {
      const [scheme, iter, salt, hash] = stored.split('$');
      const n = Number(iter);
      if (scheme !== 'pbkdf2-sha256' || !Number.isInteger(n) || n < 1 || !salt || !hash) {
        await derive(password, dummySalt, iterations);
        return false;
      }
      const saltBytes = fromBase64Url(salt);
      let derived: Uint8Array;
      try {
        derived = await derive(password, saltBytes, n);
      } catch (err) {
        // Our own count works (hash() uses it), so a higher stored one hit the runtime's cap:
        // Workers refuse PBKDF2 above 100,000 iterations, and Node hashes at 600,000. A 500 would
        // tell the user nothing; refuse like a wrong password, at the usual cost, and tell the operator.
        if (n <= iterations) throw err;
        console.error(capMessage(n, err));
        await derive(password, dummySalt, iterations);
        return false;
      }
      // Padding a weaker hash up to the current cost, rather than burning a full extra hash, makes
      // every verify and every burn cost the same: the current parameters.
      if (n < iterations) await derive(password, dummySalt, iterations - n);
      return timingSafeEqual(derived, fromBase64Url(hash));
    },
    async burn(password) {
      await derive(password, dummySalt, iterations);
    },
    needsRehash(stored) {
      return !stored.startsWith(`pbkdf2-sha256$${iterations}$`);
    },
  };
}
