/**
 * Password hashing for the built-in accounts: PBKDF2-HMAC-SHA-256 through Web Crypto, the one
 * OWASP-listed function that every target runtime has natively (Node, Bun, Deno, workerd).
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
  /** True when `password` matches `stored`. Takes the full hashing time even for a malformed `stored`. */
  verify(password: string, stored: string): Promise<boolean>;
  /** Burns the same time as `verify`, for unknown emails and locked accounts. */
  burn(password: string): Promise<void>;
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
      return timingSafeEqual(await derive(password, fromBase64Url(salt), n), fromBase64Url(hash));
    },
    async burn(password) {
      await derive(password, dummySalt, iterations);
    },
  };
}
