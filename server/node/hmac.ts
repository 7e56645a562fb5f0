/**
 * Node and Bun: HMAC-SHA-256 through `node:crypto`, synchronously. Web Crypto's `sign` is a
 * promise that hops to a thread and back for a few bytes; a verify signs three times (the cookie,
 * the code, the new session id), and `createHmac` does each in a few microseconds on the calling
 * thread. Pass `hmac: nodeHmac` to `createTwoFactor`; workerd keeps the default (Web Crypto).
 * The MACs are the same bytes either way, so instances of both kinds share one database.
 * @module
 */
import { createHmac, createSecretKey } from 'node:crypto';
import { checkSecret, type Hmac } from '../crypto/hash.js';

/** An `Hmac` keyed once, at start (the key object is parsed once, never per request). */
export function nodeHmac(secret: string): Hmac {
  checkSecret(secret);
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return {
    sign: (text) => createHmac('sha256', key).update(text, 'utf8').digest('base64url'),
  };
}
