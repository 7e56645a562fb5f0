/**
 * Keyed and unkeyed digests over Web Crypto, so the same code runs on Node, Bun and workerd.
 * @module
 */
import { toBase64Url, utf8 } from './encoding.js';

export interface Hmac {
  /** HMAC-SHA-256 of `text` under the server secret, base64url (synchronous where the runtime can: `nodeHmac`). */
  sign(text: string): string | Promise<string>;
}

/** Makes the `Hmac` of a secret, once at start: `createHmac` (Web Crypto, the default) or `nodeHmac`. */
export type HmacFactory = (secret: string) => Hmac;

export function checkSecret(secret: string): void {
  if (secret.length < 32) throw new Error('cb-2fa: `secret` must be at least 32 characters of random data');
}

/**
 * Codes are stored only as HMAC-SHA-256 under the server secret: a plain hash of a 10^6 space is
 * reversed in milliseconds, a keyed one is not without the secret (OWASP MFA cheat sheet).
 */
export function createHmac(secret: string): Hmac {
  checkSecret(secret);
  const key = crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return {
    async sign(text) {
      const mac = await crypto.subtle.sign('HMAC', await key, utf8(text));
      return toBase64Url(new Uint8Array(mac));
    },
  };
}

/** Compares two byte strings in time that depends only on their length. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
