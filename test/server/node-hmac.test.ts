/**
 * `nodeHmac` (cb-2fa/server/node) signs synchronously with `node:crypto`; it must give exactly
 * the MACs of the default Web Crypto `createHmac`, or instances of both kinds sharing a database
 * (Node beside Workers) would not find each other's sessions, codes or rate-limit keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHmac } from '../../server/crypto/hash.js';
import { nodeHmac } from '../../server/node/index.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

describe('nodeHmac', () => {
  it('gives the Web Crypto HMAC of every text, synchronously', async () => {
    const web = createHmac(SECRET);
    const node = nodeHmac(SECRET);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        const mac = node.sign(text);
        expect(typeof mac).toBe('string');
        expect(mac).toBe(await web.sign(text));
      }),
      { numRuns: 300 },
    );
    expect(node.sign('session:abc')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('depends on the secret, and refuses a short one as the default does', () => {
    expect(nodeHmac(SECRET).sign('x')).not.toBe(nodeHmac(`${SECRET}2`).sign('x'));
    expect(() => nodeHmac('short')).toThrow(/at least 32 characters/);
    expect(() => createHmac('short')).toThrow(/at least 32 characters/);
  });
});
